"""Shared helpers: run the CLI in-process (or, where the process itself matters, as a subprocess),
check rules on text in-process, and find ../shared when it is there."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, NoReturn

import pytest

from medlint import cli
from medlint.config import parse_config
from medlint.files import FileNamer, Target
from medlint.findings import Finding
from medlint.formats import present
from medlint.session import Session

# The suite starts many Python processes (the CLI, MkDocs, pre-commit, the language server): let them
# keep compiled modules, which an environment's PYTHONDONTWRITEBYTECODE would make each compile anew.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parent.parent
PROSE = " ".join(
    f"Sentence {n} explains how the index on column {n % 7} is skipped when the planner guesses wrong."
    for n in range(30)
)
"""Thirty sentences of a site post: enough prose for a copy of it to be a duplicate (ML301)."""
sys.path.insert(0, str(ROOT / "benchmarks"))  # what tests share with the benchmarks: the LSP client, the evaluations
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or a clean skip saying why (a failure under ``CI=true``, where
    ../shared is always beside the checkout)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        missing(f"{path} is absent: ../shared is only beside a checkout in CI and development")
    return path


IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
"""Under ``CI=true`` a test that skips for lack of a real tool fails: CI exists to run it."""

_TOOLS: dict[str, str] = {}
"""The real tools this process's tests used, with their versions (the run's summary line)."""


def missing(what: str) -> NoReturn:
    """The test cannot run because ``what`` is missing: a skip, or a failure under ``CI=true``."""
    if IN_CI:
        pytest.fail(f"CI=true and {what}: a real-tool test must run in CI", pytrace=False)
    pytest.skip(what)


def record_tool(name: str, version: str) -> None:
    """Note that a test used the real ``name`` at ``version``, for the summary line of the run."""
    _TOOLS[name] = version


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's headless Chromium, driven by Playwright (which downloads no browser): a browser to
    open pages in; :func:`missing` when either is not installed or Chromium cannot start here."""
    executable = require_tool("chromium", "Debian package chromium; .ci/run installs it")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        missing("playwright is not installed (pip install -e '.[test]')")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=executable,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage"],
            )
            try:
                yield browser
            finally:
                browser.close()
    except Error as exc:
        if "Executable doesn't exist" in str(exc) or "Failed to launch" in str(exc):
            missing(f"chromium cannot start here: {exc}")
        raise


#: titles that every generator's slug and permalink rules are proven on against its real build:
#: punctuation (a ``?`` that must not become a query string), other letters, an emoji, spaces
TRICKY_TITLES = [
    "Why? A question", "Café au lait", "Rocket 🚀 launch", "  Spaced title  ", "C++ & Rust: (a story)", "100% sure #1"
]  # fmt: skip


def require_tool(command: str, hint: str, version_args: tuple[str, ...] = ("--version",)) -> str:
    """The path of ``command`` (``hint`` says how to install it), its version noted; else
    :func:`missing`."""
    path = shutil.which(command)
    if path is None:
        missing(f"{command} is not installed ({hint})")
    if command not in _TOOLS:
        done = subprocess.run([path, *version_args], capture_output=True, text=True, timeout=60)
        text = (done.stdout or done.stderr).strip().splitlines()
        record_tool(command, text[0][:80] if text else "unknown version")
    return path


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "machine_dependent: a skip that comes from the machine (running as root), not from a missing tool;"
        " allowed under CI=true",
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """Under ``CI=true`` any skip but a :func:`machine_dependent <pytest_configure>` one is a failure."""
    outcome = yield
    report = outcome.get_result()
    allowed = item.get_closest_marker("machine_dependent") is not None
    if IN_CI and report.skipped and not hasattr(report, "wasxfail") and not allowed:
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"CI=true and this test skipped, which proves nothing: {reason}"


def pytest_sessionfinish(session: pytest.Session) -> None:
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:  # a pytest-xdist worker: send the tools to the controller
        workeroutput["medlint_tools"] = json.dumps(_TOOLS)


