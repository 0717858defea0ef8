"""The one process pool: per-file work spread over the cores when there is enough of it."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

MAX_WORKERS = 4
_forking = True


def stay_in_process() -> None:
    """Run every chunk in this process from now on: for a front end that has threads (the language
    server), where forking worker processes could copy a lock another thread holds."""
    global _forking
    _forking = False


def map_chunks(work: Callable[..., Result], items: Sequence[Item], min_items: int, *shared: Any) -> Iterator[Result]:
    """``work(chunk, *shared)`` for chunks of ``items``, in order: in this process when there are
    fewer than ``min_items`` items (a second process would cost more than it saves) or one core,
    else in a pool of forked processes, in chunks that shrink as the work runs out."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(items) < min_items or workers < 2 or not _forking:
        yield work(list(items), *shared)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    chunks = _shrinking_chunks(items, workers)
    context = multiprocessing.get_context(method)
    # the work and what every chunk shares (a site, settings) go to each worker once, when it
    # starts (a forked worker inherits them without pickling), never with each chunk
    setup = (os.getpid(), work, shared)
    with ProcessPoolExecutor(workers, context, initializer=_start_worker, initargs=setup) as pool:
        yield from pool.map(_run_chunk, chunks)


def _shrinking_chunks(items: Sequence[Item], workers: int) -> list[list[Item]]:
    """Consecutive chunks, each a share of what is left (OpenMP's guided schedule): the first are
    large, so there are few to send, and the last small, so no core waits long for another to
    finish. With eight equal chunks, similar files in a row made one chunk three times as slow
    as another, and a core sat idle for a fifth of a 1,000-page lint."""
    smallest = max(len(items) // (workers * 16), 1)
    chunks: list[list[Item]] = []
    start = 0
    while start < len(items):
        size = max((len(items) - start) // (workers * 2), smallest)
        chunks.append(list(items[start : start + size]))
        start += size
    return chunks


_worker_task: tuple[Callable[..., Any], tuple[Any, ...]] | None = None


def _run_chunk(chunk: list[Any]) -> Any:
    assert _worker_task is not None
    work, shared = _worker_task
    return work(chunk, *shared)


def _start_worker(parent: int, work: Callable[..., Any], shared: tuple[Any, ...]) -> None:
    """Keep the run's work and shared values in the worker; make the worker end when the run that
    started it ends, even one killed outright (SIGKILL): the kernel's parent-death signal on
    Linux, a watching thread elsewhere."""
    global _worker_task
    _worker_task = (work, shared)
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    else:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before the signal was armed
        os._exit(1)


PR_SET_PDEATHSIG = 1


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
