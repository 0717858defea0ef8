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
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from medlint import urls
from medlint.document.dialect import COMMONMARK, Dialect
from medlint.files import MARKDOWN_SUFFIXES, Boundary, WalkLimitError, walk_markdown


class SiteError(Exception):
    """The site cannot be used (a broken ``mkdocs.yml``, a missing folder)."""


@dataclass(frozen=True)
class Page:
    """A page as its generator publishes it: its URL path from the site root (``blog/2024/02/post/``,
    ``""`` for the home page), its source file (``None`` for a page a plugin makes, such as a blog
    category), the other paths that reach it (redirects, aliases), and whether it is published
    (a ``draft: true`` or future-dated post is not)."""

    url: str
    file: Path | None
    aliases: tuple[str, ...] = ()
    published: bool = True


@dataclass
class Site:
    """A site's address and pages: every page's published URL and the other URLs that reach it,
    as its generator (MkDocs and its plugins, Hugo, Jekyll, Zola) makes them."""

    docs_dir: Path | None
    site_url: str | None = None
    use_directory_urls: bool = True
    #: the language the site declares (a primary language subtag), if any
    language: str | None = None
    #: which generator publishes it: mkdocs, properdocs, zensical, hugo, jekyll, zola or folder
    generator: str = "folder"
    #: how its Markdown is read (Python-Markdown and its extensions for the MkDocs family)
    dialect: Dialect = COMMONMARK
    #: finds the pages, once, when they are first needed (walking ``docs_dir`` with MkDocs' path
    #: rules when there is none)
    loader: Callable[[Site], list[Page]] | None = field(default=None, repr=False)
    #: where pages may be read: a page that is a symbolic link out of it is skipped
    boundary: Boundary | None = field(default=None, repr=False)
    _entries: list[Page] | None = field(default=None, repr=False)
    _by_file: dict[Path, Page] = field(default_factory=dict, repr=False)
    _by_url: dict[str, Page] = field(default_factory=dict, repr=False)

    @property
    def has_pages(self) -> bool:
        """Whether the site's pages are known (not only its address)."""
        return self.docs_dir is not None

    def entries(self) -> list[Page]:
        """Every page, published or not; source files that are symbolic links out of the project
        are skipped (with one notice). A folder too large to be a site is a :class:`SiteError`."""
        if self._entries is None:
            found = self.loader(self) if self.loader is not None else self.path_entries()
            kept = set(_inside_only([page.file for page in found if page.file is not None], self.boundary))
            self._entries = [page for page in found if page.file is None or page.file in kept]
            for page in self._entries:
                if page.file is not None:
                    self._by_file[page.file] = page
                if page.published:
                    for path in (page.url, *page.aliases):
                        self._by_url.setdefault(urls.normalize(self.base_url + path.lstrip("/")), page)
        return self._entries

    def pages(self) -> list[Path]:
        """The source files of the published pages: what a draft is compared with."""
        return [page.file for page in self.entries() if page.published and page.file is not None]

    def has_published(self, file: Path) -> bool:
        """Whether the generator publishes the page whose source is ``file``."""
        self.entries()
        known = self._by_file.get(file)
        return known is not None and known.published

    def drafts(self) -> list[Path]:
        """The source files the generator would not publish (``draft: true``, future-dated posts,
        Jekyll's ``_drafts``): drafts, never pages to compare a draft with."""
        return [page.file for page in self.entries() if not page.published and page.file is not None]

    def path_entries(self) -> list[Page]:
        """Every Markdown file under ``docs_dir`` at the URL MkDocs' path rules give it."""
        if self.docs_dir is None:
            return []
        try:
            found = list(walk_markdown(self.docs_dir))
        except WalkLimitError as exc:
            raise SiteError(str(exc)) from None
        return [Page(self.path_url(Path(path)), Path(path)) for path, error in found if error is None]

    def url_path(self, page: Path) -> str:
        """The page's URL relative to the site root, as its generator publishes it."""
        self.entries()
        known = self._by_file.get(page)
        return known.url if known is not None else self.path_url(page)

    def path_url(self, page: Path) -> str:
        """A page's URL by MkDocs' path rules (``guide/`` or ``guide.html``)."""
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

    def page_for_url(self, url: str) -> Page | None:
        """The published page an absolute URL reaches (its own URL, an alias or a redirect)."""
        self.entries()
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
            found = self.page_for_url(url) if url else None
            return (found.file if found else None), url
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
