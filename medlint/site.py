"""The site a draft will be published on: its address, its pages, and where a link leads.

This is the one place that decides the site's public address (a configured ``site_url`` wins over
the generator's), which files are its pages, and where a link's target leads
(:meth:`Site.locate`). What is specific to one generator (its URL rules, heading ids, link syntax)
is asked of its :class:`~medlint.generators.base.Generator`. A site may be known by its address
alone (``--site-url`` without a site folder); then it has no pages.
"""

from __future__ import annotations

import contextlib
import datetime
import enum
import hashlib
import os
import posixpath
import time
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol
from urllib.parse import unquote, urljoin, urlsplit

from medlint import urls
from medlint.document.dialect import COMMONMARK, Dialect
from medlint.files import MARKDOWN_SUFFIXES, OUTSIDE_LINK, Boundary, WalkLimitError, is_plain_file
from medlint.notices import notice

if TYPE_CHECKING:
    from medlint.cache import PageCache
    from medlint.document import Document
    from medlint.document.model import Heading


_turns: ContextVar[list[float] | None] = ContextVar("medlint_page_list_turns", default=None)


def note_turn(moment: datetime.datetime) -> None:
    """Tell the site reading its pages that their list changes at ``moment`` (a post dated in the
    future is published then, a page expires): a list kept between runs is read again from then."""
    turns = _turns.get()
    if turns is not None:
        turns.append(moment.timestamp())


class SiteError(Exception):
    """The site cannot be used (a broken ``mkdocs.yml``, a missing folder)."""


class Page:
    """A page as its generator publishes it: its URL path from the site root (``blog/2024/02/post/``,
    ``""`` for the home page), its source file (``None`` for a page a plugin makes, such as a blog
    category), the other paths that reach it (redirects, aliases), and whether it is published
    (a ``draft: true`` or future-dated post is not). ``url`` is ``None`` where the site's own code
    decides it (a computed route): medlint then suggests no URL for the page.

    Made once and never changed. The source is kept as given (a path string is not made a
    :class:`~pathlib.Path` until asked): a site of 50,000 pages makes 50,000 of them a run."""

    __slots__ = ("_file", "aliases", "published", "source", "url")

    def __init__(
        self, url: str | None, file: Path | str | None, aliases: tuple[str, ...] = (), published: bool = True
    ) -> None:
        self.url = url
        #: the source file's path as a string
        self.source = None if file is None else os.fspath(file)
        self.aliases = aliases
        self.published = published
        self._file = file if isinstance(file, Path) else None

    @property
    def file(self) -> Path | None:
        if self._file is None and self.source is not None:
            self._file = Path(self.source)
        return self._file

    def _fields(self) -> tuple[str | None, str | None, tuple[str, ...], bool]:
        return (self.url, self.source, self.aliases, self.published)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Page) and self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return f"Page(url={self.url!r}, file={self.source!r}, aliases={self.aliases!r}, published={self.published!r})"


class PageTable:
    """Every page of a site, a list per field, and the maps a site looks pages up in: by source,
    by URL key (published pages), drafts by URL key. Made once from the generator's pages, or
    restored from the cache without a URL key or a :class:`Page` made for each page (a page is
    made when it is looked up)."""

    def __init__(
        self,
        urls: list[str | None],
        sources: list[str | None],
        aliases: list[tuple[str, ...]],
        published: list[bool],
        maps: tuple[dict[str, int], dict[str, int], dict[str, int]],
    ) -> None:
        self.urls, self.sources, self.aliases, self.published = urls, sources, aliases, published
        self.by_source, self.by_url, self.drafts_by_url = maps
        self._pages: list[Page | None] = [None] * len(urls)

    @classmethod
    def of(cls, pages: list[Page], key: Callable[[str], str]) -> PageTable:
        """The table of ``pages``, their URLs keyed by ``key``; the first page to claim a URL keeps it."""
        table = cls([], [], [], [], ({}, {}, {}))
        for row, page in enumerate(pages):
            table.urls.append(page.url)
            table.sources.append(page.source)
            table.aliases.append(page.aliases)
            table.published.append(page.published)
            if page.source is not None:
                table.by_source[page.source] = row
            known = table.by_url if page.published else table.drafts_by_url
            if page.url is not None:
                known.setdefault(key(page.url.lstrip("/")), row)
            for alias in page.aliases:
                known.setdefault(key(alias.lstrip("/")), row)
        table._pages = list(pages)
        return table

    def page(self, row: int) -> Page:
        made = self._pages[row]
        if made is None:
            made = self._pages[row] = Page(self.urls[row], self.sources[row], self.aliases[row], self.published[row])
        return made

    def pages(self) -> list[Page]:
        return [self.page(row) for row in range(len(self.urls))]

    def stored(self) -> dict[str, Any]:
        return {
            "urls": self.urls,
            "sources": self.sources,
            "aliases": self.aliases,
            "published": self.published,
            "maps": [self.by_source, self.by_url, self.drafts_by_url],
        }

    @classmethod
    def restored(cls, stored: dict[str, Any]) -> PageTable:
        """The table :meth:`stored` kept; ``ValueError`` when its parts do not agree."""
        by_source, by_url, drafts = stored["maps"]
        lists = [list(stored[name]) for name in ("urls", "sources", "aliases", "published")]
        table = cls(*lists, (dict(by_source), dict(by_url), dict(drafts)))
        count = len(table.urls)
        if {len(table.sources), len(table.aliases), len(table.published)} != {count}:
            raise ValueError("the page lists differ in length")
        for found in (table.by_source, table.by_url, table.drafts_by_url):
            if found and not 0 <= min(found.values()) <= max(found.values()) < count:
                raise ValueError("a map names no page")
        return table


class Reach(str, enum.Enum):
    """What a link's target leads to on the site."""

    PAGE = "page"  #: a published page with a source file
    GENERATED = "generated"  #: a published page the generator makes itself (a blog category)
    FILE = "file"  #: a file the site publishes as it is (an image, a download)
    DRAFT = "draft"  #: a page of the site that its generator does not publish
    MISSING = "missing"  #: a page of the site that does not exist
    UNKNOWN = "unknown"  #: nothing medlint can tell (no pages known, or not under the site)


@dataclass(frozen=True)
class Location:
    """Where a target leads: what it reaches, its published URL (``#fragment`` kept) when it
    reaches something published and the site's address is known, and the page it reaches."""

    reach: Reach
    url: str | None = None
    page: Page | None = None

    @property
    def fragment(self) -> str:
        return self.url.partition("#")[2] if self.url else ""


class Publisher(Protocol):
    """What a site asks of its generator: the protocol of :mod:`medlint.generators.base`, as far as
    the site uses it (the site knows no generator; every generator implements this)."""

    name: str
    page_suffixes: tuple[str, ...]
    files_in_stamp: bool

    def pages(self, site: Site) -> list[Page]: ...

    def pages_stamp(self, site: Site) -> bytes | None: ...

    def page_url(self, site: Site, file: Path) -> str | None: ...

    def files(self, site: Site) -> dict[Path, str]: ...

    def heading_ids(self, doc: Document) -> set[str]: ...

    def resolve_reference(self, site: Site, syntax: str, reference: str, from_file: str) -> Page | None: ...

    def expand_markup(self, text: str, resolve: Callable[[str], str | None]) -> str: ...


