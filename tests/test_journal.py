"""Journal re-allocation: the volunteer cap goes to the earliest activities whatever order
the claims arrived in, the adjusted document's proposal follows, and each change is audited."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from cecintake.domain import Category, Certificant, CertificantLevel, CreditProposal, JournalEntry, Route
from cecintake.journal import reallocate
from cecintake.rules import load_policy
from cecintake.storage import open_database, session_scope
from cecintake.storage import repo
from cecintake.storage.tables import AuditEventRow

CERT = Certificant("C-1", "Ann Lee", CertificantLevel.CERP, date(2022, 1, 1))


def _volunteer(doc_id: str, when: date, cecs: float) -> JournalEntry:
    return JournalEntry("C-1", doc_id, Category.VOLUNTEER, cecs, when, f"vol-{doc_id}", ("cat7.hours",), cecs,
                        {"volunteer_hours": cecs * 4})


def test_late_arriving_earlier_claim_takes_the_cap_and_the_later_one_is_adjusted(db_url: str) -> None:
    engine = open_database(db_url)
    policy = load_policy()
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[CERT])
        ids = []
        for i in range(2):
            reg = repo.register_document(session=s, sha256=f"{i:02x}" * 32, source_path=f"v{i}.pdf",
                                         original_filename=f"v{i}.pdf", size=1, certificant_id="C-1",
                                         submitted_at=None, run_id=None)
            ids.append(reg.document_id)
        later, earlier = ids
        # the later activity arrived first and took the whole 5-CEC cap
        repo.put_journal_entry(session=s, entry=_volunteer(later, date(2024, 6, 1), 5.0))
        repo.save_proposal(session=s, document_id=later, proposal=CreditProposal(
            Category.VOLUNTEER, 5.0, ("cat7.hours",), "20 volunteer hours", 0.95, Route.ACCEPT))
        # the earlier activity arrives second; the engine (arrival order) gave it nothing
        repo.put_journal_entry(session=s, entry=JournalEntry(
            "C-1", earlier, Category.VOLUNTEER, 0.0, date(2023, 6, 1), f"vol-{earlier}", ("cat7.hours",), 3.0,
            {"volunteer_hours": 12}))
        changed = reallocate(s, CERT, policy=policy, actor="intake", cause=earlier)
    with session_scope(engine) as s:
        journal = {e.document_id: e.cecs for e in repo.journal_for(session=s, certificant_id="C-1")}
        assert journal == {earlier: 3.0, later: 2.0}
        assert changed == (later,)
        assert repo.load_record(session=s, document_id=later).proposal.cecs == 2.0
        audits = s.exec(select(AuditEventRow).where(AuditEventRow.action == "journal_adjusted")).all()
        assert {(a.document_id, a.before["cecs"], a.after["cecs"]) for a in audits} == {
            (later, 5.0, 2.0), (earlier, 0.0, 3.0)}
    engine.dispose()
