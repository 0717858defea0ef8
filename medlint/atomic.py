"""Replacing a file whole: a reader sees the old file or the new one, never half of either."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from typing import BinaryIO


def replace_file(
    path: str | os.PathLike[str],
    write: Callable[[BinaryIO], object],
    *,
    suffix: str,
    prepare: Callable[[str], bool] | None = None,
) -> bool:
    """Write the new content (``write``) to a temporary file beside ``path`` and rename it over
    ``path``. ``prepare`` readies the temporary file first (its mode, its owner) and may decline:
    then nothing is replaced and False is returned. On every way out, an error or an interruption
    (SIGTERM) included, no temporary file stays."""
    import tempfile  # with shutil and random: only for a run that writes

    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".medlint-", suffix=suffix)
    try:
        with os.fdopen(handle, "wb") as out:
            write(out)
        if prepare is not None and not prepare(temporary):
            return False
        os.replace(temporary, path)
        temporary = ""
        return True
    finally:
        if temporary:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
