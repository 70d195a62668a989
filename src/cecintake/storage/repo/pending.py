"""Credit still in review, shaped as journal entries so cycle status can show it apart."""

from __future__ import annotations

from sqlmodel import Session, select

from ...domain import Category, JournalEntry, Status
from ..tables import DocumentRow, ProposalRow


def pending_entries(*, session: Session, certificant_id: str) -> list[JournalEntry]:
    stmt = (select(DocumentRow, ProposalRow)
            .join(ProposalRow, ProposalRow.document_id == DocumentRow.document_id)  # type: ignore[arg-type]
            .where(DocumentRow.certificant_id == certificant_id)
            .where(DocumentRow.status == Status.NEEDS_REVIEW.value))
    out = []
    for doc, prop in session.exec(stmt):
        if prop.category is None or prop.activity_date is None:
            continue
        out.append(JournalEntry(certificant_id=certificant_id, document_id=doc.document_id,
                                category=Category(prop.category), cecs=prop.cecs, activity_date=prop.activity_date,
                                activity_key=prop.activity_key or doc.document_id, rule_ids=tuple(prop.rule_ids or ()),
                                raw_cecs=prop.raw_cecs, details=dict(prop.details or {})))
    return out
