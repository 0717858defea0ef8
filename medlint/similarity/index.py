"""The site index: every page's title and fingerprints, and an inverted index from fingerprint to
pages, so that finding the pages a draft may copy costs one dictionary lookup per shingle of the
draft, whatever the size of the site.

Each page's digest is cached on disk (:mod:`medlint.cache`, sealed with the cache's secret) with
the page file's identity (size, modification and change times, inode) and the hash of its content.
A page whose identity is unchanged is not read again, as git's index and ruff's cache decide; one
whose identity changed is read and hashed, and digested again only when its content changed. A
page modified within two seconds of the cache being written is always read (git's "racily clean"
case). A cache that is missing, stale, unreadable, corrupt or planted is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from medlint.cache import PageCache
from medlint.files import read_regular
from medlint.parallel import map_chunks
from medlint.similarity.text import fingerprints, passages, words_of
from medlint.similarity.titles import TitleIndex, normalize_title, slug_of

MAX_PAGE_BYTES = 5_000_000
PARALLEL_PAGES = 300
"""Pages to digest below which a second process costs more than it saves."""

_TITLE = re.compile(r"""^title\s*[:=]\s*["']?(.*?)["']?\s*$""")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")


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
    """What the index keeps of a page: its title, its prose word count and its fingerprints
    (:func:`index_prints`, sorted and packed); and, made once with them, what the title-collision
    rule compares (the title normalised, the file name as a slug)."""

    path: str
    title: str
    words: int
    prints: bytes | memoryview  # a view of the cache file as read, for a page taken from the cache
    normalised_title: str = ""
    slug: str = ""

    def values(self) -> memoryview:
        """The fingerprints as integers (a view: no copy)."""
        return memoryview(self.prints).cast(_PRINT_TYPE)

    @classmethod
    def made(cls, path: str, title: str, words: int, prints: set[int]) -> PageEntry:
        """The entry of a page whose fingerprints (64-bit, from :func:`fingerprints`) are ``prints``."""
        packed = array(_PRINT_TYPE, sorted(index_prints(prints))).tobytes()
        return cls(path, title, words, packed, normalize_title(title) if title else "", slug_of(path))


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


Stamp = tuple[int, int, int, int]
"""A page file's identity: size, modification and change times (ns), inode."""

RACY_NS = 2_000_000_000
"""A page modified this close to the cache's writing may have changed within its time's
resolution (2 s on FAT) since it was digested: it is read again, whatever its stamp says."""


class Digest(NamedTuple):
    """What the index keeps of a page: its file's stamp when read, the keyed hash of its content,
    and its entry."""

    stamp: Stamp
    key: bytes
    entry: PageEntry


def stamp_of(status: os.stat_result) -> Stamp:
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def digest(path: str, secret: bytes = b"", known_key: bytes | None = None) -> Digest | tuple[Stamp, bytes] | None:
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
    return (stamp, key) if key == known_key else Digest(stamp, key, entry_from(path, data))


def entry_from(path: str, data: bytes) -> PageEntry:
    text = data.decode("utf-8-sig", errors="replace")
    lines, first, title = body_lines(text)
    prints: set[int] = set()
    total = 0
    for passage in passages(lines, first):
        words = words_of(passage.text)
        total += len(words)
        prints |= fingerprints(words)
    return PageEntry.made(path, title, total, prints)


def content_key(data: bytes, secret: bytes = b"") -> bytes:
    """The content's hash, keyed with the cache's secret: an entry written by anyone without it
    (a planted or restored cache) never matches a page."""
    return hashlib.blake2b(data, digest_size=16, key=secret).digest()


def _digest_chunk(items: list[tuple[str, bytes | None]], secret: bytes) -> list[Digest | tuple[Stamp, bytes] | None]:
    return [digest(path, secret, known_key) for path, known_key in items]


class Buckets:
    """Every fingerprint of an index with its page numbers, in ``2**16`` buckets of packed arrays
    by the fingerprint's top bits. A lookup reads about 35 values; the whole costs a tenth of the
    memory of a dictionary of every fingerprint (measured on 10,000 pages: 2.3 million
    fingerprints, about 30 MB here against 210 MB)."""

    BITS = 16

    def __init__(self, pages: Sequence[PageEntry]) -> None:
        shift = PRINT_BITS - self.BITS
        self.prints = [array(_PRINT_TYPE) for _ in range(1 << self.BITS)]
        self.numbers = [array("I") for _ in range(1 << self.BITS)]
        for number, page in enumerate(pages):
            for value in page.values():
                bucket = value >> shift
                self.prints[bucket].append(value)
                self.numbers[bucket].append(number)

    def get(self, value: int) -> int | list[int] | None:
        """The page (or pages) holding fingerprint ``value``, as a dictionary of postings answers."""
        bucket = value >> (PRINT_BITS - self.BITS)
        values = self.prints[bucket]
        if value not in values:
            return None
        numbers = self.numbers[bucket]
        found = [numbers[at] for at, held in enumerate(values) if held == value]
        return found[0] if len(found) == 1 else found


Postings = dict[int, int | list[int]] | Buckets
"""Fingerprint -> page number(s): a dictionary built for the run's drafts, or kept buckets."""


class SiteIndex:
    """Pages and the inverted index over their fingerprints."""

    def __init__(self, pages: list[PageEntry], max_pages_per_print: int = 20) -> None:
        self.pages = pages
        self.max_pages_per_print = max_pages_per_print
        self._titles: TitleIndex | None = None
        self._buckets: Buckets | None = None

    def title_index(self) -> TitleIndex:
        """The pages' titles arranged for lookups (ML305), built once for this index."""
        if self._titles is None:
            self._titles = TitleIndex.of(self.pages)
        return self._titles

    def _postings(self, wanted: set[int]) -> dict[int, int | list[int]]:
        """Fingerprint -> page number(s), for the ``wanted`` fingerprints only: one C-level set
        intersection per page. For 200 drafts against 10,000 pages this took 0.26 s where a
        dictionary of every fingerprint took 0.89 s (and 2.3 million entries of memory), with
        the same candidates (benchmarks/speed.py's site)."""
        postings: dict[int, int | list[int]] = {}
        for number, page in enumerate(self.pages):
            for value in wanted.intersection(page.values()):
                existing = postings.get(value)
                if existing is None:
                    postings[value] = number
                elif type(existing) is int:
                    postings[value] = [existing, number]
                else:
                    existing.append(number)
        return postings

    def keep_buckets(self) -> None:
        """Make lookups cheap for an index kept between checks (the language server): every
        fingerprint in :class:`Buckets`, built once."""
        if self._buckets is None:
            self._buckets = Buckets(self.pages)

    def candidates_for(
        self, queries: Sequence[set[int]], limit: int = 8, min_hits: int = 3
    ) -> list[list[tuple[int, int]]]:
        """For each query (a draft's shingles), the pages sharing the most fingerprints with it:
        (page number, shared count), best first."""
        narrowed = [index_prints(query) for query in queries]
        postings: Postings = self._buckets if self._buckets is not None else self._postings(set().union(*narrowed))
        return [self._ranked(query, postings, limit, min_hits) for query in narrowed]

    def _ranked(self, query: set[int], postings: Postings, limit: int, min_hits: int) -> list[tuple[int, int]]:
        hits: Counter[int] = Counter()
        for value in query:
            found = postings.get(value)
            if found is None:
                continue
            if type(found) is int:
                hits[found] += 1
            elif len(found) <= self.max_pages_per_print:  # boilerplate shared by many pages says nothing
                hits.update(found)
        return [(page, count) for page, count in hits.most_common(limit) if count >= min_hits]

    @classmethod
    def build(
        cls,
        files: Sequence[str],
        cache_key: str | None = None,
        use_cache: bool = True,
        memo: dict[str, Digest] | None = None,
        skip: frozenset[tuple[int, int]] = frozenset(),
    ) -> SiteIndex:
        """Index ``files`` but those that are one of the files ``skip`` names by device and inode
        (the run's drafts, under any name), with the digests kept in ``memo`` (in memory between
        ``mkdocs serve`` rebuilds) or else in the disk cache under ``cache_key``: a page whose file
        stamp is the one recorded is taken as it was; the others are read and hashed, and only
        those whose content changed are digested again."""
        cache = PageCache.open(cache_key) if cache_key and use_cache else None
        secret = cache.secret if cache else b""
        cached, written = (memo, time.time_ns()) if memo else (_load(cache) if cache else ({}, 0))
        entries: dict[str, Digest] = {}
        items: list[tuple[str, bytes | None]] = []
        for path in files:
            try:
                status = os.stat(path)
            except OSError:
                continue  # gone, or unreadable: no page
            if (status.st_dev, status.st_ino) in skip:
                continue
            known = cached.get(path)
            stamp = stamp_of(status)
            if known is not None and known.stamp == stamp and stamp[1] < written - RACY_NS:
                entries[path] = known
            else:
                items.append((path, known.key if known is not None else None))
        changed = False
        for (path, _), result in zip(items, _digest_all(items, secret), strict=True):
            if isinstance(result, tuple) and not isinstance(result, Digest):
                stamp, _key = result
                entries[path] = cached[path]._replace(stamp=stamp)
                changed = True
            elif result is not None:
                entries[path] = result
                changed = True
        if cache and (changed or len(entries) != len(cached)):
            pages, offset = {}, 0
            for path, (stamp, key, e) in entries.items():  # the fingerprints go beside, in one blob
                pages[path] = (stamp, key, e.title, e.words, offset, len(e.prints), e.normalised_title, e.slug)
                offset += len(e.prints)
            blob = b"".join(bytes(digest.entry.prints) for digest in entries.values())
            cache.write({"written": time.time_ns(), "pages": pages}, blob)
        if memo is not None:
            memo.clear()
            memo.update(entries)
        return cls([entries[path].entry for path in files if path in entries])


def _digest_all(items: list[tuple[str, bytes | None]], secret: bytes) -> list[Digest | tuple[Stamp, bytes] | None]:
    chunks = map_chunks(_digest_chunk, items, PARALLEL_PAGES, secret)
    return [result for chunk in chunks for result in chunk]


def _load(cache: PageCache) -> tuple[dict[str, Digest], int]:
    """The digests a cache holds and when it was written; a truncated, corrupt or foreign one
    holds none."""
    try:
        stored, blob = cache.read_with_blob()
        digests = {
            path: Digest(tuple(stamp), key, PageEntry(path, title, words, blob[at : at + size], normalised, slug))
            for path, (stamp, key, title, words, at, size, normalised, slug) in stored["pages"].items()
            if isinstance(key, bytes)
            and size % (PRINT_BITS // 8) == 0
            and 0 <= at <= at + size <= len(blob)
            and len(stamp) == 4
        }
        return digests, int(stored["written"])
    except Exception:
        return {}, 0
