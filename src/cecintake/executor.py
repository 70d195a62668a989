"""Run a CPU-bound function over many jobs in isolated worker processes.

Each worker is a long-lived process (started from a forkserver that has already
imported the heavy modules, so a restart is cheap) with an address-space limit.
The parent keeps each worker one job ahead (the next job already waits in its
pipe, so a worker never idles while the parent wakes up to feed it) and watches
the running job with a wall-clock deadline. A job that overruns is killed with
its worker; a worker that dies (a crash, the memory limit, SIGKILL) costs only
the job it was running, and the job waiting behind it goes to another worker.
Either way the job comes back as a ``DocumentError`` and a fresh worker takes
the next job, so one bad document never stops a batch (issues 5 and 7).

Workers stay warm between ``map_unordered`` calls, so a bulk run that hands the
pool one chunk after another pays for starting them once (``shared_pool``).
"""

from __future__ import annotations

import atexit
import gc
import logging
import multiprocessing as mp
import os
import resource
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from multiprocessing.reduction import ForkingPickler
from typing import Any, Generic, TypeVar

from .domain import DocumentError, ErrorCode

log = logging.getLogger(__name__)

J = TypeVar("J")
R = TypeVar("R")

# jobs in flight per worker: the running one and the next, already in its pipe (only when small
# enough to sit in the pipe's buffer: a document job is a few hundred bytes)
AHEAD = 2
AHEAD_MAX_BYTES = 16 * 1024

# the modules a worker needs, imported once by the forkserver: what is not here each worker imports
# after it is forked (cecintake.intake brings the storage layer: about 2 s a worker); the last one
# builds the spaCy pipeline and compiles the finders' patterns (about 0.2-0.4 s a worker)
_PRELOAD = ["cecintake.pipeline", "cecintake.extractors.reading", "cecintake.extractors.fields", "cecintake.intake",
            "cecintake.worker_warmup"]


@dataclass(frozen=True, slots=True)
class Limits:
    timeout_s: float = 300.0
    memory_mb: int = 2048
    log_path: str | None = None  # workers' stdout/stderr go here (never to the user's terminal)


def _quiet_output(log_path: str | None) -> None:
    """Point fds 1 and 2 at a log file (or /dev/null): engines that print must not
    garble the parent's progress bar."""
    target = os.devnull
    if log_path:
        try:
            os.makedirs(os.path.dirname(log_path), exist_ok=True)
            target = log_path
        except OSError:
            target = os.devnull
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    except OSError:
        return
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)


def _worker_main(conn: Connection, fn: Callable[[Any], Any], memory_mb: int, log_path: str | None,
                 init: Callable[[], Any] | None = None) -> None:
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    _quiet_output(log_path)
    if memory_mb > 0:
        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if init is not None:
        try:
            init()
        except Exception:  # noqa: BLE001 - a head start only: the first job does the same work and reports
            log.warning("a worker's start-up step failed", exc_info=True)
    # what the forkserver imported (spaCy, pdfminer, the policy...) lives as long as the worker:
    # out of the collector's way, a full collection scans only what documents leave behind
    # (measured: the oldest generation's collections cost 0.24 s instead of 0.64 s a 1,000 documents)
    gc.freeze()
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        key, job = msg
        try:
            result: Any = fn(job)
        except MemoryError:
            result = DocumentError(ErrorCode.MEMORY_LIMIT, f"the document needed more than {memory_mb} MB")
        except Exception as exc:  # noqa: BLE001 - the batch boundary: a defect is recorded, never fatal
            result = DocumentError(ErrorCode.INTERNAL, f"unexpected {type(exc).__name__}: {exc}"[:500])
        try:
            conn.send((key, result))
        except (EOFError, OSError):
            return  # the parent is gone
        except Exception as exc:  # noqa: BLE001 - a result that cannot be pickled
            conn.send((key, DocumentError(ErrorCode.INTERNAL, f"result could not be returned: {exc}"[:500])))


@dataclass
class _Worker(Generic[J]):
    process: Any
    conn: Connection
    # jobs sent and not yet answered, in the order the worker runs them: the first is running
    # (since ``deadline`` was set), the others wait in its pipe
    held: deque = field(default_factory=deque)
    deadline: float = 0.0


