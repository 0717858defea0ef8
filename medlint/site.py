"""The site a draft will be published on: its address, its pages, and the URL of each page.

This is the one place that decides the site's public address (a configured ``site_url`` wins over
the generator's), which files are its pages, and how a page, a relative link or an absolute URL
maps to the others. A site may be known by its address alone (``--site-url`` without a site
folder); then it has no pages.
"""

from __future__ import annotations

import logging
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from medlint import language, urls
from medlint.files import MARKDOWN_SUFFIXES, Boundary, WalkLimitError, walk_markdown


class SiteError(Exception):
    """The site cannot be used (a broken ``mkdocs.yml``, a missing folder)."""


def load_mkdocs_yml(path: Path, boundary: Boundary | None = None, _depth: int = 0) -> dict[str, Any]:
    """Read ``mkdocs.yml`` as MkDocs would for the keys medlint uses, without running it: ``INHERIT``
    is merged in, ``!ENV`` is read from the environment, other tags (``!!python/name:``) read as null.
    An ``INHERIT`` that leads out of ``boundary`` is a :class:`SiteError`."""
    from medlint.loaders import FileError, load_file

    if boundary is not None and not boundary.contains(path):
        raise SiteError(f"{path} is outside the project; set follow_outside: true (or --follow-outside) to read it")
    try:
        data = load_file(path, mkdocs_tags=True)
    except FileError as exc:
        raise SiteError(str(exc)) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise SiteError(f"{path}: expected a mapping of settings")
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


def _address(configured: str | None, generator: Any) -> str | None:
    """The site's public address: the one configured for medlint, else the generator's."""
    if configured:
        return configured
    return str(generator) if generator else None


