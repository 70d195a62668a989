"""SQLModel tables. Only ``storage`` imports SQLModel; rows never leave this package
(``repo`` converts them to domain objects)."""

from __future__ import annotations

from datetime import date, datetime, timezone
from typing import Any

from sqlalchemy import JSON, BigInteger, Column, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _json(default: Any = None) -> Any:
    return Field(default_factory=(lambda: default() if callable(default) else default), sa_column=Column(JSON))


class CertificantRow(SQLModel, table=True):
    __tablename__ = "certificant"
    certificant_id: str = Field(primary_key=True, max_length=64)
    full_name: str = Field(max_length=300)
    level: str = Field(max_length=16)
    cycle_start: date
    email: str | None = Field(default=None, max_length=300)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class OfferingRow(SQLModel, table=True):
    __tablename__ = "offering"
    approval_code: str = Field(primary_key=True, max_length=64)
    title: str = Field(default="", max_length=500)
    sponsor: str = Field(default="", max_length=300)
    category: int
    cecs: float
    valid_from: date
    valid_to: date
    terminated_on: date | None = None
    termination_reason: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class DocumentRow(SQLModel, table=True):
    __tablename__ = "document"
    document_id: str = Field(primary_key=True, max_length=40)
    sha256: str = Field(max_length=64, unique=True, index=True)
    original_filename: str = Field(max_length=1000)
    source_path: str = Field(max_length=4000)
    media_type: str = Field(default="application/octet-stream", max_length=120)
    size: int = 0
    status: str = Field(max_length=32, index=True)
    error_code: str | None = Field(default=None, max_length=64)
    error_message: str | None = None
    certificant_id: str | None = Field(default=None, max_length=64, index=True)
    submitted_at: datetime | None = None
    registered_at: datetime = Field(default_factory=utcnow)
    processed_at: datetime | None = None
    doc_type: str | None = Field(default=None, max_length=64)
    doc_type_confidence: float | None = None
    text_source: str | None = Field(default=None, max_length=32)
    ocr_confidence: float | None = None
    attempts: int = 0
    run_id: str | None = Field(default=None, max_length=40)