class IsolatedPool(Generic[J, R]):
    """``map_unordered`` over jobs; results as (key, result-or-DocumentError).

    Not re-entrant: one ``map_unordered`` at a time (a lock enforces it)."""

    def __init__(self, fn: Callable[[J], R], *, workers: int, limits: Limits,
                 init: Callable[[], Any] | None = None) -> None:
        self.fn = fn
        self.init = init  # run by each worker once, when it starts (before its first job)
        self.size = max(1, workers)
        self.limits = limits
        self._ctx = mp.get_context("forkserver")
        self._ctx.set_forkserver_preload(_PRELOAD)
        self._idle: list[_Worker[J]] = []
        self._lock = threading.Lock()

    def _spawn(self) -> _Worker[J]:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, daemon=True,
                                 args=(child, self.fn, self.limits.memory_mb, self.limits.log_path, self.init))
        proc.start()
        child.close()
        return _Worker(proc, parent)

    def _take(self) -> _Worker[J]:
        while self._idle:
            w = self._idle.pop()
            if w.process.is_alive():
                return w
            self._stop(w, kill=True)
        return self._spawn()

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

    def warm(self) -> None:
        """Start every worker now (the first start also starts the forkserver, which imports
        the heavy modules): called from a thread while the caller does other work; a
        ``map_unordered`` meanwhile waits for it."""
        with self._lock:
            while len(self._idle) < self.size:
                self._idle.append(self._spawn())

    def close(self) -> None:
        with self._lock:
            while self._idle:
                self._stop(self._idle.pop(), kill=False)

    def __enter__(self) -> IsolatedPool[J, R]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def map_unordered(self, jobs: Iterable[tuple[Any, J]]) -> Iterator[tuple[Any, R | DocumentError]]:
        with self._lock:
            yield from self._map(jobs)

    def _map(self, jobs: Iterable[tuple[Any, J]]) -> Iterator[tuple[Any, R | DocumentError]]:
        todo = iter(jobs)
        returned: deque[tuple[Any, J]] = deque()  # jobs that waited behind a failed one: sent again first
        workers: list[_Worker[J]] = []
        exhausted = False

        def next_job() -> tuple[Any, J] | None:
            nonlocal exhausted
            if returned:
                return returned.popleft()
            if exhausted:
                return None
            try:
                return next(todo)
            except StopIteration:
                exhausted = True
                return None

        def feed(w: _Worker[J]) -> None:
            """Top the worker up to AHEAD jobs; the first one's clock starts when it is the first."""
            while len(w.held) < AHEAD:
                item = next_job()
                if item is None:
                    return
                data = bytes(ForkingPickler.dumps(item))
                if w.held and len(data) > AHEAD_MAX_BYTES:
                    # a large job waits here, not in the pipe: a full pipe would block this
                    # process while the worker, busy, cannot read it
                    returned.appendleft(item)
                    return
                if not w.held:
                    w.deadline = time.monotonic() + self.limits.timeout_s
                w.held.append(item)
                try:
                    w.conn.send_bytes(data)
                except (OSError, ValueError):  # died while idle: the next wait() reports it
                    return

        def park(w: _Worker[J]) -> None:
            w.held.clear()
            self._idle.append(w)

        try:
            for _ in range(self.size):
                w = self._take()
                feed(w)
                if not w.held:
                    park(w)
                    break
                workers.append(w)
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
                            w.held.popleft()
                            w.deadline = time.monotonic() + self.limits.timeout_s
                            feed(w)
                            if not w.held:
                                workers.remove(w)
                                park(w)
                            yield key, result
                            continue
                    elif time.monotonic() >= w.deadline:
                        failure = DocumentError(
                            ErrorCode.TIMEOUT,
                            f"reading the document took longer than {self.limits.timeout_s:g} s and was stopped")
                    if failure is None:
                        continue
                    key, _ = w.held.popleft()  # the job it was running; those behind it go out again
                    returned.extend(w.held)
                    w.held.clear()
                    workers.remove(w)
                    self._stop(w, kill=True)
                    for other in workers:  # a job sent back may be the only one left: keep everyone busy
                        feed(other)
                    fresh = self._spawn()
                    feed(fresh)
                    if fresh.held:
                        workers.append(fresh)
                    else:
                        park(fresh)
                    yield key, failure
        finally:
            for w in workers:  # still holding a job: the consumer stopped early
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


_SHARED: dict[tuple[Any, int, Limits, Any], IsolatedPool[Any, Any]] = {}
_SHARED_LOCK = threading.Lock()


def shared_pool(fn: Callable[[J], R], *, workers: int, limits: Limits,
                init: Callable[[], Any] | None = None) -> IsolatedPool[J, R]:
    """A warm pool for this process, kept between calls (closed at exit). ``init``: run by each
    worker when it starts (hashable: it is part of the pool's key)."""
    key = (fn, max(1, workers), limits, init)
    with _SHARED_LOCK:
        pool = _SHARED.get(key)
        if pool is None:
            if not _SHARED:
                atexit.register(close_shared_pools)
            pool = _SHARED[key] = IsolatedPool(fn, workers=workers, limits=limits, init=init)
        return pool


def close_shared_pools() -> None:
    with _SHARED_LOCK:
        pools = list(_SHARED.values())
        _SHARED.clear()
    for pool in pools:
        pool.close()


def can_fork_workers() -> bool:
    """False inside a daemonic process (e.g. a Dask worker by default), which may not have children."""
    return not mp.current_process().daemon


def run_inline(fn: Callable[[J], R], jobs: Iterable[tuple[Any, J]]) -> Iterator[tuple[Any, R | DocumentError]]:
    """The same contract without processes, for one worker and for tests."""
    for key, job in jobs:
        try:
            result: Any = fn(job)
        except Exception as exc:  # noqa: BLE001 - the batch boundary, as in the workers
            result = DocumentError(ErrorCode.INTERNAL, f"unexpected {type(exc).__name__}: {exc}"[:500])
        yield key, result
