"""The pages of an MkDocs-family site, read from its files without running anything.

MkDocs' own rules: every Markdown file under ``docs_dir`` is a page at the URL its path gives
(``use_directory_urls``); files matching ``exclude_docs`` (and MkDocs' defaults, ``.*`` and
``/templates/``) are not pages; ``draft_docs`` and ``draft: true`` pages are not published
(``not_in_nav`` pages are). Then every configured plugin's URL rules
(:mod:`~medlint.generators.mkdocs.plugins`). With ``--trust-site``, MkDocs itself is asked instead
(:mod:`~medlint.generators.mkdocs.build`).

The site keeps the list between runs (:meth:`~medlint.site.Site.table`), under a stamp of the
settings files and the name, size and time of every Markdown and meta file in ``docs_dir``
(:func:`pages_stamp`), with how it was read (medlint's reading, or MkDocs asked), so that one
way's answer is never taken for the other's.
"""

from __future__ import annotations

import hashlib
import posixpath
from pathlib import Path

from medlint.generators.common import declares_draft, files_stamp
from medlint.generators.mkdocs import plugins
from medlint.generators.mkdocs.plugins import Build
from medlint.site import Page, Site, SiteError

DEFAULT_EXCLUDE = (".*", "/templates/")
"""What MkDocs leaves out of every site (its ``_default_exclude``)."""


def read_pages(site: Site, trusted: bool, with_plugins: bool = True) -> tuple[list[Page], list[str]]:
    """The site's pages and what of them is guessed: asked of MkDocs (``trusted``), else read by
    MkDocs' rules and (``with_plugins``) its plugins'. The site keeps them between runs under
    :func:`pages_stamp`."""
    settings_file = site.settings_file
    assert settings_file is not None
    if trusted:
        from medlint.generators.mkdocs.build import asked_of_mkdocs

        asked = asked_of_mkdocs(settings_file, site)
        if asked is not None:
            return asked, []
    return native_pages(site, settings_file, with_plugins)


def pages_stamp(site: Site) -> bytes | None:
    """What the page list and the copied files depend on: the settings files' bytes, the name,
    size and times of every Markdown and meta file in ``docs_dir``, and the name of every other
    file there; ``None`` (no cache) when that cannot be had, so that a walk past its limits fails
    as it does without the cache."""
    settings_file = site.settings_file
    if settings_file is None or site.docs_dir is None:
        return None
    try:
        settings = sorted([*settings_file.parent.glob("*.y*ml"), *settings_file.parent.glob("*.toml")])
        passed = site.passed_sources()  # the walk, kept between runs
        names = "\0".join(passed).encode(errors="surrogateescape")
        stamp = files_stamp(site, settings, [*site.content_sources(), *filter(_stamped, passed)])
        return stamp + hashlib.blake2b(names, digest_size=16).digest()
    except (SiteError, OSError):
        return None


def native_pages(site: Site, settings_file: Path, with_plugins: bool = True) -> tuple[list[Page], list[str]]:
    """The pages by MkDocs' documented rules and (``with_plugins``) its plugins', read as data."""
    docs = site.docs_dir
    if docs is None:
        return [], []
    build = Build(docs, site.settings, site.boundary)
    excluded = _patterns([*DEFAULT_EXCLUDE, *_lines(site.settings.get("exclude_docs"))])
    drafts = _patterns(_lines(site.settings.get("draft_docs")))
    for file in site.content_files():
        src_uri = file.relative_to(docs).as_posix()
        if excluded.match_file(src_uri):
            continue
        draft = drafts.match_file(src_uri) or declares_draft(build.head(src_uri).meta)
        build.pages[src_uri] = Page(build.url_of(src_uri), file, (), published=not draft)
    if with_plugins:
        plugins.apply(build, settings_file)
    return list(build.pages.values()), build.guessed


def native_files(site: Site, with_plugins: bool = True) -> dict[Path, str]:
    """The files MkDocs copies as they are (every file of ``docs_dir`` that is not a page and not
    excluded), at their URL path, after the plugins that move them (the blog's post assets)."""
    docs = site.docs_dir
    if docs is None:
        return {}
    excluded = _patterns([*DEFAULT_EXCLUDE, *_lines(site.settings.get("exclude_docs"))])
    found = {}
    for file in site.plain_files():
        src_uri = file.relative_to(docs).as_posix()
        if not excluded.match_file(src_uri):
            found[file] = plugins.file_url(src_uri, site.settings) if with_plugins else src_uri
    return found


def _lines(value: object) -> list[str]:
    """A gitignore-style setting (one pattern a line) as its patterns."""
    return [line for line in value.splitlines() if line.strip()] if isinstance(value, str) else []


def _patterns(lines: list[str]):  # type: ignore[no-untyped-def]
    """Gitignore-style patterns, matched as MkDocs matches them (pathspec's ``GitIgnoreSpec``)."""
    from pathspec.gitignore import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


def _stamped(path: str) -> bool:
    """The files besides the pages whose change can change a URL: YAML files (``.meta.yml``,
    authors) and hidden Markdown files."""
    return posixpath.splitext(path)[1].lower() in (".md", ".markdown", ".yml", ".yaml")
