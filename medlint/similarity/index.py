"""The site index: every page's title and fingerprints, and an inverted index from fingerprint to
pages (:class:`Postings`), so that finding the pages a draft may copy costs one lookup per
shingle of the draft, whatever the size of the site.

Each page's digest is cached on disk (:mod:`medlint.cache`, sealed with the cache's secret) with
the page file's identity (size, modification and change times, inode) and the hash of its content.
A page whose identity is unchanged is not read again, as git's index and ruff's cache decide; one
whose identity changed is read and hashed, and digested again only when its content changed. A
page modified within two seconds of the cache being written is always read (git's "racily clean"
case). A cache that is missing, stale, unreadable, corrupt or planted is rebuilt.

The pages are kept a list per field (:class:`Pages`), not an object per page, and the cache keeps
the postings beside them: a warm run against 50,000 pages loads a few lists and maps the rest.
The postings name pages by the hash of their content, so they stay right for every page that
did not change; the pages that did are scanned directly, and the postings are made again once
they miss a sixteenth of the site.
"""

from __future__ import annotations

import hashlib
import os
import re
import sys
import time
from array import array
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from medlint.cache import RACY_NS, PageCache, Stamp, stamp_of
from medlint.files import read_regular
from medlint.parallel import map_chunks
from medlint.similarity import topics
from medlint.similarity.text import fingerprints, passages, words_of
from medlint.similarity.titles import TitleIndex, normalize_title, slug_of

if TYPE_CHECKING:
    from medlint.site import Site

MAX_PAGE_BYTES = 5_000_000
PARALLEL_PAGES = 300
"""Pages to digest below which a second process costs more than it saves."""

_TITLE = re.compile(r"""^title\s*[:=]\s*["']?(.*?)["']?\s*$""")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")
_HEADING_LINE = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$")


PRINT_BITS = 32
"""The bits of a fingerprint the index keeps (the top ones): enough to tell a page's 250 or so
apart from a draft's thousand shingles (a chance collision counts one hit where a candidate
needs three, and candidates are then aligned word by word), in half the memory and cache of
the whole 64."""
_PRINT_SHIFT = 64 - PRINT_BITS
_PRINT_TYPE = "I"  # an unsigned 32-bit array item


def index_prints(values: set[int]) -> set[int]:
    """Fingerprints or shingles (64-bit) as the index keeps them."""
    return {value >> _PRINT_SHIFT for value in values}


@dataclass(slots=True)
class PageEntry:
    """A page as digested, before it joins an index's lists (:class:`Pages`): its title, its
    prose word count and its fingerprints (:func:`index_prints`, sorted and packed); and, made
    once with them, what the title-collision rule compares (the title normalised, the file name
    as a slug)."""

    path: str
    title: str
    words: int
    prints: bytes | memoryview  # a view of the cache file as read, for a page taken from the cache
    normalised_title: str = ""
    slug: str = ""
    #: what the page is about: its terms (:mod:`medlint.similarity.topics`), sorted hashes, packed
    terms: bytes | memoryview = b""

    @classmethod
    def made(cls, path: str, title: str, words: int, prints: set[int], terms: bytes = b"") -> PageEntry:
        """The entry of a page whose fingerprints (64-bit, from :func:`fingerprints`) are ``prints``."""
        packed = array(_PRINT_TYPE, sorted(index_prints(prints))).tobytes()
        return cls(path, title, words, packed, normalize_title(title) if title else "", slug_of(path), terms)


_ABOUT_KEYS = re.compile(r"""^(?:description|summary|subtitle|tags|categories|keywords)\s*[:=]\s*(.*)$""")
_DATE_YEAR = re.compile(r"""^date\s*[:=]\s*["']?(\d{4})-""")
CROSS_POSTED_KEYS = ("cross_posted", "medium_url")
"""The front matter keys that say a post is already published elsewhere: the URL (or a list, or
a mapping of platform to URL) a writer pastes back after cross-posting it. Its links home are
part of the cross-post anchor profile (:mod:`medlint.anchor_profile`)."""
_CROSS_POSTED = re.compile(rf"^(?:{'|'.join(CROSS_POSTED_KEYS)})\s*[:=]\s*(\S?)")
_LIST_ENTRY = re.compile(r"^\s+-\s+(.*)$")


