"""Bulk intake overlaps registration with reading: the workers start on the documents
registration has committed while it goes on hashing and recording the rest, fed from one
stream (one task, one pass of the worker pool) unless ``chunk_size`` asks for tasks."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from sqlmodel import select

from cecintake.config import Settings
from cecintake.storage import open_database, session_scope
from cecintake.storage.blobs import BlobStore
from cecintake.storage.tables import AuditEventRow, DocumentRow

from .conftest import make_corpus


@pytest.fixture(scope="module")
def digital(tmp_path_factory: pytest.TempPathFactory):
    return make_corpus(tmp_path_factory.mktemp("stream"), count=48, seed=23, renders=("digital",))


def _slow_registration(monkeypatch: pytest.MonkeyPatch) -> None:
    """Registration made slow enough to watch: 8 files a transaction, 60 ms a file."""
    from cecintake import intake

    slow_put = BlobStore.put_file

    def put_file(self, path, **kw):  # noqa: ANN001, ANN202
        time.sleep(0.06)
        return slow_put(self, path, **kw)

    monkeypatch.setattr(BlobStore, "put_file", put_file)
    monkeypatch.setattr(intake, "REGISTER_BATCH", 8)


def _count_pool_passes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the worker pool was asked to map jobs (each pass drains it at its end)."""
    from cecintake.executor import IsolatedPool

    passes: list[int] = []
    mapped = IsolatedPool.map_unordered

    def map_unordered(self, jobs):  # noqa: ANN001, ANN202
        passes.append(1)
        return mapped(self, jobs)

    monkeypatch.setattr(IsolatedPool, "map_unordered", map_unordered)
    return passes


def test_processing_starts_before_registration_ends_and_takes_each_document_once(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cecintake.flows.intake import dispose_engines, intake_flow

    _slow_registration(monkeypatch)
    settings = Settings(home=tmp_path / "home", db_url=db_url, workers=2)
    try:
        summary = intake_flow(settings, [str(digital.docs)])
    finally:
        dispose_engines()
    assert summary.registered == 48 and summary.processed == 48, summary.counts()
    _assert_each_once_and_read_before_registration_ended(db_url)


def _assert_each_once_and_read_before_registration_ended(db_url: str, *, overlapped: bool = True) -> None:
    engine = open_database(db_url)
    try:
        with session_scope(engine) as s:
            docs = s.exec(select(DocumentRow)).all()
            registered = s.exec(select(AuditEventRow.document_id, AuditEventRow.at)
                                .where(AuditEventRow.action == "registered")).all()
            processed = s.exec(select(AuditEventRow.document_id)
                               .where(AuditEventRow.action == "processed")).all()
    finally:
        engine.dispose()
    assert len(docs) == 48 and all(d.status != "pending" for d in docs)
    assert sorted(processed) == sorted(d.document_id for d in docs)  # each exactly once
    first_done = min(d.processed_at for d in docs)
    last_registered = max(at for _, at in registered)
    if overlapped:
        assert first_done < last_registered, "no document was read before registration had finished"


def test_one_task_feeds_the_pool_from_the_first_document_registered_to_the_last(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No pause between chunks: the documents registration commits over six transactions go
    to the workers in one task and one pass of the pool."""
    from cecintake.flows.intake import dispose_engines, intake_flow

    _slow_registration(monkeypatch)
    passes = _count_pool_passes(monkeypatch)
    settings = Settings(home=tmp_path / "home", db_url=db_url, workers=2)
    try:
        summary = intake_flow(settings, [str(digital.docs)])
    finally:
        dispose_engines()
    assert summary.processed == 48 and summary.chunks == 1, summary.counts()
    assert len(passes) == 1
    _assert_each_once_and_read_before_registration_ended(db_url)


def test_chunk_size_splits_the_stream_into_tasks_of_that_many_documents(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cecintake.flows.intake import dispose_engines, intake_flow

    _slow_registration(monkeypatch)
    settings = Settings(home=tmp_path / "home", db_url=db_url, workers=2)
    try:
        summary = intake_flow(settings, [str(digital.docs)], chunk_size=10)
    finally:
        dispose_engines()
    assert summary.processed == 48 and summary.chunks == 5, summary.counts()  # 10+10+10+10+8
    _assert_each_once_and_read_before_registration_ended(db_url)


def test_documents_a_failed_task_had_taken_are_finished_by_the_same_run(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A task that takes a batch and then loses the database is tried again (a transient
    failure); its retry does not see the documents it had taken, so the run finishes them
    after the stream: none is left pending, none is stored twice."""
    from cecintake import intake
    from cecintake.errors import StorageError
    from cecintake.flows.intake import dispose_engines, intake_flow

    _slow_registration(monkeypatch)
    real = intake.process_documents
    failed: list[list[str]] = []

    def flaky(*args, batches=None, **kw):  # noqa: ANN001, ANN202
        if batches is not None and not failed:
            failed.append(next(iter(batches)))  # took the first batch, then the database went away
            raise StorageError("database is locked")
        return real(*args, batches=batches, **kw)

    monkeypatch.setattr(intake, "process_documents", flaky)
    settings = Settings(home=tmp_path / "home", db_url=db_url, workers=2)
    try:
        summary = intake_flow(settings, [str(digital.docs)])
    finally:
        dispose_engines()
    assert failed and failed[0], "the first task should have taken a batch before failing"
    assert summary.registered == 48 and summary.processed == 48, summary.counts()
    _assert_each_once_and_read_before_registration_ended(db_url, overlapped=False)  # the retry waited 3 s