class PageRow(SQLModel, table=True):
    __tablename__ = "page"
    __table_args__ = (UniqueConstraint("document_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="document.document_id", index=True, max_length=40)
    number: int
    source: str = Field(max_length=32)
    width: float = 0
    height: float = 0
    rotation: int = 0
    ocr_confidence: float | None = None
    word_count: int = 0
    text: str = ""


class FieldRow(SQLModel, table=True):
    __tablename__ = "extracted_field"
    __table_args__ = (UniqueConstraint("document_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="document.document_id", index=True, max_length=40)
    name: str = Field(max_length=64)
    value: Any = _json()
    confidence: float
    page: int | None = None
    bbox: Any = _json()
    source_text: str | None = None
    method: str = Field(default="", max_length=200)


class InstructorRow(SQLModel, table=True):
    __tablename__ = "instructor"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="document.document_id", index=True, max_length=40)
    name: str = Field(max_length=300)
    credentials: Any = _json(list)
    affiliation: str | None = None
    qualified: bool | None = None
    qualification_basis: str | None = None
    confidence: float = 0.0


class ProposalRow(SQLModel, table=True):
    __tablename__ = "proposal"
    document_id: str = Field(foreign_key="document.document_id", primary_key=True, max_length=40)
    category: int | None = None
    cecs: float = 0.0
    raw_cecs: float | None = None
    rule_ids: Any = _json(list)
    explanation: str = ""
    confidence: float = 0.0
    route: str = Field(max_length=32)
    reasons: Any = _json(list)  # [{"code":..., "message":...}]
    activity_date: date | None = None
    activity_key: str | None = Field(default=None, max_length=500)
    details: Any = _json(dict)
    created_at: datetime = Field(default_factory=utcnow)


class ReviewItemRow(SQLModel, table=True):
    __tablename__ = "review_item"
    document_id: str = Field(foreign_key="document.document_id", primary_key=True, max_length=40)
    queued_at: datetime = Field(default_factory=utcnow, index=True)
    due_at: datetime
    claimed_by: str | None = Field(default=None, max_length=120)
    lease_expires_at: datetime | None = None
    approvals_needed: int = 1
    resolved_at: datetime | None = None
    resolution: str | None = Field(default=None, max_length=32)


class ReviewVoteRow(SQLModel, table=True):
    """One reviewer's decision on a queued document (several when a quorum is needed)."""

    __tablename__ = "review_vote"
    id: int | None = Field(default=None, primary_key=True)
    document_id: str = Field(foreign_key="document.document_id", index=True, max_length=40)
    reviewer: str = Field(max_length=120)
    decision: str = Field(max_length=32)
    at: datetime = Field(default_factory=utcnow, index=True)
    category: int | None = None
    cecs: float | None = None
    reason_code: str | None = Field(default=None, max_length=64)
    corrections: Any = _json(list)
    note: str | None = None


class JournalEntryRow(SQLModel, table=True):
    __tablename__ = "journal_entry"
    id: int | None = Field(default=None, primary_key=True)
    certificant_id: str = Field(foreign_key="certificant.certificant_id", index=True, max_length=64)
    document_id: str = Field(foreign_key="document.document_id", unique=True, max_length=40)
    category: int
    cecs: float
    raw_cecs: float | None = None
    activity_date: date
    activity_key: str = Field(max_length=500)
    rule_ids: Any = _json(list)
    details: Any = _json(dict)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class AuditEventRow(SQLModel, table=True):
    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor: str = Field(max_length=120)
    action: str = Field(max_length=64, index=True)
    document_id: str | None = Field(default=None, max_length=40, index=True)
    certificant_id: str | None = Field(default=None, max_length=64)
    before: Any = _json()
    after: Any = _json()
    note: str | None = None


class UserRow(SQLModel, table=True):
    __tablename__ = "app_user"
    name: str = Field(primary_key=True, max_length=120)
    role: str = Field(max_length=32)
    password_hash: str
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class IngestRunRow(SQLModel, table=True):
    __tablename__ = "ingest_run"
    run_id: str = Field(primary_key=True, max_length=40)
    kind: str = Field(max_length=32)  # bulk | nightly
    inbox: str | None = None
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    counts: Any = _json(dict)


class InboxFileRow(SQLModel, table=True):
    """Files a nightly pass has seen in an inbox (path, size, mtime), so the next pass
    takes only new ones."""

    __tablename__ = "inbox_file"
    __table_args__ = (UniqueConstraint("inbox", "rel_path"),)
    id: int | None = Field(default=None, primary_key=True)
    inbox: str = Field(max_length=2000)
    rel_path: str = Field(max_length=2000)
    size: int = Field(sa_type=BigInteger)
    mtime_ns: int = Field(sa_type=BigInteger)  # nanoseconds since 1970: needs 64 bits (migration 0004)
    sha256: str | None = Field(default=None, max_length=64)
    seen_at: datetime = Field(default_factory=utcnow)


# --- pre-approval (issue 8) -------------------------------------------------------------


class ApplicationRow(SQLModel, table=True):
    """A sponsor's application for pre-approval; its packet's documents are in
    ``application_document``, the committee proposal in ``proposal`` (also on the primary
    document's ProposalRow, so that the review queue shows it)."""

    __tablename__ = "application"
    application_id: str = Field(primary_key=True, max_length=64)
    status: str = Field(default="pending", max_length=32, index=True)
    sponsor: str = Field(default="", max_length=300)
    title: str = Field(default="", max_length=500)
    data: Any = _json(dict)
    proposal: Any = _json()
    primary_document_id: str | None = Field(default=None, max_length=40)
    submitted_at: datetime = Field(default_factory=utcnow)
    due_at: datetime = Field(default_factory=utcnow, index=True)
    approval_code: str | None = Field(default=None, max_length=64, index=True)
    decided_at: datetime | None = None
    decided_by: str | None = Field(default=None, max_length=120)
    decision_note: str | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class ApplicationDocumentRow(SQLModel, table=True):
    __tablename__ = "application_document"
    document_id: str = Field(foreign_key="document.document_id", primary_key=True, max_length=40)
    application_id: str = Field(foreign_key="application.application_id", index=True, max_length=64)
    role: str = Field(default="supporting", max_length=32)
    added_at: datetime = Field(default_factory=utcnow)


class ApprovalCodeSeqRow(SQLModel, table=True):
    """The last sequence number issued per (code pattern, year)."""

    __tablename__ = "approval_code_seq"
    pattern: str = Field(primary_key=True, max_length=200)
    year: int = Field(primary_key=True)
    last: int = 0


class OfferingTerminationRow(SQLModel, table=True):
    __tablename__ = "offering_termination"
    approval_code: str = Field(foreign_key="offering.approval_code", primary_key=True, max_length=64)
    terminated_on: date
    reason: str
    terminated_by: str = Field(max_length=120)
    appeal_until: date
    created_at: datetime = Field(default_factory=utcnow)
