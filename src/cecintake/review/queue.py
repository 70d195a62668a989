"""The exception queue: list, show, claim with a lease, release, overdue."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy.engine import Engine

from ..errors import ConflictError, NotFoundError
from ..storage import repo, session_scope
from ..storage.repo import review as rq
from .models import HistoryEvent, ItemDetail, QueueFilter, QueueItem, QuorumRule


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=timezone.utc)
    return dt


def to_item(e: rq.QueueEntry, quorum: QuorumRule | None = None) -> QueueItem:
    needed = max(e.approvals_needed, quorum.needed(e.reasons)) if quorum else e.approvals_needed
    return QueueItem(
        document_id=e.document_id, certificant_id=e.certificant_id, file=e.original_filename,
        submitted_at=_aware(e.queued_at), due_at=_aware(e.due_at), reasons=e.reasons,  # type: ignore[arg-type]
        category=e.category, cecs=e.cecs, doc_type=e.doc_type, claimed_by=e.claimed_by,
        lease_expires_at=_aware(e.lease_expires_at), approvals=e.approvals, approvals_needed=needed,
        resolution=e.resolution)


def list_queue(engine: Engine, *, filt: QueueFilter | None = None, now: datetime | None = None,
               quorum: QuorumRule | None = None) -> list[QueueItem]:
    """Open items, oldest submission first."""
    now = now or utcnow()
    with session_scope(engine) as s:
        entries = rq.queue_entries(session=s)
    items = [to_item(e, quorum) for e in entries]
    return [i for i in items if filt is None or filt.accepts(i, now)]


def overdue(engine: Engine, *, now: datetime | None = None) -> list[QueueItem]:
    """Open items past the 4-week decision deadline, most overdue first."""
    now = now or utcnow()
    return [i for i in list_queue(engine, now=now) if i.overdue(now)]


def show(engine: Engine, document_id: str, *, quorum: QuorumRule | None = None) -> ItemDetail:
    with session_scope(engine) as s:
        record = repo.load_record(session=s, document_id=document_id)
        if record is None:
            raise NotFoundError(f"no document {document_id!r}", hint="cecintake review list")
        entry = rq.queue_entry(session=s, document_id=document_id)
        events = repo.audit_events(session=s, document_id=document_id)
    history = tuple(HistoryEvent(at=_aware(e["at"]), actor=e["actor"], action=e["action"],  # type: ignore[arg-type]
                                 before=e["before"], after=e["after"], note=e["note"]) for e in events)
    return ItemDetail(item=to_item(entry, quorum) if entry else None, record=record, history=history)


def claim(engine: Engine, *, reviewer: str, lease_minutes: int, document_id: str | None = None,
          now: datetime | None = None) -> str | None:
    """Lease the next item (or ``document_id``) to ``reviewer``; None when nothing is left.

    A reviewer who already holds an unexpired lease gets that item back, with the lease renewed.
    """
    from ..domain import AuditAction

    reviewer = _name(reviewer)
    now = now or utcnow()
    until = now + timedelta(minutes=lease_minutes)
    with session_scope(engine) as s:
        held = rq.held_by(session=s, reviewer=reviewer, now=now)
        if held is not None and (document_id is None or held == document_id):
            rq.set_claim(session=s, document_id=held, reviewer=reviewer, lease_until=until)
            return held
        if document_id is not None and rq.queue_entry(session=s, document_id=document_id) is None:
            raise NotFoundError(f"{document_id!r} is not in the review queue")
        got = rq.claim_next(session=s, reviewer=reviewer, now=now, lease_until=until, document_id=document_id)
        if got is None and document_id is not None:
            raise ConflictError(f"{document_id} is claimed by someone else, decided, or already voted on by you")
        if got is not None:
            repo.record_audit(session=s, actor=reviewer, action=AuditAction.CLAIMED, document_id=got,
                              after={"lease_expires_at": until.isoformat()})
        return got


def release(engine: Engine, document_id: str, *, reviewer: str, now: datetime | None = None,
            force: bool = False) -> None:
    """Give an item back to the queue. Only its holder may (or a coordinator, ``force``)."""
    from ..domain import AuditAction

    reviewer = _name(reviewer)
    now = now or utcnow()
    with session_scope(engine) as s:
        entry = rq.queue_entry(session=s, document_id=document_id, for_update=True)
        if entry is None:
            raise NotFoundError(f"{document_id!r} is not in the review queue")
        item = to_item(entry)
        if not item.claimed(now):
            raise ConflictError(f"{document_id} is not claimed")
        if item.claimed_by != reviewer and not force:
            raise ConflictError(f"{document_id} is claimed by {item.claimed_by}, not {reviewer}")
        rq.set_claim(session=s, document_id=document_id, reviewer=None, lease_until=None)
        repo.record_audit(session=s, actor=reviewer, action=AuditAction.RELEASED, document_id=document_id,
                          before={"claimed_by": item.claimed_by})


def _name(reviewer: str) -> str:
    from ..errors import InputFileError

    name = reviewer.strip()
    if not name:
        raise InputFileError("--reviewer must name someone")
    return name