CROSS_POSTED_MARK = "\0cross-posted"
"""The term a page that declares its cross-posts holds (no word can be it)."""


def front_matter_about(text: str) -> tuple[list[str], bool]:
    """What a page's front matter says it is about (its description, summary, subtitle, tags,
    categories and keywords, their list entries too, and the year of its date), and whether it
    declares its cross-posts (one of :data:`CROSS_POSTED_KEYS` with a value, or a list or mapping
    indented below it): read line by line as :func:`body_lines` reads the title."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n", 400)[:400]
    if not lines or lines[0].rstrip() not in ("---", "+++"):
        return [], False
    found: list[str] = []
    listing = cross_posted = False
    for number, line in enumerate(lines[1:], 1):
        if line.rstrip() in ("---", "+++", "..."):
            break
        declared = _CROSS_POSTED.match(line)
        if declared:
            following = lines[number + 1] if number + 1 < len(lines) else ""
            cross_posted = (
                cross_posted or bool(declared.group(1)) or (following[:1].isspace() and bool(following.strip()))
            )
        match = _ABOUT_KEYS.match(line)
        entry = _LIST_ENTRY.match(line) if listing else None
        year = _DATE_YEAR.match(line)
        if year:  # "released in 2019" describes a post of 2019
            found.append(year.group(1))
        elif match:
            found.append(match.group(1))
            listing = not match.group(1).strip()
        elif entry:
            found.append(entry.group(1))
        else:
            listing = False
    return found, cross_posted


def body_lines(text: str) -> tuple[list[str], int, str]:
    """Split a page into body lines, the body's first line number, and its title (front matter
    ``title`` or first ``#`` heading), without a YAML parse: 10,000 pages need to be quick."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start, title = 0, ""
    if lines and lines[0].rstrip() in ("---", "+++"):
        fence = lines[0].rstrip()
        for index in range(1, min(len(lines), 400)):
            line = lines[index]
            if (line.rstrip() in (fence, "...") and fence == "---") or line.rstrip() == fence:
                start = index + 1
                break
            match = _TITLE.match(line)
            if match and not title:
                title = match.group(1).strip()
    if not title:
        for line in lines[start : start + 200]:
            match = _H1.match(line)
            if match:
                title = match.group(1)
                break
    return lines[start:], start + 1, title


class Digest(NamedTuple):
    """What the index keeps of a page: its file's stamp when read, the keyed hash of its content,
    and its entry."""

    stamp: Stamp
    key: bytes
    entry: PageEntry


def digest(
    path: str,
    secret: bytes = b"",
    known_key: bytes | None = None,
    language: str | None = None,
    with_terms: bool = True,
) -> Digest | tuple[Stamp, bytes] | None:
    """Read one page and hash it: its stamp and ``known_key`` back when the content is the one that
    key describes (its entry can be reused), else the page's new :class:`Digest`; ``None`` for a
    page that cannot be read (gone, too large, not a regular file). The stamp is taken before
    reading, so a page changed meanwhile is read again next time."""
    try:
        stamp = stamp_of(os.stat(path))
        data = read_regular(path, MAX_PAGE_BYTES)
    except OSError:
        return None
    if len(data) > MAX_PAGE_BYTES:
        return None
    key = content_key(data, secret)
    return (stamp, key) if key == known_key else Digest(stamp, key, entry_from(path, data, language, with_terms))


def entry_from(path: str, data: bytes, language: str | None = None, with_terms: bool = True) -> PageEntry:
    """A page's entry: its title, prose word count and fingerprints, and (``with_terms``) its
    terms (title, headings, what its front matter says it is about, its file name, then its
    prose) stemmed in the site's ``language``. Stemming is most of a cold index's cost, and only
    the rules that judge what pages are about read the terms."""
    text = data.decode("utf-8-sig", errors="replace")
    lines, first, title = body_lines(text)
    prints: set[int] = set()
    total = 0
    found = passages(lines, first)
    for passage in found:
        words = words_of(passage.text)
        total += len(words)
        prints |= fingerprints(words)
    if not with_terms:
        return PageEntry.made(path, title, total, prints)
    headings = [match.group(1) for match in map(_HEADING_LINE.match, lines) if match]
    said, cross_posted = front_matter_about(text)
    about = " ".join([title, *headings, *said, slug_of(path).replace("-", " ")])
    prose = " ".join(passage.text for passage in found)
    about_terms = topics.terms(about, language)
    found_terms = about_terms + topics.prominent(about_terms) + topics.terms(prose, language)
    if cross_posted:  # found through the term postings like any term
        found_terms.insert(0, CROSS_POSTED_MARK)
    terms = topics.packed(found_terms)
    return PageEntry.made(path, title, total, prints, terms)


