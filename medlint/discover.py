"""Turn command-line paths into the files to check."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from medlint.engine import Target
from medlint.site import MARKDOWN_SUFFIXES


class PathError(Exception):
    """A path on the command line that does not exist."""


def collect(paths: Sequence[str], exclude: Iterable[str] = (), root: str | os.PathLike[str] = ".") -> list[Target]:
    """Files named directly, and ``*.md``/``*.markdown`` under folders (hidden folders, ``.git``
    and symbolic links to folders skipped, so loops cannot happen). Each file once. ``exclude``
    holds glob patterns matched against the path relative to ``root`` (the configuration's
    folder) and against the file name."""
    patterns = tuple(exclude)
    seen: set[str] = set()
    targets: list[Target] = []

    def add(file: str, display: str, error: str | None = None) -> None:
        key = os.path.realpath(file)
        if key in seen or _excluded(file, patterns, root):
            return
        seen.add(key)
        targets.append(Target(file, os.path.normpath(display), error))  # "./a.md" is named "a.md"

    for given in paths:
        if os.path.isdir(given):
            for file, display, error in _walk(given):
                add(file, display, error)
        elif os.path.lexists(given):
            add(given, given)
        else:
            raise PathError(f"no such file or folder: {given}")
    return targets


def _walk(folder: str) -> Iterable[tuple[str, str, str | None]]:
    failures: list[OSError] = []
    for current, subfolders, names in os.walk(folder, onerror=failures.append, followlinks=False):
        while failures:
            failure = failures.pop()
            yield str(failure.filename), str(failure.filename), f"cannot list folder: {failure.strerror or failure}"
        subfolders[:] = sorted(
            name for name in subfolders if not name.startswith(".") and name not in ("node_modules", "__pycache__")
        )
        for name in sorted(names):
            if name.endswith(MARKDOWN_SUFFIXES) and not name.startswith("."):
                path = os.path.join(current, name)
                yield path, path, None
    for failure in failures:
        yield str(failure.filename), str(failure.filename), f"cannot list folder: {failure.strerror or failure}"


def _excluded(file: str, patterns: tuple[str, ...], root: str | os.PathLike[str]) -> bool:
    if not patterns:
        return False
    try:
        relative = Path(os.path.relpath(os.path.abspath(file), root)).as_posix()
    except ValueError:  # another drive
        relative = Path(file).as_posix()
    name = Path(file).name
    return any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern) for pattern in patterns)