def pytest_testnodedown(node: Any, error: Any) -> None:
    _TOOLS.update(json.loads(getattr(node, "workeroutput", {}).get("medlint_tools", "{}")))


def pytest_terminal_summary(terminalreporter: Any) -> None:
    used = ", ".join(f"{name} {version}" for name, version in sorted(_TOOLS.items()))
    terminalreporter.write_line(f"real tools used: {used or 'none'}")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def findings(self) -> list[dict[str, Any]]:
        return json.loads(self.out)

    def codes(self) -> set[str]:
        return {finding["code"] for finding in self.findings}

    def at(self, code: str) -> list[int]:
        return sorted(finding["line"] for finding in self.findings if finding["code"] == code)


def _environment(cwd: Path | None, env: dict[str, str] | None) -> dict[str, str]:
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.setdefault("MEDLINT_CACHE_DIR", str(Path(cwd or ROOT) / ".medlint-test-cache"))
    environment.pop("GITHUB_ACTIONS", None)
    return environment


def medlint(*args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run ``medlint ARGS`` in this process, through the CLI's own ``main``, in folder ``cwd``,
    with ``env`` added to the environment and a private cache folder: the same parsing, engine,
    output and exit code as the command, without the start-up of a new interpreter."""
    environment = _environment(cwd, env)
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    out, err = io.StringIO(), io.StringIO()
    try:
        os.environ.clear()
        os.environ.update(environment)
        os.chdir(cwd or ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main([str(arg) for arg in args])
    finally:
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
    return Run(code, out.getvalue(), err.getvalue())


def medlint_process(
    *args: str | os.PathLike[str], cwd: Path | None = None, env: dict[str, str] | None = None, timeout: float = 300
) -> Run:
    """Run ``python -m medlint`` as a separate process, exactly as a user would: for what only a
    process shows (exit codes seen by a shell, a traceback that must not appear, a hang)."""
    environment = _environment(cwd, env)
    done = subprocess.run(
        [sys.executable, "-m", "medlint", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a file under the test's temporary folder and return its path."""

    def writer(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return writer


def lint_files(
    files: list[Path], select: str, settings: dict[str, Any] | None = None, site_url: str | None = None
) -> list[Finding]:
    """The rules ``select`` names, run in-process over ``files`` by a session (yamllint's
    ``RuleTestCase`` in spirit): ``settings`` are ``.medlint.yml`` keys, validated as there."""
    root = files[0].parent if files else ROOT
    config = parse_config(settings or {}, root, "test settings")
    config.site_url = site_url or config.site_url
    session = Session.open(config, select=[part for part in select.split(",") if part], use_cache=False)
    session.root = root
    targets = [Target(str(file)) for file in files]
    namer = FileNamer(targets, root)
    return present(session.lint_targets(targets, namer).findings, namer)


def hugo_layouts(folder: Path, template: str = "{{ .Content }}") -> None:
    """The smallest theme a Hugo site builds pages with: ``template`` for every page and list."""
    (folder / "layouts" / "_default").mkdir(parents=True)
    for kind in ("single", "list"):
        (folder / "layouts" / "_default" / f"{kind}.html").write_text(template)


def build_hugo(folder: Path) -> Path:
    """Run the real ``hugo`` on the site in ``folder``; the folder it wrote (see :func:`kept_build`)."""
    require_tool("hugo", "Debian package hugo", ("version",))
    return kept_build(folder, "public", _TOOLS["hugo"], partial(_build, folder, ["hugo", "--quiet", "-d", "public"]))


def build_jekyll(folder: Path) -> Path:
    """Run the real ``jekyll build`` (production, no cache left behind) on ``folder``; the folder it
    wrote (see :func:`kept_build`)."""
    require_tool("jekyll", "Debian package jekyll")
    command = ["jekyll", "build", "--quiet", "-d", "_site", "--disable-disk-cache"]
    env = {"JEKYLL_ENV": "production", "HOME": str(folder)}  # HOME: no gems or settings of the user's
    return kept_build(folder, "_site", f"{_TOOLS['jekyll']} production", partial(_build, folder, command, env))


def build_mkdocs(folder: Path, *packages: str) -> Path:
    """Run the real ``mkdocs build`` (in this process) on the site in ``folder``, whose settings use
    ``packages`` besides MkDocs (``mkdocs-material``, its plugins); the folder it wrote (see
    :func:`kept_build`, which keeps it under every package's version)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        recipe = "mkdocs " + " ".join(f"{package} {version(package)}" for package in ("mkdocs", *packages))
    except PackageNotFoundError as exc:
        missing(f"{exc.name} is not installed (pip install -e '.[test]')")
    return kept_build(folder, "site", recipe, partial(_mkdocs_build, folder))


def _mkdocs_build(folder: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(folder / "mkdocs.yml"), site_dir=str(folder / "site")))


def _build(folder: Path, command: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(command, cwd=folder, capture_output=True, text=True, env={**os.environ, **(env or {})})
    assert done.returncode == 0, done.stderr


def source_digest(folder: Path, recipe: str, leave_out: tuple[str, ...] = ()) -> str:
    """A digest of ``recipe`` (how a site is built) and of the name and bytes of every file under
    ``folder`` but those under the top-level entries ``leave_out``: what a kept build is kept under."""
    digest = hashlib.sha256(recipe.encode() + b"\0")
    for file in sorted(path for path in folder.rglob("*") if path.is_file()):
        name = file.relative_to(folder).as_posix()
        if name.split("/", 1)[0] not in leave_out:
            digest.update(name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def kept_build(folder: Path, output: str, recipe: str, build: Callable[[], None]) -> Path:
    """What ``build`` writes into ``folder / output`` from the site in ``folder``, kept in
    ``.medlint-test-cache/builds`` under a digest of the ``recipe`` (the generator, its version and
    how it is run) and of every file of the site, so that a run of the suite builds the same site
    again only when one of them changed (``MEDLINT_TEST_REBUILD=1`` always builds). A Jekyll
    build took 0.4-0.6 s, an MkDocs build with Material's blog about 0.5 s; a restore, 10 ms."""
    import tarfile

    digest = source_digest(folder, recipe, leave_out=(output, ".medlint-test-cache"))
    kept = ROOT / ".medlint-test-cache" / "builds" / f"{recipe.split()[0]}-{digest}.tar"
    if kept.is_file() and not os.environ.get("MEDLINT_TEST_REBUILD"):
        with tarfile.open(kept) as archive:
            if hasattr(tarfile, "data_filter"):  # Python 3.10.12 and later
                archive.extractall(folder, filter="data")
            else:
                archive.extractall(folder)
        return folder / output
    build()
    kept.parent.mkdir(parents=True, exist_ok=True)
    written = kept.with_name(f"{kept.name}.{os.getpid()}")
    with tarfile.open(written, "w") as archive:
        archive.add(folder / output, arcname=output)
    written.replace(kept)  # whole, so a parallel run never reads half
    return folder / output


NODE = Path(os.environ.get("MEDLINT_TEST_NODE", ROOT / "tests" / "node"))
"""The Node generators from the npm registry: one folder each (``hexo``, ``astro``, ``eleventy``,
``docusaurus``) with its own ``package.json`` and lock file, kept in the repository, so that
``npm ci`` there (``.ci/run`` does it) installs the same versions every time."""


@dataclass(frozen=True)
class NodeGenerator:
    """A static site generator from npm: its folder under :data:`NODE`, its package, the script
    that builds a site (from its ``node_modules``) and the folder it writes."""

    folder: str
    package: str
    command: tuple[str, ...]
    output: str

    @property
    def modules(self) -> Path:
        return NODE / self.folder / "node_modules"

    def require(self) -> None:
        """Skip (fail under ``CI=true``) unless it is installed; note its version for the run's summary."""
        if shutil.which("node") is None:
            missing("node is not installed (Debian package nodejs)")
        if not (self.modules / self.command[0]).is_file():
            missing(f"{self.package} is not installed in {NODE / self.folder} (npm ci there; .ci/run does it)")
        record_tool(self.package, self.version())

    def version(self) -> str:
        return json.loads((self.modules / self.package / "package.json").read_text())["version"]


def run_node_build(generator: NodeGenerator, site: Path, env: dict[str, str] | None = None) -> Path:
    """Build ``site`` in place with the real generator (its packages linked into the site's own
    ``node_modules``, so build caches stay with the site); the folder it wrote."""
    generator.require()
    (site / "node_modules").mkdir(exist_ok=True)
    for package in generator.modules.iterdir():
        if not package.name.startswith(".") and not (site / "node_modules" / package.name).exists():
            (site / "node_modules" / package.name).symlink_to(package, target_is_directory=package.is_dir())
    command = ["node", str(generator.modules / generator.command[0]), *generator.command[1:]]
    done = subprocess.run(
        command, cwd=site, capture_output=True, text=True, timeout=600,
        env={**os.environ, "NODE_ENV": "production", **(env or {})},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return site / generator.output


def built_pages(generator: NodeGenerator, site: Path, env: dict[str, str] | None = None) -> set[str]:
    """The URL path of every HTML page the real generator writes from ``site`` (``x/`` for
    ``x/index.html``); see :func:`built_output`."""
    return built_output(generator, site, env)[0]


def built_output(
    generator: NodeGenerator, site: Path, env: dict[str, str] | None = None, within: str = ""
) -> tuple[set[str], set[str]]:
    """What the real generator writes from ``site`` (from its folder ``within``, for a site whose
    settings name folders beside it), built in a copy of it: the URL path of every
    HTML page (``x/`` for ``x/index.html``) and the path of every other file. A build takes
    seconds (Docusaurus about 20), so its lists are kept in ``.medlint-test-cache/builds`` under a
    digest of every file of the site and the generator's version: any change to either builds
    again (``MEDLINT_TEST_REBUILD=1`` always does)."""
    generator.require()
    digest = source_digest(site, f"{generator.package}@{generator.version()}\0{within}")
    kept = (
        ROOT
        / ".medlint-test-cache"
        / "builds"
        / f"{generator.package.lstrip('@').replace('/', '-')}-{digest}.output.json"
    )
    known = kept_lists(kept)
    if known is not None:
        return known
    with tempfile.TemporaryDirectory() as folder:
        shutil.copytree(site, Path(folder) / "site")
        copy = Path(folder) / "site" / within
        run_node_build(generator, copy, env)
        return keep_lists(kept, *output_lists(copy / generator.output))


def output_lists(output: Path, prefix: str = "") -> tuple[list[str], list[str]]:
    """What a build wrote into ``output``: the URL path of each HTML page (``x/`` for
    ``x/index.html``) and the path of each other file, each after ``prefix``."""
    written = sorted(prefix + path.relative_to(output).as_posix() for path in output.rglob("*") if path.is_file())
    pages = [path for path in written if path.endswith(".html")]
    urls = [page[: -len("index.html")] if page.rpartition("/")[2] == "index.html" else page for page in pages]
    return urls, [path for path in written if not path.endswith(".html")]


def kept_lists(kept: Path) -> tuple[set[str], set[str]] | None:
    """The pages and files a build wrote, as :func:`keep_lists` kept them (``None``: not kept, or
    ``MEDLINT_TEST_REBUILD`` asks for a new build)."""
    if not kept.is_file() or os.environ.get("MEDLINT_TEST_REBUILD"):
        return None
    pages, files = json.loads(kept.read_text())
    return set(pages), set(files)


def keep_lists(kept: Path, pages: list[str], files: list[str]) -> tuple[set[str], set[str]]:
    """Keep a build's lists in ``kept`` (written whole, so a parallel run never reads half)."""
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_name(f"{kept.name}.{os.getpid()}")
    partial.write_text(json.dumps([pages, files]))
    partial.replace(kept)
    return set(pages), set(files)
