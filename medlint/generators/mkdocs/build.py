"""MkDocs asked for the URLs: only where the person running medlint allows the site's code to run
(``--trust-site``), and in the MkDocs plugin front end, which runs inside a build the site's owner
started.

With ``--trust-site``, MkDocs' configuration is loaded with every plugin and hook, and the build
runs as far as the navigation (``on_config``, ``on_pre_build``, ``on_files``, ``on_nav``), without
rendering a page: a page's URL is then what it is after every plugin has moved files. When MkDocs
cannot load the site, medlint's own reading (:mod:`~medlint.generators.mkdocs.pages`) stands, with
one notice naming the problem.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from medlint.files import Boundary
from medlint.generators.common import declares_draft, front_matter_of
from medlint.generators.mkdocs.plugins import redirects
from medlint.generators.mkdocs.settings import load_mkdocs_yml
from medlint.notices import notice
from medlint.site import Page, Site, SiteError

if TYPE_CHECKING:
    from medlint.generators.base import Generator


def asked_of_mkdocs(settings_file: Path, site: Site) -> list[Page] | None:
    """``--trust-site``: run MkDocs' configuration, plugins and hooks up to the navigation, quietly;
    ``None`` (with one notice) when that fails (a plugin not installed, a plugin that raises), or
    when ``docs_dir`` holds a link out of the project or a link loop, which MkDocs would follow."""
    if not _walkable(site):
        return None
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
    except Exception as exc:  # plugins raise anything; a signal (SystemExit) or Ctrl-C ends the run
        reason = next((record for record in records if "plugin" in record.lower()), None) or records[-1:] or [str(exc)]
        detail = reason if isinstance(reason, str) else reason[0]
        notice(
            f"{settings_file}: MkDocs could not load this site ({' '.join(detail.split())[:200]}); "
            "page URLs follow medlint's reading of its settings instead"
        )
        return None
    finally:
        mkdocs_log.handlers[:], mkdocs_log.propagate, _ = saved
        mkdocs_log.setLevel(saved[2])


def _walkable(site: Site) -> bool:
    """Whether MkDocs may walk ``docs_dir`` itself: it follows symbolic links to folders, so one
    that leads out of the project (its pages are not medlint's to read) or back up (a loop, which
    MkDocs would follow until memory runs out) keeps it from running, with a notice."""
    boundary, docs = site.boundary, site.docs_dir
    if docs is None:
        return True
    for current, folders, files in os.walk(docs):  # links to folders are listed, never entered
        for name in [*folders, *files]:
            path = os.path.join(current, name)
            if boundary is not None and not boundary.follow_outside and boundary.leaves(path):
                notice(f"{docs} holds links out of the project: MkDocs is not run on it")
                return False
            if os.path.islink(path) and os.path.isdir(path):
                here, target = os.path.realpath(current), os.path.realpath(path)
                if here == target or here.startswith(target + os.sep):
                    notice(f"{path} is a symbolic link to a folder that holds it (a loop): MkDocs is not run on {docs}")
                    return False
    return True


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
    for name, plugin in config.plugins.items():
        if name.rsplit("/", 1)[-1] == "redirects":  # MkDocs' file list has no redirects: they are its own
            redirects.add_aliases(pages, getattr(plugin, "config", {}), bool(config.use_directory_urls))
    return list(pages.values())


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
