"""The review queue in SQL: listing, claiming with a lease, votes, users and the
dashboard's counts. Keyword-only functions; rows never leave this module.

Claiming is race-free on both databases: on SQLite every transaction starts with
BEGIN IMMEDIATE (``db.make_engine``), so claimers are serialised; on PostgreSQL the
candidate row is taken with ``SELECT ... FOR UPDATE SKIP LOCKED``, so concurrent
claimers each lock a different row.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import exists, func, or_
from sqlmodel import Session, select

from ...domain import Category, Reason, ReasonCode, Status
from ..tables import (
    CertificantRow,
    DocumentRow,
    JournalEntryRow,
    PageRow,
    ProposalRow,
    ReviewItemRow,
    ReviewVoteRow,
    UserRow,
)
from .journal import jsonable


@dataclass(frozen=True, slots=True)
class QueueEntry:
    document_id: str
    certificant_id: str | None
    original_filename: str
    queued_at: datetime
    due_at: datetime
    claimed_by: str | None
    lease_expires_at: datetime | None
    approvals_needed: int
    resolved_at: datetime | None
    resolution: str | None
    status: Status
    doc_type: str | None
    category: Category | None
    cecs: float | None
    reasons: tuple[Reason, ...] = ()
    approvals: int = 0


@dataclass(frozen=True, slots=True)
class Vote:
    document_id: str
    reviewer: str
    decision: str
    at: datetime
    category: int | None = None
    cecs: float | None = None
    reason_code: str | None = None
    corrections: list[dict[str, Any]] = field(default_factory=list)
    note: str | None = None


@dataclass(frozen=True, slots=True)
class User:
    name: str
    role: str
    password_hash: str
    active: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class PageInfo:
    number: int
    width: float
    height: float
    rotation: int


def _reasons(raw: Any) -> tuple[Reason, ...]:
    out = []
    for r in raw or ():
        try:
            out.append(Reason(ReasonCode(r["code"]), r.get("message", "")))
        except (KeyError, ValueError):
            continue
    return tuple(out)


def _approvals(session: Session, document_id: str) -> int:
    stmt = select(func.count()).select_from(ReviewVoteRow).where(
        ReviewVoteRow.document_id == document_id, ReviewVoteRow.decision == "approve")
    return int(session.exec(stmt).one())


def _entry(session: Session, item: ReviewItemRow, doc: DocumentRow, prop: ProposalRow | None,
           approvals: int | None = None) -> QueueEntry:
    return QueueEntry(
        document_id=item.document_id, certificant_id=doc.certificant_id, original_filename=doc.original_filename,
        queued_at=item.queued_at, due_at=item.due_at, claimed_by=item.claimed_by,
        lease_expires_at=item.lease_expires_at, approvals_needed=item.approvals_needed,
        resolved_at=item.resolved_at, resolution=item.resolution, status=Status(doc.status), doc_type=doc.doc_type,
        category=Category(prop.category) if prop is not None and prop.category is not None else None,
        cecs=prop.cecs if prop is not None else None, reasons=_reasons(prop.reasons if prop else None),
        approvals=_approvals(session, item.document_id) if approvals is None else approvals)


def _base():  # noqa: ANN202
    return (select(ReviewItemRow, DocumentRow, ProposalRow)
            .join(DocumentRow, DocumentRow.document_id == ReviewItemRow.document_id)  # type: ignore[arg-type]
            .join(ProposalRow, ProposalRow.document_id == ReviewItemRow.document_id,  # type: ignore[arg-type]
                  isouter=True))


def queue_entries(*, session: Session, include_resolved: bool = False) -> list[QueueEntry]:
    """Open items (or all), oldest submission first."""
    stmt = _base()
    if not include_resolved:
        stmt = stmt.where(ReviewItemRow.resolved_at.is_(None))  # type: ignore[union-attr]
    stmt = stmt.order_by(ReviewItemRow.queued_at, ReviewItemRow.document_id)
    votes = Counter(session.exec(select(ReviewVoteRow.document_id).where(ReviewVoteRow.decision == "approve")))
    return [_entry(session, i, d, p, votes.get(i.document_id, 0)) for i, d, p in session.exec(stmt)]


def queue_entry(*, session: Session, document_id: str, for_update: bool = False) -> QueueEntry | None:
    """One item; ``for_update`` locks its row until the transaction ends (PostgreSQL)."""
    stmt = _base().where(ReviewItemRow.document_id == document_id)
    if for_update:
        stmt = stmt.with_for_update(of=ReviewItemRow)  # type: ignore[arg-type]
    row = session.exec(stmt).first()
    return None if row is None else _entry(session, *row)


def _claimable(now: datetime):  # noqa: ANN202
    return (ReviewItemRow.resolved_at.is_(None),  # type: ignore[union-attr]
            or_(ReviewItemRow.claimed_by.is_(None), ReviewItemRow.lease_expires_at < now))  # type: ignore[union-attr,operator]


def held_by(*, session: Session, reviewer: str, now: datetime) -> str | None:
    """The item ``reviewer`` holds an unexpired lease on, if any."""
    stmt = (select(ReviewItemRow.document_id)
            .where(ReviewItemRow.claimed_by == reviewer, ReviewItemRow.resolved_at.is_(None),  # type: ignore[union-attr]
                   ReviewItemRow.lease_expires_at >= now)  # type: ignore[operator]
            .order_by(ReviewItemRow.queued_at, ReviewItemRow.document_id).limit(1))
    return session.exec(stmt).first()


def claim_next(*, session: Session, reviewer: str, now: datetime, lease_until: datetime,
               document_id: str | None = None) -> str | None:
    """Lease the oldest claimable item (or ``document_id`` if claimable) to ``reviewer``.

    Items the reviewer already voted on are skipped (a quorum needs different people).
    """
    voted = exists().where(ReviewVoteRow.document_id == ReviewItemRow.document_id,
                           ReviewVoteRow.reviewer == reviewer)
    stmt = select(ReviewItemRow).where(*_claimable(now), ~voted)
    if document_id is not None:
        stmt = stmt.where(ReviewItemRow.document_id == document_id)
    stmt = (stmt.order_by(ReviewItemRow.queued_at, ReviewItemRow.document_id).limit(1)
            .with_for_update(skip_locked=True))
    row = session.exec(stmt).first()
    if row is None:
        return None
    row.claimed_by, row.lease_expires_at = reviewer, lease_until
    session.add(row)
    session.flush()
    return row.document_id


def set_claim(*, session: Session, document_id: str, reviewer: str | None, lease_until: datetime | None) -> None:
    row = session.get(ReviewItemRow, document_id)
    if row is None:
        raise LookupError(document_id)
    row.claimed_by, row.lease_expires_at = reviewer, lease_until
    session.add(row)
    session.flush()


def set_approvals_needed(*, session: Session, document_id: str, needed: int) -> None:
    row = session.get(ReviewItemRow, document_id)
    if row is not None and row.approvals_needed != needed:
        row.approvals_needed = needed
        session.add(row)


def resolve(*, session: Session, document_id: str, resolution: str, at: datetime) -> None:
    row = session.get(ReviewItemRow, document_id)
    if row is None:
        raise LookupError(document_id)
    row.resolved_at, row.resolution = at, resolution
    row.claimed_by = row.lease_expires_at = None
    session.add(row)
    session.flush()


def reopen(*, session: Session, document_id: str) -> None:
    row = session.get(ReviewItemRow, document_id)
    if row is not None:
        row.resolved_at = row.resolution = None
        row.claimed_by = row.lease_expires_at = None
        session.add(row)
        session.flush()


def add_vote(*, session: Session, vote: Vote) -> None:
    session.add(ReviewVoteRow(document_id=vote.document_id, reviewer=vote.reviewer, decision=vote.decision,
                              at=vote.at, category=vote.category, cecs=vote.cecs, reason_code=vote.reason_code,
                              corrections=jsonable(vote.corrections), note=vote.note))
    session.flush()


def _vote(r: ReviewVoteRow) -> Vote:
    return Vote(document_id=r.document_id, reviewer=r.reviewer, decision=r.decision, at=r.at, category=r.category,
                cecs=r.cecs, reason_code=r.reason_code, corrections=list(r.corrections or []), note=r.note)


def votes(*, session: Session, document_id: str | None = None) -> list[Vote]:
    stmt = select(ReviewVoteRow)
    if document_id is not None:
        stmt = stmt.where(ReviewVoteRow.document_id == document_id)
    return [_vote(r) for r in session.exec(stmt.order_by(ReviewVoteRow.at, ReviewVoteRow.id))]


def decisions_per_day(*, session: Session, since: datetime) -> dict[date, int]:
    out: Counter[date] = Counter()
    for at in session.exec(select(ReviewVoteRow.at).where(ReviewVoteRow.at >= since)):
        out[at.date()] += 1
    return dict(sorted(out.items()))


def credits_by_category(*, session: Session) -> dict[Category, float]:
    stmt = select(JournalEntryRow.category, func.sum(JournalEntryRow.cecs)).group_by(JournalEntryRow.category)
    return {Category(c): round(float(total or 0), 6) for c, total in session.exec(stmt)}


def pages(*, session: Session, document_id: str) -> list[PageInfo]:
    stmt = select(PageRow).where(PageRow.document_id == document_id).order_by(PageRow.number)
    return [PageInfo(p.number, p.width, p.height, p.rotation) for p in session.exec(stmt)]


def certificant_email(*, session: Session, certificant_id: str | None) -> tuple[str | None, str | None]:
    """(full name, email) of a certificant, or (None, None)."""
    row = session.get(CertificantRow, certificant_id) if certificant_id else None
    return (None, None) if row is None else (row.full_name, row.email)


def document_status(*, session: Session, document_id: str) -> Status | None:
    row = session.get(DocumentRow, document_id)
    return None if row is None else Status(row.status)


# users ---------------------------------------------------------------------------------

def _user(r: UserRow) -> User:
    return User(r.name, r.role, r.password_hash, r.active, r.created_at)


def get_user(*, session: Session, name: str) -> User | None:
    row = session.get(UserRow, name)
    return None if row is None else _user(row)


def put_user(*, session: Session, name: str, role: str, password_hash: str, active: bool = True) -> bool:
    """Create or update; True when created."""
    row = session.get(UserRow, name)
    created = row is None
    if row is None:
        row = UserRow(name=name, role=role, password_hash=password_hash, active=active)
    else:
        row.role, row.password_hash, row.active = role, password_hash, active
    session.add(row)
    session.flush()
    return created


def list_users(*, session: Session) -> list[User]:
    return [_user(r) for r in session.exec(select(UserRow).order_by(UserRow.name))]
