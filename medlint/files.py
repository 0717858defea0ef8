"""Files on disk: the one Markdown walker, the targets of a run, and how output names a file."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx")
"""What medlint reads as Markdown; a generator publishes those of its own :attr:`page_suffixes`."""
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


class PathError(Exception):
    """A path on the command line that does not exist."""


class NotRegularFile(OSError):
    """A pipe, socket, device or folder where a file was expected: never read (it could block)."""


def read_regular(path: str | os.PathLike[str], limit: int) -> bytes:
    """Up to ``limit + 1`` bytes of a regular file. The file is opened without blocking and checked
    after opening, so a FIFO put where a page or cache file should be is refused, not waited on.
    Raises :class:`NotRegularFile` or another ``OSError``."""
    descriptor, _ = _open_regular(path)
    try:
        with os.fdopen(descriptor, "rb", closefd=False) as handle:
            return handle.read(limit + 1)
    finally:
        os.close(descriptor)


def map_regular(path: str | os.PathLike[str], limit: int) -> bytes | memoryview:
    """A regular file of at most ``limit`` bytes as :func:`read_regular` checks it, mapped into
    memory where the system allows (only the parts read are loaded: a lookup in a large cache
    file reads what it needs), else read. Raises ``OSError`` as :func:`read_regular` does, and
    ``ValueError`` past ``limit``."""
    descriptor, size = _open_regular(path)
    try:
        if size > limit:
            raise ValueError(f"over {limit:,} bytes")
        if size == 0 or os.name == "nt":  # a mapped file cannot be replaced on Windows
            with os.fdopen(descriptor, "rb", closefd=False) as handle:
                return handle.read(limit + 1)
        import mmap

        return memoryview(mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ))
    finally:
        os.close(descriptor)


def _open_regular(path: str | os.PathLike[str]) -> tuple[int, int]:
    """A descriptor of ``path`` opened without blocking, and its size, once it is known to be a
    regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            kind = "a folder" if stat.S_ISDIR(status.st_mode) else "a pipe, socket or device"
            raise NotRegularFile(f"not a regular file ({kind})")
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, status.st_size


@dataclass(frozen=True)
class Target:
    """A file to check: its real path, and the name the user gave it (``None``: named by the run)."""

    file: str
    given: str | None = None
    #: set when the target could not even be listed (an unreadable folder)
    error: str | None = None
    #: the file's unsaved text (an editor's buffer), checked instead of what is on disk
    text: str | None = None


MAX_WALK_FILES = 50_000
MAX_WALK_FOLDERS = 10_000
MAX_WALK_DEPTH = 32
"""A folder walk stops with an error past these: a site or drafts folder is not the whole disk."""

OUTSIDE_LINK = "a symbolic link to outside the project; --follow-outside (follow_outside: true) reads it"


class WalkLimitError(Exception):
    """A folder walk went past :data:`MAX_WALK_FILES`, :data:`MAX_WALK_FOLDERS` or :data:`MAX_WALK_DEPTH`."""


@dataclass(frozen=True)
class Boundary:
    """The folders medlint may read in by itself: the project's (the configuration's folder, or
    the current one) and folders the user named. Symbolic links that lead out of them are not
    followed unless ``follow_outside``; everything else the user names is read where it is."""

    roots: tuple[Path, ...]
    follow_outside: bool = False

    @classmethod
    def of(cls, *folders: str | os.PathLike[str], follow_outside: bool = False) -> Boundary:
        return cls(tuple(dict.fromkeys(Path(os.path.realpath(folder)) for folder in folders)), follow_outside)

    def widened(self, *folders: str | os.PathLike[str]) -> Boundary:
        return Boundary.of(*self.roots, *folders, follow_outside=self.follow_outside)

    def contains(self, path: str | os.PathLike[str]) -> bool:
        """Whether ``path``, with every symbolic link resolved, is inside (always, when following)."""
        if self.follow_outside:
            return True
        real = Path(os.path.realpath(path))
        return any(real == root or root in real.parents for root in self.roots)

    def leaves(self, path: str | os.PathLike[str]) -> bool:
        """A symbolic link (the path itself) that leads outside."""
        return os.path.islink(path) and not self.contains(path)


def walk_markdown(
    folder: str | os.PathLike[str],
    boundary: Boundary | None = None,
    others: list[tuple[str, str | None]] | None = None,
    listed: list[Listed] | None = None,
) -> Iterator[tuple[str, str | None]]:
    """``(path, error)`` for every ``*.md``/``*.markdown``/``*.mdx`` file under ``folder``, sorted, with hidden
    files and folders, ``node_modules`` and symbolic links to folders skipped (no loops). A folder
    that cannot be listed comes back as its path with the reason, and so does a file that is a
    symbolic link out of ``boundary``. Past the walk limits, :class:`WalkLimitError`. The other
    files the walk passes are put in ``others``, if given, as they would come; the folders it
    lists, in ``listed`` (see :class:`Listed`)."""
    return walk_files(folder, boundary, _is_markdown, "Markdown files", others, listed)


