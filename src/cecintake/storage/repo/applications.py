"""Pre-approval applications, their packet documents, approval code sequences and terminations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlmodel import Session, select

from ...domain import DocumentRecord, Offering
from ...preapproval.codes import next_code
from ...preapproval.model import (
    Application,
    ApplicationRecord,
    ApplicationStatus,
    DocumentRole,
    PreapprovalProposal,
    Termination,
)
from ..tables import (
    ApplicationDocumentRow,
    ApplicationRow,
    ApprovalCodeSeqRow,
    DocumentRow,
    OfferingRow,
    OfferingTerminationRow,
    PageRow,
    ReviewItemRow,
    utcnow,
)
from .documents import load_record


def _aware(ts: datetime | None) -> datetime | None:
    if ts is None:
        return None
    return ts if ts.tzinfo else ts.replace(tzinfo=timezone.utc)


@dataclass(frozen=True, slots=True)
class PacketDocument:
    record: DocumentRecord
    text: str
    role: DocumentRole


def link_document(*, session: Session, application_id: str, document_id: str, submitted_at: datetime,
                  decision_weeks: int, role: DocumentRole = DocumentRole.SUPPORTING) -> bool:
    """Put a document in an application's packet (creating the application, pending, when new).
    Returns False when the document already belongs to an application."""
    app = session.get(ApplicationRow, application_id)
    if app is None:
        session.add(ApplicationRow(application_id=application_id, status=ApplicationStatus.PENDING.value,
                                   submitted_at=submitted_at, due_at=submitted_at + timedelta(weeks=decision_weeks),
                                   data={"application_id": application_id}))
        session.flush()
    elif _aware(submitted_at) < _aware(app.submitted_at):  # type: ignore[operator]
        app.submitted_at, app.due_at = submitted_at, submitted_at + timedelta(weeks=decision_weeks)
        session.add(app)
    if session.get(ApplicationDocumentRow, document_id) is not None:
        return False
    session.add(ApplicationDocumentRow(document_id=document_id, application_id=application_id, role=role.value))
    session.flush()
    return True


def application_of_document(*, session: Session, document_id: str) -> str | None:
    row = session.get(ApplicationDocumentRow, document_id)
    return None if row is None else row.application_id


def packet(*, session: Session, application_id: str) -> list[PacketDocument]:
    """The processed documents of an application's packet, in registration order."""
    links = session.exec(select(ApplicationDocumentRow).where(ApplicationDocumentRow.application_id == application_id)
                         .order_by(ApplicationDocumentRow.added_at, ApplicationDocumentRow.document_id)).all()
    out = []
    for link in links:
        record = load_record(session=session, document_id=link.document_id)
        if record is None:
            continue
        pages = session.exec(select(PageRow.text).where(PageRow.document_id == link.document_id)
                             .order_by(PageRow.number)).all()
        out.append(PacketDocument(record, "\n\f\n".join(pages), DocumentRole(link.role)))
    return out


def set_role(*, session: Session, document_id: str, role: DocumentRole) -> None:
    row = session.get(ApplicationDocumentRow, document_id)
    if row is not None and row.role != role.value:
        row.role = role.value
        session.add(row)


def save_application(*, session: Session, application: Application, proposal: PreapprovalProposal | None,
                     primary_document_id: str | None) -> None:
    row = session.get(ApplicationRow, application.application_id)
    if row is None:
        raise LookupError(application.application_id)
    row.data = application.to_json()
    row.proposal = None if proposal is None else proposal.to_json()
    row.sponsor = (application.sponsor or "")[:300]
    row.title = (application.title or "")[:500]
    row.primary_document_id = primary_document_id
    row.updated_at = utcnow()
    session.add(row)
    session.flush()


def _record(session: Session, row: ApplicationRow) -> ApplicationRecord:
    docs = session.exec(select(ApplicationDocumentRow.document_id)
                        .where(ApplicationDocumentRow.application_id == row.application_id)
                        .order_by(ApplicationDocumentRow.added_at)).all()
    return ApplicationRecord(
        application_id=row.application_id, status=ApplicationStatus(row.status),
        submitted_at=_aware(row.submitted_at), due_at=_aware(row.due_at),  # type: ignore[arg-type]
        application=Application.from_json({"application_id": row.application_id, **(row.data or {})}),
        proposal=PreapprovalProposal.from_json(row.proposal) if row.proposal else None,
        primary_document_id=row.primary_document_id, approval_code=row.approval_code,
        decided_at=_aware(row.decided_at), decided_by=row.decided_by, decision_note=row.decision_note,
        document_ids=tuple(docs))


def get_application(*, session: Session, application_id: str, for_update: bool = False) -> ApplicationRecord | None:
    if for_update:
        row = session.exec(select(ApplicationRow).where(ApplicationRow.application_id == application_id)
                           .with_for_update()).first()
    else:
        row = session.get(ApplicationRow, application_id)
    return None if row is None else _record(session, row)


