"""The cache folder: what medlint keeps between runs (page digests, a site's page list, its pages'
front matter), in a folder only its user can write, keyed with a secret kept beside it.

- the folder is ``$MEDLINT_CACHE_DIR``, else the user's cache folder; none without a home folder;
- it is created 0700 and refused when another user owns it or others can write to it;
- its secret (``key``, 0600) keys a MAC of every cache file, so a planted or restored file is
  refused whole (a page's cached digest is trusted by its file's identity, size and times, as
  git's index and ruff's cache trust theirs, so the file holding it must be beyond forging); an
  empty or invalid key of its own (a run killed while making it) is replaced, with a notice;
- a file is written atomically (marshal data: no code runs when it is read back), and is read
  back only for this medlint version and cache format, with a MAC that matches; anything else
  reads as empty;
- a file may carry a blob beside its data (the page index's fingerprints). The MAC seals the
  data and the blob's length, not the blob's bytes, so that a lookup maps the file and reads
  only what it needs (a 50,000-page site's blob is over 100 MB). The blob only steers which
  pages are compared with a draft, and every comparison reads the page itself: a blob altered
  in place (by someone who can write the user's private files) could hide a duplicate, never
  make one up.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import marshal
import os
import stat
import struct
import sys
import time
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

from medlint import __version__
from medlint.atomic import replace_file
from medlint.files import NotRegularFile, map_regular, read_regular
from medlint.notices import notice

CACHE_FORMAT = 12
TUPLE_HASH = hash((1, 2, 3, 4))
"""The interpreter's tuple hash, which fingerprints are made with: a cache made by another reads
as empty."""
MAX_CACHE_BYTES = 1_000_000_000
STALE_TEMPORARY = 3600
"""Seconds after which a temporary file in the cache folder is a leftover of a killed run."""
SECRET_BYTES = 32
RACY_NS = 2_000_000_000
"""A file modified this close to a cache's writing may have changed within its time's resolution
(2 s on FAT) since it was read: it is read again, whatever its stamp says (git's "racily clean")."""

Stamp = bytes
"""A file's identity as a cache records it: size, modification and change times (ns), inode,
packed (32 bytes: a cache of 50,000 stamps loads as 50,000 strings, not 250,000 objects)."""
_STAMP = struct.Struct("<4Q")
_WORD = 0xFFFF_FFFF_FFFF_FFFF


def stamp_of(status: os.stat_result) -> Stamp:
    # each value modulo 2**64: a time before 1970 is negative, one past 2262 (a file system may
    # hold dates to 2446) overflows a signed count of nanoseconds, and Windows' ReFS has 128-bit
    # inodes; the low 64 bits of each still tell a change
    return _STAMP.pack(
        status.st_size & _WORD, status.st_mtime_ns & _WORD, status.st_ctime_ns & _WORD, status.st_ino & _WORD
    )


def cache_dir() -> Path | None:
    """``$MEDLINT_CACHE_DIR``, else the user's cache folder; ``None`` when there is no home folder
    to put it in (an arbitrary user id in a container)."""
    if os.environ.get("MEDLINT_CACHE_DIR"):
        return Path(os.environ["MEDLINT_CACHE_DIR"])
    try:
        if sys.platform == "win32":
            base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        elif sys.platform == "darwin":
            base = Path.home() / "Library" / "Caches"
        else:
            base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    except (RuntimeError, KeyError):  # Path.home() without $HOME or a passwd entry
        return None
    return base / "medlint"


class PageCache:
    """One file per site and kind (``site``: page digests; ``pages``: the site's page list;
    ``heads``: its pages' front matter) in a cache folder that only its user can write, with the
    folder's secret for keyed hashes. Written atomically; a file that is missing, stale, corrupt,
    foreign or planted reads as empty."""

    def __init__(self, folder: Path, site_key: str, secret: bytes, kind: str = "site") -> None:
        name = hashlib.blake2b(site_key.encode("utf-8", "surrogateescape"), digest_size=12).hexdigest()
        self.file = folder / f"{kind}-{name}.idx"
        self.secret = secret

    @classmethod
    def open(cls, site_key: str, kind: str = "site") -> PageCache | None:
        """The cache for a site, or ``None`` (with a notice) when no trustworthy folder is at hand."""
        folder = cache_dir()
        if folder is None:
            notice("no home folder, so no page cache (set MEDLINT_CACHE_DIR to keep one)")
            return None
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            problem = _untrusted(folder, folder=True)
            if problem is None:
                secret = _secret(folder / "key")
                if isinstance(secret, bytes):
                    return cls(folder, site_key, secret, kind)
                problem = secret
        except OSError as exc:
            problem = exc.strerror or str(exc)
        notice(f"not using the page cache in {folder}: {problem}")
        return None

    def read(self) -> Any:
        """What :meth:`write` stored for this medlint version, or ``{}``."""
        return self.read_with_blob()[0]

    def read_with_blob(self) -> tuple[Any, memoryview]:
        """What :meth:`write` stored for this medlint version and the bytes it stored beside it
        (a view of the file mapped into memory, not a copy), or ``({}, empty)``."""
        nothing = ({}, memoryview(b""))
        try:
            data = memoryview(map_regular(self.file, MAX_CACHE_BYTES))
        except NotRegularFile:
            notice(f"ignoring the page cache {self.file}: not a regular file")
            return nothing
        except (OSError, ValueError):
            return nothing
        head = len(_MAGIC) + _MAC_BYTES
        if len(data) < head + 2 * _LENGTH_BYTES or data[: len(_MAGIC)] != _MAGIC:
            return nothing
        lengths = data[head : head + 2 * _LENGTH_BYTES]
        size = int.from_bytes(lengths[:_LENGTH_BYTES], "big")
        blob_size = int.from_bytes(lengths[_LENGTH_BYTES:], "big")
        start = head + 2 * _LENGTH_BYTES
        if len(data) != start + size + blob_size:
            return nothing  # truncated, or grown
        payload = data[start : start + size]
        if not hmac.compare_digest(data[len(_MAGIC) : head].tobytes(), self._mac(lengths, payload)):
            return nothing  # written without the secret: planted, or restored from elsewhere
        try:
            raw = marshal.loads(payload)
            if raw.get("format") != CACHE_FORMAT or raw.get("version") != __version__ or raw.get("hash") != TUPLE_HASH:
                return nothing
            return raw["value"], data[start + size :]
        except Exception:  # corrupt or foreign
            return nothing

    def write(self, value: Any, blob: Sequence[bytes | memoryview] = ()) -> None:
        """Store ``value`` (marshal data: no code runs when it is read back) and the bytes of the
        parts of ``blob`` beside it, one after the other (what :meth:`read_with_blob` gives back
        as one view; written part by part, never joined in memory), sealed with a MAC."""
        if os.path.lexists(self.file) and not self.file.is_file():
            return  # read() said why
        payload = marshal.dumps({"format": CACHE_FORMAT, "version": __version__, "hash": TUPLE_HASH, "value": value})
        blob_size = sum(memoryview(part).nbytes for part in blob)
        lengths = len(payload).to_bytes(_LENGTH_BYTES, "big") + blob_size.to_bytes(_LENGTH_BYTES, "big")
        parts = (lengths, payload, *blob)
        try:
            _remove_stale_temporaries(self.file.parent)
            replace_file(self.file, partial(write_sealed, self._mac(lengths, payload), parts), suffix=".idx")
        except OSError:
            pass  # a read-only or full cache folder only costs speed

    def _mac(self, lengths: bytes | memoryview, payload: bytes | memoryview) -> bytes:
        mac = hashlib.blake2b(lengths, digest_size=_MAC_BYTES, key=self.secret)
        mac.update(payload)
        return mac.digest()


_MAGIC = b"medlint-cache\n"
_MAC_BYTES = 32
_LENGTH_BYTES = 8


def write_sealed(mac: bytes, parts: tuple[bytes | memoryview, ...], out: Any) -> None:
    """A cache file: a header, the MAC under the folder's secret of the lengths and the payload,
    then the payload's and the blob's lengths, the payload (marshal data) and the blob."""
    out.write(_MAGIC + mac)
    for part in parts:
        out.write(part)


def _untrusted(path: Path, folder: bool) -> str | None:
    """Why ``path`` cannot be trusted with the cache: not what it should be, owned by another
    user, writable by others (the folder) or readable by them (the secret)."""
    status = path.lstat()
    if not (stat.S_ISDIR(status.st_mode) if folder else stat.S_ISREG(status.st_mode)):
        return "not a " + ("folder" if folder else "regular file")
    if hasattr(os, "getuid"):
        if status.st_uid != os.getuid():
            return "owned by another user"
        if status.st_mode & (0o022 if folder else 0o077):
            return "others can write to it" if folder else "others can read it"
    return None


def _secret(path: Path) -> bytes | str:
    """The cache's secret (made on first use, mode 0600), or why the one there is refused."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    except FileExistsError:
        problem = _untrusted(path, folder=False)
        if problem is not None:
            return f"{path.name}: {problem}"
        data = read_regular(path, 64)
        if len(data) == SECRET_BYTES:
            return data
        notice(
            f"replaced the page cache's key {path}: it was {'empty' if not data else 'not a key'} (a run stopped while making it?)"
        )
        return _replaced_secret(path)
    secret = os.urandom(SECRET_BYTES)
    with os.fdopen(descriptor, "wb") as out:
        out.write(secret)
    return secret


def _replaced_secret(path: Path) -> bytes:
    """A new secret written over an invalid one, atomically (a temporary 0600 file renamed)."""
    secret = os.urandom(SECRET_BYTES)
    replace_file(path, lambda out: out.write(secret), suffix=".idx", prepare=_private)
    return secret


def _private(file: str) -> bool:
    os.chmod(file, 0o600)
    return True


def _remove_stale_temporaries(folder: Path) -> None:
    """Temporary files that a run killed outright (SIGKILL, power loss) could not remove."""
    limit = time.time() - STALE_TEMPORARY
    for leftover in folder.glob(".medlint-*.idx"):
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime < limit:
                leftover.unlink()