class Listed(NamedTuple):
    """A folder a walk listed: its ``os.stat`` taken just before, and whether it held symbolic
    links to files (where those lead can change with no change to the folder)."""

    path: str
    status: os.stat_result
    links: bool


def _is_markdown(name: str) -> bool:
    return name.endswith(MARKDOWN_SUFFIXES) and not name.startswith(".")


def is_plain_file(name: str) -> bool:
    """Whether a file named ``name`` is one a site copies as it is: not hidden, not Markdown."""
    return not name.startswith(".") and not name.lower().endswith(MARKDOWN_SUFFIXES)


def walk_files(
    folder: str | os.PathLike[str],
    boundary: Boundary | None = None,
    wanted: Callable[[str], bool] = lambda name: True,
    what: str = "files",
    others: list[tuple[str, str | None]] | None = None,
    listed: list[Listed] | None = None,
) -> Iterator[tuple[str, str | None]]:
    """:func:`walk_markdown` for the files whose name is ``wanted`` (hidden folders are skipped
    all the same; a hidden file is yielded when ``wanted`` takes it). Folders are listed as
    ``os.walk`` lists them, top-down and never through a symbolic link; a file's own directory
    entry says whether it is a link, so only links cost a look at where they lead. The files not
    ``wanted`` are put in ``others``, if given, as they would come (another walk spared)."""
    files = 0
    top = os.fspath(folder)
    top_depth = top.rstrip(os.sep).count(os.sep)
    pending = [top]
    folders = 0
    while pending:
        current = pending.pop()
        folders += 1
        if folders > MAX_WALK_FOLDERS or current.count(os.sep) - top_depth > MAX_WALK_DEPTH:
            limit = f"{MAX_WALK_FOLDERS:,} folders" if folders > MAX_WALK_FOLDERS else f"{MAX_WALK_DEPTH} levels deep"
            raise WalkLimitError(f"{folder}: stopped reading past {limit}; is it the right folder?")
        try:
            status = os.stat(current) if listed is not None else None
            with os.scandir(current) as listing:
                entries = list(listing)
        except OSError as exc:
            yield _listing_failure(exc)
            continue
        subfolders: list[str] = []
        names: list[str] = []
        linked: set[str] = set()
        for entry in entries:
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if is_folder:
                if not entry.is_symlink() and not entry.name.startswith(".") and entry.name not in SKIPPED_FOLDERS:
                    subfolders.append(entry.name)
            else:
                names.append(entry.name)
                if (boundary is not None or listed is not None) and entry.is_symlink():
                    linked.add(entry.name)
        if listed is not None and status is not None:
            listed.append(Listed(current, status, bool(linked)))
        chosen = sorted(filter(wanted, names))
        files += len(chosen)
        if files > MAX_WALK_FILES:
            raise WalkLimitError(f"{folder}: stopped reading past {MAX_WALK_FILES:,} {what}")
        prefix = os.path.join(current, "")
        if others is not None and len(chosen) < len(names):
            taken = set(chosen)
            others.extend(_checked(prefix, name, linked, boundary) for name in sorted(names) if name not in taken)
        for name in chosen:
            yield _checked(prefix, name, linked, boundary)
        pending.extend(os.path.join(current, name) for name in sorted(subfolders, reverse=True))


def _checked(prefix: str, name: str, linked: set[str], boundary: Boundary | None) -> tuple[str, str | None]:
    """A walked file's path, with :data:`OUTSIDE_LINK` when it is a symbolic link out of ``boundary``."""
    path = prefix + name
    outside = name in linked and boundary is not None and not boundary.contains(path)
    return path, OUTSIDE_LINK if outside else None


def _listing_failure(failure: OSError) -> tuple[str, str]:
    return str(failure.filename), f"cannot list folder: {failure.strerror or failure}"


def collect(
    paths: Sequence[str],
    exclude: Iterable[str] = (),
    root: str | os.PathLike[str] = ".",
    boundary: Boundary | None = None,
) -> list[Target]:
    """Files named directly, and Markdown files under folders; each file once. ``exclude`` holds glob
    patterns matched against the path relative to ``root`` (the configuration's folder) and against
    the file name. A file that is a symbolic link out of ``boundary`` (widened by the folders named)
    is a target with an error, whether named or found in a folder: it is reported, never read."""
    if boundary is not None:
        boundary = boundary.widened(*(path for path in paths if os.path.isdir(path) and not os.path.islink(path)))
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
        if boundary is not None and boundary.leaves(given):
            add(given, OUTSIDE_LINK)
        elif os.path.isdir(given):
            try:
                for file, error in walk_markdown(given, boundary):
                    add(file, error)
            except WalkLimitError as exc:
                raise PathError(str(exc)) from None
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
