"""Files on disk: the one Markdown walker, the targets of a run, and how output names a file."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

MARKDOWN_SUFFIXES = (".md", ".markdown")
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


class PathError(Exception):
    """A path on the command line that does not exist."""


class NotRegularFile(OSError):
    """A pipe, socket, device or folder where a file was expected: never read (it could block)."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of a regular file. The file is opened without blocking and checked
    after opening, so a FIFO put where a page or cache file should be is refused, not waited on.
    Raises :class:`NotRegularFile` or another ``OSError``."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "a pipe, socket or device"
            raise NotRegularFile(f"not a regular file ({kind})")
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    finally:
        os.close(descriptor)


@dataclass(frozen=True)
class Target:
    """A file to check: its real path, and the name the user gave it (``None``: named by the run)."""

    file: str
    given: str | None = None
    #: set when the target could not even be listed (an unreadable folder)
    error: str | None = None


def walk_markdown(folder: str | os.PathLike[str]) -> Iterator[tuple[str, str | None]]:
    """``(path, error)`` for every ``*.md``/``*.markdown`` file under ``folder``, sorted, with hidden
    files and folders, ``node_modules`` and symbolic links to folders skipped (no loops). A folder
    that cannot be listed comes back as its path with the reason."""
    failures: list[OSError] = []
    for current, subfolders, names in os.walk(folder, onerror=failures.append, followlinks=False):
        while failures:
            yield _listing_failure(failures.pop())
        subfolders[:] = sorted(name for name in subfolders if not name.startswith(".") and name not in SKIPPED_FOLDERS)
        for name in sorted(names):
            if name.endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                yield os.path.join(current, name), None
    for failure in failures:
        yield _listing_failure(failure)


def _listing_failure(failure: OSError) -> tuple[str, str]:
    return str(failure.filename), f"cannot list folder: {failure.strerror or failure}"


def collect(paths: Sequence[str], exclude: Iterable[str] = (), root: str | os.PathLike[str] = ".") -> list[Target]:
    """Files named directly, and Markdown files under folders; each file once. ``exclude`` holds glob
    patterns matched against the path relative to ``root`` (the configuration's folder) and against
    the file name."""
    patterns = tuple(exclude)
    seen: set[str] = set()
    targets: list[Target] = []

    def add(file: str, error: str | None = None) -> None:
        key = os.path.realpath(file)
        if key in seen or _excluded(file, patterns, root):
            return
        seen.add(key)
        targets.append(Target(file, os.path.normpath(file), error))  # "./a.md" is named "a.md"

    for given in paths:
        if os.path.isdir(given):
            for file, error in walk_markdown(given):
                add(file, error)
        elif os.path.lexists(given):
            add(given)
        else:
            raise PathError(f"no such file or folder: {given}")
    return targets


def _excluded(file: str, patterns: tuple[str, ...], root: str | os.PathLike[str]) -> bool:
    if not patterns:
        return False
    try:
        relative = Path(os.path.relpath(os.path.abspath(file), root)).as_posix()
    except ValueError:  # another drive
        relative = Path(file).as_posix()
    name = Path(file).name
    return any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern) for pattern in patterns)


def display_path(path: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> str:
    """A file named relative to ``root`` (default: the current folder), or absolute when that would
    climb more than one folder up (or cross drives)."""
    try:
        relative = os.path.relpath(path, root)
    except ValueError:
        return str(path)
    return os.path.abspath(path) if relative.split(os.sep)[:2] == [os.pardir, os.pardir] else relative


class FileNamer:
    """How a run names files in output: a target by the name the user gave it, any other file
    relative to ``root`` (the current folder, or the MkDocs project for the plugin)."""

    def __init__(self, targets: Iterable[Target] = (), root: str | os.PathLike[str] | None = None) -> None:
        self.root = None if root is None else os.fspath(root)
        self.given = {target.file: target.given for target in targets if target.given is not None}

    def __call__(self, path: str) -> str:
        return self.given.get(path) or display_path(path, self.root)
