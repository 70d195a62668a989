"""One document's failure (exception, timeout, worker death) never stops the batch;
only transient failures are retried; Prefect's retry condition classifies them."""

from __future__ import annotations

import os
import time

import pytest
from sqlalchemy.exc import OperationalError

from cecintake.domain import DocumentError, ErrorCode
from cecintake.errors import StorageError
from cecintake.executor import IsolatedPool, Limits, run_inline


def _job(kind: str) -> str:
    if kind == "raise":
        raise ValueError("a defect")
    if kind == "hang":
        time.sleep(60)
    if kind == "die":
        os._exit(3)
    if kind == "kill":
        os.kill(os.getpid(), 9)
    return f"ok:{kind}"


def test_pool_survives_exceptions_timeouts_and_deaths() -> None:
    jobs = [(i, k) for i, k in enumerate(["a", "raise", "b", "hang", "die", "c", "kill", "d"])]
    with IsolatedPool(_job, workers=2, limits=Limits(timeout_s=3, memory_mb=0)) as pool:
        started = time.monotonic()
        results = dict(pool.map_unordered(jobs))
        assert time.monotonic() - started < 30
        again = dict(pool.map_unordered([(0, "warm")]))  # workers stay warm between calls
    assert results[0] == "ok:a" and results[2] == "ok:b" and results[5] == "ok:c" and results[7] == "ok:d"
    assert isinstance(results[1], DocumentError) and results[1].code is ErrorCode.INTERNAL
    assert results[3].code is ErrorCode.TIMEOUT and not results[3].transient
    assert results[4].code is ErrorCode.WORKER_DIED and results[4].transient
    assert results[6].code is ErrorCode.WORKER_DIED and results[6].transient
    assert again == {0: "ok:warm"}


def _timed(job: float) -> tuple[float, float]:
    started = time.time()
    time.sleep(job)
    return started, time.time()


def test_each_worker_is_kept_one_job_ahead(monkeypatch) -> None:  # noqa: ANN001
    """The next job already waits in the worker's pipe: a worker goes on to it at once, even when
    the parent is slow to wake up (here: half a second late on every result) and hand out work."""
    import cecintake.executor as executor

    real_wait = executor.wait

    def late_wait(conns, timeout=None):  # noqa: ANN001, ANN202
        ready = real_wait(conns, timeout=timeout)
        time.sleep(0.5)
        return ready

    monkeypatch.setattr(executor, "wait", late_wait)
    with IsolatedPool(_timed, workers=1, limits=Limits(timeout_s=30, memory_mb=0)) as pool:
        spans = sorted(r for _, r in pool.map_unordered([(i, 0.8) for i in range(4)]))
    gaps = [nxt[0] - prev[1] for prev, nxt in zip(spans, spans[1:])]
    assert max(gaps) < 0.25, f"the worker waited for the parent between jobs: {gaps}"


def test_jobs_waiting_behind_a_failed_job_are_run_not_lost() -> None:
    """A job queued behind one that hangs or kills its worker goes to a fresh worker; only the
    job that was running fails."""
    jobs = [(i, k) for i, k in enumerate(["hang", "a", "die", "b", "kill", "c"])]
    with IsolatedPool(_job, workers=1, limits=Limits(timeout_s=2, memory_mb=0)) as pool:
        results = dict(pool.map_unordered(jobs))
    assert results[0].code is ErrorCode.TIMEOUT
    assert results[2].code is ErrorCode.WORKER_DIED and results[4].code is ErrorCode.WORKER_DIED
    assert (results[1], results[3], results[5]) == ("ok:a", "ok:b", "ok:c")


def _echo(job: bytes) -> bytes:
    return job[::-1]


def test_a_job_too_large_for_the_pipe_is_not_sent_ahead() -> None:
    """Large jobs and large results in both directions: nothing blocks."""
    jobs = [(i, bytes([i]) * 300_000) for i in range(5)]
    with IsolatedPool(_echo, workers=1, limits=Limits(timeout_s=30, memory_mb=0)) as pool:
        results = dict(pool.map_unordered(jobs))
    assert results == {i: bytes([i]) * 300_000 for i in range(5)}


def test_inline_runner_records_a_defect_and_goes_on() -> None:
    out = dict(run_inline(_job, [(0, "raise"), (1, "x")]))
    assert isinstance(out[0], DocumentError) and out[1] == "ok:x"


@pytest.mark.parametrize(("exc", "expected"), [
    pytest.param(StorageError("locked"), True, id="storage-error"),
    pytest.param(OperationalError("select 1", {}, Exception("database is locked")), True, id="db-busy"),
    pytest.param(type("KilledWorker", (Exception,), {})("lost"), True, id="dask-worker-lost"),
    pytest.param(ValueError("bad document"), False, id="bad-input"),
    pytest.param(RuntimeError("bug"), False, id="defect"),
])
def test_only_transient_failures_are_retried(exc: BaseException, expected: bool) -> None:
    from cecintake.flows.intake import is_transient

    assert is_transient(exc) is expected


