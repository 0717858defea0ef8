"""The ``medlint`` command: parse arguments, run the engine, print, and choose the exit code.

Exit codes: 0 no error-severity finding, 1 at least one, 2 a usage, configuration or internal
error (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from medlint import __version__
from medlint.formats import NAMES as FORMATS

if TYPE_CHECKING:
    from medlint.engine import LintResult
    from medlint.files import FileNamer
    from medlint.session import Session

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
REPORT_URL = "https://github.com/medlint/medlint/issues"


NO_CACHE_HELP = "rebuild the site index instead of reading the cache"
TRUST_HELP = (
    "let the site's own code run to learn its URLs (MkDocs with its plugins and hooks, the site's "
    "installed Eleventy or Astro); "
    "only for a repository you trust: by default settings are read as data"
)


class UsageError(Exception):
    """Bad arguments, paths or configuration: exit 2 with the message."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="medlint", description="Check Markdown drafts before they are cross-posted to Medium.")
    parser.add_argument("--version", action="version", version=f"medlint {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    check = commands.add_parser(
        "check",
        help="check drafts (files or folders)",
        description="Check Markdown drafts. With no PATH, check the configured drafts folder.",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (*.md, *.markdown, *.mdx)")
    check.add_argument("--site", metavar="DIR", help="the existing site: an MkDocs project folder or a folder of pages")
    check.add_argument("--site-url", metavar="URL", help="the site's public address (when no mkdocs.yml gives it)")
    check.add_argument(
        "--config", metavar="FILE", help=".medlint.yml, pyproject.toml or mkdocs.yml to read settings from"
    )
    check.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="output format (default: text; github inside GitHub Actions)",
    )
    check.add_argument("--select", metavar="CODES", help="comma-separated codes, prefixes (ML1) or names to run")
    check.add_argument("--ignore", metavar="CODES", help="comma-separated codes, prefixes or names to skip")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are error findings")
    check.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    check.add_argument(
        "--follow-outside",
        action="store_true",
        help="follow symbolic links and configured folders that lead outside the project",
    )
    check.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    check.add_argument("--trust-site", action="store_true", help=TRUST_HELP)
    check.add_argument(
        "--target",
        action="append",
        metavar="PLATFORM",
        help="a platform the drafts go to: medium (default), devto, hashnode; repeat it or separate "
        "names by commas (the config's targets, and a draft's own front matter targets)",
    )
    check.add_argument("--fix", action="store_true", help="apply the safe fixes to the drafts (only the fixed spans)")
    check.add_argument("--unsafe-fixes", action="store_true", help="with --fix or --diff, apply the unsafe fixes too")
    check.add_argument(
        "--diff", action="store_true", help="print the fixes as a unified diff (patch -p0) and write nothing"
    )
    preview = commands.add_parser(
        "preview",
        help="write an HTML page with the draft as Medium will get it, and its findings",
        description="Write one self-contained HTML page: the story as Medium gets it (with a button that "
        "copies it for Medium's editor), every finding beside its paragraph, and the passages a duplicate "
        "repeats side by side. Prints the page's path.",
    )
    preview.add_argument("draft", metavar="DRAFT", help="the draft (a Markdown file)")
    _site_arguments(preview, cache=True)
    preview.add_argument("-o", "--output", metavar="FILE", help="where to write the page (default: the cache folder)")
    anchors = commands.add_parser(
        "anchors",
        help="show the anchor profile: every link home across the drafts and cross-posted posts",
        description="For every page of the site that the drafts and the posts already cross-posted "
        "(front matter cross_posted: or medium_url:) link to: the links, each exact text with its count, "
        "share and kind (exact title, partial match, branded, naked URL, generic, other).",
    )
    anchors.add_argument("paths", nargs="*", metavar="PATH", help="drafts: files or folders (default: the drafts)")
    _site_arguments(anchors, cache=True)
    anchors.add_argument("--format", choices=("text", "json", "html"), default="text", help="output format")
    anchors.add_argument("-o", "--output", metavar="FILE", help="write the report here instead of standard output")
    export = commands.add_parser(
        "export",
        help="write the draft as a platform takes it (front matter mapped, links absolute)",
        description="Write the draft as the platform takes it: for dev.to and Hashnode, Markdown with the "
        "platform's front matter (title, tags within its limit, the canonical link to the published page) "
        "and links and images made absolute; for Medium, the preview page.",
    )
    export.add_argument("draft", metavar="DRAFT", help="the draft (a Markdown file)")
    export.add_argument("--target", required=True, metavar="PLATFORM", help="medium, devto or hashnode")
    _site_arguments(export)
    export.add_argument("-o", "--output", metavar="FILE", help="write it here instead of standard output")
    built = commands.add_parser(
        "import-check",
        help="check the built HTML pages: will Medium's Import take them (ML6xx)",
        description="Check the pages of the site's build output as Medium's \"Import a story\" takes them: "
        "Open Graph tags, the canonical link, the article element and the chrome inside it, images and "
        "embeds. PATH: a build output folder (site/, public/, _site/, dist/, build/), HTML files in one, "
        "or drafts whose built pages to check. With no PATH, the site's build folder.",
    )
    built.add_argument("paths", nargs="*", metavar="PATH", help="build folders, HTML files, or drafts")
    _site_arguments(built)
    built.add_argument("--format", choices=FORMATS, default=None, help="output format (as for check)")
    built.add_argument("--select", metavar="CODES", help="comma-separated codes, prefixes or names to run")
    built.add_argument("--ignore", metavar="CODES", help="comma-separated codes, prefixes or names to skip")
    built.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are error findings")
    built.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    commands.add_parser(
        "server",
        help="run the language server on standard input and output",
        description="A Language Server Protocol server on stdio: the findings of `check` for the editor's "
        "unsaved text as diagnostics, fixes as quick fixes, rule documentation on hover.",
    )
    rules = commands.add_parser("rules", help="explain every rule, or one", description="Explain the rules.")
    rules.add_argument(
        "code", nargs="?", metavar="CODE", help="a rule code or name, such as ML101 or generic-anchor-text"
    )
    return parser


