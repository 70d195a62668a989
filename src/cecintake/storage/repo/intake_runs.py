"""What bulk and nightly intake need besides documents: the file index (which file
at which place had which bytes, so unchanged files are not hashed again), run
records, a row lock for storing a result exactly once, and the review-queue
figures of the nightly report."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, func, insert, update
from sqlalchemy import select as core_select
from sqlmodel import Session, select

from ...domain import Certificant, CertificantLevel, Status
from ..tables import (
    ApplicationDocumentRow,
    CertificantRow,
    DocumentRow,
    IngestRunRow,
    InboxFileRow,
    ReviewItemRow,
    utcnow,
)
from .documents import DocumentState
from .journal import core


@dataclass(frozen=True, slots=True)
class FileSeen:
    folder: str
    name: str
    size: int
    mtime_ns: int
    sha256: str | None
    seen_at: datetime


_files = InboxFileRow.__table__  # type: ignore[attr-defined]
_INSERT_FILE = insert(_files)
_UPDATE_FILE = update(_files).where(_files.c.id == bindparam("_id"))


def files_seen(*, session: Session, places: Sequence[tuple[str, str]]) -> dict[tuple[str, str], FileSeen]:
    """Index rows for (folder, name) places."""
    if not places:
        return {}
    folders = {f for f, _ in places}
    names = {n for _, n in places}
    wanted = set(places)
    stmt = core_select(_files.c.inbox, _files.c.rel_path, _files.c.size, _files.c.mtime_ns, _files.c.sha256,
                       _files.c.seen_at).where(_files.c.inbox.in_(folders), _files.c.rel_path.in_(names))
    out: dict[tuple[str, str], FileSeen] = {}
    for r in core(session).execute(stmt):
        key = (r[0], r[1])
        if key in wanted:
            out[key] = FileSeen(*r)
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
    """``remember_file`` for many files: one look-up, then one executemany of updates and one
    of inserts."""
    if not files:
        return
    wanted = {(f.folder, f.name): f for f in files}
    conn = core(session)
    stmt = core_select(_files.c.id, _files.c.inbox, _files.c.rel_path).where(
        _files.c.inbox.in_({f.folder for f in files}), _files.c.rel_path.in_({f.name for f in files}))
    updates = []
    for row_id, folder, name in conn.execute(stmt).all():
        f = wanted.pop((folder, name), None)
        if f is not None:
            updates.append(dict(_id=row_id, size=f.size, mtime_ns=f.mtime_ns, sha256=f.sha256, seen_at=f.seen_at))
    if updates:
        conn.execute(_UPDATE_FILE, updates)
    if wanted:
        conn.execute(_INSERT_FILE, [dict(inbox=f.folder, rel_path=f.name, size=f.size, mtime_ns=f.mtime_ns,
                                         sha256=f.sha256, seen_at=f.seen_at) for f in wanted.values()])


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



# --- claiming a pending document for its result, in one statement ---------------------------

_doc = DocumentRow.__table__  # type: ignore[attr-defined]
_cert = CertificantRow.__table__  # type: ignore[attr-defined]
_link = ApplicationDocumentRow.__table__  # type: ignore[attr-defined]
_CLAIM_COLUMNS = (_doc.c.status, _doc.c.processed_at, _doc.c.submitted_at, _doc.c.registered_at,
                  _link.c.application_id)
_CLAIM_FROM = _doc.outerjoin(_link, _link.c.document_id == _doc.c.document_id)
# built once: the statement cache then finds them without compiling again
_CLAIM = (core_select(*_CLAIM_COLUMNS).select_from(_CLAIM_FROM)
          .where(_doc.c.document_id == bindparam("document_id")).with_for_update(of=_doc))
_CLAIM_WITH_CERTIFICANT = (
    core_select(*_CLAIM_COLUMNS, _cert.c.certificant_id, _cert.c.full_name, _cert.c.level, _cert.c.cycle_start,
                _cert.c.email)
    .select_from(_CLAIM_FROM.join(_cert, _cert.c.certificant_id == bindparam("certificant_id")))
    .where(_doc.c.document_id == bindparam("document_id")).with_for_update(of=[_doc, _cert]))


@dataclass(frozen=True, slots=True)
class Claim:
    """A pending document locked for storing its result, with what deciding it reads."""

    state: DocumentState
    certificant: Certificant | None
    application_id: str | None  # the pre-approval application whose packet holds it


def claim_pending(*, session: Session, document_id: str, certificant_id: str | None) -> Claim | None:
    """In one statement: lock the document's row (and the certificant's, which
    serialises deciding one certificant's documents; PostgreSQL: FOR UPDATE, SQLite holds
    the writer lock already) and return what storing needs, or None when the document is
    no longer pending (finished meanwhile by another run) or does not exist."""
    conn = session.connection()
    row = None
    if certificant_id:
        row = conn.execute(_CLAIM_WITH_CERTIFICANT,
                           {"document_id": document_id, "certificant_id": certificant_id}).first()
    if row is None:  # no certificant, or one the register does not know
        row = conn.execute(_CLAIM, {"document_id": document_id}).first()
        certificant = None
    else:
        certificant = Certificant(certificant_id=row[5], full_name=row[6], level=CertificantLevel(row[7]),
                                  cycle_start=row[8], email=row[9])
    if row is None or row[0] != Status.PENDING.value:
        return None
    return Claim(DocumentState(row[1] is not None, row[2], row[3]), certificant, row[4])
