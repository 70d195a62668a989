"""Documents: registration, results, failures, and reading them back as records."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import bindparam, delete, insert, update
from sqlmodel import Session, select

from ...domain import (
    Category,
    CreditProposal,
    DocType,
    DocumentError,
    DocumentRecord,
    ErrorCode,
    Evidence,
    ExtractedField,
    FieldName,
    InstructorInfo,
    ReadDocument,
    Reason,
    ReasonCode,
    Route,
    Status,
    TextSource,
)
from ..tables import DocumentRow, FieldRow, InstructorRow, PageRow, ProposalRow, ReviewItemRow, utcnow
from .journal import core, jsonable


def document_id_for(sha256: str) -> str:
    """Stable across runs and databases: derived from the content."""
    return f"D-{sha256[:16]}"


@dataclass(frozen=True, slots=True)
class Registration:
    document_id: str
    created: bool  # False: the same bytes were already registered
    status: Status


def register_document(*, session: Session, sha256: str, source_path: str, original_filename: str, size: int,
                      certificant_id: str | None, submitted_at: datetime | None, run_id: str | None) -> Registration:
    existing = session.exec(select(DocumentRow).where(DocumentRow.sha256 == sha256)).first()
    if existing is not None:
        return Registration(existing.document_id, False, Status(existing.status))
    doc_id = document_id_for(sha256)
    session.add(DocumentRow(document_id=doc_id, sha256=sha256, source_path=source_path,
                            original_filename=original_filename, size=size, status=Status.PENDING.value,
                            certificant_id=certificant_id, submitted_at=submitted_at, run_id=run_id))
    session.flush()
    return Registration(doc_id, True, Status.PENDING)


@dataclass(frozen=True, slots=True)
class PendingDocument:
    document_id: str
    sha256: str
    source_path: str
    certificant_id: str | None
    submitted_at: datetime | None
    registered_at: datetime
    attempts: int
    size: int = 0


def pending_documents(*, session: Session, document_ids: list[str] | None = None) -> list[PendingDocument]:
    stmt = select(DocumentRow.document_id, DocumentRow.sha256, DocumentRow.source_path, DocumentRow.certificant_id,
                  DocumentRow.submitted_at, DocumentRow.registered_at, DocumentRow.attempts, DocumentRow.size
                  ).where(DocumentRow.status == Status.PENDING.value)
    if document_ids is not None:
        stmt = stmt.where(DocumentRow.document_id.in_(document_ids))  # type: ignore[union-attr]
    rows = session.exec(stmt.order_by(DocumentRow.registered_at, DocumentRow.document_id)).all()
    return [PendingDocument(*r) for r in rows]


@dataclass(frozen=True, slots=True)
class NewUpload:
    """One stored original to record (``register_documents``)."""

    sha256: str
    source_path: str
    original_filename: str
    size: int
    certificant_id: str | None
    submitted_at: datetime | None


def register_documents(*, session: Session, uploads: Sequence[NewUpload], run_id: str | None) -> list[Registration]:
    """``register_document`` for many uploads in one look-up and one multi-row insert. The
    same bytes twice (here or already registered) are one document."""
    known = {sha: (doc_id, status) for sha, doc_id, status in session.exec(
        select(DocumentRow.sha256, DocumentRow.document_id, DocumentRow.status).where(
            DocumentRow.sha256.in_({u.sha256 for u in uploads})))} if uploads else {}  # type: ignore[attr-defined]
    out: list[Registration] = []
    new: list[dict] = []
    at = utcnow()
    for u in uploads:
        if u.sha256 in known:
            doc_id, status = known[u.sha256]
            out.append(Registration(doc_id, False, Status(status)))
            continue
        doc_id = document_id_for(u.sha256)
        known[u.sha256] = (doc_id, Status.PENDING.value)
        # registered_at strictly increasing in upload order: pending documents are taken oldest first
        at = max(utcnow(), at + _TICK)
        new.append(dict(document_id=doc_id, sha256=u.sha256, source_path=u.source_path,
                        original_filename=u.original_filename, size=u.size, status=Status.PENDING.value,
                        certificant_id=u.certificant_id, submitted_at=u.submitted_at, run_id=run_id,
                        registered_at=at))
        out.append(Registration(doc_id, True, Status.PENDING))
    if new:  # one executemany: building ORM rows cost more than writing them
        core(session).execute(_INSERT_DOCUMENT, new)
    return out


def note_attempt(*, session: Session, document_id: str) -> None:
    row = session.get(DocumentRow, document_id)
    if row is not None:
        row.attempts += 1
        session.add(row)


def _clear_results(session: Session, document_id: str) -> None:
    for table in (PageRow, FieldRow, InstructorRow):
        session.exec(delete(table).where(table.document_id == document_id))  # type: ignore[arg-type]
    for table in (ProposalRow, ReviewItemRow):
        row = session.get(table, document_id)
        if row is not None:
            session.delete(row)
    session.flush()


_TICK = timedelta(microseconds=1)
_INSERT_DOCUMENT = insert(DocumentRow.__table__)  # type: ignore[attr-defined]
_INSERT_PAGE = insert(PageRow.__table__)  # type: ignore[attr-defined]
_INSERT_FIELD = insert(FieldRow.__table__)  # type: ignore[attr-defined]
_INSERT_INSTRUCTOR = insert(InstructorRow.__table__)  # type: ignore[attr-defined]
_INSERT_PROPOSAL = insert(ProposalRow.__table__)  # type: ignore[attr-defined]
_INSERT_REVIEW_ITEM = insert(ReviewItemRow.__table__)  # type: ignore[attr-defined]
_UPDATE_PROCESSED = (update(DocumentRow.__table__)  # type: ignore[attr-defined]
                     .where(DocumentRow.__table__.c.document_id == bindparam("_document_id")))  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class DocumentState:
    """What storing a result needs of the document's row, read when it was locked
    (``intake_runs.claim_pending``): whether results were stored before, and its dates."""

    processed: bool
    submitted_at: datetime | None
    registered_at: datetime


def _page_rows(document_id: str, read: ReadDocument) -> list[dict]:
    return [dict(document_id=document_id, number=p.number, source=p.source.value, width=p.width, height=p.height,
                 rotation=p.rotation, ocr_confidence=p.ocr_confidence, word_count=len(p.words), text=p.text)
            for p in read.pages]


def save_fields(*, session: Session, document_id: str, evidence: Evidence, fresh: bool = False) -> None:
    """Replace the document's fields and instructors (``fresh``: it has none yet)."""
    if not fresh:
        session.exec(delete(FieldRow).where(FieldRow.document_id == document_id))  # type: ignore[arg-type]
        session.exec(delete(InstructorRow).where(InstructorRow.document_id == document_id))  # type: ignore[arg-type]
    fields, people = _field_rows(document_id, evidence)
    if fields:
        session.exec(insert(FieldRow), params=fields)  # type: ignore[call-overload]
    if people:
        session.exec(insert(InstructorRow), params=people)  # type: ignore[call-overload]


def _field_rows(document_id: str, evidence: Evidence) -> tuple[list[dict], list[dict]]:
    fields = [dict(document_id=document_id, name=f.name.value, value=jsonable(f.value), confidence=f.confidence,
                   page=f.page, bbox=list(f.bbox) if f.bbox else None, source_text=f.text, method=f.method)
              for f in evidence.fields.values()]
    people = [dict(document_id=document_id, name=i.name, credentials=list(i.credentials), affiliation=i.affiliation,
                   qualified=i.qualified, qualification_basis=i.qualification_basis, confidence=i.confidence)
              for i in evidence.instructors]
    return fields, people


def _proposal_row(document_id: str, proposal: CreditProposal) -> dict:
    return dict(
        document_id=document_id, category=None if proposal.category is None else int(proposal.category),
        cecs=proposal.cecs, raw_cecs=proposal.raw_cecs, rule_ids=list(proposal.rule_ids),
        explanation=proposal.explanation, confidence=proposal.confidence, route=proposal.route.value,
        reasons=[{"code": r.code.value, "message": r.message} for r in proposal.reasons],
        activity_date=proposal.activity_date, activity_key=proposal.activity_key,
        details=jsonable(proposal.details))


def save_proposal(*, session: Session, document_id: str, proposal: CreditProposal, fresh: bool = False) -> None:
    row = None if fresh else session.get(ProposalRow, document_id)
    if row is not None:
        session.delete(row)
        session.flush()
    session.add(ProposalRow(**_proposal_row(document_id, proposal)))


def document_state(*, session: Session, document_id: str) -> DocumentState:
    """What storing a result needs of the document's row (see ``DocumentState``)."""
    row = session.exec(select(DocumentRow.processed_at, DocumentRow.submitted_at, DocumentRow.registered_at)
                       .where(DocumentRow.document_id == document_id)).first()
    if row is None:
        raise LookupError(document_id)
    return DocumentState(row[0] is not None, row[1], row[2])


def save_processed(*, session: Session, document_id: str, media_type: str, read: ReadDocument,
                   evidence: Evidence, proposal: CreditProposal, status: Status,
                   review_due_days: int = 28, state: DocumentState | None = None) -> None:
    """Everything one processed document produced, in the caller's transaction, written with
    Core statements (no ORM row is built). ``state``: the row as read when it was locked
    (``intake_runs.claim_pending``); read here when not given."""
    if state is None:
        state = document_state(session=session, document_id=document_id)
    if state.processed:  # stored before (then put back to pending): replace those results
        _clear_results(session, document_id)
    conn = core(session)
    pages = _page_rows(document_id, read)
    if pages:
        conn.execute(_INSERT_PAGE, pages)
    fields, people = _field_rows(document_id, evidence)
    if fields:
        conn.execute(_INSERT_FIELD, fields)
    if people:
        conn.execute(_INSERT_INSTRUCTOR, people)
    conn.execute(_INSERT_PROPOSAL, _proposal_row(document_id, proposal))
    conn.execute(_UPDATE_PROCESSED, dict(
        _document_id=document_id, media_type=media_type, status=status.value, doc_type=evidence.doc_type.value,
        doc_type_confidence=evidence.doc_type_confidence, text_source=evidence.text_source.value,
        ocr_confidence=evidence.ocr_confidence, error_code=None, error_message=None, processed_at=utcnow()))
    if status is Status.NEEDS_REVIEW:
        queued_at = state.submitted_at or state.registered_at
        conn.execute(_INSERT_REVIEW_ITEM, dict(document_id=document_id, queued_at=queued_at,
                                               due_at=queued_at + timedelta(days=review_due_days)))


