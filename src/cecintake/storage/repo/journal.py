"""The certificants' journals (credit that counts) and the audit log."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, select

from ...domain import AuditAction, Category, JournalEntry
from ..tables import AuditEventRow, JournalEntryRow, utcnow


def _entry(row: JournalEntryRow) -> JournalEntry:
    return JournalEntry(certificant_id=row.certificant_id, document_id=row.document_id,
                        category=Category(row.category), cecs=row.cecs, activity_date=row.activity_date,
                        activity_key=row.activity_key, rule_ids=tuple(row.rule_ids or ()),
                        raw_cecs=row.raw_cecs, details=dict(row.details or {}))


def journal_for(*, session: Session, certificant_id: str) -> list[JournalEntry]:
    stmt = select(JournalEntryRow).where(JournalEntryRow.certificant_id == certificant_id)
    return [_entry(r) for r in session.exec(stmt.order_by(JournalEntryRow.activity_date, JournalEntryRow.document_id))]


def put_journal_entry(*, session: Session, entry: JournalEntry) -> None:
    """Insert or replace the entry for ``entry.document_id``."""
    row = session.exec(select(JournalEntryRow).where(JournalEntryRow.document_id == entry.document_id)).first()
    values = dict(certificant_id=entry.certificant_id, category=int(entry.category), cecs=entry.cecs,
                  raw_cecs=entry.raw_cecs, activity_date=entry.activity_date, activity_key=entry.activity_key,
                  rule_ids=list(entry.rule_ids), details=_jsonable(entry.details))
    if row is None:
        session.add(JournalEntryRow(document_id=entry.document_id, **values))
    else:
        for k, v in values.items():
            setattr(row, k, v)
        row.updated_at = utcnow()
        session.add(row)
    session.flush()


def remove_journal_entry(*, session: Session, document_id: str) -> None:
    row = session.exec(select(JournalEntryRow).where(JournalEntryRow.document_id == document_id)).first()
    if row is not None:
        session.delete(row)
        session.flush()


def record_audit(*, session: Session, actor: str, action: AuditAction, document_id: str | None = None,
                 certificant_id: str | None = None, before: Any = None, after: Any = None,
                 note: str | None = None) -> None:
    session.add(AuditEventRow(actor=actor, action=action.value, document_id=document_id,
                              certificant_id=certificant_id, before=_jsonable(before),
                              after=_jsonable(after), note=note))


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


__all__ = ["journal_for", "put_journal_entry", "remove_journal_entry", "record_audit", "audit_events",
           "journal_entries_all", "jsonable"]
