"""Cross-claim rules, allocated order-independently.

The caps and exclusions that depend on a certificant's other claims are re-computed from
each entry's ``raw_cecs`` (credit before caps), taking entries in a fixed order
(activity date, then document id) so the totals never depend on the order of arrival:

* ``cat4.teaching_repeat`` — a regular course earns instruction credit only the first time;
* ``cat6.same_level`` — committee service overlapping Board service at the same level counts 0;
* ``cat7.cap`` — volunteer credit stops at the cap; the claim that crosses it gets the remainder;
* ``activity.max`` — optional per-activity maximum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from ..domain.models import JournalEntry
from ..domain.vocab import Category, ReasonCode, ServiceRole
from .dates import cycle_end
from .policy import Policy

ADJUSTMENTS = "adjustments"  # details key: [{"code": ReasonCode value, "message": str}, ...]
CAP_RULES = ("activity.max", "cat4.teaching_repeat", "cat6.same_level", "cat7.cap")


def order_key(e: JournalEntry) -> tuple[date, str]:
    return (e.activity_date, e.document_id)


def base_cecs(e: JournalEntry) -> float:
    return e.raw_cecs if e.raw_cecs is not None else e.cecs


class _Alloc:
    """Working state for one entry."""

    def __init__(self, e: JournalEntry, policy: Policy) -> None:
        self.entry = e
        self.cecs = base_cecs(e)
        self.rules: list[str] = [r for r in e.rule_ids if r not in CAP_RULES]
        self.notes: list[dict[str, Any]] = []
        top = policy.per_activity_max()
        if top is not None:
            self.rules_used(policy, "activity_max")
            self.limit(top, ReasonCode.PER_ACTIVITY_CAP, f"at most {top:g} CECs per activity")

    def rules_used(self, policy: Policy, attr: str) -> None:
        rid = policy.rule_id(attr)
        if rid not in self.rules:
            self.rules.append(rid)

    def limit(self, value: float, code: ReasonCode, message: str) -> None:
        value = round(max(0.0, value), 6)
        if value < self.cecs:
            self.cecs = value
            self.notes.append({"code": code.value, "message": message})

    def result(self) -> JournalEntry:
        details = {**self.entry.details, ADJUSTMENTS: self.notes}
        return replace(self.entry, cecs=self.cecs, rule_ids=tuple(self.rules), details=details)


def reconcile(
    certificant_id: str,
    entries: Sequence[JournalEntry],
    *,
    policy: Policy,
    cycle_start: date | None = None,
) -> list[JournalEntry]:
    """The entries (same order) with cross-claim caps re-allocated; other certificants' untouched.

    ``cycle_start`` limits the volunteer cap to entries within that five-year period.
    """
    mine = [e for e in entries if e.certificant_id == certificant_id]
    allocs = {id(e): _Alloc(e, policy) for e in mine}
    ordered = [allocs[id(e)] for e in sorted(mine, key=order_key)]
    _teaching_repeat(ordered, policy)
    _same_level(ordered, policy)
    _volunteer_cap(ordered, policy, cycle_start)
    return [allocs[id(e)].result() if id(e) in allocs else e for e in entries]


def _teaching_repeat(ordered: list[_Alloc], policy: Policy) -> None:
    first: dict[str, JournalEntry] = {}
    for a in ordered:
        key = a.entry.details.get("course_key")
        if a.entry.category is not Category.INSTRUCTION or not key:
            continue
        a.rules_used(policy, "teaching_repeat")
        if key in first:
            f = first[key]
            a.limit(0.0, ReasonCode.TEACHING_REPEAT,
                    f"course already credited when taught on {f.activity_date} (document {f.document_id})")
        else:
            first[key] = a.entry


def _period(e: JournalEntry) -> tuple[date, date]:
    d = e.details
    if d.get("period_start") and d.get("period_end"):
        return date.fromisoformat(d["period_start"]), date.fromisoformat(d["period_end"])
    years = float(d.get("service_years") or 1)
    return e.activity_date - timedelta(days=round(years * 365.25) - 1), e.activity_date


def _overlap_days(span: tuple[date, date], others: list[tuple[date, date]]) -> int:
    """Days of ``span`` covered by the union of ``others``."""
    covered = 0
    cursor = span[0]
    for s, e in sorted(others):
        s, e = max(s, cursor), min(e, span[1])
        if s <= e:
            covered += (e - s).days + 1
            cursor = e + timedelta(days=1)
    return covered


def _same_level(ordered: list[_Alloc], policy: Policy) -> None:
    boards: dict[str, list[tuple[date, date]]] = {}
    for a in ordered:
        d = a.entry.details
        if a.entry.category is Category.LEADERSHIP and d.get("service_role") == ServiceRole.BOARD_MEMBER.value:
            a.rules_used(policy, "same_level")
            if base_cecs(a.entry) > 0 and d.get("org_level"):
                boards.setdefault(d["org_level"], []).append(_period(a.entry))
    for a in ordered:
        d = a.entry.details
        if a.entry.category is not Category.LEADERSHIP or d.get("service_role") != ServiceRole.COMMITTEE_MEMBER.value:
            continue
        a.rules_used(policy, "same_level")
        level = d.get("org_level")
        if not level or level not in boards:
            continue
        span = _period(a.entry)
        total = (span[1] - span[0]).days + 1
        covered = _overlap_days(span, boards[level])
        if covered > 0:
            kept = policy.round(a.cecs * (total - covered) / total) if covered < total else 0.0
            a.limit(kept, ReasonCode.BOARD_AND_COMMITTEE_SAME_LEVEL,
                    f"committee service overlaps Board service at the {level} level for {covered} of {total}"
                    " days: only the Board service counts")


def _volunteer_cap(ordered: list[_Alloc], policy: Policy, cycle_start: date | None) -> None:
    cap = policy.rules.volunteer_cap.max_cecs
    end = cycle_end(cycle_start, policy.rules.cycle_total.years) if cycle_start else None
    used = 0.0
    for a in ordered:
        if a.entry.category is not Category.VOLUNTEER:
            continue
        a.rules_used(policy, "volunteer_cap")
        if cycle_start and end and not cycle_start <= a.entry.activity_date <= end:
            continue
        a.limit(cap - used, ReasonCode.VOLUNTEER_CAP,
                f"volunteer credit is capped at {cap:g} CECs per cycle; {max(cap - used, 0):g} remained")
        used = round(used + a.cecs, 6)



def changed_entries(before: Sequence[JournalEntry], after: Sequence[JournalEntry]
                    ) -> list[tuple[JournalEntry, JournalEntry]]:
    """(old, new) pairs, by document id, whose counted credit a reconciliation changed
    (what the caller writes back and records as ``journal_adjusted``)."""
    old = {e.document_id: e for e in before}
    return [(old[e.document_id], e) for e in after
            if e.document_id in old and old[e.document_id].cecs != e.cecs]
