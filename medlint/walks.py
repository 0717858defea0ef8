"""A content folder's walk kept between runs, as git keeps what its untracked-files search found.

Each folder the walk listed is kept with its stamp, taken just before it was listed. Adding,
removing or renaming an entry of a folder changes the folder's own modification time, so while
every kept folder's stamp holds, the walk finds what it found: the run looks at the folders
instead of listing every file. A folder modified within two seconds of the cache's writing is
listed again (git's "racily clean" case). A walk that met a folder it could not list, a symbolic
link to a file (where it leads can change with no folder of the walk changing) or a file out of
the project is not kept."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any

from medlint.files import Boundary, Listed, walk_markdown

Walked = list[tuple[str, str | None]]


def walk(folder: Path, boundary: Boundary | None, use_cache: bool) -> tuple[Walked, Walked]:
    """:func:`~medlint.files.walk_markdown` of ``folder`` within ``boundary``: the Markdown files
    and the other files it passed, kept from the last run where no folder changed since."""
    from medlint.cache import PageCache

    cache = PageCache.open(str(folder), kind="walk") if use_cache else None
    how = repr(boundary)
    if cache is not None:
        kept = _still(cache.read(), how)
        if kept is not None:
            return kept
    passed: Walked = []
    listed: list[Listed] = []
    walked = list(walk_markdown(folder, boundary, passed, listed))
    clean = all(error is None for _, error in walked) and all(error is None for _, error in passed)
    if cache is not None and clean and not any(found.links for found in listed):
        from medlint.cache import stamp_of

        cache.write(
            {
                "how": how,
                "written": time.time_ns(),
                "folders": [(found.path, stamp_of(found.status)) for found in listed],
                "markdown": [path for path, _ in walked],
                "passed": [path for path, _ in passed],
            }
        )
    return walked, passed


def _still(stored: Any, how: str) -> tuple[Walked, Walked] | None:
    """The kept walk, when it was made the same way and every folder it listed is as it was."""
    from medlint.cache import RACY_NS, stamp_of

    with contextlib.suppress(KeyError, TypeError, ValueError):
        if stored.get("how") != how:
            return None
        trusted_before = int(stored["written"]) - RACY_NS
        for path, stamp in stored["folders"]:
            try:
                status = os.stat(path)
            except OSError:
                return None  # gone
            if status.st_mtime_ns >= trusted_before or stamp_of(status) != stamp:
                return None
        markdown, passed = stored["markdown"], stored["passed"]
        return [(path, None) for path in markdown], [(path, None) for path in passed]
    return None