@dataclass
class Site:
    """A site's address and pages: every page's published URL and the other URLs that reach it,
    as its generator (MkDocs and its plugins, Hugo, Jekyll, Zola) makes them."""

    docs_dir: Path | None
    generator: Publisher
    site_url: str | None = None
    #: the language the site declares (a primary language subtag), if any
    language: str | None = None
    #: how its Markdown is read (Python-Markdown and its extensions for the MkDocs family)
    dialect: Dialect = COMMONMARK
    #: the generator's settings as read (data only), and the file they came from
    settings: Mapping[str, Any] = field(default_factory=dict, repr=False)
    settings_file: Path | None = None
    use_cache: bool = True
    #: the person running medlint lets the site's own code run to learn its URLs (``--trust-site``)
    trusted: bool = False
    #: what the generator could not read and assumed (a plugin medlint does not know), said in
    #: notices; findings that rest on the site's URLs are then no errors
    guessed: list[str] = field(default_factory=list)
    #: URL paths under the site's address (``""``: all of it) where the site's code decides what
    #: is published (a route that computes its pages, a bundler's output): a link there that
    #: reaches nothing medlint knows is unknown, never missing
    decided_by_code: list[str] = field(default_factory=list)
    #: the pages, when a front end already knows them (a running MkDocs build); else the
    #: generator finds them, once, when they are first needed
    loader: Callable[[Site], list[Page]] | None = field(default=None, repr=False)
    #: where pages may be read: a page that is a symbolic link out of it is skipped
    boundary: Boundary | None = field(default=None, repr=False)
    #: what the generator's own run published, asked once (``--trust-site``, a Node generator:
    #: :mod:`medlint.generators.own_build`); ``None`` until asked
    own_build: Any = field(default=None, repr=False)
    _table: PageTable | None = field(default=None, repr=False)
    _headings: dict[Path, tuple[tuple[Heading, ...], frozenset[str]]] = field(default_factory=dict, repr=False)
    _files: dict[Path, str] | None = field(default=None, repr=False)
    _file_by_url: dict[str, Path] = field(default_factory=dict, repr=False)
    _content: list[str] | None = field(default=None, repr=False)
    _content_files: list[Path] | None = field(default=None, repr=False)
    _outside: list[str] = field(default_factory=list, repr=False)
    _passed: list[tuple[str, str | None]] = field(default_factory=list, repr=False)
    _stats: dict[str, os.stat_result] = field(default_factory=dict, repr=False)
    _stamp: bytes | None = field(default=None, repr=False)

    @property
    def has_pages(self) -> bool:
        """Whether the site's pages are known (not only its address)."""
        return self.docs_dir is not None

    def entries(self) -> list[Page]:
        """Every page, published or not; source files that are symbolic links out of the project
        are skipped (with one notice). A folder too large to be a site is a :class:`SiteError`."""
        return self.table().pages()

    def table(self) -> PageTable:
        """:meth:`entries` as a :class:`PageTable`, read once until :meth:`forget`: from the cache
        when the generator can say what its pages depend on (:meth:`Publisher.pages_stamp`) and
        none of that changed, else from the generator."""
        if self._table is None:
            cache, stamp = self._table_cache()
            self._stamp = stamp if cache is not None else None
            stored = cache.read() if cache is not None else {}
            if stored and stored.get("stamp") == stamp and self.holds(stored):
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    guessed, decided = list(stored["guessed"]), [str(path) for path in stored["decided_by_code"]]
                    self._table, self.guessed = PageTable.restored(stored["table"]), guessed
                    self.decided_by_code = decided
            if self._table is None:
                turns: list[float] = []
                token = _turns.set(turns)
                try:
                    found = self.loader(self) if self.loader is not None else self._read_pages()
                finally:
                    _turns.reset(token)
                walked = set(self.content_sources())  # the walk left out the links out of the project
                others = [page.source for page in found if page.source is not None and page.source not in walked]
                if others or self._outside:
                    kept = walked | set(_inside_only(others, self.boundary, self._outside))
                    found = [page for page in found if page.source is None or page.source in kept]
                    cache = self._stamp = None  # what a link leads to is not in the stamp
                self._table = PageTable.of(found, urls.page_keys(self.base_url))
                if cache is not None:
                    kept = {
                        "stamp": stamp,
                        "table": self._table.stored(),
                        "guessed": self.guessed,
                        "decided_by_code": self.decided_by_code,
                    }
                    cache.write({**kept, "until": min(turns, default=None), "written": time.time_ns()})
        return self._table

    def holds(self, stored: dict[str, Any]) -> bool:
        """Whether what was kept under a stamp that is still the same (a page list, the copied
        files, a trusted site's own build) still holds: no date it turns at has come, and no file
        the stamp looked at was modified within two seconds of its writing (git's "racily clean"
        case: a change in the same tick of the clock leaves the stamp)."""
        from medlint.cache import RACY_NS

        until = stored.get("until")
        newest = max((status.st_mtime_ns for status in self._stats.values()), default=0)
        return (until is None or time.time() < until) and newest < int(stored.get("written", 0)) - RACY_NS

    @property
    def _cache_key(self) -> str:
        """What the site's page list and front matter are kept under: its settings file, or its
        content folder."""
        return str(self.settings_file or self.docs_dir)

    def _read_pages(self) -> list[Page]:
        """The generator's pages, the heads of those whose file is unchanged from the cache
        (:mod:`medlint.heads`)."""
        if not self.use_cache or self.docs_dir is None:
            return self.generator.pages(self)
        from medlint.heads import kept

        with kept(self._cache_key, self.stat):
            return self.generator.pages(self)

    def _table_cache(self) -> tuple[PageCache | None, bytes]:
        """The cache of the page table and the keyed stamp it must carry, or ``(None, b"")``."""
        if not self.use_cache or self.loader is not None or self.docs_dir is None:
            return None, b""
        own = self.generator.pages_stamp(self)
        if own is None:
            return None, b""
        from medlint.cache import PageCache

        cache = PageCache.open(self._cache_key, kind="pages")
        if cache is None:
            return None, b""
        how = [self.generator.name, "trusted" if self.trusted else "read", self.base_url, repr(self.boundary)]
        stamp = hashlib.blake2b("\0".join(how).encode("utf-8", "surrogateescape") + own, key=cache.secret).digest()
        return cache, stamp

    def files(self) -> dict[Path, str]:
        """Every file the generator copies as it is (images, downloads), by source, at its URL path."""
        if self._files is None:
            self._files = self._kept_files() if self.has_pages else {}
            key = urls.page_keys(self.base_url)
            for file, path in self._files.items():
                self._file_by_url.setdefault(key(path.lstrip("/")), file)
        return self._files

    def _kept_files(self) -> dict[Path, str]:
        """The generator's copied files, kept with the page list's stamp where that stamp covers
        what they are read from (:attr:`Publisher.files_in_stamp`)."""
        self.table()
        stamp = self._stamp if self.generator.files_in_stamp else None
        if stamp is None:
            return self.generator.files(self)
        from medlint.cache import PageCache

        cache = PageCache.open(self._cache_key, kind="files")
        stored = cache.read() if cache is not None else None
        if isinstance(stored, dict) and stored.get("stamp") == stamp and self.holds(stored):
            with contextlib.suppress(AttributeError, KeyError, TypeError, ValueError):
                return {Path(source): str(path) for source, path in stored["files"]}
        found = self.generator.files(self)
        if cache is not None:
            copied = [(str(source), path) for source, path in found.items()]
            cache.write({"stamp": stamp, "files": copied, "written": time.time_ns()})
        return found

    def file_url(self, file: Path) -> str | None:
        """The published URL of a file the site copies as it is, if it does."""
        path = self.files().get(file)
        return self.base_url + urls.encoded(path) if path is not None and self.site_url else None

    @property
    def certain(self) -> bool:
        """Whether every page's URL was read, none guessed."""
        self.table()
        return not self.guessed

    def forget(self) -> None:
        """Read the pages again when next asked (a page or a settings file changed)."""
        self._table = None
        self.own_build = None
        self._headings.clear()
        self._files = None
        self._file_by_url.clear()
        self._content = None
        self._content_files = None
        self._outside = []
        self._passed = []
        self._stats.clear()
        self._stamp = None

    def stat(self, path: str) -> os.stat_result:
        """``os.stat(path)``, once a run until :meth:`forget`: what the page list depends on and
        what the page index trusts are read from one look at each file. Raises ``OSError``."""
        known = self._stats.get(path)
        if known is None:
            known = self._stats[path] = os.stat(path)
        return known

    def pages(self) -> list[Path]:
        """The source files of the published pages: what a draft is compared with."""
        return [Path(source) for source in self.page_sources()]

    def page_sources(self) -> list[str]:
        """:meth:`pages` as path strings (no :class:`~pathlib.Path` made for each)."""
        table = self.table()
        return [
            source for source, published in zip(table.sources, table.published, strict=True) if published and source
        ]

    def has_published(self, file: Path) -> bool:
        """Whether the generator publishes the page whose source is ``file``."""
        known = self._page_of(file)
        return known is not None and known.published

    def _page_of(self, file: str | os.PathLike[str]) -> Page | None:
        table = self.table()
        row = table.by_source.get(os.fspath(file))
        return table.page(row) if row is not None else None

    def drafts(self) -> list[Path]:
        """The source files the generator would not publish (``draft: true``, future-dated posts,
        Jekyll's ``_drafts``): drafts, never pages to compare a draft with."""
        table = self.table()
        return [
            Path(source)
            for source, published in zip(table.sources, table.published, strict=True)
            if not published and source
        ]

    def content_files(self) -> list[Path]:
        """The Markdown files of the content folder its generator renders (``.mdx`` only where it
        reads MDX), walked once until :meth:`forget`; a walk too large is a :class:`SiteError`."""
        if self._content_files is None:
            self._content_files = [Path(source) for source in self.content_sources()]
        return self._content_files

    def content_sources(self) -> list[str]:
        """:meth:`content_files` as path strings (no :class:`~pathlib.Path` made for each)."""
        if self.docs_dir is None:
            return []
        if self._content is None:
            from medlint.walks import walk

            suffixes = self.generator.page_suffixes
            try:
                walked, self._passed = walk(self.docs_dir, self.boundary, self.use_cache)
            except WalkLimitError as exc:
                raise SiteError(str(exc)) from None
            self._content = [  # most names end in lower case: lower() only the others (10,000 pages)
                path
                for path, error in walked
                if error is None and (path.endswith(suffixes) or path.lower().endswith(suffixes))
            ]
            self._outside = [
                path for path, error in walked if error == OUTSIDE_LINK and path.lower().endswith(suffixes)
            ]
        return self._content

    def passed_sources(self) -> list[str]:
        """The paths of the files the walk for the pages passed by (not Markdown, hidden ones
        too), links out of the project left out."""
        self.content_sources()
        return [path for path, error in self._passed if error is None]

    def plain_files(self) -> list[Path]:
        """The files of the content folder that are not Markdown (images, downloads), hidden ones
        and links out of the project left out."""
        return [Path(path) for path in self.passed_sources() if is_plain_file(os.path.basename(path))]

    def url_path(self, page: Path) -> str | None:
        """The page's URL relative to the site root, as its generator publishes it (``None`` when
        the site's code computes it)."""
        known = self._page_of(page)
        return known.url if known is not None else self.generator.page_url(self, page)

    def url(self, page: Path) -> str | None:
        path = self.url_path(page)  # a page's path has no "..": joining it to the base is appending
        if path is None:
            return None
        path = urls.encoded(path)  # as a browser asks for it: "my post/" is "my%20post/"
        return self.base_url + path if self.site_url else "/" + path

    @property
    def base_url(self) -> str:
        return urls.as_folder(self.site_url or "/")

    def page_for_url(self, url: str) -> Page | None:
        """The published page an absolute URL reaches (its own URL, an alias or a redirect)."""
        table = self.table()
        row = table.by_url.get(urls.normalize(url))
        return table.page(row) if row is not None else None

    def owns(self, url: str) -> bool:
        """Whether an absolute URL points somewhere under the site's address."""
        if not self.site_url:
            return False
        return urls.normalize(url + "/").startswith(urls.normalize(self.base_url))

    def heading_ids(self, page: Path) -> frozenset[str]:
        """The ``id`` of each heading of a page, as its generator makes them; read once a page."""
        return self._read_headings(page)[1]

    def headings(self, page: Path) -> tuple[Heading, ...]:
        """The headings of a page, read in the site's dialect; read once a page."""
        return self._read_headings(page)[0]

    def _read_headings(self, page: Path) -> tuple[tuple[Heading, ...], frozenset[str]]:
        known = self._headings.get(page)
        if known is None:
            from medlint.document import read_document

            doc = read_document(page, dialect=self.dialect)
            known = self._headings[page] = (tuple(doc.headings), frozenset(self.generator.heading_ids(doc)))
        return known

    def locate(self, target: str, from_file: str) -> Location:
        """Where ``target``, a link's destination in ``from_file``, leads on this site: a relative
        or root-relative path (a Markdown source or a file, resolved beside the file, then from
        ``docs_dir``, as the generator resolves it; one that names no file, against the page's
        published URL, as a browser resolves it), a link in the generator's own syntax, or an
        absolute URL under the site's address (its query aside). Anything else is
        :attr:`Reach.UNKNOWN`."""
        target = target.strip()
        if urls.has_scheme(target):
            return self._locate_absolute(target)
        reference = self.dialect.reference_in(target)
        if reference is not None:
            if not self.has_pages:
                return Location(Reach.UNKNOWN)
            found = self.generator.resolve_reference(self, reference.syntax, reference.name, from_file)
            return self._at_file(found.file, reference.fragment) if found and found.file else Location(Reach.MISSING)
        file, address = self._resolve(target, from_file)
        if not self.has_pages:
            return Location(Reach.UNKNOWN, address)
        written = address.partition("#")[2] if address else ""
        fragment = f"#{written}" if written else ""
        if file is not None:
            return self._at_file(file, fragment)
        if address is not None:
            by_address = self._at_address(address)
            if by_address is not None:
                return by_address
        existing = self._existing_file(target, from_file)
        if existing is not None and existing in self.files():
            return Location(Reach.FILE, self.file_url(existing))
        owned = address is not None and self.owns(address)
        if owned and self.unknowable(address):
            return Location(Reach.UNKNOWN)
        return Location(Reach.MISSING if owned or _names_markdown(target) or existing else Reach.UNKNOWN)

    def _locate_absolute(self, url: str) -> Location:
        if not (urls.is_web_url(url) and self.has_pages and self.owns(url)):
            return Location(Reach.UNKNOWN)
        return self._at_address(url) or Location(Reach.UNKNOWN if self.unknowable(url) else Reach.MISSING)

    def unknowable(self, address: str) -> bool:
        """Whether medlint cannot know that nothing is published at ``address`` (an absolute URL
        under the site that reaches nothing it knows): it lies where the site's code decides
        (:attr:`decided_by_code`), or it names a file only a build writes (a feed, a style sheet
        compiled or bundled, a sitemap), which no source file stands for."""
        self.table()
        path = urlsplit(address).path
        base = urlsplit(self.base_url).path
        under = unquote(path[len(base) :] if path.startswith(base) else path.lstrip("/"))
        if any(under.startswith(prefix) for prefix in self.decided_by_code):
            return True
        suffix = posixpath.splitext(under.rstrip("/"))[1].lower()
        return bool(suffix) and suffix not in _PAGE_SUFFIXES and suffix not in _SOURCE_FILE_SUFFIXES

    def _at_address(self, address: str) -> Location | None:
        """What an absolute URL under the site reaches: a page (by its URL, an alias or a
        redirect), a file the site copies, or a draft's URL; ``None`` when nothing."""
        before_fragment, hash_sign, written = address.partition("#")
        page_address, question_mark, query = before_fragment.partition("?")
        key = urls.normalize(page_address)  # a query asks the same page (a search box's ?q=)
        table = self.table()
        row = table.by_url.get(key)
        if row is not None:
            page = table.page(row)
            if page.file is None:
                return Location(Reach.GENERATED, address, page)
            return self._at_file(page.file, question_mark + query + (hash_sign + written if written else ""))
        self.files()
        if key in self._file_by_url:
            return Location(Reach.FILE, address)
        draft = table.drafts_by_url.get(key)
        return Location(Reach.DRAFT, None, table.page(draft)) if draft is not None else None

    def nearest_url(self, url: str, with_files: bool = False) -> str | None:
        """The published URL most like ``url`` (a typo, a guessed slug), if one is close enough."""
        from rapidfuzz import fuzz, process

        table = self.table()
        paths = [
            url for url, published in zip(table.urls, table.published, strict=True) if published and url is not None
        ]
        if with_files:
            paths += list(self.files().values())
        wanted = urlsplit(url).path.removeprefix(urlsplit(self.base_url).path)
        found = process.extractOne(wanted.lstrip("/"), paths, scorer=fuzz.ratio, score_cutoff=80)
        return self.base_url + found[0] if found else None

    def _at_file(self, file: Path, after: str) -> Location:
        """The page whose source is ``file`` (``after``: what follows its URL, ``?query``,
        ``#id``, both or nothing): published, or a draft."""
        page = self._page_of(file)
        if page is None or not page.published:
            return Location(Reach.DRAFT, None, page)
        url = self.url(file) if self.site_url else None
        return Location(Reach.PAGE, url + after if url is not None else None, page)

    def _existing_file(self, target: str, from_file: str) -> Path | None:
        """The file of the site that a relative target names (an image, a page), if it exists:
        looked up beside ``from_file``, then from ``docs_dir``, as :meth:`_resolve` does."""
        if self.docs_dir is None or target.startswith("/"):
            return None
        path_part = unquote(urlsplit(target).path)
        for folder in (os.path.dirname(os.path.abspath(from_file)), str(self.docs_dir)):
            candidate = Path(posixpath.normpath(os.path.join(folder, path_part).replace(os.sep, "/")))
            if _inside(candidate, self.docs_dir) and candidate.is_file():
                return candidate
        return None

    def _beside_page(self, target: str, from_file: str) -> str | None:
        """Where a browser takes a relative ``target`` that names no file of the site (``../b/``,
        ``about/``) from the published page of ``from_file``: against that page's own URL, which
        no generator rewrites it for (MkDocs rewrites only links to files it has; ``posts/a.md``
        is published as ``posts/a/``, so ``../b/`` there is ``posts/b/``, not ``b/``); ``None``
        when ``from_file`` is no page of the site with a URL."""
        source = Path(os.path.abspath(from_file))
        if not self.site_url or self._page_of(source) is None:
            return None
        page_url = self.url(source)
        return urljoin(page_url, target) if page_url is not None else None

    def _resolve(self, target: str, from_file: str) -> tuple[Path | None, str | None]:
        """A relative target as (the Markdown source it names, the absolute URL it stands for,
        ``#fragment`` kept); either may be unknown."""
        if self.docs_dir is None:
            if self.site_url and not target.lower().endswith(MARKDOWN_SUFFIXES):
                return None, urljoin(self.base_url, target)  # "/x" is from the host's root, as in a browser
            return None, None
        if target.startswith("?"):  # this very page, asked with a query
            return None, self._beside_page(target, from_file)
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
                    url = self.url(normal) if self.site_url else None
                    return normal, (url + fragment if url is not None else None)
                continue
            if not normal.is_file():
                from_page = self._beside_page(target, from_file)
                if from_page is not None:
                    return None, from_page
            relative = normal.relative_to(self.docs_dir).as_posix()
            return None, (urljoin(self.base_url, relative) + fragment if self.site_url else None)
        if path_part.lower().endswith(MARKDOWN_SUFFIXES):
            return None, None
        return None, (urljoin(self.base_url, path_part) + fragment if self.site_url else None)


