"""MkDocs, ProperDocs and Zensical sites.

For MkDocs and ProperDocs, MkDocs itself is asked for the URLs: its configuration is loaded with
every plugin, and the build runs as far as the navigation (``on_config``, ``on_pre_build``,
``on_files``, ``on_nav``), without rendering a page. A page's URL is then what it is after every
plugin has moved files (Material's blog plugin: dated post URLs, slugs, category and archive
pages; pages it holds back as drafts are not published). ``mkdocs-redirects``' ``redirect_maps``
become aliases of their target page. The result is cached beside the page index, keyed by the
settings files and the size and time of every file in ``docs_dir``. When the plugins cannot be
loaded, page URLs follow MkDocs' path rules, with one notice naming the problem.

Zensical reads ``mkdocs.yml`` or ``zensical.toml`` and skips plugins it does not know, so its
site is read from its settings with MkDocs' path rules (the MkDocs plugin front end does not run
under Zensical; the CLI and pre-commit do).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from medlint import language
from medlint.document.dialect import Dialect
from medlint.files import Boundary, read_regular, walk_markdown
from medlint.generators.common import declares_draft, front_matter_of, inside, settings_of
from medlint.loaders import MAX_SETTINGS_SIZE
from medlint.site import Page, Site, SiteError

_log = logging.getLogger("medlint")


def load_mkdocs_yml(path: Path, boundary: Boundary | None = None, _depth: int = 0) -> dict[str, Any]:
    """Read ``mkdocs.yml`` as MkDocs would for the keys medlint uses, without running it: ``INHERIT``
    is merged in, ``!ENV`` is read from the environment, other tags (``!!python/name:``) read as null.
    An ``INHERIT`` that leads out of ``boundary`` is a :class:`SiteError`."""

    if boundary is not None and not boundary.contains(path):
        raise SiteError(f"{path} is outside the project; set follow_outside: true (or --follow-outside) to read it")
    data = settings_of(path, mkdocs_tags=True)
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        if _depth >= 10:
            raise SiteError(f"{path}: INHERIT goes more than 10 files deep (a loop?)")
        return _merged(load_mkdocs_yml(path.parent / parent, boundary, _depth + 1), data)
    return data


def _merged(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` on top of ``base``, mappings merged key by key (as MkDocs merges ``INHERIT``)."""
    result = dict(base)
    for key, value in override.items():
        result[key] = (
            _merged(result[key], value) if isinstance(value, dict) and isinstance(result.get(key), dict) else value
        )
    return result


def open_site(
    folder: Path,
    settings_file: Path | None,
    generator: str,
    configured_url: str | None,
    boundary: Boundary | None,
    use_cache: bool = True,
) -> Site:
    if settings_file is None:
        raise SiteError(f"{folder}: no {generator} settings file")
    if settings_file.suffix == ".toml":  # zensical.toml
        from medlint.generators.common import settings_of

        settings = settings_of(settings_file).get("project") or {}
    else:
        settings = load_mkdocs_yml(settings_file, boundary)
    if generator == "zensical" or (folder / "zensical.toml").is_file():
        _log.info(f"{folder} is built with Zensical: the medlint MkDocs plugin does not run there; the CLI does")
    docs_dir = inside(folder / str(settings.get("docs_dir") or "docs"), boundary, "docs_dir", settings_file)
    site_url = configured_url or (str(settings["site_url"]) if settings.get("site_url") else None)
    loader = _Loader(settings_file, run_mkdocs=generator != "zensical", use_cache=use_cache)
    return Site(
        docs_dir,
        site_url,
        bool(settings.get("use_directory_urls", True)),
        language.of_site_settings(settings),
        generator=generator,
        dialect=Dialect.of_markdown_extensions(settings.get("markdown_extensions")),
        loader=loader,
        boundary=boundary,
    )