def content_key(data: bytes, secret: bytes = b"") -> bytes:
    """The content's hash, keyed with the cache's secret: an entry written by anyone without it
    (a planted or restored cache) never matches a page."""
    return hashlib.blake2b(data, digest_size=16, key=secret).digest()


def _digest_chunk(
    items: list[tuple[str, bytes | None]], secret: bytes, language: str | None, with_terms: bool
) -> list[Digest | tuple[Stamp, bytes] | None]:
    return [digest(path, secret, known_key, language, with_terms) for path, known_key in items]


class Pages:
    """Every page of an index, a list per field (row ``n`` of each is page ``n``) and every page's
    fingerprints in one blob: 50,000 pages load as a few lists, not 50,000 objects."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.titles: list[str] = []
        self.words: list[int] = []
        self.normalised: list[str] = []
        self.slugs: list[str] = []
        self.stamps: list[Stamp] = []
        self.keys: list[bytes] = []
        self.prints: bytes | memoryview = b""
        #: where each page's fingerprints start in :attr:`prints` (in values), and where they end
        self.offsets = array("Q", [0])
        self._parts: list[bytes | memoryview] = []
        #: every page's terms in one blob, and where each page's start and end, as for fingerprints
        self.terms: bytes | memoryview = b""
        self.term_offsets = array("Q", [0])
        self._term_parts: list[bytes | memoryview] = []

    def __len__(self) -> int:
        return len(self.paths)

    def values(self, row: int) -> memoryview:
        """Page ``row``'s fingerprints as integers (a view: no copy)."""
        size = PRINT_BITS // 8
        return memoryview(self.prints)[self.offsets[row] * size : self.offsets[row + 1] * size].cast(_PRINT_TYPE)

    def page_terms(self, row: int) -> memoryview:
        """Page ``row``'s terms as sorted integers (a view: no copy)."""
        size = PRINT_BITS // 8
        start, end = self.term_offsets[row] * size, self.term_offsets[row + 1] * size
        return memoryview(self.terms)[start:end].cast(_PRINT_TYPE)

    def entry(self, row: int) -> PageEntry:
        return PageEntry(
            self.paths[row],
            self.titles[row],
            self.words[row],
            self.values(row).cast("B"),
            self.normalised[row],
            self.slugs[row],
            self.page_terms(row).cast("B"),
        )

    def add(self, entry: PageEntry, stamp: Stamp = b"", key: bytes = b"") -> None:
        """Append a page; :meth:`joined` ends the appending."""
        self.paths.append(entry.path)
        self.titles.append(entry.title)
        self.words.append(entry.words)
        self.normalised.append(entry.normalised_title)
        self.slugs.append(entry.slug)
        self.stamps.append(stamp)
        self.keys.append(key)
        self._parts.append(entry.prints)
        self.offsets.append(self.offsets[-1] + len(entry.prints) // (PRINT_BITS // 8))
        self._term_parts.append(entry.terms)
        self.term_offsets.append(self.term_offsets[-1] + len(entry.terms) // (PRINT_BITS // 8))

    def take(self, other: Pages, row: int, stamp: Stamp | None = None) -> None:
        """Append ``other``'s page ``row`` (with a new ``stamp``: a file touched, its content the same)."""
        self.add(other.entry(row), other.stamps[row] if stamp is None else stamp, other.keys[row])

    def joined(self) -> Pages:
        self.prints = b"".join(self._parts)
        self.terms = b"".join(self._term_parts)
        self._parts, self._term_parts = [], []
        return self

    def stored(self) -> dict[str, Any]:
        """The lists as the cache keeps them (the fingerprints go in its blob)."""
        return {
            "paths": self.paths,
            "titles": self.titles,
            "words": self.words,
            "normalised": self.normalised,
            "slugs": self.slugs,
            "stamps": self.stamps,
            "keys": self.keys,
            "offsets": self.offsets.tobytes(),
            "term_offsets": self.term_offsets.tobytes(),
        }

    @classmethod
    def restored(cls, stored: dict[str, Any], blob: memoryview) -> Pages:
        """The pages :meth:`stored` kept, their fingerprints at the start of ``blob`` and their
        terms after them; ``ValueError`` when the lists do not agree."""
        pages = cls()
        for name in ("paths", "titles", "words", "normalised", "slugs", "stamps", "keys"):
            setattr(pages, name, list(stored[name]))
        pages.offsets = array("Q")
        pages.offsets.frombytes(stored["offsets"])
        count = len(pages.paths)
        if any(
            len(getattr(pages, name)) != count for name in ("titles", "words", "normalised", "slugs", "stamps", "keys")
        ):
            raise ValueError("the page lists differ in length")
        if len(pages.offsets) != count + 1 or pages.offsets[-1] * (PRINT_BITS // 8) > len(blob):
            raise ValueError("the fingerprints are not all there")
        pages.term_offsets = array("Q")
        pages.term_offsets.frombytes(stored["term_offsets"])
        size = PRINT_BITS // 8
        prints_end = pages.offsets[-1] * size
        terms_end = prints_end + pages.term_offsets[-1] * size
        if len(pages.term_offsets) != count + 1 or terms_end > len(blob):
            raise ValueError("the terms are not all there")
        pages.prints = blob[:prints_end]
        pages.terms = blob[prints_end:terms_end]
        return pages


class Postings:
    """Every fingerprint of an index with the pages holding it, in ``2**16`` buckets by the
    fingerprint's top bits, packed in three arrays (bucket starts, fingerprints, page numbers): a
    lookup reads one bucket (35 values for 10,000 pages); and every term the same way (what ML109
    looks a link's words up in). Pages are numbered in the order of
    :attr:`keys`, the hashes of their content, so the postings outlive a change of the site: a
    page is found by its content, whatever its row in the pages of a later run."""

    BITS = 16

    def __init__(self, keys: list[bytes], starts: Sequence[int], prints: memoryview, rows: Sequence[int]) -> None:
        self.keys = keys
        self.starts = starts
        self.prints = prints  # bytes, four a fingerprint
        self.rows = rows
        #: the same for the pages' terms: (bucket starts, terms, pages)
        self.terms: tuple[Sequence[int], memoryview, Sequence[int]] = (
            array("I", [0]) * ((1 << self.BITS) + 1),
            memoryview(b""),
            array("I"),
        )

    @classmethod
    def of(cls, pages: Pages) -> Postings:
        """The postings of every page of ``pages``: of their fingerprints, and of their terms."""
        starts, prints, rows = _sorted_by_bucket(pages.prints, pages.offsets, len(pages), cls.BITS)
        postings = cls(list(pages.keys), starts, prints, rows)
        postings.terms = _sorted_by_bucket(pages.terms, pages.term_offsets, len(pages), cls.BITS)
        return postings

    def stored(self, page_keys: list[bytes]) -> tuple[dict[str, Any], list[bytes | memoryview]]:
        """What the cache keeps of the postings (their keys only where they are not
        ``page_keys``, the pages' stored beside them), and the parts of its blob."""
        keys = None if self.keys == page_keys else self.keys
        term_starts, term_values, term_rows = self.terms
        return {
            "keys": keys,
            "starts": bytes(memoryview(self.starts).cast("B")),
            "term_starts": bytes(memoryview(term_starts).cast("B")),
        }, [self.prints, memoryview(self.rows).cast("B"), term_values, memoryview(term_rows).cast("B")]

    @classmethod
    def restored(cls, stored: dict[str, Any], blob: memoryview, page_keys: list[bytes]) -> Postings:
        """The postings :meth:`stored` kept, their arrays in ``blob``; ``ValueError`` when they do
        not fit it."""
        parts: list[tuple[Sequence[int], memoryview, Sequence[int]]] = []
        for name in ("starts", "term_starts"):
            starts = array("I")
            starts.frombytes(stored[name])
            count = starts[-1] if len(starts) == (1 << cls.BITS) + 1 else -1
            if count < 0 or len(blob) < count * 8:
                raise ValueError("the postings do not fit their blob")
            parts.append((starts, blob[: count * 4], blob[count * 4 : count * 8].cast("I")))
            blob = blob[count * 8 :]
        if len(blob):
            raise ValueError("the postings do not fit their blob")
        keys = page_keys if stored["keys"] is None else list(stored["keys"])
        postings = cls(keys, *parts[0])
        postings.terms = parts[1]
        return postings

    def pages_of(self, value: int) -> Iterator[int]:
        """The numbers of the pages holding fingerprint ``value`` (indexes of :attr:`keys`)."""
        return _holding(self.starts, self.prints, self.rows, value, self.BITS)

    def pages_with_term(self, value: int) -> Iterator[int]:
        """The numbers of the pages whose terms hold ``value`` (a term's hash)."""
        return _holding(*self.terms, value, self.BITS)

    def count_term(self, value: int) -> int:
        """How many pages' terms hold ``value``: one C-level count in its bucket."""
        starts, values, _ = self.terms
        bucket = value >> (PRINT_BITS - self.BITS)
        start, end = starts[bucket], starts[bucket + 1]
        return values[start * 4 : end * 4].cast(_PRINT_TYPE).tolist().count(value) if end > start else 0


def holds(terms: Sequence[int], term: int) -> bool:
    """Whether a page's sorted terms (:meth:`Pages.page_terms`) hold ``term``: a binary search."""
    at = bisect_left(terms, term)
    return at < len(terms) and terms[at] == term


def _sorted_by_bucket(
    blob: bytes | memoryview, offsets: Sequence[int], count: int, bits: int
) -> tuple[array[int], memoryview, memoryview]:
    """Each page's values (``blob`` from ``offsets``) with the page holding it, in ``2**bits``
    buckets by the value's top bits: counted by bucket, then each put in its place (a counting
    sort), in two arrays made once at their full size. (bucket starts, values, pages)"""
    shift = PRINT_BITS - bits
    every = memoryview(blob).cast(_PRINT_TYPE)
    counts = [0] * (1 << bits)
    for value in every:
        counts[value >> shift] += 1
    starts = array("I", [0])
    running = 0
    for number in counts:
        running += number
        starts.append(running)
    values = array(_PRINT_TYPE, [0]) * running
    rows = array("I", [0]) * running
    free = starts.tolist()  # each bucket's next place
    for row in range(count):
        for value in every[offsets[row] : offsets[row + 1]]:
            bucket = value >> shift
            place = free[bucket]
            free[bucket] = place + 1
            values[place] = value
            rows[place] = row
    return starts, memoryview(values).cast("B"), memoryview(rows)


def _holding(starts: Sequence[int], values: memoryview, rows: Sequence[int], value: int, bits: int) -> Iterator[int]:
    bucket = value >> (PRINT_BITS - bits)
    start, end = starts[bucket], starts[bucket + 1]
    if start == end:
        return
    held = values[start * 4 : end * 4].tobytes()
    needle = value.to_bytes(4, sys.byteorder)
    at = held.find(needle)
    while at >= 0:
        if at % 4 == 0:
            yield rows[start + at // 4]
        at = held.find(needle, at + 1)


Found = dict[int, "int | list[int]"]
"""Fingerprint -> the page (or pages) holding it."""

LOOKUP_VALUES = 25
"""What one lookup in the postings costs, in fingerprints scanned: the postings answer when the
drafts' fingerprints times this are fewer than the pages'. On 10,000 pages (2.5 million
fingerprints) a lookup took 1.3-1.5 us and a scan 28-70 ns a fingerprint (more for more
drafts): the postings were faster up to about 100,000 of the drafts' fingerprints."""


@dataclass
class IndexMemo:
    """An index's pages and postings kept in memory between runs of one process (``mkdocs
    serve`` rebuilds, the language server), as the disk cache keeps them between processes."""

    pages: Pages | None = None
    postings: Postings | None = None
    written: int = 0
    #: whether the pages kept have their terms
    with_terms: bool = False


class SiteIndex:
    """Pages and the postings of their fingerprints."""

    def __init__(
        self,
        pages: Pages,
        postings: Postings | None = None,
        max_pages_per_print: int = 20,
        language: str | None = None,
    ) -> None:
        self.columns = pages
        self.postings = postings
        #: the language the pages' terms were stemmed in (a link's words must be, too)
        self.language = language
        self.max_pages_per_print = max_pages_per_print
        self._titles: TitleIndex | None = None
        self._row_of_path: dict[str, int] | None = None
        self._unposted: list[list[int]] | None = None
        self._row_of_number: dict[int, int] | None = {}  # None: the postings number pages as the index does

    @classmethod
    def of_entries(cls, entries: Sequence[PageEntry]) -> SiteIndex:
        pages = Pages()
        for entry in entries:
            pages.add(entry)
        return cls(pages.joined())

    def path(self, row: int) -> str:
        return self.columns.paths[row]

    def title(self, row: int) -> str:
        return self.columns.titles[row]

    def rows_of(self, paths: set[str]) -> set[int]:
        return {row for row, path in enumerate(self.columns.paths) if path in paths}

    def row_of(self, path: str) -> int | None:
        """The row of the page whose file is ``path`` (any name of it), if it is in the index
        (whose paths are real paths)."""
        if self._row_of_path is None:
            self._row_of_path = dict(zip(self.columns.paths, range(len(self.columns)), strict=True))
        return self._row_of_path.get(os.path.realpath(path))

    def title_index(self) -> TitleIndex:
        """The pages' titles arranged for lookups (ML305), built once for this index."""
        if self._titles is None:
            pages = self.columns
            self._titles = TitleIndex(pages.paths, pages.titles, pages.normalised, pages.slugs)
        return self._titles

    def keep_postings(self) -> None:
        """Make lookups cheap for an index kept between checks (the language server): postings
        of every page, made once (or taken from the cache when they hold every page)."""
        postings = _posted(self.columns, self.postings, missed=0)
        if postings is not self.postings:
            self.postings = postings
            self._unposted, self._row_of_number = None, {}

    def _unposted_groups(self) -> list[list[int]]:
        """The pages the postings do not find, in groups of the same content (one content hash),
        so that one page of a group is looked at for all of it: pages changed since the postings
        were made, and all but one of several pages with the same content (the postings find
        one, once). A site generated from one template may have hundreds of the same page."""
        if self._unposted is None:
            keys = self.columns.keys
            posted = self.postings.keys if self.postings is not None else []
            if posted == keys and len(set(keys)) == len(keys):  # made from these very pages
                self._row_of_number, self._unposted = None, []
                return self._unposted
            row_of_key = dict(zip(keys, range(len(keys)), strict=True))
            number_of_key = dict(zip(posted, range(len(posted)), strict=True))
            self._row_of_number = {
                number: row_of_key[key] for key, number in number_of_key.items() if key in row_of_key
            }
            groups: dict[bytes, list[int]] = {}
            for row, key in enumerate(keys):
                if key not in number_of_key or row_of_key[key] != row:
                    groups.setdefault(key, []).append(row)
            self._unposted = list(groups.values())
        return self._unposted

    def _found(self, wanted: set[int]) -> Found:
        """Fingerprint -> page number(s), for the ``wanted`` fingerprints only: from the postings
        when looking them up costs less than scanning every page, and for the pages they miss."""
        postings = self.postings
        total = self.columns.offsets[-1]
        if postings is None or len(wanted) * LOOKUP_VALUES > total:
            return self._scanned(wanted, zip(range(len(self.columns))))
        found = self._scanned(wanted, self._unposted_groups())
        row_of_number = self._row_of_number
        for value in wanted:
            for number in postings.pages_of(value):
                row = number if row_of_number is None else row_of_number.get(number)
                if row is not None:
                    _post(found, value, row)
        return found

    def _scanned(self, wanted: set[int], groups: Iterable[Sequence[int]]) -> Found:
        """The ``wanted`` fingerprints of the pages of ``groups`` (pages of one content): one
        C-level set intersection per group. For 200 drafts against 10,000 pages this took 0.26 s
        where a dictionary of every fingerprint took 0.89 s (and 2.3 million entries of memory),
        with the same candidates."""
        found: Found = {}
        values = self.columns.values
        for group in groups:
            for value in wanted.intersection(values(group[0])):
                for row in group:
                    _post(found, value, row)
        return found

    def pages_with_term(self, term: int) -> list[int]:
        """The rows of the pages whose terms hold ``term`` (a term's hash): from the postings,
        and from the pages they miss."""
        postings = self.postings
        if postings is None:
            return [row for row in range(len(self.columns)) if self.has_term(row, term)]
        found = [row for group in self._unposted_groups() if self.has_term(group[0], term) for row in group]
        row_of_number = self._row_of_number
        for number in postings.pages_with_term(term):
            row = number if row_of_number is None else row_of_number.get(number)
            if row is not None:
                found.append(row)
        return found

    def cross_posted(self) -> list[int]:
        """The rows of the pages whose front matter says where they were cross-posted."""
        return sorted(self.pages_with_term(topics.term_hash(CROSS_POSTED_MARK)))

    def pages_with_term_count(self, term: int) -> int:
        """How many pages hold ``term``: counted in one bucket of the postings, without listing
        them (a page removed since the postings were made still counts: a word's weight is an
        estimate anyway), plus the pages they miss."""
        postings = self.postings
        if postings is None:
            return len(self.pages_with_term(term))
        unposted = sum(len(group) for group in self._unposted_groups() if self.has_term(group[0], term))
        return postings.count_term(term) + unposted

    def has_term(self, row: int, term: int) -> bool:
        """Whether page ``row``'s terms hold ``term``."""
        return holds(self.columns.page_terms(row), term)

    def candidates_for(
        self, queries: Sequence[set[int]], limit: int = 8, min_hits: int = 3
    ) -> list[list[tuple[int, int]]]:
        """For each query (a draft's shingles), the pages sharing the most fingerprints with it:
        (page number, shared count), best first."""
        narrowed = [index_prints(query) for query in queries]
        found = self._found(set().union(*narrowed))
        return [self._ranked(query, found, limit, min_hits) for query in narrowed]

    def _ranked(self, query: set[int], found: Found, limit: int, min_hits: int) -> list[tuple[int, int]]:
        hits: Counter[int] = Counter()
        for value in query:
            pages = found.get(value)
            if pages is None:
                continue
            if type(pages) is int:
                hits[pages] += 1
            elif len(pages) <= self.max_pages_per_print:  # boilerplate shared by many pages says nothing
                hits.update(pages)
        # ties go to the earlier page, whichever way the pages were found
        ranked = sorted(hits.items(), key=lambda item: (-item[1], item[0]))[:limit]
        return [(page, count) for page, count in ranked if count >= min_hits]

    @classmethod
    def of_site(
        cls,
        site: Site,
        use_cache: bool = True,
        memo: IndexMemo | None = None,
        skip: frozenset[tuple[int, int]] = frozenset(),
        with_terms: bool = True,
    ) -> SiteIndex:
        """:meth:`build` for the published pages of ``site``, each file looked at once a run
        (:meth:`Site.stat <medlint.site.Site.stat>`), kept under its content folder."""
        key = f"{site.docs_dir}\0{site.language or ''}"  # terms are stemmed in the site's language
        return cls.build(
            site.page_sources(),
            key,
            use_cache,
            memo,
            skip=skip,
            stat=site.stat,
            language=site.language,
            with_terms=with_terms,
        )

    @classmethod
    def build(
        cls,
        files: Sequence[str],
        cache_key: str | None = None,
        use_cache: bool = True,
        memo: IndexMemo | None = None,
        skip: frozenset[tuple[int, int]] = frozenset(),
        stat: Callable[[str], os.stat_result] = os.stat,
        language: str | None = None,
        with_terms: bool = True,
    ) -> SiteIndex:
        """Index ``files`` but those that are one of the files ``skip`` names by device and inode
        (the run's drafts, under any name), with the digests kept in ``memo`` (in memory between
        ``mkdocs serve`` rebuilds) or else in the disk cache under ``cache_key``: a page whose file
        stamp is the one recorded is taken as it was; the others are read and hashed, and only
        those whose content changed are digested again. ``stat`` looks at a file (the site's,
        which looks once a run). Terms are stemmed in ``language``. Without ``with_terms`` the
        pages have none, unless the site's cache has them already (then the pages read again get
        theirs, and one cache serves every run); pages without terms are cached apart, so a run
        that needs them never finds pages without them."""
        cache = PageCache.open(cache_key) if cache_key and use_cache else None
        if cache is not None and not with_terms and not cache.file.exists():
            cache = PageCache.open(cache_key + "\0without terms")  # a site whose terms no run read yet
        elif cache is not None:
            with_terms = True  # the cache has them: pages read again keep them, at the cost of their own
        secret = cache.secret if cache else b""
        if memo is not None and memo.pages is not None and (memo.with_terms or not with_terms):
            known, postings, written = memo.pages, memo.postings, memo.written
        else:
            known, postings, written = _load(cache) if cache else (Pages(), None, 0)
        paths, count, row_of = known.paths, len(known), None
        skipped_inodes = {inode for _, inode in skip}
        plan: list[tuple[str, int | None, bool]] = []  # each page: its row in ``known`` (or None), fresh
        items: list[tuple[str, bytes | None]] = []  # the pages to read
        trusted_before, stamps = written - RACY_NS, known.stamps
        for path in files:  # a warm run against 50,000 pages goes round 50,000 times: kept lean
            try:
                status = stat(path)
            except OSError:
                continue  # gone, or unreadable: no page
            if status.st_ino in skipped_inodes and (status.st_dev, status.st_ino) in skip:
                continue
            row: int | None = len(plan)  # the files come in the known order until the site changes
            if row >= count or paths[row] != path:
                if row_of is None:
                    row_of = dict(zip(paths, range(count), strict=True))
                row = row_of.get(path)
            fresh = row is not None and status.st_mtime_ns < trusted_before and stamps[row] == stamp_of(status)
            plan.append((path, row, fresh))
            if not fresh:
                items.append((path, known.keys[row] if row is not None else None))
        if not items and row_of is None and len(plan) == count:
            pages = known  # nothing changed: the lists as they were read
        else:
            digested = dict(
                zip([path for path, _ in items], _digest_all(items, secret, language, with_terms), strict=True)
            )
            pages = _assembled(plan, known, digested)
        if pages is not known:
            written = time.time_ns()
            if cache is not None:
                postings = _posted(pages, postings)
                _store(cache, pages, postings, written)
        if memo is not None:
            memo.pages, memo.postings, memo.written = pages, postings, written
            memo.with_terms = with_terms or (memo.with_terms and pages is known)
        return cls(pages, postings, language=language)


def _post(found: Found, value: int, row: int) -> None:
    existing = found.get(value)
    if existing is None:
        found[value] = row
    elif type(existing) is int:
        found[value] = [existing, row]
    else:
        existing.append(row)


def _assembled(
    plan: list[tuple[str, int | None, bool]],
    known: Pages,
    digested: dict[str, Digest | tuple[Stamp, bytes] | None],
) -> Pages:
    """The pages of ``plan`` in its order: fresh rows of ``known`` taken as they are, and pages
    read again (a new digest, or the known one with the file's new stamp)."""
    pages = Pages()
    for path, row, fresh in plan:
        if fresh and row is not None:
            pages.take(known, row)
            continue
        result = digested[path]
        if isinstance(result, Digest):
            pages.add(result.entry, result.stamp, result.key)
        elif result is not None and row is not None:  # the content is the one the known key describes
            pages.take(known, row, result[0])
    return pages.joined()


def _posted(pages: Pages, postings: Postings | None, missed: int | None = None) -> Postings:
    """``postings`` when they miss the content of at most ``missed`` of ``pages`` (a sixteenth of
    them, by default), else new ones."""
    if postings is not None:
        posted = set(postings.keys)
        allowed = len(pages) // 16 if missed is None else missed
        if sum(1 for key in pages.keys if key not in posted) <= allowed:
            return postings
    return Postings.of(pages)


def _store(cache: PageCache, pages: Pages, postings: Postings, written: int) -> None:
    posting_data, posting_blob = postings.stored(pages.keys)
    cache.write(
        {"written": written, "pages": pages.stored(), "postings": posting_data},
        [pages.prints, pages.terms, *posting_blob],
    )


def _digest_all(
    items: list[tuple[str, bytes | None]], secret: bytes, language: str | None, with_terms: bool
) -> list[Digest | tuple[Stamp, bytes] | None]:
    chunks = map_chunks(_digest_chunk, items, PARALLEL_PAGES, secret, language, with_terms)
    return [result for chunk in chunks for result in chunk]


def _load(cache: PageCache) -> tuple[Pages, Postings | None, int]:
    """The pages and postings a cache holds and when it was written; a truncated, corrupt or
    foreign one holds none."""
    try:
        stored, blob = cache.read_with_blob()
        pages = Pages.restored(stored["pages"], blob)
        postings = Postings.restored(stored["postings"], blob[len(pages.prints) + len(pages.terms) :], pages.keys)
        return pages, postings, int(stored["written"])
    except Exception:
        return Pages(), None, 0