def _site_arguments(parser: argparse.ArgumentParser, cache: bool = False) -> None:
    """``--site``, ``--site-url``, ``--config`` and ``--trust-site``, as every command but
    ``check`` takes them, and ``--no-cache`` for those that read the site index (``cache``)."""
    parser.add_argument("--site", metavar="DIR", help="the existing site (as for check)")
    parser.add_argument("--site-url", metavar="URL", help="the site's public address")
    parser.add_argument("--config", metavar="FILE", help=".medlint.yml, pyproject.toml or mkdocs.yml")
    if cache:
        parser.add_argument("--no-cache", action="store_true", help=NO_CACHE_HELP)
    parser.add_argument("--trust-site", action="store_true", help=TRUST_HELP)


def run() -> NoReturn:
    """The ``medlint`` command: :func:`main`, then out of the process at once. What a check made
    is left for the system to take back, not freed object by object as the interpreter shuts
    down (a one-draft check against 10,000 pages spent 12 ms of its 0.22 s so; Instagram's
    ``os._exit`` at exit). Output is flushed first; nothing else is pending then (files are
    closed and process pools joined where they were used)."""
    code = main()
    with contextlib.suppress(OSError, ValueError):  # a closed or broken output: main said so
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    previous = _exit_on_terminate()
    try:
        return _run(build_parser(), list(sys.argv[1:] if argv is None else argv))
    except UsageError as exc:
        _say(f"error: {exc}")
        return EXIT_ERROR
    except SystemExit as exc:  # argparse after --help or --version; SIGTERM
        return exc.code if isinstance(exc.code, int) else EXIT_CLEAN
    except KeyboardInterrupt:
        print("medlint: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_CLEAN
    except Exception as exc:  # the promise: no traceback reaches a user
        if os.environ.get("MEDLINT_DEBUG"):
            raise
        _say(
            f"internal error: {type(exc).__name__}: {exc}. Please report it at {REPORT_URL} "
            "with the command you ran (MEDLINT_DEBUG=1 shows the traceback)."
        )
        return EXIT_ERROR
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _exit_on_terminate() -> Any:
    """Make SIGTERM (``kill``, a CI timeout) end the run as Ctrl-C does, through ``finally`` blocks,
    so nothing half-written is left behind; the previous handler, to put back."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, _terminated)


def _terminated(signum: int, frame: Any) -> NoReturn:
    raise SystemExit(128 + signum)


@contextlib.contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """A check makes many objects that live until it ends and next to no cycles: the same few
    hundred objects (the argument parser's), whether it checks 2 drafts or 40 (a test holds it).
    The cyclic collector's passes over everything else were 5-10 ms of a one-draft run against
    10,000 pages, so it is off for the check, as for a short-lived batch program."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(parser: argparse.ArgumentParser, argv: list[str]) -> int:
    args = parser.parse_args(argv)
    if args.command == "rules":
        return _rules(args.code)
    if args.command == "check":
        with _without_cycle_collection():
            return _check(args)
    if args.command == "preview":
        return _preview(args)
    if args.command == "anchors":
        return _anchors(args)
    if args.command == "import-check":
        return _import_check(args)
    if args.command == "export":
        return _export(args)
    if args.command == "server":
        from medlint.server import serve

        serve()
        return EXIT_CLEAN
    parser.print_help()
    return EXIT_ERROR


def _check(args: argparse.Namespace) -> int:
    from medlint.config import ConfigError
    from medlint.files import FileNamer, PathError
    from medlint.findings import Severity
    from medlint.formats import Summary, render
    from medlint.session import Session
    from medlint.site import SiteError

    notices = _Notices(args.quiet)
    cwd = Path.cwd()
    try:
        config, boundary = _settings(args, cwd)
        session = Session.open(
            config,
            boundary,
            select=_list(args.select),
            ignore=_list(args.ignore),
            use_cache=config.cache and not args.no_cache,
            trust_site=args.trust_site,
            notify=notices,
        )
        paths = args.paths or session.default_paths(cwd)
        if not paths:
            raise UsageError(
                "nothing to check: give files or folders, set `drafts` in .medlint.yml, "
                "or mark unpublished pages draft: true"
            )
        targets = session.targets(paths)
    except (ConfigError, SiteError, PathError) as exc:
        raise UsageError(str(exc)) from None
    blind = [rule.code for rule in session.rules if rule.needs_site]
    if not session.has_pages and blind:
        notices(
            "no site to compare the drafts with (no mkdocs.yml here or in the configuration's folder): "
            f"{', '.join(blind)} are not checked; give --site DIR"
        )
    namer = FileNamer(targets)
    try:
        result = session.lint_targets(targets, namer)
        if args.diff:
            return _diff(session, result, namer, args.unsafe_fixes)
        fixed = 0
        findings = result.findings
        if args.fix:
            outcome = session.fix(result, namer, unsafe=args.unsafe_fixes, write=True)
            _say_left_alone(outcome.left_alone, namer)
            fixed = outcome.fixed
            if fixed:
                findings = session.lint_targets(targets, namer).findings
            findings = sorted([*findings, *outcome.refused], key=lambda f: (namer(f.path), f.line, f.column))
    except SiteError as exc:  # the site's pages are walked when first needed
        raise UsageError(str(exc)) from None
    name = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    color = name == "text" and _color_wanted()
    summary = Summary(len(targets), session.rules, color, args.quiet, fixed=fixed, unsafe_fixes=args.unsafe_fixes)
    sys.stdout.write(render(name, findings, summary, namer))
    sys.stdout.flush()
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(finding.severity is Severity.ERROR for finding in findings) else EXIT_CLEAN


def _diff(session: Session, result: LintResult, namer: FileNamer, unsafe: bool) -> int:
    """``--diff``: the fixes as one unified diff on stdout; exit 1 when there is something to fix."""
    outcome = session.fix(result, namer, unsafe=unsafe, write=False)
    diff = outcome.diff
    if sys.stdout.isatty():  # exact bytes for patch; on a terminal, no control character from a file
        from medlint.formats import printable

        diff = "".join(printable(line.rstrip("\n")) + "\n" for line in diff.splitlines(keepends=True))
    sys.stdout.write(diff)
    sys.stdout.flush()
    for refused in outcome.refused:
        _say(f"{namer(refused.path)}: {refused.text}")
    _say_left_alone(outcome.left_alone, namer)
    files = outcome.files
    _say(
        f"would fix {outcome.fixed} problem{'s' if outcome.fixed != 1 else ''} in {files} file{'s' if files != 1 else ''}"
    )
    return EXIT_FINDINGS if outcome.fixed else EXIT_CLEAN


def _say_left_alone(paths: list[str], namer: FileNamer) -> None:
    """Which sources of the site fixing left alone, and why."""
    if paths:
        names = ", ".join(namer(path) for path in paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
        _say(
            f"left {len(paths)} file{'s' if len(paths) > 1 else ''} of the site as {'they are' if len(paths) > 1 else 'it is'} "
            f"({names}): relative links are right on the site; `medlint preview` gives the story with published URLs"
        )


def _settings(args: argparse.Namespace, cwd: Path) -> tuple[Any, Any]:
    """The run's configuration with the command line's flags on top, and the project boundary
    (widened by a ``--site`` the user names). Raises ``ConfigError``."""
    from medlint.config import load_config, site_url_option

    config = load_config(cwd, Path(args.config) if args.config else None, getattr(args, "follow_outside", False))
    config.check_inside()
    boundary = config.boundary
    if args.site_url:
        config.site_url = site_url_option(args.site_url)
    if args.site:
        config.site = Path(args.site)
        boundary = boundary.widened(args.site)  # a folder the user names is read where it is
    if getattr(args, "target", None):
        config.targets = _targets(args.target)
    return config, boundary


def _targets(given: list[str]) -> tuple[str, ...]:
    """``--target`` values (repeated, or comma-separated) as platform names."""
    from medlint.targets import NAMES

    names = [name for value in given for name in _list(value)]
    unknown = [name for name in names if name not in NAMES]
    if unknown or not names:
        raise UsageError(f"--target must be one of {', '.join(NAMES)}, not {', '.join(unknown) or repr(given)}")
    return tuple(dict.fromkeys(names))


def _preview(args: argparse.Namespace) -> int:
    """``medlint preview``: the same check as ``check`` on one draft, written as an HTML page."""
    from medlint.config import ConfigError
    from medlint.files import PathError
    from medlint.session import Session
    from medlint.site import SiteError
    from medlint.story import PreviewError

    cwd = Path.cwd()
    try:
        config, boundary = _settings(args, cwd)
        if not os.path.isfile(args.draft):
            raise UsageError(f"not a file: {args.draft}")
        caching = config.cache and not args.no_cache
        session = Session.open(config, boundary, use_cache=caching, trust_site=args.trust_site, notify=_Notices())
        page, _ = session.preview(args.draft)
    except (ConfigError, SiteError, PathError) as exc:
        raise UsageError(str(exc)) from None
    except PreviewError as exc:
        raise UsageError(f"cannot preview {args.draft}: {exc}") from None
    output = Path(args.output) if args.output else _preview_path(Path(args.draft))
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write {output}: {exc.strerror or exc}") from None
    from medlint.formats import printable

    print(printable(str(output)))
    return EXIT_CLEAN


def _anchors(args: argparse.Namespace) -> int:
    """``medlint anchors``: the cross-post anchor profile, as text, JSON or an HTML page."""
    from medlint import anchor_report
    from medlint.config import ConfigError
    from medlint.files import FileNamer, PathError
    from medlint.formats import printable
    from medlint.session import Session
    from medlint.site import SiteError

    cwd = Path.cwd()
    try:
        config, boundary = _settings(args, cwd)
        caching = config.cache and not args.no_cache
        session = Session.open(config, boundary, use_cache=caching, trust_site=args.trust_site, notify=_Notices())
        profile = session.anchors(args.paths or session.default_paths(cwd))
    except (ConfigError, SiteError, PathError) as exc:
        raise UsageError(str(exc)) from None
    name = FileNamer([], cwd)
    limits = anchor_report.Limits(*session.anchor_limits())
    if args.format == "json":
        report = anchor_report.as_json(profile, name, limits)
    elif args.format == "html":
        report = anchor_report.as_html(profile, name, limits)
    else:
        report = anchor_report.as_text(profile, name, limits, printable)
    if args.output:
        try:
            Path(args.output).write_text(report + "\n", encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(printable(args.output))
    else:
        print(report)
    return EXIT_CLEAN


def _export(args: argparse.Namespace) -> int:
    """``medlint export``: the draft as one platform takes it, on standard output or in a file."""
    from medlint.config import ConfigError
    from medlint.files import PathError
    from medlint.formats import printable
    from medlint.session import Session
    from medlint.site import SiteError
    from medlint.story import PreviewError

    target = _targets([args.target])
    if len(target) != 1:
        raise UsageError("export takes one --target")
    args.target = None  # the platform is the export's, not the check's
    cwd = Path.cwd()
    try:
        config, boundary = _settings(args, cwd)
        if not os.path.isfile(args.draft):
            raise UsageError(f"not a file: {args.draft}")
        session = Session.open(config, boundary, trust_site=args.trust_site, notify=_Notices())
        text, left = session.export(args.draft, target[0])
    except (ConfigError, SiteError, PathError) as exc:
        raise UsageError(str(exc)) from None
    except PreviewError as exc:
        raise UsageError(f"cannot export {args.draft}: {exc}") from None
    for link in left:
        _say(f"left {link} relative: no safe rewrite to a published URL (medlint check says why)")
    if target[0] != "medium" and "canonical" not in text.split("\n---\n", 1)[0]:
        _say("no canonical link: the draft's published URL is not known yet; set canonical_url in its front matter")
    if args.output:
        try:
            Path(args.output).write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        print(printable(args.output))
    else:
        sys.stdout.write(text)
    return EXIT_CLEAN


def _import_check(args: argparse.Namespace) -> int:
    """``medlint import-check``: the built-page rules on the site's build output, printed as
    ``check`` prints its findings, with its exit codes."""
    from medlint.config import ConfigError
    from medlint.files import FileNamer, PathError
    from medlint.findings import Severity
    from medlint.formats import Summary, render
    from medlint.session import Session
    from medlint.site import SiteError

    notices = _Notices(args.quiet)
    cwd = Path.cwd()
    try:
        config, boundary = _settings(args, cwd)
        session = Session.open(
            config,
            boundary,
            select=_list(args.select),
            ignore=_list(args.ignore),
            trust_site=args.trust_site,
            notify=notices,
            built_pages=True,
        )
        findings, checked = session.import_check(args.paths)
    except (ConfigError, SiteError, PathError) as exc:
        raise UsageError(str(exc)) from None
    if not session.has_pages:
        notices(
            "no site known (no mkdocs.yml or other settings here): pages are not mapped to their URLs, every page is checked"
        )
    name = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    color = name == "text" and _color_wanted()
    summary = Summary(checked, session.rules, color, args.quiet)
    sys.stdout.write(render(name, findings, summary, FileNamer([], cwd)))
    sys.stdout.flush()
    if args.exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if any(finding.severity is Severity.ERROR for finding in findings) else EXIT_CLEAN


def _preview_path(draft: Path) -> Path:
    """Where a preview goes without ``-o``: the user's cache folder (else the system's temporary
    one), at the draft's path from the current folder (its absolute path when it is outside)."""
    import tempfile

    from medlint.cache import cache_dir
    from medlint.preview import preview_name

    folder = cache_dir() or Path(tempfile.gettempdir()) / "medlint"
    absolute, cwd = Path(os.path.abspath(draft)), Path.cwd()
    relative = os.path.relpath(absolute, cwd) if absolute.is_relative_to(cwd) else None
    name = relative or "/".join(absolute.parts[1:])
    return folder / "previews" / preview_name(name.replace(os.sep, "/"))


def _rules(code: str | None) -> int:
    from medlint.rules import RULES, lookup

    if code is None:
        width = max(len(rule.name) for rule in RULES.values())
        for rule in RULES.values():
            print(f"{rule.code}  {rule.name:<{width}}  {rule.severity.value:<7}  {rule.summary}")
        return EXIT_CLEAN
    found = lookup(code)
    if found is None:
        raise UsageError(f"unknown rule '{code}' (run `medlint rules` for the list)")
    print(f"{found.code} {found.name} (default severity: {found.severity.value})\n")
    print(found.doc)
    options = found.option_docs()
    if options:
        print("\nOptions:")
        for item in options:
            print(f"  {item.name} (default {item.default!r}): {item.doc}")
    return EXIT_CLEAN


def _say(message: str) -> None:
    from medlint.formats import printable

    print(f"medlint: {printable(message)}", file=sys.stderr)


class _Notices:
    """The core's notices (a skipped page, no cache) as ``medlint: ...`` lines on stderr, each
    once; none with ``--quiet``."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.said: set[str] = set()

    def __call__(self, message: str) -> None:
        if not self.quiet and message not in self.said:
            self.said.add(message)
            _say(message)


def _list(value: str | None) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()] if value else []


def _color_wanted() -> bool:
    if os.environ.get("NO_COLOR"):
        return False
    return bool(os.environ.get("FORCE_COLOR")) or sys.stdout.isatty()


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass
