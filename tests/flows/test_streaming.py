"""Bulk intake overlaps registration with reading: the workers start on the documents
registration has committed while it goes on hashing and recording the rest."""

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


def test_processing_starts_before_registration_ends_and_takes_each_document_once(
        digital, db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cecintake import intake
    from cecintake.flows.intake import dispose_engines, intake_flow

    slow_put = BlobStore.put_file

    def put_file(self, path, **kw):  # noqa: ANN001, ANN202 - registration made slow enough to watch
        time.sleep(0.06)
        return slow_put(self, path, **kw)

    monkeypatch.setattr(BlobStore, "put_file", put_file)
    monkeypatch.setattr(intake, "REGISTER_BATCH", 8)
    settings = Settings(home=tmp_path / "home", db_url=db_url, workers=2)
    try:
        summary = intake_flow(settings, [str(digital.docs)])
    finally:
        dispose_engines()
    assert summary.registered == 48 and summary.processed == 48, summary.counts()
    assert summary.chunks >= 2  # handed out while registration went on, not in one go at the end
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
    assert first_done < last_registered, "no document was read before registration had finished"