@dataclass
class Site:
    """Pages (Markdown files under ``docs_dir``) and the URL each one is published at."""

    docs_dir: Path | None
    site_url: str | None = None
    use_directory_urls: bool = True
    #: the language the site declares (a primary language subtag), if any
    language: str | None = None
    #: the pages, when the caller already knows them (MkDocs' file list); else found on first use
    known_pages: list[Path] | None = field(default=None, repr=False)
    #: where pages may be read: a page that is a symbolic link out of it is skipped
    boundary: Boundary | None = field(default=None, repr=False)
    _by_url: dict[str, Path] | None = field(default=None, repr=False)

    @classmethod
    def open(
        cls, folder: Path | None, configured_url: str | None = None, boundary: Boundary | None = None
    ) -> Site | None:
        """The site in ``folder`` (an MkDocs project or a plain folder of pages), or only an address
        when there is no folder; ``None`` when neither is known. Settings, ``docs_dir`` and pages
        are read only inside ``boundary``."""
        if folder is None:
            return cls(None, configured_url) if configured_url else None
        folder = folder.resolve()
        if not folder.is_dir():
            raise SiteError(f"site folder not found: {folder}")
        config_file = folder / "mkdocs.yml"
        if not config_file.is_file():
            return cls(folder, configured_url, language=_generator_language(folder, boundary), boundary=boundary)
        config = load_mkdocs_yml(config_file, boundary)
        docs_dir = (folder / str(config.get("docs_dir") or "docs")).resolve()
        if boundary is not None and not boundary.contains(docs_dir):
            raise SiteError(
                f"{config_file}: docs_dir {docs_dir} is outside the project; "
                "set follow_outside: true (or --follow-outside) to read it"
            )
        if not docs_dir.is_dir():
            raise SiteError(f"{config_file}: docs_dir {docs_dir} is not a folder")
        return cls(
            docs_dir,
            _address(configured_url, config.get("site_url")),
            bool(config.get("use_directory_urls", True)),
            language.of_site_settings(config),
            boundary=boundary,
        )

    @classmethod
    def of_mkdocs_build(cls, config: Any, pages: list[Path], configured_url: str | None = None) -> Site:
        """The site of a running MkDocs build (``config`` is its ``MkDocsConfig``, ``pages`` its
        documentation pages), judged at its published address even under ``mkdocs serve``."""
        written = _written_settings(config)
        boundary = Boundary.of(Path(config.config_file_path or config.docs_dir).parent)
        return cls(
            Path(config.docs_dir).resolve(),
            _address(configured_url, _published_site_url(config, written)),
            bool(config.use_directory_urls),
            language.of_site_settings(written),
            known_pages=_inside_only(pages, boundary),
            boundary=boundary,
        )

    @property
    def has_pages(self) -> bool:
        """Whether the site's pages are known (not only its address)."""
        return self.docs_dir is not None

    def pages(self) -> list[Path]:
        """The site's pages; pages that are symbolic links out of the project are skipped (with
        one notice). A folder too large to be a site is a :class:`SiteError`."""
        if self.known_pages is None:
            if self.docs_dir is None:
                return []
            try:
                found = list(walk_markdown(self.docs_dir))
            except WalkLimitError as exc:
                raise SiteError(str(exc)) from None
            self.known_pages = _inside_only([Path(path) for path, error in found if error is None], self.boundary)
        return self.known_pages

    def url_path(self, page: Path) -> str:
        """The page's URL relative to the site root, by MkDocs' rules (``guide/`` or ``guide.html``)."""
        relative = os.path.relpath(page, self.docs_dir).replace(os.sep, "/")
        folder, _, name = relative.rpartition("/")
        stem = name.rsplit(".", 1)[0]
        prefix = f"{folder}/" if folder else ""
        is_index = stem == "index" or (stem.upper() == "README" and not (page.parent / "index.md").exists())
        if is_index:
            return prefix if self.use_directory_urls else f"{prefix}index.html"
        return f"{prefix}{stem}/" if self.use_directory_urls else f"{prefix}{stem}.html"

    def url(self, page: Path) -> str:
        path = self.url_path(page)  # a page's path has no "..": joining it to the base is appending
        return self.base_url + path if self.site_url else "/" + path

    @property
    def base_url(self) -> str:
        return urls.as_folder(self.site_url or "/")

    def page_for_url(self, url: str) -> Path | None:
        if self._by_url is None:
            self._by_url = {urls.normalize(self.url(page)): page for page in self.pages()}
        return self._by_url.get(urls.normalize(url))

    def owns(self, url: str) -> bool:
        """Whether an absolute URL points somewhere under the site's address."""
        if not self.site_url:
            return False
        return urls.normalize(url + "/").startswith(urls.normalize(self.base_url))

    def asset_url(self, file: Path) -> str | None:
        """The published URL of a file of the site that is not a page (an image): its path under
        ``docs_dir``, which MkDocs copies as it is."""
        if self.docs_dir is None or not self.site_url:
            return None
        return self.base_url + os.path.relpath(file, self.docs_dir).replace(os.sep, "/")

    def existing_file(self, target: str, from_file: str) -> Path | None:
        """The file of the site that a relative target names (an image, a page), if it exists:
        looked up beside ``from_file``, then from ``docs_dir``, as :meth:`resolve` does."""
        if self.docs_dir is None or urls.has_scheme(target) or target.startswith("/"):
            return None
        path_part = unquote(urlsplit(target).path)
        for folder in (os.path.dirname(os.path.abspath(from_file)), str(self.docs_dir)):
            candidate = Path(posixpath.normpath(os.path.join(folder, path_part).replace(os.sep, "/")))
            if _inside(candidate, self.docs_dir) and candidate.is_file():
                return candidate
        return None

    def resolve(self, target: str, from_file: str) -> tuple[Path | None, str | None]:
        """A relative target as (the page it names, its absolute URL); either may be unknown."""
        if self.docs_dir is None:
            if self.site_url and not target.lower().endswith(MARKDOWN_SUFFIXES):
                return None, urljoin(self.base_url, target)  # "/x" is from the host's root, as in a browser
            return None, None
        path_part = unquote(urlsplit(target).path)
        fragment = target[len(target.split("#", 1)[0]) :]
        if target.startswith("/"):
            url = urljoin(self.base_url, target) if self.site_url else None
            return (self.page_for_url(url) if url else None), url
        candidates = [
            os.path.join(os.path.dirname(os.path.abspath(from_file)), path_part),
            os.path.join(self.docs_dir, path_part),
        ]
        for candidate in candidates:
            normal = Path(posixpath.normpath(candidate.replace(os.sep, "/")))
            if not _inside(normal, self.docs_dir):
                continue
            if normal.suffix.lower() in MARKDOWN_SUFFIXES:
                if normal.is_file():
                    return normal, (self.url(normal) + fragment if self.site_url else None)
                continue
            relative = normal.relative_to(self.docs_dir).as_posix()
            return None, (urljoin(self.base_url, relative) + fragment if self.site_url else None)
        if path_part.lower().endswith(MARKDOWN_SUFFIXES):
            return None, None
        return None, (urljoin(self.base_url, path_part) + fragment if self.site_url else None)


_EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}\s*$")


def heading_ids(page: Path) -> set[str]:
    """The ``id`` of each heading of a page, as Python-Markdown's ``toc`` makes them (an explicit
    ``{#id}`` wins; else the text slugified, ``_1``, ``_2`` after repeats)."""
    from medlint.document import read_document

    doc = read_document(page)
    found: set[str] = set()
    for heading in doc.headings:
        line = doc.lines[heading.line - 1] if 0 < heading.line <= len(doc.lines) else ""
        explicit = _EXPLICIT_ID.search(line)
        if explicit:
            found.add(explicit.group(1))
            continue
        base = candidate = _slugify(_EXPLICIT_ID.sub("", heading.text))
        number = 0
        while candidate in found:
            number += 1
            candidate = f"{base}_{number}"
        found.add(candidate)
    return found


def _slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "", ascii_text).strip().lower())


def _inside_only(pages: list[Path], boundary: Boundary | None) -> list[Path]:
    """``pages`` without those that are symbolic links out of ``boundary``, with one notice."""
    if boundary is None:
        return pages
    outside = [page for page in pages if boundary.leaves(page)]
    if outside:
        logging.getLogger("medlint").warning(
            f"skipped {len(outside)} site page{'s' if len(outside) > 1 else ''} that "
            f"{'are symbolic links' if len(outside) > 1 else 'is a symbolic link'} to outside the project "
            f"(first: {outside[0]}); --follow-outside (follow_outside: true) reads them"
        )
        skipped = set(outside)
        return [page for page in pages if page not in skipped]
    return pages


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _written_settings(config: Any) -> dict[str, Any]:
    """``mkdocs.yml`` as written (``INHERIT`` and ``!ENV`` included), without the defaults MkDocs
    and its theme fill in: what the writer set, so the CLI and the plugin read the same values."""
    if not config.config_file_path:
        return {}
    try:
        return load_mkdocs_yml(Path(config.config_file_path))
    except SiteError:  # MkDocs has already loaded this file once; at worst, read nothing more
        return {}


def _published_site_url(config: Any, written: dict[str, Any]) -> str | None:
    """``mkdocs serve`` (``--clean`` too) replaces ``site_url`` with the local server's; then the
    written one is used, because drafts are judged against the published site."""
    url = config.site_url
    host, port = config.dev_addr
    if not url or urlsplit(url).netloc != f"{host}:{port}":
        return url  # type: ignore[no-any-return]
    value = written.get("site_url")
    return str(value) if value else None


GENERATOR_SETTINGS = ("hugo.toml", "hugo.yaml", "hugo.yml", "config.toml", "config.yaml", "_config.yml")
"""Hugo's, Zola's and Jekyll's settings files, read here for the site's language only."""


def _generator_language(folder: Path, boundary: Boundary | None) -> str | None:
    from medlint.loaders import FileError, load_file

    for name in GENERATOR_SETTINGS:
        if (folder / name).is_file() and (boundary is None or not boundary.leaves(folder / name)):
            try:
                settings = load_file(folder / name)
            except FileError:
                return None
            return language.of_site_settings(settings) if isinstance(settings, dict) else None
    return None
