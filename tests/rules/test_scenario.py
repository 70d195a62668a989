"""A hand-computed scenario: three years of a certificant's claims, arriving out of order,
through the engine, the journal (reconciled after every change) and the cycle status.

Cycle 2022-04-01 .. 2027-03-31; year 1 = 2022-04-01..2023-03-31, year 2 = ..2024-03-31,
year 3 = ..2025-03-31.

| doc | activity                                          | date       | year | raw  | counted | why               |
|-----|---------------------------------------------------|------------|------|------|---------|-------------------|
| D01 | workshop 6.5 h (cat 2)                            | 2022-05-10 | 1    | 6.5  | 6.5     |                   |
| D02 | conference 13 h (cat 3, 2 h = 1)                  | 2022-09-17 | 1    | 6.5  | 6.5     |                   |
| D03 | volunteer 12 h (cat 7, 4 h = 1)                   | 2022-10-01 | 1    | 3.0  | 3.0     |                   |
| D04 | taught ENV 410 Fall 2022, 6 h (cat 4)             | 2022-12-09 | 1    | 6.0  | 6.0     |                   |
| D05 | volunteer 8 h                                     | 2023-06-10 | 2    | 2.0  | 2.0     | cap reached (5)   |
| D06 | chapter committee 2022-09-01..2023-08-31, 1 y     | 2023-08-31 | 2    | 3.0  | 0.0     | board same level  |
| D07 | chapter board 2022-04-01..2024-03-31, 2 y         | 2024-03-31 | 2    | 10.0 | 10.0    |                   |
| D08 | SER committee 2023, 1 y (other level)             | 2023-12-31 | 2    | 3.0  | 3.0     |                   |
| D09 | taught ENV 410 Fall 2023 again, 6 h               | 2023-12-08 | 2    | 6.0  | 0.0     | teaching repeat   |
| D10 | volunteer 10 h                                    | 2024-05-04 | 3    | 2.5  | 0.0     | volunteer cap     |
| D11 | peer-reviewed paper, accepted                     | 2024-07-01 | 3    | 5.0  | 5.0     |                   |
| D12 | pre-approved SER-PA-2024-0137 (register: 6)       | 2024-10-05 | 3    | 6.0  | 6.0     |                   |
| D13 | webinar 0.75 h                                    | 2024-11-12 | -    | -    | -       | rejected: < 1 h   |
| D14 | conference 8 h read at 0.6 confidence             | 2025-02-01 | -    | 4.0  | pending | review            |

Year 1 = 6.5 + 6.5 + 3 + 6 = 22; year 2 = 2 + 0 + 10 + 3 + 0 = 15; year 3 = 0 + 5 + 6 = 11.
Total 48, shortfall 2; by category 2: 12.5, 3: 6.5, 4: 6, 5: 5, 6: 13, 7: 5; pending 4.
"""

from __future__ import annotations

from datetime import date

import pytest

from cecintake.domain.models import Claim, JournalEntry
from cecintake.domain.vocab import DocType, Route
from cecintake.rules import cycle_status, readiness_report, reconcile

from .builders import CERT, POLICY, claim, codes, run, service, teaching, to_entry, volunteer, workshop

D = DocType


def _claims() -> dict[str, Claim]:
    return {
        "D01": workshop("D01", 6.5, "2022-05-10"),
        "D02": claim(D.CONFERENCE_ATTENDANCE, doc="D02", activity_title="Midwest Restoration Conference",
                     provider="SER Midwest", start_date="2022-09-15", end_date="2022-09-17", contact_hours=13),
        "D03": volunteer("D03", 12, "2022-10-01"),
        "D04": teaching("D04", "Fall 2022", "2022-08-22", "2022-12-09"),
        "D05": volunteer("D05", 8, "2023-06-10"),
        "D06": service("D06", "committee_member", "chapter", "2022-09-01", "2023-08-31", 1),
        "D07": service("D07", "board_member", "chapter", "2022-04-01", "2024-03-31", 2),
        "D08": service("D08", "committee_member", "ser", "2023-01-01", "2023-12-31", 1),
        "D09": teaching("D09", "Fall 2023", "2023-08-21", "2023-12-08"),
        "D10": volunteer("D10", 10, "2024-05-04"),
        "D11": claim(D.PUBLICATION_ACCEPTANCE, doc="D11", activity_title="Seed zones for prairie restoration",
                     provider="Restoration Ecology", end_date="2024-07-01", publication_kind="peer_reviewed",
                     publication_status="accepted"),
        "D12": workshop("D12", 5, "2024-10-05", approval_code="SER-PA-2024-0137",
                        activity_title="Prairie Seed Collection Workshop"),
        "D13": workshop("D13", 0.75, "2024-11-12", delivery_mode="online"),
        "D14": claim(D.CONFERENCE_ATTENDANCE, doc="D14", activity_title="Winter Symposium", provider="SER",
                     end_date="2025-02-01", contact_hours=(8, 0.6)),
    }


