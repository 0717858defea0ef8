"""Pages' heads (front matter and first body line) kept between runs. A generator that reads every
page's front matter to learn its URL (Hugo, Jekyll, Zola, a blog's posts) then reads again only
the pages whose file changed, judged as the page index judges them: by the file's size, times and
inode, a page modified within two seconds of the cache's writing read again.

The heads are kept while a site reads its pages (:func:`kept`), in the cache folder, sealed like
every cache file (:mod:`medlint.cache`). Front matter is data: strings, numbers, lists, mappings
and dates are kept; a head holding anything else is read every time."""

from __future__ import annotations

import contextlib
import datetime
import os
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from typing import Any

from medlint.cache import RACY_NS, PageCache, Stamp, stamp_of

_DATES: dict[str, Any] = {
    "datetime": datetime.datetime.fromisoformat,
    "date": datetime.date.fromisoformat,
    "time": datetime.time.fromisoformat,
}


class KeptHeads:
    """The heads a cache holds, and those a run looks up (which the next run finds)."""

    def __init__(self, stored: dict[str, Any], written: int, stat: Callable[[str], os.stat_result]) -> None:
        self.stored = stored
        self.trusted_before = written - RACY_NS
        self.stat = stat
        self.looked: dict[str, Any] = {}
        self.read = 0
        self._stamps: dict[str, Stamp] = {}

    def get(self, path: str) -> tuple[dict[str, Any], str] | None:
        """The kept head of the page at ``path`` (its front matter and first line), when its file
        is as it was; ``None``: read it, then :meth:`put` it."""
        try:
            status = self.stat(path)
        except OSError:
            return None
        stamp = stamp_of(status)
        known = self.stored.get(path)
        if known is not None and known[0] == stamp and status.st_mtime_ns < self.trusted_before:
            with contextlib.suppress(KeyError, TypeError, ValueError, IndexError):  # a head not as kept
                head = _restored(known[1]), known[2]
                self.looked[path] = known
                return head
        self._stamps[path] = stamp  # taken before the page is read: a change meanwhile is seen next time
        return None

    def put(self, path: str, meta: dict[str, Any], first_line: str) -> None:
        """Keep the head just read of the page at ``path`` (not when its front matter is not data)."""
        self.read += 1
        stamp = self._stamps.pop(path, None)
        with contextlib.suppress(ValueError):
            if stamp is not None:
                self.looked[path] = (stamp, _plain(meta), first_line)


_current: ContextVar[KeptHeads | None] = ContextVar("medlint_kept_heads", default=None)


def current() -> KeptHeads | None:
    """The heads kept for the site reading its pages now, if any."""
    return _current.get()


@contextlib.contextmanager
def kept(site_key: str, stat: Callable[[str], os.stat_result]) -> Iterator[None]:
    """Within the block, page heads come from the cache for ``site_key`` where their file is
    unchanged; those read are kept for the next run (and those no longer looked up dropped)."""
    cache = PageCache.open(site_key, kind="heads")
    if cache is None:
        yield
        return
    stored = cache.read()
    heads = KeptHeads(stored.get("heads", {}), int(stored.get("written", 0)), stat)
    token = _current.set(heads)
    try:
        yield
    finally:
        _current.reset(token)
    if heads.read or heads.looked.keys() != heads.stored.keys():
        cache.write({"written": time.time_ns(), "heads": heads.looked})


MAX_DEPTH = 32
"""Front matter nested deeper than this (a hostile page's ``[[[[...]]]]``) is read every time."""


def _plain(value: Any, depth: int = 0) -> Any:
    """``value`` as marshal keeps it, dates as tagged tuples (front matter has no tuples);
    ``ValueError`` for anything but data, or data nested past :data:`MAX_DEPTH`."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.date, datetime.time)):  # datetime is a date
        kind = "datetime" if isinstance(value, datetime.datetime) else type(value).__name__
        return (kind, value.isoformat())
    if depth >= MAX_DEPTH:
        raise ValueError("nested too deeply to keep")
    if isinstance(value, list):
        return [_plain(item, depth + 1) for item in value]
    if isinstance(value, dict):
        if not all(key is None or isinstance(key, (bool, int, float, str)) for key in value):
            raise ValueError("a key that is not data")
        return {key: _plain(item, depth + 1) for key, item in value.items()}
    raise ValueError(f"not data: {type(value).__name__}")


def _restored(value: Any) -> Any:
    """What :func:`_plain` made, as it was (new containers each time: a reader may change them)."""
    if isinstance(value, dict):
        return {key: _restored(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_restored(item) for item in value]
    if isinstance(value, tuple):
        return _DATES[value[0]](value[1])
    return value
