"""Read models for the reviewers' web pages: the coordinator's dashboard, a certificant's
cycle beside an item, and where an item's page images come from."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine

from ..domain import Category, ReasonCode
from ..errors import NotFoundError
from ..rules import CycleStatus, cycle_status
from ..storage import BlobStore, repo, session_scope
from ..storage.repo import review as rq
from .models import QueueItem
from .queue import list_queue, utcnow


@dataclass(frozen=True, slots=True)
class Dashboard:
    open_items: int
    claimed: int
    overdue: int
    by_reason: list[tuple[ReasonCode, int]]
    oldest: QueueItem | None
    decisions_per_day: list[tuple[date, int]]
    credits_by_category: list[tuple[Category, float]]

    @property
    def max_credits(self) -> float:
        return max((v for _, v in self.credits_by_category), default=0.0) or 1.0

    @property
    def max_decisions(self) -> int:
        return max((v for _, v in self.decisions_per_day), default=0) or 1


def dashboard(engine: Engine, *, now: datetime | None = None, days: int = 30) -> Dashboard:
    now = now or utcnow()
    items = list_queue(engine, now=now)
    reasons: Counter[ReasonCode] = Counter()
    for i in items:
        for code in {r.code for r in i.reasons}:
            reasons[code] += 1
    with session_scope(engine) as s:
        per_day = rq.decisions_per_day(session=s, since=now - timedelta(days=days))
        credits = rq.credits_by_category(session=s)
    return Dashboard(
        open_items=len(items), claimed=sum(i.claimed(now) for i in items), overdue=sum(i.overdue(now) for i in items),
        by_reason=reasons.most_common(), oldest=items[0] if items else None,
        decisions_per_day=sorted(per_day.items()),
        credits_by_category=[(c, credits.get(c, 0.0)) for c in Category])


def cycle_for(engine: Engine, certificant_id: str | None, *, policy: object, today: date | None = None
              ) -> CycleStatus | None:
    """The certificant's cycle (journal counted, items in review apart), or None if unknown."""
    from ..storage.repo.pending import pending_entries

    if not certificant_id:
        return None
    with session_scope(engine) as s:
        cert = repo.get_certificant(session=s, certificant_id=certificant_id)
        if cert is None:
            return None
        journal = repo.journal_for(session=s, certificant_id=certificant_id)
        pending = pending_entries(session=s, certificant_id=certificant_id)
    return cycle_status(cert, journal=journal, pending=pending, policy=policy,  # type: ignore[arg-type]
                        today=today or utcnow().date())


@dataclass(frozen=True, slots=True)
class PageSource:
    path: Path
    media_type: str
    number: int
    width: float
    height: float
    page_count: int


def page_source(engine: Engine, store_dir: Path, document_id: str, number: int) -> PageSource:
    with session_scope(engine) as s:
        record = repo.load_record(session=s, document_id=document_id)
        pages = rq.pages(session=s, document_id=document_id)
    if record is None:
        raise NotFoundError(f"no document {document_id!r}")
    page = next((p for p in pages if p.number == number), None)
    if page is None:
        raise NotFoundError(f"{document_id} has no page {number}")
    return PageSource(BlobStore(store_dir).path_for(record.sha256), record.media_type, number, page.width,
                      page.height, len(pages))
