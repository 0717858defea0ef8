"""The site a draft will be published on: its address, its pages, and the URL of each page.

This is the one place that decides the site's public address (a configured ``site_url`` wins over
the generator's), which files are its pages, and how a page, a relative link or an absolute URL
maps to the others. A site may be known by its address alone (``--site-url`` without a site
folder); then it has no pages.
"""

from __future__ import annotations

import os
import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from medlint import language, urls
from medlint.files import MARKDOWN_SUFFIXES, walk_markdown


class SiteError(Exception):
    """The site cannot be used (a broken ``mkdocs.yml``, a missing folder)."""


def load_mkdocs_yml(path: Path, _depth: int = 0) -> dict[str, Any]:
    """Read ``mkdocs.yml`` as MkDocs would for the keys medlint uses, without running it: ``INHERIT``
    is merged in, ``!ENV`` is read from the environment, other tags (``!!python/name:``) read as null."""
    from medlint.loaders import FileError, load_file

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
        return _merged(load_mkdocs_yml(path.parent / parent, _depth + 1), data)
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
    _by_url: dict[str, Path] | None = field(default=None, repr=False)

    @classmethod
    def open(cls, folder: Path | None, configured_url: str | None = None) -> Site | None:
        """The site in ``folder`` (an MkDocs project or a plain folder of pages), or only an address
        when there is no folder; ``None`` when neither is known."""
        if folder is None:
            return cls(None, configured_url) if configured_url else None
        folder = folder.resolve()
        if not folder.is_dir():
            raise SiteError(f"site folder not found: {folder}")
        config_file = folder / "mkdocs.yml"
        if not config_file.is_file():
            return cls(folder, configured_url, language=_generator_language(folder))
        config = load_mkdocs_yml(config_file)
        docs_dir = (folder / str(config.get("docs_dir") or "docs")).resolve()
        if not docs_dir.is_dir():
            raise SiteError(f"{config_file}: docs_dir {docs_dir} is not a folder")
        return cls(
            docs_dir,
            _address(configured_url, config.get("site_url")),
            bool(config.get("use_directory_urls", True)),
            language.of_site_settings(config),
        )

    @classmethod
    def of_mkdocs_build(cls, config: Any, pages: list[Path], configured_url: str | None = None) -> Site:
        """The site of a running MkDocs build (``config`` is its ``MkDocsConfig``, ``pages`` its
        documentation pages), judged at its published address even under ``mkdocs serve``."""
        written = _written_settings(config)
        return cls(
            Path(config.docs_dir).resolve(),
            _address(configured_url, _published_site_url(config, written)),
            bool(config.use_directory_urls),
            language.of_site_settings(written),
            known_pages=pages,
        )

    @property
    def has_pages(self) -> bool:
        """Whether the site's pages are known (not only its address)."""
        return self.docs_dir is not None

    def pages(self) -> list[Path]:
        if self.known_pages is None:
            if self.docs_dir is None:
                return []
            self.known_pages = [Path(path) for path, error in walk_markdown(self.docs_dir) if error is None]
        return self.known_pages

    def url_path(self, page: Path) -> str:
        """The page's URL relative to the site root, by MkDocs' rules (``guide/`` or ``guide.html``)."""
        relative = page.relative_to(self.docs_dir).as_posix()
        folder, _, name = relative.rpartition("/")
        stem = name.rsplit(".", 1)[0]
        prefix = f"{folder}/" if folder else ""
        is_index = stem == "index" or (stem.upper() == "README" and not (page.parent / "index.md").exists())
        if is_index:
            return prefix if self.use_directory_urls else f"{prefix}index.html"
        return f"{prefix}{stem}/" if self.use_directory_urls else f"{prefix}{stem}.html"

    def url(self, page: Path) -> str:
        path = self.url_path(page)
        return urljoin(self.base_url, path) if self.site_url else "/" + path

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


def _generator_language(folder: Path) -> str | None:
    from medlint.loaders import FileError, load_file

    for name in GENERATOR_SETTINGS:
        if (folder / name).is_file():
            try:
                settings = load_file(folder / name)
            except FileError:
                return None
            return language.of_site_settings(settings) if isinstance(settings, dict) else None
    return None