#: a URL that ends so is a page, which the site's sources stand for
_PAGE_SUFFIXES = frozenset({".html", ".htm", *MARKDOWN_SUFFIXES})
#: files a writer adds to a site as they are (images, media, documents, archives): one that no
#: source file stands for is missing, where a feed or a bundle may be written by the build
_SOURCE_FILE_SUFFIXES = frozenset(
    [
        ".apng",
        ".avif",
        ".bmp",
        ".gif",
        ".ico",
        ".jpeg",
        ".jpg",
        ".png",
        ".svg",
        ".tif",
        ".tiff",
        ".webp",
        ".mp3",
        ".mp4",
        ".m4a",
        ".ogg",
        ".wav",
        ".webm",
        ".mov",
        ".pdf",
        ".epub",
        ".doc",
        ".docx",
        ".odt",
        ".ppt",
        ".pptx",
        ".xls",
        ".xlsx",
        ".csv",
        ".zip",
        ".gz",
        ".tgz",
        ".tar",
        ".7z",
    ]
)


def _names_markdown(target: str) -> bool:
    return target.split("#", 1)[0].split("?", 1)[0].lower().endswith(MARKDOWN_SUFFIXES)


def _inside_only(pages: list[str], boundary: Boundary | None, walked_out: list[str]) -> list[str]:
    """``pages`` without those that are symbolic links out of ``boundary``, with one notice that
    counts them and the links out that the content walk left out (``walked_out``)."""
    if boundary is None:
        return pages
    outside = walked_out + [page for page in pages if boundary.leaves(page)]
    if outside:
        notice(
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
