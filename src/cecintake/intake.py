"""Intake service: collect uploads, register them (original stored first), analyse
the pending ones in isolated workers, decide and store each in its own transaction.

Exactly-once: a document is registered as ``pending`` in the same transaction that
records its sha256; its results and final status are written in one transaction.
A run killed at any point leaves each document either pending (a re-run finishes
it) or final (a re-run skips it); the sha256 uniqueness keeps every file single.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from .config import Settings
from .csvio import ManifestRow
from .domain import AuditAction, DocumentError, JournalEntry, Status
from .errors import DocumentProcessingError, StorageError
from .executor import IsolatedPool, Limits, run_inline
from .extractors.api import ReadLimits
from .pipeline import AnalyseJob, Analysis, analyse, decide
from .storage import BlobStore, session_scope
from .storage import repo
from .storage.tables import utcnow

T = TypeVar("T")
class ProgressHook(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, status: Status, document_id: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Upload:
    path: Path
    given: str  # as given on the command line or in the manifest (printable)
    certificant_id: str | None
    submitted_at: datetime | None


@dataclass
class IntakeSummary:
    run_id: str
    files_seen: int = 0
    registered: int = 0
    already_known: int = 0
    unreadable_paths: list[tuple[str, str]] = field(default_factory=list)
    statuses: Counter[Status] = field(default_factory=Counter)
    seconds: float = 0.0
    document_ids: list[str] = field(default_factory=list)


def printable(path: str | os.PathLike[str]) -> str:
    """A path as text that any database and terminal accept (non-UTF-8 bytes escaped)."""
    return os.fsdecode(path).encode("utf-8", "backslashreplace").decode("utf-8")


def collect_uploads(paths: Sequence[Path], manifest: Sequence[ManifestRow], known_ids: set[str]) -> list[Upload]:
    """Files under ``paths`` (folders walked, hidden files and links leaving the folder skipped),
    or the manifest's files when no path is given. Certificant per the contract: manifest row,
    else the folder directly above when it is a known id, else unknown."""
    by_file = {m.file: m for m in manifest}
    found: list[tuple[Path, str]] = []
    if paths:
        for p in paths:
            found.extend(_walk(p))
    else:
        found = [(m.file, m.given) for m in manifest]
    uploads, seen = [], set()
    for path, given in found:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        m = by_file.get(resolved)
        cid = m.certificant_id if m and m.certificant_id else None
        if cid is None and path.parent.name in known_ids:
            cid = path.parent.name
        uploads.append(Upload(path=path, given=printable(given), certificant_id=cid,
                              submitted_at=m.submitted_at if m else None))
    return uploads


def _walk(root: Path) -> Iterator[tuple[Path, str]]:
    if root.is_file():
        yield root, str(root)
        return
    base = root.resolve()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            if p.is_symlink() and not _inside(p.resolve(), base):
                continue
            yield p, str(p)


def _inside(path: Path, base: Path) -> bool:
    try:
        path.relative_to(base)
    except ValueError:
        return False
    return True


def with_db_retry(fn: Callable[[], T], *, attempts: int = 5) -> T:
    """Retry a transaction on transient database errors (locked, connection lost)."""
    for attempt in range(attempts):
        try:
            return fn()
        except OperationalError as exc:
            if attempt == attempts - 1:
                raise StorageError(f"the database stayed unavailable: {exc.orig}") from exc
            time.sleep(0.2 * 2**attempt)
    raise StorageError("unreachable")  # pragma: no cover


def register_uploads(engine: Engine, store: BlobStore, uploads: Iterable[Upload], *, run_id: str,
                     summary: IntakeSummary) -> None:
    """Store each original, then record it as pending (or recognise it as already known)."""
    for up in uploads:
        summary.files_seen += 1
        try:
            sha, size = store.put_file(up.path)
        except (DocumentProcessingError, OSError) as exc:
            summary.unreadable_paths.append((up.given, getattr(exc, "message", str(exc))))
            continue

        def tx(up: Upload = up, sha: str = sha, size: int = size) -> repo.Registration:
            with session_scope(engine) as s:
                reg = repo.register_document(session=s, sha256=sha, source_path=up.given,
                                             original_filename=printable(up.path.name), size=size,
                                             certificant_id=up.certificant_id, submitted_at=up.submitted_at,
                                             run_id=run_id)
                action = AuditAction.REGISTERED if reg.created else AuditAction.DUPLICATE_UPLOAD
                if reg.created or reg.status is not Status.PENDING:
                    repo.record_audit(session=s, actor="intake", action=action, document_id=reg.document_id,
                                      certificant_id=up.certificant_id, after={"file": up.given})
                return reg

        reg = with_db_retry(tx)
        summary.document_ids.append(reg.document_id)
        if reg.created:
            summary.registered += 1
        else:
            summary.already_known += 1


def process_pending(engine: Engine, store: BlobStore, settings: Settings, *, policy: object, thresholds: object,
                    document_ids: list[str] | None, progress: ProgressHook | None, summary: IntakeSummary,
                    workers: int | None = None) -> None:
    """Analyse every pending document (of this run, or all pending when ``document_ids`` is None)."""
    with session_scope(engine) as s:
        pending = repo.pending_documents(session=s, document_ids=document_ids)
        names = {c.certificant_id: c.full_name for c in repo.list_certificants(session=s)}
    limits = ReadLimits(max_bytes=settings.max_bytes, max_pages=settings.max_pages, max_pixels=settings.max_pixels)
    jobs: list[tuple[str, AnalyseJob]] = []
    for doc in pending:
        path = store.path_for(doc.sha256)
        job = AnalyseJob(doc.document_id, str(path), names.get(doc.certificant_id or ""), limits)
        jobs.append((doc.document_id, job))
    meta = {d.document_id: d for d in pending}
    if progress:
        progress.start(len(jobs))
    n_workers = min(workers or settings.workers, max(1, len(jobs)))
    if n_workers <= 1 or len(jobs) <= 1:
        results: Iterator[tuple[str, Analysis | DocumentError]] = run_inline(analyse, jobs)
    else:
        pool: IsolatedPool[AnalyseJob, Analysis] = IsolatedPool(
            analyse, workers=n_workers,
            limits=Limits(timeout_s=settings.document_timeout_s, memory_mb=settings.document_memory_mb))
        results = pool.map_unordered(jobs)
    for doc_id, result in results:
        status = with_db_retry(lambda: store_result(engine, meta[doc_id], result, policy=policy,
                                                    thresholds=thresholds))
        summary.statuses[status] += 1
        if progress:
            progress.advance(status, doc_id)


def store_result(engine: Engine, doc: repo.PendingDocument, result: Analysis | DocumentError, *,
                 policy: object, thresholds: object) -> Status:
    """Decide and store one document's outcome in one transaction."""
    with session_scope(engine) as s:
        if isinstance(result, DocumentError):
            repo.mark_failed(session=s, document_id=doc.document_id, error=result)
            repo.record_audit(session=s, actor="intake", action=AuditAction.FAILED, document_id=doc.document_id,
                              after={"code": result.code.value, "message": result.message})
            return Status.FAILED
        certificant = repo.get_certificant(session=s, certificant_id=doc.certificant_id) if doc.certificant_id else None
        journal = repo.journal_for(session=s, certificant_id=certificant.certificant_id) if certificant else []
        proposal, status = decide(
            document_id=doc.document_id, evidence=result.evidence, certificant=certificant,
            submitted_at=doc.submitted_at or doc.registered_at, journal=journal,
            offerings=repo.offerings_by_code(session=s), policy=policy, thresholds=thresholds)
        repo.save_processed(session=s, document_id=doc.document_id, media_type=result.media_type,
                            read=result.read, evidence=result.evidence, proposal=proposal, status=status)
        if status is Status.AUTO_ACCEPTED and certificant and proposal.category and proposal.activity_date:
            repo.put_journal_entry(session=s, entry=JournalEntry(
                certificant_id=certificant.certificant_id, document_id=doc.document_id,
                category=proposal.category, cecs=proposal.cecs, activity_date=proposal.activity_date,
                activity_key=proposal.activity_key or doc.document_id, rule_ids=proposal.rule_ids,
                raw_cecs=proposal.raw_cecs, details=proposal.details))
        repo.record_audit(session=s, actor="intake", action=AuditAction.PROCESSED, document_id=doc.document_id,
                          certificant_id=doc.certificant_id,
                          after={"status": status.value, "cecs": proposal.cecs,
                                 "category": None if proposal.category is None else int(proposal.category)})
        return status


def new_run_id() -> str:
    return f"R-{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"