class _Loader:
    """The pages of an MkDocs site, from MkDocs (cached), or by path rules when it cannot load."""

    def __init__(self, settings_file: Path, run_mkdocs: bool, use_cache: bool) -> None:
        self.settings_file = settings_file
        self.run_mkdocs = run_mkdocs
        self.use_cache = use_cache

    def __call__(self, site: Site) -> list[Page]:
        from medlint.similarity.index import PageCache

        stamp = _stamp(self.settings_file, site) if self.use_cache else b""
        cache = PageCache.open(str(self.settings_file), kind="urls") if stamp else None
        key = hashlib.blake2b(stamp, key=cache.secret).digest() if cache else b""
        stored = cache.read() if cache else {}
        if stored and stored.get("key") == key:
            return [
                Page(url, Path(file) if file else None, tuple(aliases), published)
                for url, file, aliases, published in stored["pages"]
            ]
        pages = _from_mkdocs(self.settings_file, site) if self.run_mkdocs and _all_inside(site) else None
        if pages is None:
            pages = [_with_draft_flag(page, site.boundary) for page in site.path_entries()]
        if cache is not None:
            value = [(p.url, str(p.file) if p.file else "", list(p.aliases), p.published) for p in pages]
            cache.write({"key": key, "pages": value})
        return pages


def _all_inside(site: Site) -> bool:
    """MkDocs' plugins read pages themselves (the blog plugin reads every post): they are not run
    on a site holding links out of the project, whose pages medlint may not read."""
    boundary = site.boundary
    if boundary is None or boundary.follow_outside or site.docs_dir is None:
        return True
    for current, folders, files in os.walk(site.docs_dir):
        for name in [*folders, *files]:
            if boundary.leaves(os.path.join(current, name)):
                _log.warning(f"{site.docs_dir} holds links out of the project: MkDocs' plugins are not run on it")
                return False
    return True


def _with_draft_flag(page: Page, boundary: Boundary | None) -> Page:
    if page.file is not None and declares_draft(front_matter_of(page.file, boundary)):
        return Page(page.url, page.file, page.aliases, published=False)
    return page


def _stamp(settings_file: Path, site: Site) -> bytes:
    """What the page list depends on: the settings files' bytes, and the name, size and time of
    every Markdown file in ``docs_dir``."""
    parts = []
    try:
        for file in sorted([*settings_file.parent.glob("*.y*ml"), *settings_file.parent.glob("*.toml")]):
            parts.append(read_regular(file, MAX_SETTINGS_SIZE))
        for path, error in walk_markdown(site.docs_dir) if site.docs_dir else ():
            if error is None:
                status = os.stat(path)
                parts.append(f"{path}\0{status.st_size}\0{status.st_mtime_ns}".encode("utf-8", "surrogateescape"))
    except OSError:
        return b""
    return hashlib.blake2b(b"\n".join(parts), digest_size=32).digest()


def _from_mkdocs(settings_file: Path, site: Site) -> list[Page] | None:
    """Run MkDocs' configuration and plugins up to the navigation, quietly; ``None`` (with one
    notice) when that fails (a plugin not installed, a plugin that raises)."""
    records: list[str] = []
    handler = _Collect(records)
    mkdocs_log = logging.getLogger("mkdocs")
    saved = (mkdocs_log.handlers[:], mkdocs_log.propagate, mkdocs_log.level)
    mkdocs_log.handlers[:] = [handler]
    mkdocs_log.propagate = False
    mkdocs_log.setLevel(logging.WARNING)
    try:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return _build_to_navigation(settings_file, site)
    except BaseException as exc:  # plugins raise anything; SystemExit from an Abort too
        if isinstance(exc, KeyboardInterrupt):
            raise
        reason = next((record for record in records if "plugin" in record.lower()), None) or records[-1:] or [str(exc)]
        detail = reason if isinstance(reason, str) else reason[0]
        _log.warning(
            f"{settings_file}: MkDocs could not load this site ({' '.join(detail.split())[:200]}); "
            "page URLs follow MkDocs' path rules, not its plugins'"
        )
        return None
    finally:
        mkdocs_log.handlers[:], mkdocs_log.propagate, _ = saved
        mkdocs_log.setLevel(saved[2])


class _Collect(logging.Handler):
    def __init__(self, records: list[str]) -> None:
        super().__init__(logging.WARNING)
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record.getMessage())


def _build_to_navigation(settings_file: Path, site: Site) -> list[Page]:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files, set_exclusions
    from mkdocs.structure.nav import get_navigation

    config = load_config(str(settings_file))
    _without_medlint(config)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        files = get_files(config)
        files.add_files_from_theme(config.theme.get_env(), config)
        files = config.plugins.on_files(files, config=config)
        set_exclusions(files, config)
        nav = get_navigation(files, config)
        config.plugins.on_nav(nav, config=config, files=files)
        return pages_of(files, config)
    finally:
        config.plugins.on_shutdown()


