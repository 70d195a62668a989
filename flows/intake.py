"""The intake flows: register -> analyse and store, in chunks.

Thin by design: every step is a function of ``cecintake.intake``; Prefect decides
only where and when they run. Documents go to tasks in chunks (a Prefect task costs
about 5-12 ms of orchestration; a chunk of documents costs seconds), so the engine's
overhead stays well under 1 % of a bulk run.

* Locally (the default thread-pool task runner) registration runs in a thread while one
  task hands the documents it commits, as it commits them, to a warm pool of isolated
  worker processes (``cecintake.executor``: per-document timeout, memory limit, a dead
  worker costs only its document). The pool is fed from one stream, so it never waits
  between chunks; ``--chunk-size`` splits that stream into tasks of that many documents.
  Documents left pending (an interrupted earlier run) go in chunks afterwards.
* With another task runner (``DaskTaskRunner``: see docs/distributed.md) every chunk
  is submitted at once and the runner spreads them over its workers.

Retries only for transient failures (a busy or unreachable database, a lost Dask
worker); a document that is simply bad is recorded as failed and never retried.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from prefect import flow, task
from prefect.context import get_run_context
from prefect.task_runners import ThreadPoolTaskRunner

from cecintake import intake
from cecintake.config import Settings
from cecintake.csvio import read_manifest
from cecintake.domain import Status
from cecintake.errors import StorageError
from cecintake.rules import load_policy
from cecintake.storage import BlobStore, open_database, session_scope
from cecintake.storage import repo

from .progress import current_hook

_TRANSIENT_NAMES = {"KilledWorker", "CommClosedError", "StreamClosedError", "OperationalError",
                    "InterfaceError", "ConnectionResetError", "BrokenPipeError", "TimeoutError"}


def is_transient(exc: BaseException) -> bool:
    """A busy or lost database, a lost worker: worth another try. Anything else is not."""
    if isinstance(exc, StorageError):
        return True
    return any(type(e).__name__ in _TRANSIENT_NAMES for e in _chain(exc))


def _chain(exc: BaseException | None):  # noqa: ANN202
    seen = 0
    while exc is not None and seen < 10:
        yield exc
        exc, seen = exc.__cause__ or exc.__context__, seen + 1


def _transient(task_, task_run, state) -> bool:  # noqa: ANN001 - Prefect's retry_condition_fn signature
    try:
        state.result()
    except Exception as exc:  # noqa: BLE001 - classified, not hidden
        return is_transient(exc)
    return False


_ENGINES: dict[str, object] = {}


def _engine(settings: Settings):  # noqa: ANN202 - one engine per process and database (migrated once)
    engine = _ENGINES.get(settings.db_url)
    if engine is None:
        engine = _ENGINES[settings.db_url] = open_database(settings.db_url)
    return engine


def dispose_engines() -> None:
    while _ENGINES:
        _, engine = _ENGINES.popitem()
        engine.dispose()  # type: ignore[attr-defined]


@task(name="register uploads", retries=2, retry_delay_seconds=2, retry_condition_fn=_transient)
def register_task(settings: Settings, paths: list[str], manifest: str | None, run_id: str) -> intake.IntakeSummary:
    engine = _engine(settings)
    store = BlobStore(settings.store_dir)
    rows = read_manifest(Path(manifest)) if manifest else []
    with session_scope(engine, read_only=True) as s:
        known = repo.certificant_ids(session=s)
    summary = intake.IntakeSummary(run_id=run_id)
    refused: list[tuple[str, str]] = []  # links leaving the folder: seen, never read
    uploads = intake.iter_uploads([Path(p) for p in paths], rows, known, refused=refused)
    following = _FOLLOWING.get(run_id)  # this process hands out what is committed: tell it at once
    try:
        intake.register_uploads(engine, store, uploads, run_id=run_id, summary=summary,  # as the walk finds them
                                committed=following.wake if following else None)
    finally:
        if following:
            following.wake()
    summary.files_seen += len(refused)
    summary.unreadable_paths[:0] = refused
    return summary


@task(name="analyse and store", retries=2, retry_delay_seconds=3, retry_condition_fn=_transient)
def process_chunk_task(settings: Settings, document_ids: list[str], workers: int | None = None) -> intake.ChunkOutcome:
    """One chunk: safe to run again (documents finished meanwhile are skipped)."""
    return intake.process_documents(
        _engine(settings), BlobStore(settings.store_dir), settings, document_ids=document_ids,
        thresholds=settings.thresholds, progress=current_hook(), workers=workers)


def _local_runner() -> bool:
    try:
        runner = get_run_context().task_runner  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - outside a flow run (``.fn()`` in tests)
        return True
    return isinstance(runner, ThreadPoolTaskRunner)


# documents per task on the local pool for what is pending after the stream (left by an earlier
# run): between two tasks both workers wait while the next starts (its run recorded, its documents
# looked up), about 50 ms; progress, retries and resuming go document by document, so a larger
# chunk costs nothing else
LOCAL_CHUNK = 500


def run_chunks(settings: Settings, ids: Sequence[str], *, chunk_size: int | None,
               summary: intake.IntakeSummary, already: int = 0) -> None:
    hook = current_hook()
    if hook:
        hook.start(already + len(ids))
    if not ids:
        return
    if _local_runner():
        size = chunk_size or LOCAL_CHUNK
        for chunk in intake.chunked(ids, size):
            summary.add(process_chunk_task(settings, chunk))
        return
    size = chunk_size or intake.default_chunk_size(len(ids), settings.workers)
    futures = [process_chunk_task.submit(settings, chunk, 1) for chunk in intake.chunked(ids, size)]
    for fut in futures:
        outcome = fut.result()
        summary.add(outcome)
        if hook and not outcome.reported:
            for status, n in outcome.statuses.items():
                for _ in range(n):
                    hook.advance(Status(status), "")


def intake_steps(settings: Settings, paths: Sequence[str], *, manifest: str | None, resume_all: bool,
                 chunk_size: int | None, kind: str, inbox: str | None = None,
                 run_id: str | None = None) -> intake.IntakeSummary:
    started = time.monotonic()
    load_policy(settings.policy_path)  # the workers store under it: a broken policy file stops the run here
    run_id = run_id or intake.new_run_id()
    engine = _engine(settings)
    intake.start_run(engine, run_id=run_id, kind=kind, inbox=inbox)
    local = _local_runner()
    if paths or manifest:
        if local:
            intake.warm_workers(settings)  # the forkserver imports while this process registers
            summary, done = _register_while_processing(settings, paths, manifest, run_id, chunk_size=chunk_size)
        else:
            summary, done = register_task(settings, list(paths), manifest, run_id), set()
    else:
        summary, done = intake.IntakeSummary(run_id=run_id), set()
    # whatever is still pending: left by an interrupted run, or handed out and not finished (a
    # task that failed and was tried again does not see the documents it had already taken)
    ids = intake.pending_ids(engine, None if resume_all else summary.document_ids)
    run_chunks(settings, ids, chunk_size=chunk_size, summary=summary, already=len(done.difference(ids)))
    summary.seconds = time.monotonic() - started
    intake.finish_run(engine, summary)
    return summary


STREAM_POLL_S = 0.02  # the longest the workers' feed waits between looks (registration wakes it on each commit)
STREAM_BATCH = 500  # documents looked up at once (rows, certificants' names); each batch is read largest first


class _Registered:
    """The documents registration commits, handed out as it commits them (the database is the
    queue: pending documents of this run not yet handed out). ``batches`` is drawn from by the
    worker pool only when a worker needs more work, so the pool stays fed from the first
    document registered to the last, with no pause between chunks."""

    def __init__(self, settings: Settings, run_id: str, finished: Callable[[], bool]) -> None:
        self.engine, self.run_id, self.finished = _engine(settings), run_id, finished
        self.taken: set[str] = set()
        self.hook = current_hook()
        self._news = threading.Event()  # set by registration on each commit (``wake``)

    def wake(self) -> None:
        """Registration committed documents (or ended): look now rather than at the next poll."""
        self._news.set()

    def batches(self, limit: int | None) -> Iterator[list[str]]:
        """Batches of at most ``STREAM_BATCH`` documents (each one look-up of their rows), ``limit``
        documents in all at most. The database is asked again only when the documents it gave
        last time are all handed out."""
        given, queue = 0, []
        while limit is None or given < limit:
            if not queue:
                self._news.clear()  # before looking: a commit from here on wakes the wait below
                finished = self.finished()  # asked first: a document committed before the end is seen below
                queue = [i for i in intake.pending_ids(self.engine, run_id=self.run_id) if i not in self.taken]
                if not queue:
                    if finished:
                        return
                    self._news.wait(STREAM_POLL_S)
                    continue
            n = STREAM_BATCH if limit is None else min(STREAM_BATCH, limit - given)
            batch, queue = queue[:n], queue[n:]
            self.taken.update(batch)
            given += len(batch)
            if self.hook:
                self.hook.start(len(self.taken) + len(queue))
            yield batch

    def exhausted(self) -> bool:
        return self.finished() and not any(i not in self.taken
                                           for i in intake.pending_ids(self.engine, run_id=self.run_id))


_FOLLOWING: dict[str, _Registered] = {}  # run id -> its registration being followed (this process)


@task(name="analyse and store as registered", retries=2, retry_delay_seconds=3, retry_condition_fn=_transient)
def process_registered_task(settings: Settings, run_id: str, limit: int | None = None) -> intake.ChunkOutcome:
    """The run's documents as registration commits them, ``limit`` at most (None: until
    registration has ended and every document it committed is taken). Safe to run again."""
    following = _FOLLOWING.get(run_id) or _Registered(settings, run_id, lambda: True)
    return intake.process_documents(
        _engine(settings), BlobStore(settings.store_dir), settings, batches=following.batches(limit),
        thresholds=settings.thresholds, progress=current_hook())


def _register_while_processing(settings: Settings, paths: Sequence[str], manifest: str | None, run_id: str, *,
                               chunk_size: int | None) -> tuple[intake.IntakeSummary, set[str]]:
    """Registration in a thread of the task runner; meanwhile the documents it has committed go
    to the workers, so hashing and recording the originals overlaps reading them. One task
    takes them all as they come (``chunk_size``: tasks of at most that many). Returns the
    registration's summary with the tasks' outcomes added, and the documents handed out."""
    registering = None
    following = _FOLLOWING[run_id] = _Registered(
        settings, run_id, lambda: registering is not None and registering.wrapped_future.done())
    outcomes: list[intake.ChunkOutcome] = []
    try:
        registering = register_task.submit(settings, list(paths), manifest, run_id)
        while not following.exhausted():
            outcomes.append(process_registered_task(settings, run_id, chunk_size))
    finally:
        del _FOLLOWING[run_id]
    summary = registering.result()
    for outcome in outcomes:
        summary.add(outcome)
    return summary, following.taken


@flow(name="cecintake-intake", validate_parameters=False, log_prints=False)
def intake_flow(settings: Settings, paths: Sequence[str], manifest: str | None = None,
                resume_all: bool = True, chunk_size: int | None = None) -> intake.IntakeSummary:
    """Bulk intake of files and folders. ``resume_all`` also finishes documents left
    pending by an interrupted earlier run."""
    return intake_steps(settings, paths, manifest=manifest, resume_all=resume_all, chunk_size=chunk_size,
                        kind="bulk")


@flow(name="cecintake-intake-deployed", log_prints=False)
def deployed_intake_flow(paths: list[str], manifest: str | None = None, db_url: str | None = None,
                         home: str | None = None, chunk_size: int | None = None,
                         dask_address: str | None = None) -> dict:
    """The bulk flow for a deployment (plain parameters; settings built here, the entry
    point). ``dask_address``: fan the chunks out over that Dask cluster."""
    settings = Settings.from_env(db_url=db_url, home=home)
    inner = intake_flow
    if dask_address:
        from prefect_dask import DaskTaskRunner

        inner = intake_flow.with_options(task_runner=DaskTaskRunner(address=dask_address))
    summary = inner(settings, paths, manifest, True, chunk_size)
    return summary.counts()
