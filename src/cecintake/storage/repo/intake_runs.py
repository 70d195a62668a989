"""What bulk and nightly intake need besides documents: the file index (which file
at which place had which bytes, so unchanged files are not hashed again), run
records, a row lock for storing a result exactly once, and the review-queue
figures of the nightly report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, select

from ...domain import Status
from ..tables import DocumentRow, IngestRunRow, InboxFileRow, ReviewItemRow, utcnow


@dataclass(frozen=True, slots=True)
class FileSeen:
    folder: str
    name: str
    size: int
    mtime_ns: int
    sha256: str | None
    seen_at: datetime


def files_seen(*, session: Session, places: Sequence[tuple[str, str]]) -> dict[tuple[str, str], FileSeen]:
    """Index rows for (folder, name) places."""
    if not places:
        return {}
    folders = {f for f, _ in places}
    names = {n for _, n in places}
    wanted = set(places)
    stmt = select(InboxFileRow).where(InboxFileRow.inbox.in_(folders), InboxFileRow.rel_path.in_(names))  # type: ignore[attr-defined]
    out: dict[tuple[str, str], FileSeen] = {}
    for r in session.exec(stmt):
        key = (r.inbox, r.rel_path)
        if key in wanted:
            out[key] = FileSeen(r.inbox, r.rel_path, r.size, r.mtime_ns, r.sha256, r.seen_at)
    return out


def remember_file(*, session: Session, folder: str, name: str, size: int, mtime_ns: int, sha256: str,
                  seen_at: datetime) -> None:
    row = session.exec(select(InboxFileRow).where(InboxFileRow.inbox == folder,
                                                  InboxFileRow.rel_path == name)).first()
    if row is None:
        row = InboxFileRow(inbox=folder, rel_path=name, size=size, mtime_ns=mtime_ns, sha256=sha256, seen_at=seen_at)
    else:
        row.size, row.mtime_ns, row.sha256, row.seen_at = size, mtime_ns, sha256, seen_at
    session.add(row)


def remember_files(*, session: Session, files: Sequence[FileSeen]) -> None:
    """``remember_file`` for many files: one look-up, then updates and inserts."""
    if not files:
        return
    wanted = {(f.folder, f.name): f for f in files}
    stmt = select(InboxFileRow).where(InboxFileRow.inbox.in_({f.folder for f in files}),  # type: ignore[attr-defined]
                                      InboxFileRow.rel_path.in_({f.name for f in files}))  # type: ignore[attr-defined]
    for row in session.exec(stmt):
        f = wanted.pop((row.inbox, row.rel_path), None)
        if f is not None:
            row.size, row.mtime_ns, row.sha256, row.seen_at = f.size, f.mtime_ns, f.sha256, f.seen_at
            session.add(row)
    session.add_all([InboxFileRow(inbox=f.folder, rel_path=f.name, size=f.size, mtime_ns=f.mtime_ns, sha256=f.sha256,
                                  seen_at=f.seen_at) for f in wanted.values()])


def documents_by_sha(*, session: Session, digests: Iterable[str]) -> dict[str, tuple[str, Status]]:
    digests = list(set(digests))
    if not digests:
        return {}
    stmt = select(DocumentRow.sha256, DocumentRow.document_id, DocumentRow.status).where(
        DocumentRow.sha256.in_(digests))  # type: ignore[attr-defined]
    return {sha: (doc_id, Status(status)) for sha, doc_id, status in session.exec(stmt)}


def pending_ids(*, session: Session, document_ids: Sequence[str] | None = None,
                run_id: str | None = None) -> list[str]:
    """Pending documents (among ``document_ids``; first registered by ``run_id``), oldest first."""
    stmt = select(DocumentRow.document_id).where(DocumentRow.status == Status.PENDING.value)
    if run_id is not None:
        stmt = stmt.where(DocumentRow.run_id == run_id)
    if document_ids is not None:
        stmt = stmt.where(DocumentRow.document_id.in_(list(document_ids)))  # type: ignore[attr-defined]
    return list(session.exec(stmt.order_by(DocumentRow.registered_at, DocumentRow.document_id)))


def count_pending(*, session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(DocumentRow)
                            .where(DocumentRow.status == Status.PENDING.value)).one())


def lock_if_pending(*, session: Session, document_id: str) -> bool:
    """Lock the document's row for this transaction (PostgreSQL: FOR UPDATE; SQLite:
    the writer lock is already held) and say whether it is still pending. A result for
    a document that another run finished meanwhile is dropped, never stored twice."""
    stmt = select(DocumentRow.status).where(DocumentRow.document_id == document_id).with_for_update()
    status = session.exec(stmt).first()
    return status == Status.PENDING.value


def document_sources(*, session: Session, document_ids: Sequence[str]) -> dict[str, str]:
    if not document_ids:
        return {}
    stmt = select(DocumentRow.document_id, DocumentRow.source_path).where(
        DocumentRow.document_id.in_(list(document_ids)))  # type: ignore[attr-defined]
    return dict(session.exec(stmt).all())


def start_run(*, session: Session, run_id: str, kind: str, inbox: str | None) -> None:
    session.add(IngestRunRow(run_id=run_id, kind=kind, inbox=inbox))


def finish_run(*, session: Session, run_id: str, counts: dict) -> None:
    row = session.get(IngestRunRow, run_id)
    if row is None:
        row = IngestRunRow(run_id=run_id, kind="bulk")
    row.finished_at = utcnow()
    row.counts = counts
    session.add(row)


def last_finished_run(*, session: Session, kind: str, inbox: str | None) -> tuple[str, datetime] | None:
    stmt = (select(IngestRunRow.run_id, IngestRunRow.finished_at)
            .where(IngestRunRow.kind == kind, IngestRunRow.inbox == inbox,
                   IngestRunRow.finished_at.is_not(None))  # type: ignore[union-attr]
            .order_by(IngestRunRow.finished_at.desc()))  # type: ignore[union-attr]
    row = session.exec(stmt).first()
    return None if row is None else (row[0], row[1])


@dataclass(frozen=True, slots=True)
class OverdueItem:
    document_id: str
    certificant_id: str | None
    queued_at: datetime
    due_at: datetime


def review_queue_figures(*, session: Session, now: datetime, limit: int = 50) -> tuple[int, int, list[OverdueItem]]:
    """(open items, items past their decision deadline, the oldest of those)."""
    open_ = ReviewItemRow.resolved_at.is_(None)  # type: ignore[union-attr]
    n_open = int(session.exec(select(func.count()).select_from(ReviewItemRow).where(open_)).one())
    overdue = (ReviewItemRow.due_at < now)
    n_overdue = int(session.exec(select(func.count()).select_from(ReviewItemRow).where(open_, overdue)).one())
    stmt = (select(ReviewItemRow.document_id, DocumentRow.certificant_id, ReviewItemRow.queued_at, ReviewItemRow.due_at)
            .join(DocumentRow, DocumentRow.document_id == ReviewItemRow.document_id)
            .where(open_, overdue).order_by(ReviewItemRow.due_at).limit(limit))
    items = [OverdueItem(d, c, q, due) for d, c, q, due in session.exec(stmt)]
    return n_open, n_overdue, items



def lock_certificant(*, session: Session, certificant_id: str) -> None:
    """Serialise deciding one certificant's documents (the journal, caps) across workers
    (PostgreSQL: FOR UPDATE; SQLite holds the writer lock already)."""
    from ..tables import CertificantRow

    session.exec(select(CertificantRow.certificant_id)
                 .where(CertificantRow.certificant_id == certificant_id).with_for_update()).first()