def test_a_lost_worker_is_retried_once_a_bad_document_never(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from cecintake import intake
    from cecintake.config import Settings
    from cecintake.storage import BlobStore, open_database

    calls: dict[str, int] = {}

    def fake_runner(settings, n, isolate):  # noqa: ANN001, ANN202
        def run(jobs):  # noqa: ANN001, ANN202
            for doc_id, job in jobs:
                calls[doc_id] = calls.get(doc_id, 0) + 1
                transient = doc_id == lost_id
                yield doc_id, DocumentError(ErrorCode.WORKER_DIED if transient else ErrorCode.UNREADABLE_FILE,
                                            "x", transient)
        return run

    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    settings = Settings.from_env(db_url=db_url, home=tmp_path / "home", env={})
    engine = open_database(db_url)
    paths = []
    for name in ("lost.pdf", "bad.pdf"):
        p = tmp_path / name
        p.write_bytes(name.encode() * 10)
        paths.append(p)
    summary = intake.IntakeSummary(run_id="R-test")
    intake.register_uploads(engine, BlobStore(settings.store_dir), [intake.Upload(p, str(p), None, None) for p in paths],
                            run_id="R-test", summary=summary)
    lost_id, bad_id = summary.document_ids
    monkeypatch.setattr(intake, "_runner", fake_runner)
    outcome = intake.process_documents(engine, BlobStore(settings.store_dir), settings,
                                       document_ids=summary.document_ids, thresholds=None)
    assert calls == {lost_id: 2, bad_id: 1}
    assert outcome.retried == 1 and sum(outcome.statuses.values()) == 2
    engine.dispose()


def _nlp_built(_: object) -> int:
    from cecintake.extractors.fields.nlp import get_nlp

    return get_nlp.cache_info().currsize


def test_workers_start_with_the_extractors_warm() -> None:
    """The forkserver builds the spaCy pipeline (and compiles the finders' patterns) once: a
    worker's first document does not pay for it."""
    with IsolatedPool(_nlp_built, workers=1, limits=Limits(timeout_s=60, memory_mb=0)) as pool:
        assert dict(pool.map_unordered([(0, None)])) == {0: 1}


def test_the_warm_up_extracts_without_a_warning(caplog) -> None:  # noqa: ANN001
    from cecintake.pipeline import warm_up

    with caplog.at_level("WARNING", logger="cecintake.pipeline"):
        warm_up()
    assert not caplog.records


def test_the_warm_up_document_is_a_pdf_with_a_page_of_each_family_of_evidence() -> None:
    """Each page of the shipped warm-up PDF is read from its text layer and taken for another kind
    of evidence, so the warm-up runs the finders each kind needs, not one kind's alone."""
    from importlib.resources import files

    from cecintake.domain import ReadDocument
    from cecintake.domain.vocab import DocType, TextSource
    from cecintake.extractors.api import ExtractionContext, ReadLimits
    from cecintake.extractors.fields import extract_evidence
    from cecintake.extractors.reading import read_document
    from cecintake.pipeline import WARM_UP_PDF

    read = read_document(files("cecintake").joinpath(WARM_UP_PDF).read_bytes(), limits=ReadLimits())
    assert {p.source for p in read.pages} == {TextSource.TEXT_LAYER}
    kinds = [extract_evidence(ReadDocument(read.media_type, (p,)), context=ExtractionContext(expected_name="Jane Doe"))
             .doc_type for p in read.pages]
    assert kinds == [DocType.COMPLETION_CERTIFICATE, DocType.CONFERENCE_ATTENDANCE, DocType.VOLUNTEER_LETTER,
                     DocType.SERVICE_LETTER, DocType.PUBLICATION_ACCEPTANCE, DocType.COURSE_SYLLABUS]


def _mappers_configured(_: object) -> bool:
    from sqlmodel import SQLModel

    return not SQLModel._sa_registry._new_mappers  # noqa: SLF001 - SQLAlchemy's flag: mappers left to configure


def test_workers_start_with_the_orm_configured() -> None:
    """The forkserver configures the ORM's mappers (about 17 ms) once for every worker it forks."""
    with IsolatedPool(_mappers_configured, workers=1, limits=Limits(timeout_s=60, memory_mb=0)) as pool:
        assert dict(pool.map_unordered([(0, None)])) == {0: True}


_STARTED: list[int] = []  # in a worker: set by its start-up step


def _note_start() -> None:
    _STARTED.append(os.getpid())


def _fail_start() -> None:
    raise RuntimeError("the database is not there yet")


def _started_here(_: object) -> bool:
    return _STARTED == [os.getpid()]


def test_each_worker_runs_the_start_up_step_once_before_its_first_job() -> None:
    with IsolatedPool(_started_here, workers=2, limits=Limits(timeout_s=30, memory_mb=0), init=_note_start) as pool:
        results = dict(pool.map_unordered([(i, None) for i in range(6)]))
    assert results == {i: True for i in range(6)}


def test_a_failed_start_up_step_leaves_the_worker_working() -> None:
    with IsolatedPool(_job, workers=1, limits=Limits(timeout_s=30, memory_mb=0), init=_fail_start) as pool:
        assert dict(pool.map_unordered([(0, "a"), (1, "b")])) == {0: "ok:a", 1: "ok:b"}


def test_intake_workers_open_their_database_and_policy_when_they_start(tmp_path) -> None:  # noqa: ANN001
    """The pool a run uses starts its workers with the store ready (``intake._StoreReady``), and
    one key per settings: warming the pool and the run share it."""
    from cecintake import intake
    from cecintake.config import Settings

    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'c.db'}", workers=1)
    pool = intake._pool(settings, 1)
    assert pool is intake._pool(settings, 1)
    assert isinstance(pool.init, intake._StoreReady) and pool.init.context.db_url == settings.db_url
    pool.init()  # what each worker runs: here, in this process
    assert pool.init.context in intake._WORKER_STATE
