"""The certificants' journals (credit that counts) and the audit log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, delete, insert, update
from sqlalchemy import select as core_select
from sqlalchemy.engine import Connection
from sqlmodel import Session, select

from ...domain import AuditAction, Category, JournalEntry
from ..tables import AuditEventRow, JournalEntryRow, utcnow


def core(session: Session) -> Connection:
    """The session's connection for Core statements (no ORM rows built), after writing what
    the session holds: Core sees it, and rows keep the order in which they were asked for."""
    session.flush()
    return session.connection()


def _entry(row: Any) -> JournalEntry:  # a JournalEntryRow or a Core row of its table
    return JournalEntry(certificant_id=row.certificant_id, document_id=row.document_id,
                        category=Category(row.category), cecs=row.cecs, activity_date=row.activity_date,
                        activity_key=row.activity_key, rule_ids=tuple(row.rule_ids or ()),
                        raw_cecs=row.raw_cecs, details=dict(row.details or {}))


_journal = JournalEntryRow.__table__  # type: ignore[attr-defined]
_JOURNAL_FOR = (core_select(_journal).where(_journal.c.certificant_id == bindparam("certificant_id"))
                .order_by(_journal.c.activity_date, _journal.c.document_id))


def journal_for(*, session: Session, certificant_id: str) -> list[JournalEntry]:
    return [_entry(r) for r in core(session).execute(_JOURNAL_FOR, {"certificant_id": certificant_id})]


_JOURNAL_ROW = core_select(_journal.c.id).where(_journal.c.document_id == bindparam("document_id"))
_INSERT_JOURNAL = insert(_journal)
_UPDATE_JOURNAL = update(_journal).where(_journal.c.id == bindparam("_id"))
_DELETE_JOURNAL = delete(_journal).where(_journal.c.document_id == bindparam("document_id"))


def put_journal_entry(*, session: Session, entry: JournalEntry) -> None:
    """Insert or replace the entry for ``entry.document_id`` (written at once)."""
    conn = core(session)
    values = dict(certificant_id=entry.certificant_id, category=int(entry.category), cecs=entry.cecs,
                  raw_cecs=entry.raw_cecs, activity_date=entry.activity_date, activity_key=entry.activity_key,
                  rule_ids=list(entry.rule_ids), details=_jsonable(entry.details))
    row_id = conn.execute(_JOURNAL_ROW, {"document_id": entry.document_id}).scalar()
    if row_id is None:
        conn.execute(_INSERT_JOURNAL, dict(document_id=entry.document_id, **values))
    else:
        conn.execute(_UPDATE_JOURNAL, dict(_id=row_id, updated_at=utcnow(), **values))


def remove_journal_entry(*, session: Session, document_id: str) -> None:
    core(session).execute(_DELETE_JOURNAL, {"document_id": document_id})


def record_audit(*, session: Session, actor: str, action: AuditAction, document_id: str | None = None,
                 certificant_id: str | None = None, before: Any = None, after: Any = None,
                 note: str | None = None) -> None:
    session.add(AuditEventRow(actor=actor, action=action.value, document_id=document_id,
                              certificant_id=certificant_id, before=_jsonable(before),
                              after=_jsonable(after), note=note))


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One audit event to record (``record_audits``)."""

    actor: str
    action: AuditAction
    document_id: str | None = None
    certificant_id: str | None = None
    before: Any = None
    after: Any = None
    note: str | None = None


_INSERT_AUDIT = insert(AuditEventRow.__table__)  # type: ignore[attr-defined]


def record_audits(*, session: Session, events: Sequence[AuditEvent]) -> None:
    """``record_audit`` for many events: one executemany, written at once (after whatever the
    session holds, so that events keep the order in which they were recorded)."""
    if not events:
        return
    core(session).execute(_INSERT_AUDIT, [
        dict(actor=e.actor, action=e.action.value, document_id=e.document_id, certificant_id=e.certificant_id,
             before=_jsonable(e.before), after=_jsonable(e.after), note=e.note) for e in events])


def audit_events(*, session: Session, document_id: str) -> list[dict[str, Any]]:
    stmt = select(AuditEventRow).where(AuditEventRow.document_id == document_id).order_by(AuditEventRow.id)
    return [dict(at=r.at, actor=r.actor, action=r.action, before=r.before, after=r.after, note=r.note)
            for r in session.exec(stmt)]


def _jsonable(value: Any) -> Any:
    """Dates and enums to strings so JSON columns accept them."""
    import datetime as _dt
    from enum import Enum

    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return value


def journal_entries_all(*, session: Session) -> dict[str, list[JournalEntry]]:
    out: dict[str, list[JournalEntry]] = {}
    for r in session.exec(select(JournalEntryRow).order_by(JournalEntryRow.activity_date)):
        out.setdefault(r.certificant_id, []).append(_entry(r))
    return out


def jsonable(value: Any) -> Any:
    return _jsonable(value)


__all__ = ["AuditEvent", "record_audits", "journal_for", "put_journal_entry", "remove_journal_entry", "record_audit", "audit_events",
           "journal_entries_all", "jsonable"]