def mark_failed(*, session: Session, document_id: str, error: DocumentError, media_type: str | None = None) -> None:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise LookupError(document_id)
    _clear_results(session, document_id)
    row.status = Status.FAILED.value
    row.error_code, row.error_message = error.code.value, error.message
    if media_type:
        row.media_type = media_type
    row.text_source = TextSource.NONE.value
    row.processed_at = utcnow()
    session.add(row)
    session.flush()


def set_status(*, session: Session, document_id: str, status: Status) -> None:
    row = session.get(DocumentRow, document_id)
    if row is None:
        raise LookupError(document_id)
    row.status = status.value
    session.add(row)


def _proposal(row: ProposalRow | None) -> CreditProposal | None:
    if row is None:
        return None
    return CreditProposal(
        category=None if row.category is None else Category(row.category), cecs=row.cecs,
        rule_ids=tuple(row.rule_ids or ()), explanation=row.explanation, confidence=row.confidence,
        route=Route(row.route), reasons=tuple(Reason(ReasonCode(r["code"]), r["message"]) for r in row.reasons or ()),
        activity_date=row.activity_date, activity_key=row.activity_key, raw_cecs=row.raw_cecs,
        details=dict(row.details or {}))


def _field_value(name: FieldName, value: object) -> object:
    if name in (FieldName.START_DATE, FieldName.END_DATE) and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def load_record(*, session: Session, document_id: str) -> DocumentRecord | None:
    row = session.get(DocumentRow, document_id)
    return None if row is None else _record(session, row)


def _record(session: Session, row: DocumentRow) -> DocumentRecord:
    fields = {}
    for f in session.exec(select(FieldRow).where(FieldRow.document_id == row.document_id).order_by(FieldRow.id)):
        try:
            name = FieldName(f.name)
        except ValueError:
            continue
        fields[name] = ExtractedField(name=name, value=_field_value(name, f.value), confidence=f.confidence,
                                      page=f.page, bbox=tuple(f.bbox) if f.bbox else None, text=f.source_text,
                                      method=f.method)
    instructors = tuple(
        InstructorInfo(name=i.name, credentials=tuple(i.credentials or ()), affiliation=i.affiliation,
                       qualified=i.qualified, qualification_basis=i.qualification_basis, confidence=i.confidence)
        for i in session.exec(select(InstructorRow).where(InstructorRow.document_id == row.document_id)
                              .order_by(InstructorRow.id)))
    proposal = _proposal(session.get(ProposalRow, row.document_id))
    error = None
    if row.error_code:
        error = DocumentError(ErrorCode(row.error_code), row.error_message or "")
    return DocumentRecord(
        document_id=row.document_id, sha256=row.sha256, file=row.source_path,
        original_filename=row.original_filename, media_type=row.media_type, size=row.size,
        certificant_id=row.certificant_id, status=Status(row.status), registered_at=row.registered_at,
        submitted_at=row.submitted_at, processed_at=row.processed_at,
        doc_type=DocType(row.doc_type) if row.doc_type else DocType.UNKNOWN,
        doc_type_confidence=row.doc_type_confidence or 0.0,
        text_source=TextSource(row.text_source) if row.text_source else TextSource.NONE,
        ocr_confidence=row.ocr_confidence, fields=fields, instructors=instructors, proposal=proposal,
        reasons=proposal.reasons if proposal else (), error=error)


def iter_records(*, session: Session, batch: int = 500) -> Iterator[DocumentRecord]:
    offset = 0
    while True:
        rows = session.exec(select(DocumentRow).order_by(DocumentRow.registered_at, DocumentRow.document_id)
                            .offset(offset).limit(batch)).all()
        if not rows:
            return
        for r in rows:
            yield _record(session, r)
        offset += batch


def status_counts(*, session: Session, document_ids: list[str] | None = None) -> dict[Status, int]:
    stmt = select(DocumentRow.status)
    if document_ids is not None:
        stmt = stmt.where(DocumentRow.document_id.in_(document_ids))  # type: ignore[union-attr]
    counts: dict[Status, int] = {}
    for s in session.exec(stmt):
        counts[Status(s)] = counts.get(Status(s), 0) + 1
    return counts


def adjust_proposal_cecs(*, session: Session, document_id: str, cecs: float, rule_ids: tuple[str, ...],
                         note: str) -> None:
    """Keep a document's proposal in step with its re-allocated journal entry."""
    row = session.get(ProposalRow, document_id)
    if row is None:
        return
    row.cecs = cecs
    row.rule_ids = list(rule_ids)
    row.explanation = f"{row.explanation} {note}".strip()
    session.add(row)
