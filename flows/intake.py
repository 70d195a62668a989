"""The intake flows: register -> analyse and store, in chunks.

Thin by design: every step is a function of ``cecintake.intake``; Prefect decides
only where and when they run. Documents go to tasks in chunks (a Prefect task costs
about 5-12 ms of orchestration; a chunk of documents costs seconds), so the engine's
overhead stays well under 1 % of a bulk run.

* Locally (the default thread-pool task runner) the chunks run one after another in
  the flow's process, each handed to a warm pool of isolated worker processes
  (``cecintake.executor``): per-document timeout, memory limit, a dead worker costs
  only its document.
* With another task runner (``DaskTaskRunner``: see docs/distributed.md) every chunk
  is submitted at once and the runner spreads them over its workers.

Retries only for transient failures (a busy or unreachable database, a lost Dask
worker); a document that is simply bad is recorded as failed and never retried.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
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
    with session_scope(engine) as s:
        known = repo.certificant_ids(session=s)
    summary = intake.IntakeSummary(run_id=run_id)
    uploads = intake.collect_uploads([Path(p) for p in paths], rows, known, refused=summary.unreadable_paths)
    summary.files_seen += len(summary.unreadable_paths)
    intake.register_uploads(engine, store, uploads, run_id=run_id, summary=summary)
    return summary


@task(name="analyse and store", retries=2, retry_delay_seconds=3, retry_condition_fn=_transient)
def process_chunk_task(settings: Settings, document_ids: list[str], workers: int | None = None) -> intake.ChunkOutcome:
    """One chunk: safe to run again (documents finished meanwhile are skipped)."""
    return intake.process_documents(
        _engine(settings), BlobStore(settings.store_dir), settings, document_ids=document_ids,
        policy=load_policy(settings.policy_path), thresholds=settings.thresholds,
        progress=current_hook(), workers=workers)


def _local_runner() -> bool:
    try:
        runner = get_run_context().task_runner  # type: ignore[union-attr]
    except Exception:  # noqa: BLE001 - outside a flow run (``.fn()`` in tests)
        return True
    return isinstance(runner, ThreadPoolTaskRunner)


# documents per chunk on the local pool: between two chunks both workers wait while the next task
# starts (its run recorded, its documents looked up), about 50 ms; progress, retries and resuming
# go document by document, so a larger chunk costs nothing else
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
    ids = intake.pending_ids(engine, None if resume_all else summary.document_ids)
    run_chunks(settings, [i for i in ids if i not in done], chunk_size=chunk_size, summary=summary,
               already=len(done))
    summary.seconds = time.monotonic() - started
    intake.finish_run(engine, summary)
    return summary


STREAM_MIN_CHUNK = 20  # documents: a chunk started before registration ends has at least this many


def _register_while_processing(settings: Settings, paths: Sequence[str], manifest: str | None, run_id: str, *,
                               chunk_size: int | None) -> tuple[intake.IntakeSummary, set[str]]:
    """Registration in a thread of the task runner; meanwhile the documents it has committed
    (pending, of this run: the database is the queue) go to the workers chunk by chunk, so
    hashing and recording the originals overlaps reading them. Returns the registration's
    summary with the chunks' outcomes added, and the documents already handed out."""
    engine = _engine(settings)
    hook = current_hook()
    registering = register_task.submit(settings, list(paths), manifest, run_id)
    size = chunk_size or LOCAL_CHUNK
    least = min(STREAM_MIN_CHUNK, size)
    done: set[str] = set()
    outcomes: list[intake.ChunkOutcome] = []
    while True:
        finished = registering.wrapped_future.done()
        ready = [i for i in intake.pending_ids(engine, run_id=run_id) if i not in done]
        if ready and (finished or len(ready) >= least):
            if hook:
                hook.start(len(done) + len(ready))
            for chunk in intake.chunked(ready, size):
                if not finished and len(chunk) < least:
                    break
                done.update(chunk)
                outcomes.append(process_chunk_task(settings, chunk))
            continue
        if finished:
            break
        registering.wait(timeout=0.05)
    summary = registering.result()
    for outcome in outcomes:
        summary.add(outcome)
    return summary, done


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
