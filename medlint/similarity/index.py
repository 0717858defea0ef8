"""The site index: every page's title and fingerprints, and an inverted index from fingerprint to
pages, so that finding the pages a draft may copy costs one dictionary lookup per shingle of the
draft, whatever the size of the site.

Each page's digest is cached on disk, keyed by the hash of its content and medlint's version; a
cache that is missing, stale, unreadable or corrupt is rebuilt, never trusted.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import re
import sys
import tempfile
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from medlint import __version__
from medlint.parallel import map_chunks
from medlint.similarity.text import fingerprints, passages, words_of

CACHE_FORMAT = 2
MAX_PAGE_BYTES = 5_000_000
PARALLEL_PAGES = 300
"""Pages to digest below which a second process costs more than it saves."""

_TITLE = re.compile(r"""^title\s*[:=]\s*["']?(.*?)["']?\s*$""")
_H1 = re.compile(r"^#\s+(.+?)\s*#*\s*$")


@dataclass(slots=True)
class PageEntry:
    """What the index keeps of a page: its title, its prose word count and its fingerprints
    (sorted 64-bit values, packed)."""

    path: str
    title: str
    words: int
    prints: bytes


def slug_of(path: str) -> str:
    stem = Path(path).stem
    if stem.lower() in ("index", "readme"):
        stem = Path(path).parent.name
    return re.sub(r"[\W_]+", "-", stem.lower()).strip("-")


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
    """What the index keeps of a page: its content hash, the size and modification time it had
    then (an unchanged stamp means the page need not be read again), and its entry."""

    key: bytes
    stamp: tuple[int, int]
    entry: PageEntry


def digest(path: str, known: Digest | None = None) -> Digest | None:
    """Read one page and compute its digest, reusing ``known`` when the content is the same;
    ``None`` for a page that cannot be read."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            data = handle.read(MAX_PAGE_BYTES + 1)
    except OSError:
        return None
    if len(data) > MAX_PAGE_BYTES:
        return None
    key = content_key(data)
    entry = known.entry if known is not None and known.key == key else entry_from(path, data)
    return Digest(key, (status.st_size, status.st_mtime_ns), entry)


def entry_from(path: str, data: bytes) -> PageEntry:
    text = data.decode("utf-8-sig", errors="replace")
    lines, first, title = body_lines(text)
    prints: set[int] = set()
    total = 0
    for passage in passages(lines, first):
        words = words_of(passage.text)
        total += len(words)
        prints |= fingerprints(words)
    return PageEntry(path, title, total, array("Q", sorted(prints)).tobytes())


def content_key(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()


def _digest_chunk(paths: list[str]) -> list[Digest | None]:
    return [digest(path) for path in paths]


SCAN_QUERIES = 16
"""Drafts up to which scanning the pages beats building the full inverted index. Measured on the
10,000-page site of benchmarks/speed.py: the full index costs about 1.9 s; scanning costs 0.07 s
for one draft (the pre-commit case), 0.7 s for 8, 1.3 s for 16 and 3.3 s for 32."""


class SiteIndex:
    """Pages and the inverted index over their fingerprints."""

    def __init__(self, pages: list[PageEntry], max_pages_per_print: int = 20) -> None:
        self.pages = pages
        self.max_pages_per_print = max_pages_per_print

    def _postings(self, wanted: set[int] | None = None) -> dict[int, int | list[int]]:
        """Fingerprint -> page number(s), for every fingerprint or only the ``wanted`` ones (one
        C-level set intersection per page: several times cheaper when drafts are few)."""
        postings: dict[int, int | list[int]] = {}
        for number, page in enumerate(self.pages):
            values = array("Q", page.prints)
            for value in values if wanted is None else wanted.intersection(values):
                existing = postings.get(value)
                if existing is None:
                    postings[value] = number
                elif type(existing) is int:
                    postings[value] = [existing, number]
                else:
                    existing.append(number)
        return postings

    def candidates_for(
        self, queries: Sequence[set[int]], limit: int = 8, min_hits: int = 3
    ) -> list[list[tuple[int, int]]]:
        """For each query (a draft's shingles), the pages sharing the most fingerprints with it:
        (page number, shared count), best first."""
        wanted = set().union(*queries) if len(queries) <= SCAN_QUERIES else None
        postings = self._postings(wanted)
        return [self._ranked(query, postings, limit, min_hits) for query in queries]

    def _ranked(
        self, query: set[int], postings: dict[int, int | list[int]], limit: int, min_hits: int
    ) -> list[tuple[int, int]]:
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
    ) -> SiteIndex:
        """Index ``files``, reusing digests of unchanged files: from ``memo`` (kept in memory between
        ``mkdocs serve`` rebuilds) or else from the disk cache under ``cache_key``. A page whose
        size and modification time are as recorded is not read; one whose stamp changed is read,
        and re-digested only if its content hash changed too."""
        cache = PageCache(cache_key) if cache_key else None
        cached = memo if memo else (cache.load() if cache and use_cache else {})
        entries: dict[str, Digest] = {}
        todo: list[str] = []
        restamped = False
        for path in files:
            known = cached.get(path)
            if known is None:
                todo.append(path)
                continue
            try:
                status = os.stat(path)
            except OSError:
                continue
            if known.stamp == (status.st_size, status.st_mtime_ns):
                entries[path] = known
                continue
            restamped = True
            result = digest(path, known)
            if result is not None:
                entries[path] = result
        for path, result in zip(todo, _digest_all(todo), strict=True):
            if result is not None:
                entries[path] = result
        if cache and use_cache and (todo or restamped or len(entries) != len(cached)):
            cache.save(entries)
        if memo is not None:
            memo.clear()
            memo.update(entries)
        return cls([entries[path].entry for path in files if path in entries])


def _digest_all(paths: list[str]) -> list[Digest | None]:
    return [result for chunk in map_chunks(_digest_chunk, paths, PARALLEL_PAGES) for result in chunk]


def cache_dir() -> Path:
    """``$MEDLINT_CACHE_DIR``, else the user's cache folder (never inside the checked tree)."""
    if os.environ.get("MEDLINT_CACHE_DIR"):
        return Path(os.environ["MEDLINT_CACHE_DIR"])
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "medlint"


class PageCache:
    """One file per site: ``{path: (content hash, size, mtime, entry fields)}``, written atomically."""

    def __init__(self, key: str) -> None:
        name = hashlib.blake2b(key.encode("utf-8"), digest_size=12).hexdigest()
        self.file = cache_dir() / f"site-{name}.idx"

    def load(self) -> dict[str, Digest]:
        try:
            with open(self.file, "rb") as handle:
                raw = marshal.load(handle)
            if raw.get("format") != CACHE_FORMAT or raw.get("version") != __version__:
                return {}
            return {
                path: Digest(key, (size, mtime), PageEntry(path, title, words, prints))
                for path, (key, size, mtime, title, words, prints) in raw["pages"].items()
                if isinstance(key, bytes) and isinstance(prints, bytes) and len(prints) % 8 == 0
            }
        except Exception:  # missing, truncated, corrupt or foreign: rebuild
            return {}

    def save(self, entries: dict[str, Digest]) -> None:
        raw = {
            "format": CACHE_FORMAT,
            "version": __version__,
            "pages": {path: (key, *stamp, e.title, e.words, e.prints) for path, (key, stamp, e) in entries.items()},
        }
        try:
            self.file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.file.parent, prefix=".tmp-", suffix=".idx")
            with os.fdopen(handle, "wb") as out:
                marshal.dump(raw, out)
            os.replace(temporary, self.file)
        except OSError:
            pass  # a read-only or full cache folder only costs speed
