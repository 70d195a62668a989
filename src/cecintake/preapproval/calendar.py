"""The register as the continuing-education calendar: CSV (the OFFERINGS.csv columns and more)
and a small static HTML page (Jinja2, autoescaped)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..domain import Offering

CSV_COLUMNS = ("approval_code", "title", "sponsor", "category", "cecs", "valid_from", "valid_to",
               "status", "offering_dates", "delivery_mode", "registration_contact", "terminated_on",
               "termination_reason", "appeal_until")


@dataclass(frozen=True, slots=True)
class CalendarEntry:
    offering: Offering
    offering_dates: tuple[date, ...] = ()
    delivery_mode: str | None = None
    registration_contact: str | None = None
    appeal_until: date | None = None

    def status(self, today: date) -> str:
        o = self.offering
        if o.terminated_on is not None and o.terminated_on <= today:
            return "terminated"
        if today > o.valid_to:
            return "expired"
        if today < o.valid_from:
            return "upcoming"
        return "active"


def _row(e: CalendarEntry, today: date) -> dict[str, str]:
    o = e.offering
    return {"approval_code": o.approval_code, "title": o.title, "sponsor": o.sponsor, "category": str(int(o.category)),
            "cecs": f"{o.cecs:g}", "valid_from": o.valid_from.isoformat(), "valid_to": o.valid_to.isoformat(),
            "status": e.status(today), "offering_dates": ";".join(d.isoformat() for d in e.offering_dates),
            "delivery_mode": e.delivery_mode or "", "registration_contact": e.registration_contact or "",
            "terminated_on": o.terminated_on.isoformat() if o.terminated_on else "",
            "termination_reason": o.termination_reason or "",
            "appeal_until": e.appeal_until.isoformat() if e.appeal_until else ""}


def _safe_cell(value: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def register_csv(entries: Sequence[CalendarEntry], *, today: date) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for e in sorted(entries, key=lambda e: (e.offering.valid_from, e.offering.approval_code)):
        w.writerow({k: _safe_cell(v) for k, v in _row(e, today).items()})
    return buf.getvalue()


def register_html(entries: Sequence[CalendarEntry], *, today: date, title: str = "SER Continuing Education calendar") -> str:
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("cecintake.preapproval", "templates"),
                      autoescape=select_autoescape(["html", "j2"], default=True))
    rows = [_row(e, today) for e in sorted(entries, key=lambda e: (e.offering.valid_from, e.offering.approval_code))]
    current = [r for r in rows if r["status"] in ("active", "upcoming")]
    past = [r for r in rows if r["status"] not in ("active", "upcoming")]
    return env.get_template("calendar.html.j2").render(title=title, today=today, current=current, past=past)
