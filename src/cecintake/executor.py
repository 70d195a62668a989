"""Run a CPU-bound function over many jobs in isolated worker processes.

Each worker is a long-lived process (started from a forkserver that has already
imported the heavy modules, so a restart is cheap) with an address-space limit.
The parent hands out one job at a time and watches each with a wall-clock
deadline. A job that overruns is killed with its worker; a worker that dies
(a crash, the memory limit, SIGKILL) costs only the job it held. Either way the
job comes back as a ``DocumentError`` and a fresh worker takes the next job, so
one bad document never stops a batch (issues 5 and 7).
"""

from __future__ import annotations

import multiprocessing as mp
import os
import resource
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from typing import Any, Generic, TypeVar

from .domain import DocumentError, ErrorCode

J = TypeVar("J")
R = TypeVar("R")

_PRELOAD = ["cecintake.pipeline"]


@dataclass(frozen=True, slots=True)
class Limits:
    timeout_s: float = 300.0
    memory_mb: int = 2048


def _worker_main(conn: Connection, fn: Callable[[Any], Any], memory_mb: int) -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    while True:
        try:
            msg = conn.recv()
        except EOFError:
            return
        if msg is None:
            return
        key, job = msg
        try:
            result: Any = fn(job)
        except MemoryError:
            result = DocumentError(ErrorCode.MEMORY_LIMIT, f"the document needed more than {memory_mb} MB")
        conn.send((key, result))


@dataclass
class _Worker(Generic[J]):
    process: Any
    conn: Connection
    key: Any = None
    job: Any = None
    deadline: float = 0.0


class IsolatedPool(Generic[J, R]):
    """``map_unordered`` over jobs; results as (key, result-or-DocumentError)."""

    def __init__(self, fn: Callable[[J], R], *, workers: int, limits: Limits) -> None:
        self.fn = fn
        self.size = max(1, workers)
        self.limits = limits
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(_PRELOAD)

    def _spawn(self) -> _Worker[J]:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(child, self.fn, self.limits.memory_mb), daemon=True)
        proc.start()
        child.close()
        return _Worker(proc, parent)

    @staticmethod
    def _stop(w: _Worker[J], *, kill: bool) -> None:
        try:
            if kill:
                w.process.kill()
            else:
                w.conn.send(None)
        except (OSError, ValueError):
            pass
        w.process.join(timeout=5)
        if w.process.is_alive():
            w.process.kill()
            w.process.join(timeout=5)
        w.conn.close()

    def map_unordered(self, jobs: Iterable[tuple[Any, J]]) -> Iterator[tuple[Any, R | DocumentError]]:
        todo = iter(jobs)
        workers: list[_Worker[J]] = []
        exhausted = False

        def feed(w: _Worker[J]) -> bool:
            nonlocal exhausted
            if exhausted:
                return False
            try:
                key, job = next(todo)
            except StopIteration:
                exhausted = True
                return False
            w.key, w.job, w.deadline = key, job, time.monotonic() + self.limits.timeout_s
            w.conn.send((key, job))
            return True

        try:
            for _ in range(self.size):
                w = self._spawn()
                if feed(w):
                    workers.append(w)
                else:
                    self._stop(w, kill=False)
                    break
            while workers:
                now = time.monotonic()
                timeout = max(0.0, min(w.deadline for w in workers) - now)
                ready = wait([w.conn for w in workers], timeout=timeout)
                for w in list(workers):
                    failure: DocumentError | None = None
                    if w.conn in ready:
                        try:
                            key, result = w.conn.recv()
                        except (EOFError, OSError):
                            failure = self._death(w)
                        else:
                            w.key = None
                            yield key, result
                            if not feed(w):
                                workers.remove(w)
                                self._stop(w, kill=False)
                            continue
                    elif time.monotonic() >= w.deadline:
                        failure = DocumentError(
                            ErrorCode.TIMEOUT,
                            f"reading the document took longer than {self.limits.timeout_s:g} s and was stopped")
                    if failure is None:
                        continue
                    key = w.key
                    workers.remove(w)
                    self._stop(w, kill=True)
                    yield key, failure
                    fresh = self._spawn()
                    if feed(fresh):
                        workers.append(fresh)
                    else:
                        self._stop(fresh, kill=False)
        finally:
            for w in workers:
                self._stop(w, kill=True)

    def _death(self, w: _Worker[J]) -> DocumentError:
        w.process.join(timeout=5)
        code = w.process.exitcode
        if code is not None and code < 0 and -code == 9:
            return DocumentError(ErrorCode.WORKER_DIED,
                                 "the worker reading this document was killed (out of memory or stopped); "
                                 "run ingest again to retry", transient=True)
        return DocumentError(ErrorCode.WORKER_DIED,
                             f"the worker reading this document exited unexpectedly (exit code {code})",
                             transient=True)


def run_inline(fn: Callable[[J], R], jobs: Iterable[tuple[Any, J]]) -> Iterator[tuple[Any, R]]:
    """The same contract without processes, for one worker and for tests."""
    for key, job in jobs:
        yield key, fn(job)
