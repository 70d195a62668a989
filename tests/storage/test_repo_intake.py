"""The repository functions the intake's hot path uses (issue 5): claiming a pending document
in one statement, Core writes of results and audit events, the file index, and registering
many uploads at once. Each runs on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from cecintake.domain import (
    AuditAction,
    Category,
    Certificant,
    CertificantLevel,
    CreditProposal,
    DocType,
    Evidence,
    ExtractedField,
    FieldName,
    InstructorInfo,
    MediaType,
    Page,
    ReadDocument,
    Reason,
    ReasonCode,
    Route,
    Status,
    TextSource,
    Word,
)
from cecintake.storage import BlobStore, open_database, repo, session_scope
from cecintake.storage.repo import applications as ra
from cecintake.storage.repo import intake_runs
from cecintake.storage.tables import AuditEventRow, DocumentRow

CERT = Certificant("C-1", "Ann Lee", CertificantLevel.CERP, date(2022, 1, 1), "ann@example.org")
SUBMITTED = datetime(2024, 3, 1, 9, 30, tzinfo=timezone.utc)


def _register(s, n: int, *, certificant_id: str | None = "C-1", submitted_at: datetime | None = SUBMITTED,
              run_id: str | None = "R-1") -> list[str]:  # noqa: ANN001
    regs = repo.register_documents(session=s, run_id=run_id, uploads=[
        repo.NewUpload(f"{i:02x}" * 32, f"in/f{i}.pdf", f"f{i}.pdf", 10 + i, certificant_id, submitted_at)
        for i in range(n)])
    return [r.document_id for r in regs]


def _aware(t: datetime | None) -> datetime | None:
    return None if t is None else (t if t.tzinfo else t.replace(tzinfo=timezone.utc))


def test_claim_pending_reads_the_certificant_the_dates_and_the_packet_in_one_go(db_url: str) -> None:
    engine = open_database(db_url)
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[CERT])
        doc, linked = _register(s, 2)
        ra.link_document(session=s, application_id="APP-1", document_id=linked, submitted_at=SUBMITTED,
                         decision_weeks=6)
    with session_scope(engine) as s:
        claim = intake_runs.claim_pending(session=s, document_id=doc, certificant_id="C-1")
        other = intake_runs.claim_pending(session=s, document_id=linked, certificant_id="C-1")
    assert claim is not None and other is not None
    assert claim.certificant == CERT
    assert claim.application_id is None and other.application_id == "APP-1"
    assert claim.state.processed is False
    assert _aware(claim.state.submitted_at) == SUBMITTED
    assert claim.state.registered_at is not None
    engine.dispose()


def test_claim_pending_without_a_certificant_or_with_one_the_register_does_not_know(db_url: str) -> None:
    engine = open_database(db_url)
    with session_scope(engine) as s:
        (nobody,) = _register(s, 1, certificant_id=None, submitted_at=None)
    with session_scope(engine) as s:
        plain = intake_runs.claim_pending(session=s, document_id=nobody, certificant_id=None)
        unknown = intake_runs.claim_pending(session=s, document_id=nobody, certificant_id="C-404")
    for claim in (plain, unknown):
        assert claim is not None and claim.certificant is None and claim.state.submitted_at is None
    engine.dispose()


def test_claim_pending_refuses_a_document_no_longer_pending_or_unknown(db_url: str) -> None:
    engine = open_database(db_url)
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[CERT])
        (doc,) = _register(s, 1)
        repo.set_status(session=s, document_id=doc, status=Status.NEEDS_REVIEW)
    with session_scope(engine) as s:
        assert intake_runs.claim_pending(session=s, document_id=doc, certificant_id="C-1") is None
        assert intake_runs.claim_pending(session=s, document_id=doc, certificant_id=None) is None
        assert intake_runs.claim_pending(session=s, document_id="D-nothing", certificant_id="C-1") is None
    engine.dispose()


def test_claim_pending_holds_the_document_until_the_result_is_committed(db_url: str) -> None:
    """Exactly once: a second claimer waits for the first transaction, then finds the document
    finished and stores nothing."""
    engine = open_database(db_url)
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[CERT])
        (doc,) = _register(s, 1)
    first_claimed = threading.Event()
    second: dict[str, object] = {}

    def late() -> None:
        first_claimed.wait(10)
        started = time.monotonic()
        with session_scope(engine) as s2:
            second["claim"] = intake_runs.claim_pending(session=s2, document_id=doc, certificant_id="C-1")
        second["waited"] = time.monotonic() - started

    t = threading.Thread(target=late)
    t.start()
    with session_scope(engine) as s:
        assert intake_runs.claim_pending(session=s, document_id=doc, certificant_id="C-1") is not None
        first_claimed.set()
        time.sleep(0.5)  # the other claimer is blocked meanwhile
        repo.set_status(session=s, document_id=doc, status=Status.AUTO_ACCEPTED)
    t.join(30)
    assert second["claim"] is None
    assert second["waited"] >= 0.3
    engine.dispose()


def _analysis() -> tuple[ReadDocument, Evidence, CreditProposal]:
    words = (Word("Certificate", (72.0, 100.0, 150.0, 112.0), 1.0, 0), Word("Ann Lee", (72.0, 130.0, 130.0, 142.0)))
    read = ReadDocument(MediaType.PDF, (Page(1, 612.0, 792.0, TextSource.TEXT_LAYER, words),
                                        Page(2, 612.0, 792.0, TextSource.OCR, (), 0.5, 90)))
    fields = {
        FieldName.PARTICIPANT_NAME: ExtractedField(FieldName.PARTICIPANT_NAME, "Ann Lee", 0.97, 1,
                                                   (72.0, 130.0, 130.0, 142.0), "Ann Lee", "test"),
        FieldName.START_DATE: ExtractedField(FieldName.START_DATE, date(2024, 2, 1), 0.9, None, None, None, ""),
    }
    evidence = Evidence(DocType.COMPLETION_CERTIFICATE, 0.93, TextSource.MIXED, fields,
                        (InstructorInfo("Bo Ray", ("PhD",), None, True, "degree", 0.8),), 0.5)
    proposal = CreditProposal(Category.TRAINING, 2.5, ("cat1.hours",), "10 contact hours", 0.9, Route.REVIEW,
                              (Reason(ReasonCode.LOW_CONFIDENCE, "low"),), date(2024, 2, 1), "key", 2.5,
                              {"hours": 10, "on": date(2024, 2, 1)})
    return read, evidence, proposal


def _rows(engine, document_id: str) -> dict[str, list[dict]]:  # noqa: ANN001
    """Every row a processed document has, with its own id and timestamps left out."""
    md = sa.MetaData()
    md.reflect(engine, only=["document", "page", "extracted_field", "instructor", "proposal", "review_item"])
    skip = {"id", "document_id", "processed_at", "created_at", "sha256", "source_path", "original_filename",
            "registered_at", "size"}
    out = {}
    with engine.connect() as c:
        for name, table in md.tables.items():
            rows = c.execute(sa.select(table).where(table.c.document_id == document_id)).mappings().all()
            out[name] = sorted((str({k: v for k, v in r.items() if k not in skip}) for r in rows))
    return out


@pytest.mark.parametrize("status", [Status.NEEDS_REVIEW, Status.AUTO_ACCEPTED])
def test_save_processed_writes_the_same_rows_whether_given_the_claimed_state_or_reading_it(db_url: str,
                                                                                            status: Status) -> None:
    engine = open_database(db_url)
    read, evidence, proposal = _analysis()
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[CERT])
        orm_doc, core_doc = _register(s, 2)
    with session_scope(engine) as s:
        repo.save_processed(session=s, document_id=orm_doc, media_type="application/pdf", read=read,
                            evidence=evidence, proposal=proposal, status=status)
    with session_scope(engine) as s:
        claim = intake_runs.claim_pending(session=s, document_id=core_doc, certificant_id="C-1")
        repo.save_processed(session=s, document_id=core_doc, media_type="application/pdf", read=read,
                            evidence=evidence, proposal=proposal, status=status, state=claim.state)
    assert _rows(engine, core_doc) == _rows(engine, orm_doc)
    with session_scope(engine) as s:
        assert repo.load_record(session=s, document_id=core_doc).proposal == \
            repo.load_record(session=s, document_id=orm_doc).proposal
    engine.dispose()


def test_save_processed_with_the_claimed_state_replaces_results_stored_before(db_url: str) -> None:
    engine = open_database(db_url)
    read, evidence, proposal = _analysis()
    with session_scope(engine) as s:
        (doc,) = _register(s, 1, certificant_id=None)
    for _ in range(2):  # stored, put back to pending, stored again
        with session_scope(engine) as s:
            claim = intake_runs.claim_pending(session=s, document_id=doc, certificant_id=None)
            repo.save_processed(session=s, document_id=doc, media_type="application/pdf", read=read,
                                evidence=evidence, proposal=proposal, status=Status.NEEDS_REVIEW, state=claim.state)
            repo.set_status(session=s, document_id=doc, status=Status.PENDING)
        with session_scope(engine) as s:
            again = intake_runs.claim_pending(session=s, document_id=doc, certificant_id=None)
            assert again is not None and again.state.processed
    rows = _rows(engine, doc)
    assert (len(rows["page"]), len(rows["extracted_field"]), len(rows["instructor"]), len(rows["proposal"]),
            len(rows["review_item"])) == (2, 2, 1, 1, 1)
    engine.dispose()


def test_record_audits_keeps_the_order_in_which_events_were_recorded(db_url: str) -> None:
    engine = open_database(db_url)
    with session_scope(engine) as s:
        (doc,) = _register(s, 1, certificant_id=None)
        repo.record_audit(session=s, actor="a", action=AuditAction.REGISTERED, document_id=doc, after={"n": 1})
        repo.record_audits(session=s, events=[
            repo.AuditEvent("b", AuditAction.PROCESSED, doc, None, before=None, after={"on": date(2024, 1, 2)}),
            repo.AuditEvent("c", AuditAction.FAILED, doc, "C-9", after={"code": "x"}, note="why")])
        repo.record_audits(session=s, events=[])
        repo.record_audit(session=s, actor="d", action=AuditAction.CLAIMED, document_id=doc)
    with session_scope(engine) as s:
        rows = s.exec(select(AuditEventRow).order_by(AuditEventRow.id)).all()
        events = repo.audit_events(session=s, document_id=doc)
    assert [r.actor for r in rows] == ["a", "b", "c", "d"]
    assert rows[1].after == {"on": "2024-01-02"} and rows[1].before is None
    assert (rows[2].certificant_id, rows[2].note, rows[2].action) == ("C-9", "why", "failed")
    assert all(r.at is not None for r in rows)
    assert [e["actor"] for e in events] == ["a", "b", "c", "d"]
    engine.dispose()


def test_register_documents_keeps_upload_order_and_one_document_per_content(db_url: str) -> None:
    engine = open_database(db_url)
    with session_scope(engine) as s:
        regs = repo.register_documents(session=s, run_id="R-1", uploads=[
            repo.NewUpload(f"{i % 40:02x}" * 32, f"in/f{i}.pdf", f"f{i}.pdf", i, None, None) for i in range(60)])
    assert [r.created for r in regs] == [True] * 40 + [False] * 20
    assert [r.document_id for r in regs[40:]] == [r.document_id for r in regs[:20]]
    with session_scope(engine) as s:
        again = repo.register_documents(session=s, run_id="R-2", uploads=[
            repo.NewUpload("00" * 32, "elsewhere.pdf", "elsewhere.pdf", 0, None, None)])
        pending = repo.pending_documents(session=s)
        runs = set(s.exec(select(DocumentRow.run_id)).all())
    assert again[0].created is False and again[0].document_id == regs[0].document_id
    assert [d.document_id for d in pending] == [r.document_id for r in regs[:40]], "oldest first = upload order"
    assert len({d.registered_at for d in pending}) == 40
    assert runs == {"R-1"}
    engine.dispose()


def test_remember_files_updates_known_places_and_adds_new_ones(db_url: str) -> None:
    engine = open_database(db_url)
    t0 = datetime(2024, 1, 1, tzinfo=timezone.utc)
    first = [intake_runs.FileSeen("/in", f"f{i}", i, 1_700_000_000_000_000_000 + i, f"{i:02x}" * 32, t0)
             for i in range(3)]
    with session_scope(engine) as s:
        intake_runs.remember_files(session=s, files=first)
        intake_runs.remember_files(session=s, files=[])
    later = t0 + timedelta(days=1)
    with session_scope(engine) as s:
        intake_runs.remember_files(session=s, files=[
            intake_runs.FileSeen("/in", "f1", 99, 2_000_000_000_000_000_000, "ff" * 32, later),
            intake_runs.FileSeen("/other", "f1", 5, 5, "ee" * 32, later)])
    with session_scope(engine) as s:
        seen = intake_runs.files_seen(session=s, places=[("/in", "f0"), ("/in", "f1"), ("/other", "f1"),
                                                         ("/other", "f0"), ("/in", "f9")])
    assert set(seen) == {("/in", "f0"), ("/in", "f1"), ("/other", "f1")}
    f1 = seen[("/in", "f1")]
    assert (f1.size, f1.mtime_ns, f1.sha256, _aware(f1.seen_at)) == (99, 2_000_000_000_000_000_000, "ff" * 32, later)
    assert seen[("/in", "f0")].sha256 == "00" * 32
    engine.dispose()


def test_certificant_names_gives_the_names_of_the_known_ones_asked_for(db_url: str) -> None:
    engine = open_database(db_url)
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[
            CERT, Certificant("C-2", "Bo Ray", CertificantLevel.CERP, date(2022, 1, 1))])
    with session_scope(engine) as s:
        assert repo.certificant_names(session=s, certificant_ids={"C-1", "C-404"}) == {"C-1": "Ann Lee"}
        assert repo.certificant_names(session=s, certificant_ids=[]) == {}
    engine.dispose()


def test_blob_store_makes_its_folders_again_when_they_are_missing(tmp_path: Path) -> None:
    import shutil

    store = BlobStore(tmp_path / "store")
    src = tmp_path / "a.pdf"
    src.write_bytes(b"%PDF-1.4 one")
    sha, _ = store.put_file(src)
    shutil.rmtree(tmp_path / "store")
    assert store.put_file(src) == (sha, 12)
    assert store.put(b"%PDF-1.4 two") and store.get(sha) == b"%PDF-1.4 one"
    assert not list((tmp_path / "store").glob(".incoming-*"))


def test_blob_store_small_and_streamed_copies_give_the_same_address(tmp_path: Path) -> None:
    data = bytes(range(256)) * 40
    src = tmp_path / "big.pdf"
    src.write_bytes(data)
    small = BlobStore(tmp_path / "one")
    streamed = BlobStore(tmp_path / "two")
    assert small.put_file(src) == streamed.put_file(src, chunk=1000) == (small.put(data), len(data))
    assert streamed.get(small.put(data)) == data
    held = small.path_for(small.put(data))
    before = held.stat().st_mtime_ns
    assert small.put_file(src) == (small.put(data), len(data))  # already held: not written again
    assert held.stat().st_mtime_ns == before
    for store in (small, streamed):
        assert not list(store.root.glob(".incoming-*"))


def test_blob_store_reports_a_file_it_cannot_read_as_a_storage_failure(tmp_path: Path) -> None:
    from cecintake.errors import DocumentProcessingError

    store = BlobStore(tmp_path / "store")
    with pytest.raises(DocumentProcessingError, match="could not store the original"):
        store.put_file(tmp_path / "missing.pdf")
    with pytest.raises(DocumentProcessingError, match="could not store the original"):
        store.put_file(tmp_path)  # a folder
