"""Notices: what the core tells the person running it (a page skipped, no cache, a plugin not
read), through the callback of the front end that runs it.

The core calls :func:`notice`; a :class:`~medlint.session.Session` routes notices to the callback
its front end gave (the CLI prints them on stderr, the MkDocs plugin logs them at info level, the
language server sends them as log messages), so no front end rewires a global logger. Outside a
session, notices go to the ``medlint`` logger.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from contextvars import ContextVar

Notify = Callable[[str], None]

_callback: ContextVar[Notify | None] = ContextVar("medlint_notify", default=None)


def notice(message: str) -> None:
    """Tell the person running medlint something worth knowing that is not a finding."""
    callback = _callback.get()
    if callback is None:
        import logging

        logging.getLogger("medlint").warning(message)
    else:
        callback(message)


@contextlib.contextmanager
def routed_to(callback: Notify | None) -> Iterator[None]:
    """Within the block, notices go to ``callback`` (``None``: nowhere)."""
    token = _callback.set(callback if callback is not None else _drop)
    try:
        yield
    finally:
        _callback.reset(token)


def _drop(message: str) -> None:
    """Where notices go when the front end wants none (``--quiet``)."""
