"""Keeping a certificant's journal consistent after any change: caps (volunteer cap,
board and committee at the same level, teaching repeats, the optional per-activity cap)
are re-allocated by the pure ``rules.reconcile`` in activity-date order, so the totals
never depend on the order in which claims arrived. Every entry whose credit changes is
written back, its proposal kept in step, and an audit event records before -> after."""

from __future__ import annotations

from sqlmodel import Session

from .domain import AuditAction, Certificant
from .rules import Policy, reconcile
from .storage import repo


def reallocate(session: Session, certificant: Certificant, *, policy: Policy, actor: str,
               cause: str) -> tuple[str, ...]:
    """Re-allocate the caps after the entry of ``cause`` changed; returns the other documents
    whose credit changed."""
    entries = repo.journal_for(session=session, certificant_id=certificant.certificant_id)
    new = reconcile(certificant.certificant_id, entries, policy=policy, cycle_start=certificant.cycle_start)
    by_doc = {e.document_id: e for e in new}
    changed = []
    for old in entries:
        cur = by_doc[old.document_id]
        if abs(old.cecs - cur.cecs) < 1e-9 and old.rule_ids == cur.rule_ids:
            continue
        repo.put_journal_entry(session=session, entry=cur)
        if abs(old.cecs - cur.cecs) < 1e-9:
            continue
        repo.adjust_proposal_cecs(session=session, document_id=cur.document_id, cecs=cur.cecs,
                                  rule_ids=cur.rule_ids,
                                  note=f"Caps re-allocated after {cause}: {old.cecs:g} -> {cur.cecs:g} CECs.")
        if old.document_id != cause:
            changed.append(old.document_id)
        repo.record_audit(session=session, actor=actor, action=AuditAction.JOURNAL_ADJUSTED,
                          document_id=old.document_id, certificant_id=certificant.certificant_id,
                          before={"cecs": old.cecs}, after={"cecs": cur.cecs},
                          note=f"caps re-allocated after {cause}")
    return tuple(changed)