ARRIVALS = {
    "chronological": sorted(_claims()),
    "scrambled": ["D10", "D09", "D14", "D06", "D05", "D12", "D01", "D13", "D07", "D03", "D11", "D02", "D08", "D04"],
    "reversed": sorted(_claims(), reverse=True),
}


def _intake(order: list[str]) -> tuple[list[JournalEntry], list[JournalEntry], dict[str, Route]]:
    claims = _claims()
    journal: list[JournalEntry] = []
    pending: list[JournalEntry] = []
    routes = {}
    for doc in order:
        p = run(claims[doc], journal=journal)
        routes[doc] = p.route
        if p.route is Route.ACCEPT:
            journal = reconcile(CERT.certificant_id, [*journal, to_entry(claims[doc], p)], policy=POLICY,
                                cycle_start=CERT.cycle_start)
        elif p.route is Route.REVIEW:
            pending.append(to_entry(claims[doc], p))
    return journal, pending, routes


EXPECTED = {
    "certificant_id": "C-00017",
    "level": "CERP",
    "cycle_start": "2022-04-01",
    "cycle_end": "2027-03-31",
    "required_total": 50,
    "earned_total": 48.0,
    "pending_total": 4.0,
    "years": [
        {"year": 1, "start": "2022-04-01", "end": "2023-03-31", "earned": 22.0, "minimum": 5, "met": True},
        {"year": 2, "start": "2023-04-01", "end": "2024-03-31", "earned": 15.0, "minimum": 5, "met": True},
        {"year": 3, "start": "2024-04-01", "end": "2025-03-31", "earned": 11.0, "minimum": 5, "met": True},
        {"year": 4, "start": "2025-04-01", "end": "2026-03-31", "earned": 0.0, "minimum": 5, "met": False},
        {"year": 5, "start": "2026-04-01", "end": "2027-03-31", "earned": 0.0, "minimum": 5, "met": False},
    ],
    "by_category": {"2": 12.5, "3": 6.5, "4": 6.0, "5": 5.0, "6": 13.0, "7": 5.0},
    "volunteer_used": 5.0,
    "volunteer_cap": 5,
    "shortfall": 2.0,
}


@pytest.mark.parametrize("order", list(ARRIVALS), ids=list(ARRIVALS))
def test_scenario_cycle_status_is_hand_computed_whatever_the_order(order: str) -> None:
    journal, pending, routes = _intake(ARRIVALS[order])
    assert routes["D13"] is Route.REJECT and routes["D14"] is Route.REVIEW
    assert sum(r is Route.ACCEPT for r in routes.values()) == 12
    st = cycle_status(CERT, journal=journal, pending=pending, policy=POLICY, today=date(2025, 5, 1))
    assert st.to_json() == EXPECTED


def test_scenario_reasons_on_the_capped_entries() -> None:
    journal, _, _ = _intake(ARRIVALS["scrambled"])
    by_doc = {e.document_id: e for e in journal}
    why = {d: {a["code"] for a in by_doc[d].details["adjustments"]} for d in ("D06", "D09", "D10")}
    assert why == {"D06": {"board_and_committee_same_level"}, "D09": {"teaching_repeat"}, "D10": {"volunteer_cap"}}
    assert (by_doc["D10"].cecs, by_doc["D10"].raw_cecs) == (0.0, 2.5)


def test_scenario_reviewer_denial_is_reconciled() -> None:
    """Denying D03 (volunteer 3 CECs) frees the cap: D10 gets 2.5 back, order-independently."""
    journal, _, _ = _intake(ARRIVALS["scrambled"])
    after = reconcile(CERT.certificant_id, [e for e in journal if e.document_id != "D03"], policy=POLICY,
                      cycle_start=CERT.cycle_start)
    st = cycle_status(CERT, journal=after, policy=POLICY, today=date(2025, 5, 1)).to_json()
    assert (st["volunteer_used"], st["earned_total"]) == (4.5, 47.5)
    assert {e.document_id: e.cecs for e in after}["D10"] == 2.5


def test_scenario_readiness_report() -> None:
    journal, _, _ = _intake(ARRIVALS["chronological"])
    rows = readiness_report([CERT], {CERT.certificant_id: journal}, policy=POLICY, today=date(2025, 5, 1))
    assert len(rows) == 1
    row = rows[0].to_json()
    assert (row["total_short_by"], row["cycle_end"], row["days_left"]) == (2.0, "2027-03-31", 699)
    assert row["years_short"] == [{"year": 4, "short_by": 5.0, "due": "2026-03-31", "missed": False}]
    assert row["next_due"] == "2026-03-31"


def test_scenario_d13_rejection_explains_itself() -> None:
    p = run(_claims()["D13"])
    assert p.route is Route.REJECT and "below_minimum_contact_time" in codes(p)
    assert "0.75 contact hours, the minimum is 1" in p.explanation
