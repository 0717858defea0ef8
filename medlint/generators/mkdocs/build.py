"""The page list of an MkDocs-family site: asked of MkDocs itself (plugins included) or, where
MkDocs is not run, by its path rules; cached beside the page index.

For MkDocs and ProperDocs, MkDocs' configuration is loaded with every plugin, and the build runs
as far as the navigation (``on_config``, ``on_pre_build``, ``on_files``, ``on_nav``), without
rendering a page. A page's URL is then what it is after every plugin has moved files (Material's
blog plugin: dated post URLs, slugs, category and archive pages; pages it holds back as drafts are
not published); the URL rules of :mod:`~medlint.generators.mkdocs.plugins` add what MkDocs' file
list does not say (mkdocs-redirects' aliases). The result is cached, keyed by the settings files
and the size and time of every file in ``docs_dir``. When the plugins cannot be loaded, page URLs
follow MkDocs' path rules, with one notice naming the problem.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import logging
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from medlint.files import Boundary, read_regular, walk_markdown
from medlint.generators.common import declares_draft, front_matter_of
from medlint.generators.mkdocs import plugins
from medlint.generators.mkdocs.settings import load_mkdocs_yml
from medlint.generators.pathrules import path_pages
from medlint.loaders import MAX_SETTINGS_SIZE
from medlint.notices import notice
from medlint.site import Page, Site, SiteError

if TYPE_CHECKING:
    from medlint.generators.base import Generator


def cached_pages(site: Site, ask_mkdocs: bool) -> list[Page]:
    """The site's pages, from the cache when nothing they depend on changed; else asked of MkDocs
    (``ask_mkdocs``) or by its path rules, and cached."""
    from medlint.cache import PageCache

    settings_file = site.settings_file
    assert settings_file is not None
    stamp = _stamp(settings_file, site) if site.use_cache else b""
    cache = PageCache.open(str(settings_file), kind="urls") if stamp else None
    key = hashlib.blake2b(stamp, key=cache.secret).digest() if cache else b""
    stored = cache.read() if cache else {}
    if stored and stored.get("key") == key:
        return [
            Page(url, Path(file) if file else None, tuple(aliases), published)
            for url, file, aliases, published in stored["pages"]
        ]
    pages = _from_mkdocs(settings_file, site) if ask_mkdocs and _all_inside(site) else None
    if pages is None:
        pages = [_with_draft_flag(page, site.boundary) for page in path_pages(site)]
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
                notice(f"{site.docs_dir} holds links out of the project: MkDocs' plugins are not run on it")
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
        notice(
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
    configured = [(name, getattr(plugin, "config", {})) for name, plugin in config.plugins.items()]
    return list(plugins.apply(pages, configured, config).values())


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


def site_of_build(generator: Generator, config: Any, files: Any, configured_url: str | None = None) -> Site:
    """The site of a running MkDocs build, from its file list after every plugin's events, judged at
    its published address even under ``mkdocs serve``."""
    written = written_settings(config)
    boundary = Boundary.of(Path(config.config_file_path or config.docs_dir).parent)
    pages = pages_of(files, config)
    extensions = [{name: config.mdx_configs.get(name, {})} for name in config.markdown_extensions]
    return Site(
        Path(config.docs_dir).resolve(),
        generator,
        configured_url or published_site_url(config, written),
        language=generator.language(written),
        dialect=generator.dialect({"markdown_extensions": extensions}),
        settings={**written, "use_directory_urls": bool(config.use_directory_urls)},
        loader=partial(_given, pages),
        boundary=boundary,
    )
