"""Properties of the engine and the reconciliation (Hypothesis)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cecintake.domain.models import Claim, JournalEntry
from cecintake.domain.vocab import Category, DocType, Route
from cecintake.rules import reconcile

from .builders import CERT, POLICY, claim, run, service, teaching, to_entry, volunteer

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
HOURS = st.floats(min_value=0, max_value=200, allow_nan=False, allow_infinity=False)
HOURS_DOC = st.sampled_from([DocType.COMPLETION_CERTIFICATE, DocType.CONFERENCE_ATTENDANCE,
                             DocType.INSTRUCTION_LETTER, DocType.VOLUNTEER_LETTER])
DAY = st.integers(min_value=0, max_value=5 * 365 - 40).map(lambda n: date(2022, 4, 1) + timedelta(days=n))


def _hours_claim(doc_type: DocType, hours: float, doc: str = "H1") -> Claim:
    if doc_type is DocType.VOLUNTEER_LETTER:
        return volunteer(doc, hours, "2023-06-10")
    return claim(doc_type, doc=doc, activity_title="A", provider="P", start_date="2023-06-01",
                 end_date="2023-06-30", contact_hours=hours)


@FAST
@given(doc_type=HOURS_DOC, hours=HOURS)
def test_credits_never_negative(doc_type: DocType, hours: float) -> None:
    p = run(_hours_claim(doc_type, hours))
    assert p.cecs >= 0 and (p.raw_cecs is None or p.raw_cecs >= 0)


@FAST
@given(doc_type=HOURS_DOC, a=HOURS, b=HOURS)
def test_credits_monotone_in_hours(doc_type: DocType, a: float, b: float) -> None:
    lo, hi = sorted((a, b))
    assert run(_hours_claim(doc_type, lo)).cecs <= run(_hours_claim(doc_type, hi)).cecs


@st.composite
def entries(draw: st.DrawFn) -> list[JournalEntry]:
    """A mixed journal: volunteer, committee/board at two levels, repeated courses."""
    n = draw(st.integers(min_value=1, max_value=12))
    out = []
    for i in range(n):
        kind = draw(st.sampled_from(["vol", "board", "committee", "course"]))
        day = draw(DAY)
        raw = draw(st.sampled_from([0.25, 1.0, 2.5, 3.0, 4.75, 10.0]))
        details: dict = {}
        cat = Category.VOLUNTEER
        if kind in ("board", "committee"):
            cat = Category.LEADERSHIP
            years = draw(st.sampled_from([0.5, 1.0, 2.0]))
            details = {"service_role": f"{kind}_member" if kind != "board" else "board_member",
                       "org_level": draw(st.sampled_from(["ser", "chapter"])), "service_years": years}
        elif kind == "course":
            cat = Category.INSTRUCTION
            details = {"course_key": draw(st.sampled_from(["u|env 410", "u|bio 200"]))}
        out.append(JournalEntry(CERT.certificant_id, f"D{i:02d}", cat, raw, day, f"k{i}", raw_cecs=raw,
                                details=details))
    return out


@FAST
@given(journal=entries(), data=st.data())
def test_caps_never_exceeded_whatever_the_order(journal: list[JournalEntry], data: st.DataObject) -> None:
    shuffled = data.draw(st.permutations(journal))
    out = reconcile(CERT.certificant_id, shuffled, policy=POLICY, cycle_start=CERT.cycle_start)
    vol = sum(e.cecs for e in out if e.category is Category.VOLUNTEER)
    assert vol <= POLICY.rules.volunteer_cap.max_cecs + 1e-9
    assert all(0 <= e.cecs <= (e.raw_cecs or 0) for e in out)
    credited_courses = [e.details["course_key"] for e in out if e.category is Category.INSTRUCTION and e.cecs > 0]
    assert len(credited_courses) == len(set(credited_courses))


@FAST
@given(journal=entries(), data=st.data())
def test_reconcile_is_order_independent_and_idempotent(journal: list[JournalEntry], data: st.DataObject) -> None:
    once = {e.document_id: e.cecs for e in reconcile(CERT.certificant_id, journal, policy=POLICY)}
    shuffled = data.draw(st.permutations(journal))
    again = reconcile(CERT.certificant_id, shuffled, policy=POLICY)
    assert {e.document_id: e.cecs for e in again} == once
    assert {e.document_id: e.cecs for e in reconcile(CERT.certificant_id, again, policy=POLICY)} == once


def _claim_pool() -> list[Claim]:
    return [
        volunteer("V1", 12, "2022-10-01"), volunteer("V2", 8, "2023-06-10"), volunteer("V3", 10, "2024-05-04"),
        teaching("T1", "Fall 2022", "2022-08-22", "2022-12-09"), teaching("T2", "Fall 2023", "2023-08-21", "2023-12-08"),
        service("S1", "committee_member", "chapter", "2022-09-01", "2023-08-31", 1),
        service("S2", "board_member", "chapter", "2022-04-01", "2024-03-31", 2),
        service("S3", "committee_member", "ser", "2023-01-01", "2023-12-31", 1),
    ]


@settings(max_examples=40, deadline=None)
@given(order=st.permutations(range(len(_claim_pool()))), subset=st.sets(st.integers(0, 7), min_size=1))
def test_same_claims_any_order_same_totals_after_reconciliation(order: list[int], subset: set[int]) -> None:
    pool = _claim_pool()
    chosen = [pool[i] for i in order if i in subset]

    def intake(claims: list[Claim]) -> dict[str, float]:
        journal: list[JournalEntry] = []
        for c in claims:
            p = run(c, journal=journal)
            assert p.route is Route.ACCEPT, p.explanation
            journal = reconcile(CERT.certificant_id, [*journal, to_entry(c, p)], policy=POLICY)
        return {e.document_id: e.cecs for e in journal}

    assert intake(chosen) == intake(sorted(chosen, key=lambda c: c.document_id))