def list_applications(*, session: Session, status: ApplicationStatus | None = None) -> list[ApplicationRecord]:
    stmt = select(ApplicationRow)
    if status is not None:
        stmt = stmt.where(ApplicationRow.status == status.value)
    rows = session.exec(stmt.order_by(ApplicationRow.submitted_at, ApplicationRow.application_id)).all()
    return [_record(session, r) for r in rows]


def record_decision(*, session: Session, application_id: str, status: ApplicationStatus, by: str, note: str,
                    at: datetime, approval_code: str | None, proposal: PreapprovalProposal | None) -> None:
    row = session.get(ApplicationRow, application_id)
    if row is None:
        raise LookupError(application_id)
    row.status, row.decided_by, row.decision_note, row.decided_at = status.value, by, note, at
    row.approval_code = approval_code
    if proposal is not None:
        row.proposal = proposal.to_json()
    row.updated_at = at
    session.add(row)
    session.flush()


def issue_code(*, session: Session, pattern: str, year: int) -> str:
    """A new approval code, unique in the register; the sequence row is locked while it is chosen."""
    seq = session.exec(select(ApprovalCodeSeqRow).where(ApprovalCodeSeqRow.pattern == pattern,
                                                        ApprovalCodeSeqRow.year == year).with_for_update()).first()
    if seq is None:
        seq = ApprovalCodeSeqRow(pattern=pattern, year=year, last=0)
    taken = set(session.exec(select(OfferingRow.approval_code)))
    code, n = next_code(pattern, year=year, after=seq.last, taken=taken)
    seq.last = n
    session.add(seq)
    session.flush()
    return code


def put_termination(*, session: Session, termination: Termination) -> None:
    offering = session.get(OfferingRow, termination.approval_code)
    if offering is None:
        raise LookupError(termination.approval_code)
    offering.terminated_on, offering.termination_reason = termination.terminated_on, termination.reason
    offering.updated_at = utcnow()
    session.add(offering)
    row = session.get(OfferingTerminationRow, termination.approval_code)
    if row is None:
        row = OfferingTerminationRow(approval_code=termination.approval_code, terminated_on=termination.terminated_on,
                                     reason=termination.reason, terminated_by=termination.terminated_by,
                                     appeal_until=termination.appeal_until)
    else:
        row.terminated_on, row.reason = termination.terminated_on, termination.reason
        row.terminated_by, row.appeal_until = termination.terminated_by, termination.appeal_until
    session.add(row)
    session.flush()


def terminations(*, session: Session) -> dict[str, Termination]:
    return {r.approval_code: Termination(r.approval_code, r.terminated_on, r.reason, r.terminated_by, r.appeal_until)
            for r in session.exec(select(OfferingTerminationRow))}


def applications_by_code(*, session: Session) -> dict[str, ApplicationRecord]:
    rows = session.exec(select(ApplicationRow).where(ApplicationRow.approval_code.is_not(None)))  # type: ignore[union-attr]
    return {r.approval_code: _record(session, r) for r in rows if r.approval_code}


def document_statuses(*, session: Session, document_ids: Iterable[str], status: str) -> None:
    for doc_id in document_ids:
        row = session.get(DocumentRow, doc_id)
        if row is not None:
            row.status = status
            session.add(row)


def offering_exists(*, session: Session, approval_code: str) -> Offering | None:
    from .registry import _offering

    row = session.get(OfferingRow, approval_code)
    return None if row is None else _offering(row)


# --- the review queue, for an application's primary document -------------------------------------


def queue_for_committee(*, session: Session, document_id: str, queued_at: datetime, due_at: datetime) -> None:
    """Keep the document in the review queue with the application's 6-week deadline."""


    row = session.get(ReviewItemRow, document_id)
    if row is None:
        row = ReviewItemRow(document_id=document_id, queued_at=queued_at, due_at=due_at)
    else:
        row.queued_at, row.due_at = queued_at, due_at
    session.add(row)


def drop_from_queue(*, session: Session, document_id: str) -> None:
    """A packet's secondary document (a résumé) is decided with the application, not on its own."""


    row = session.get(ReviewItemRow, document_id)
    if row is not None and row.resolved_at is None:
        session.delete(row)


def claim_of(*, session: Session, document_id: str) -> tuple[str, datetime | None] | None:


    row = session.get(ReviewItemRow, document_id)
    if row is None or row.claimed_by is None:
        return None
    return row.claimed_by, row.lease_expires_at


def resolve_queue_item(*, session: Session, document_id: str, resolution: str, at: datetime) -> None:


    row = session.get(ReviewItemRow, document_id)
    if row is not None:
        row.resolved_at, row.resolution = at, resolution
        row.claimed_by = row.lease_expires_at = None
        session.add(row)


def document_status(*, session: Session, document_id: str) -> str | None:
    row = session.get(DocumentRow, document_id)
    return None if row is None else row.status