def _without_medlint(config: Any) -> None:
    """This plugin's own events must not run while the site is being read (they would lint)."""
    for event, methods in config.plugins.events.items():
        config.plugins.events[event] = [m for m in methods if not getattr(m, "__module__", "").startswith("medlint.")]


def pages_of(files: Any, config: Any) -> list[Page]:
    """Pages from MkDocs' file list after the plugins' events: every documentation page (drafts
    and excluded ones too, as unpublished), at its URL, with redirects as aliases."""
    from mkdocs.structure.files import InclusionLevel

    docs_dir = Path(config.docs_dir).resolve()
    pages: dict[str, Page] = {}
    for file in files:
        if not file.is_documentation_page():
            continue
        generated = getattr(file, "generated_by", None) is not None
        source = Path(os.path.abspath(file.abs_src_path)) if file.abs_src_path and not generated else None
        if source is not None and docs_dir not in source.parents:
            source = None  # written by a plugin in a temporary folder
        url = "" if file.url in ("./", ".") else file.url
        published = file.inclusion not in (InclusionLevel.EXCLUDED, InclusionLevel.DRAFT)
        if published and source is not None and declares_draft(front_matter_of(source)):
            published = False  # a writer's draft: true, even where no plugin holds it back
        pages[file.src_uri] = Page(url, source, (), published)
    for old, target in _redirects(config).items():
        page = pages.get(target)
        if page is not None:
            pages[target] = Page(page.url, page.file, (*page.aliases, _redirect_url(old, config)), page.published)
    return list(pages.values())


def _redirects(config: Any) -> dict[str, str]:
    plugin = config.plugins.get("redirects")
    maps = getattr(plugin, "config", {}).get("redirect_maps") if plugin is not None else None
    return {str(old): str(new) for old, new in (maps or {}).items() if "://" not in str(new)}


def _redirect_url(old: str, config: Any) -> str:
    """Where mkdocs-redirects writes the page for ``old`` (``old.md`` -> ``old/`` or ``old.html``)."""
    stem = old.rsplit(".", 1)[0] if old.endswith((".md", ".markdown", ".html")) else old
    if stem == "index" or stem.endswith("/index"):
        return stem[: -len("index")]
    return f"{stem}/" if config.use_directory_urls else f"{stem}.html"


def written_settings(config: Any) -> dict[str, Any]:
    """``mkdocs.yml`` as written (``INHERIT`` and ``!ENV`` included), without the defaults MkDocs
    and its theme fill in: what the writer set, so the CLI and the plugin read the same values."""
    if not config.config_file_path:
        return {}
    try:
        return load_mkdocs_yml(Path(config.config_file_path))
    except SiteError:  # MkDocs has already loaded this file once; at worst, read nothing more
        return {}


def published_site_url(config: Any, written: dict[str, Any]) -> str | None:
    """``mkdocs serve`` (``--clean`` too) replaces ``site_url`` with the local server's; then the
    written one is used, because drafts are judged against the published site."""
    url = config.site_url
    host, port = config.dev_addr
    if not url or urlsplit(url).netloc != f"{host}:{port}":
        return url  # type: ignore[no-any-return]
    value = written.get("site_url")
    return str(value) if value else None


def _given(pages: list[Page], site: Site) -> list[Page]:
    return pages


def site_of_build(config: Any, files: Any, configured_url: str | None = None) -> Site:
    """The site of a running MkDocs build, from its file list after every plugin's events, judged at
    its published address even under ``mkdocs serve``."""
    written = written_settings(config)
    boundary = Boundary.of(Path(config.config_file_path or config.docs_dir).parent)
    pages = pages_of(files, config)
    extensions = [{name: config.mdx_configs.get(name, {})} for name in config.markdown_extensions]
    return Site(
        Path(config.docs_dir).resolve(),
        configured_url or published_site_url(config, written),
        bool(config.use_directory_urls),
        language.of_site_settings(written),
        generator="mkdocs",
        dialect=Dialect.of_markdown_extensions(extensions),
        loader=partial(_given, pages),
        boundary=boundary,
    )
