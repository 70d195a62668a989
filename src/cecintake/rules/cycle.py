"""A certificant's five-year cycle: credit per year and category, shortfalls, caps used
(contract section 5), and the coordinator's readiness report built on it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from ..domain.models import Certificant, JournalEntry
from ..domain.vocab import Category, CertificantLevel
from .dates import add_years, cycle_end
from .policy import Policy
from .reconcile import reconcile


def _num(x: float) -> int | float:
    """Policy numbers as the contract shows them: 50, 5 (not 50.0), 0.25 stays 0.25."""
    return int(x) if float(x).is_integer() else x


def _sum(xs: Iterable[float]) -> float:
    return round(sum(xs), 6)


@dataclass(frozen=True)
class YearStatus:
    year: int
    start: date
    end: date
    earned: float
    minimum: float

    @property
    def met(self) -> bool:
        return self.earned >= self.minimum

    @property
    def short_by(self) -> float:
        return max(0.0, round(self.minimum - self.earned, 6))

    def to_json(self) -> dict[str, Any]:
        return {"year": self.year, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "earned": self.earned, "minimum": _num(self.minimum), "met": self.met}


@dataclass(frozen=True)
class CycleStatus:
    certificant_id: str
    level: CertificantLevel
    cycle_start: date
    cycle_end: date
    required_total: float
    earned_total: float
    pending_total: float
    years: tuple[YearStatus, ...]
    by_category: Mapping[Category, float]
    volunteer_used: float
    volunteer_cap: float
    entries: tuple[JournalEntry, ...] = field(default=(), repr=False)  # the reconciled journal

    @property
    def shortfall(self) -> float:
        return max(0.0, round(self.required_total - self.earned_total, 6))

    def current_year(self, today: date) -> YearStatus | None:
        return next((y for y in self.years if y.start <= today <= y.end), None)

    def to_json(self) -> dict[str, Any]:
        """Exactly the shape of contract section 5."""
        return {
            "certificant_id": self.certificant_id,
            "level": self.level.value,
            "cycle_start": self.cycle_start.isoformat(),
            "cycle_end": self.cycle_end.isoformat(),
            "required_total": _num(self.required_total),
            "earned_total": self.earned_total,
            "pending_total": self.pending_total,
            "years": [y.to_json() for y in self.years],
            "by_category": {str(int(c)): v for c, v in sorted(self.by_category.items())},
            "volunteer_used": self.volunteer_used,
            "volunteer_cap": _num(self.volunteer_cap),
            "shortfall": self.shortfall,
        }


def cycle_years(start: date, policy: Policy) -> list[tuple[int, date, date]]:
    n = policy.rules.cycle_total.years
    return [(i + 1, add_years(start, i), add_years(start, i + 1) - timedelta(days=1)) for i in range(n)]


def cycle_status(
    certificant: Certificant,
    *,
    journal: Sequence[JournalEntry],
    pending: Sequence[JournalEntry] = (),
    policy: Policy,
    today: date,
) -> CycleStatus:
    """Credit counted in the journal (re-reconciled, so caps hold whatever the order of
    arrival) within the current cycle; ``pending`` (credit still in review) shown apart.
    ``today`` is accepted for symmetry with the reports; the status itself is date-free."""
    cid = certificant.certificant_id
    start = certificant.cycle_start
    end = cycle_end(start, policy.rules.cycle_total.years)
    entries = [e for e in reconcile(cid, journal, policy=policy, cycle_start=start) if e.certificant_id == cid]
    inside = [e for e in entries if start <= e.activity_date <= end]
    years = tuple(
        YearStatus(i, s, e, _sum(x.cecs for x in inside if s <= x.activity_date <= e),
                   policy.rules.yearly_minimum.minimum)
        for i, s, e in cycle_years(start, policy)
    )
    by_cat: dict[Category, float] = {}
    for e in inside:
        by_cat[e.category] = round(by_cat.get(e.category, 0.0) + e.cecs, 6)
    in_review = [e for e in pending if e.certificant_id == cid]
    return CycleStatus(
        certificant_id=cid, level=certificant.level, cycle_start=start, cycle_end=end,
        required_total=policy.rules.cycle_total.required_total,
        earned_total=_sum(e.cecs for e in inside), pending_total=_sum(e.cecs for e in in_review),
        years=years, by_category=by_cat, volunteer_used=by_cat.get(Category.VOLUNTEER, 0.0),
        volunteer_cap=policy.rules.volunteer_cap.max_cecs, entries=tuple(entries),
    )


@dataclass(frozen=True)
class YearShortfall:
    year: int
    short_by: float
    due: date  # the last day of that cycle year
    missed: bool  # the year is over: only alternate arrangements with SER can help


@dataclass(frozen=True)
class ReadinessRow:
    """One certificant who is short of the total or of a yearly minimum."""

    certificant_id: str
    full_name: str
    level: CertificantLevel
    cycle_end: date
    earned_total: float
    required_total: float
    total_short_by: float
    days_left: int
    years_short: tuple[YearShortfall, ...]

    @property
    def next_due(self) -> date:
        """The earliest date by which something must be earned."""
        dues = [y.due for y in self.years_short if not y.missed]
        if self.total_short_by > 0:
            dues.append(self.cycle_end)
        return min(dues, default=self.cycle_end)

    def to_json(self) -> dict[str, Any]:
        return {
            "certificant_id": self.certificant_id, "full_name": self.full_name, "level": self.level.value,
            "cycle_end": self.cycle_end.isoformat(), "earned_total": self.earned_total,
            "required_total": _num(self.required_total), "total_short_by": self.total_short_by,
            "days_left": self.days_left, "next_due": self.next_due.isoformat(),
            "years_short": [{"year": y.year, "short_by": y.short_by, "due": y.due.isoformat(), "missed": y.missed}
                            for y in self.years_short],
        }


def readiness_report(
    certificants: Iterable[Certificant],
    journals: Mapping[str, Sequence[JournalEntry]],
    *,
    policy: Policy,
    today: date,
) -> list[ReadinessRow]:
    """Who is short of the total or of a yearly minimum (years started by ``today``), by how
    much and by when; most urgent first (next due date, then certificant id)."""
    rows = []
    for c in certificants:
        st = cycle_status(c, journal=journals.get(c.certificant_id, ()), policy=policy, today=today)
        short_years = tuple(
            YearShortfall(y.year, y.short_by, y.end, missed=y.end < today)
            for y in st.years if y.start <= today and not y.met
        )
        if st.shortfall <= 0 and not short_years:
            continue
        rows.append(ReadinessRow(
            certificant_id=c.certificant_id, full_name=c.full_name, level=c.level, cycle_end=st.cycle_end,
            earned_total=st.earned_total, required_total=st.required_total, total_short_by=st.shortfall,
            days_left=(st.cycle_end - today).days, years_short=short_years,
        ))
    return sorted(rows, key=lambda r: (r.next_due, r.certificant_id))
