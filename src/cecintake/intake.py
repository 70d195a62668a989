"""Intake service: collect uploads, register them (original stored first), analyse
the pending ones in isolated workers, decide and store each exactly once.

Exactly-once: a document is registered as ``pending`` in the same transaction that
records its sha256 (unique); its results and final status are written in one
transaction that first locks the row and checks it is still pending. A run killed
at any point leaves each document either pending (a re-run finishes it) or final
(a re-run skips it); the sha256 uniqueness keeps every file single.

Fast re-runs: the file index remembers, per place (folder, name), the size, mtime
and digest last seen. A file is not hashed again when its size and mtime are the
same and its ctime (which no user can set back) is older than the moment we last
looked at it; anything else is hashed again.
"""

from __future__ import annotations

import itertools
import logging
import os
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Protocol, TypeVar

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from .config import Settings
from .csvio import ManifestRow
from .domain import AuditAction, DocumentError, ErrorCode, FieldName, JournalEntry, Status
from .errors import DocumentProcessingError, StorageError
from .executor import Limits, can_fork_workers, run_inline, shared_pool
from .extractors.api import ReadLimits
from .journal import reallocate
from .pipeline import AnalyseJob, Analysis, analyse, decide
from .preapproval.service import after_decide, link_upload
from .rules import load_policy
from .storage import BlobStore, make_engine, session_scope
from .storage import repo
from .storage.repo import intake_runs
from .storage.tables import utcnow

log = logging.getLogger(__name__)
T = TypeVar("T")

REGISTER_BATCH = 100  # files per registration transaction (at most)
REGISTER_FIRST = 4  # files in the first one (a job and the next for each of two workers), read while the rest are stored
MAX_ATTEMPTS = 2  # a document whose worker was lost is tried once more; a bad document never
CTIME_MARGIN = timedelta(seconds=2)  # coarse file-system clocks: be conservative


class ProgressHook(Protocol):
    def start(self, total: int) -> None: ...
    def advance(self, status: Status, document_id: str) -> None: ...


@dataclass(frozen=True, slots=True)
class Upload:
    path: Path
    given: str  # as given on the command line or in the manifest (printable)
    certificant_id: str | None
    submitted_at: datetime | None
    application_id: str | None = None  # manifest column: part of a pre-approval application (issue 8)
    resolved: Path | None = None  # ``path`` resolved, when already known (saves resolving it again)


@dataclass(frozen=True, slots=True)
class Failure:
    document_id: str
    file: str
    code: str
    message: str


@dataclass
class ChunkOutcome:
    """What analysing and storing one chunk of documents did."""

    statuses: Counter[Status] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0  # finished meanwhile by another run
    retried: int = 0
    reported: bool = False  # the progress hook saw each document already


@dataclass
class IntakeSummary:
    run_id: str
    files_seen: int = 0
    registered: int = 0
    already_known: int = 0
    hashed: int = 0  # files whose bytes were read (the others were known by their signature)
    unreadable_paths: list[tuple[str, str]] = field(default_factory=list)
    statuses: Counter[Status] = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    skipped: int = 0
    retried: int = 0
    chunks: int = 0
    seconds: float = 0.0
    document_ids: list[str] = field(default_factory=list)
    not_settled: int = 0  # nightly: files still being written, left for the next pass
    engine_started: bool = True  # False: nothing to do, the orchestrator was not needed

    def add(self, outcome: ChunkOutcome) -> None:
        self.statuses.update(outcome.statuses)
        self.failures.extend(outcome.failures)
        self.skipped += outcome.skipped
        self.retried += outcome.retried
        self.chunks += 1

    @property
    def processed(self) -> int:
        return sum(self.statuses.values())

    def counts(self) -> dict[str, object]:
        return {"files_seen": self.files_seen, "new": self.registered, "already_known": self.already_known,
                "hashed": self.hashed, "unreadable_paths": len(self.unreadable_paths),
                "not_settled": self.not_settled, "processed": self.processed,
                "by_status": {s.value: n for s, n in sorted(self.statuses.items())},
                "failed": len(self.failures), "retried": self.retried, "chunks": self.chunks,
                "seconds": round(self.seconds, 3)}


def printable(path: str | os.PathLike[str]) -> str:
    """A path as text that any database and terminal accept (non-UTF-8 bytes escaped)."""
    return os.fsdecode(path).encode("utf-8", "backslashreplace").decode("utf-8")


def collect_uploads(paths: Sequence[Path], manifest: Sequence[ManifestRow], known_ids: set[str], *,
                    refused: list[tuple[str, str]] | None = None) -> list[Upload]:
    """Files under ``paths`` (folders walked, hidden files and links leaving the folder skipped;
    the links are reported in ``refused`` as (file, reason) when given), or the manifest's files
    when no path is given. Certificant per the contract: manifest row, else the folder directly
    above when it is a known id, else unknown."""
    return list(iter_uploads(paths, manifest, known_ids, refused=refused))


def iter_uploads(paths: Sequence[Path], manifest: Sequence[ManifestRow], known_ids: set[str], *,
                 refused: list[tuple[str, str]] | None = None) -> Iterator[Upload]:
    """``collect_uploads`` as the folders are walked: registration takes the first files while
    the rest are still being found (1,000 files take about 0.1 s to walk and resolve)."""
    by_file = {m.file: m for m in manifest}
    found: Iterable[tuple[Path, str]]
    if paths:
        found = (f for p in paths for f in _walk(p, refused=refused))
    else:
        found = [(m.file, m.given) for m in manifest]
    seen: set[Path] = set()
    for path, given in found:
        resolved = path.resolve()
        if resolved in seen:
            continue
        seen.add(resolved)
        m = by_file.get(resolved)
        cid = m.certificant_id if m and m.certificant_id else None
        if cid is None and path.parent.name in known_ids:
            cid = path.parent.name
        yield Upload(path=path, given=printable(given), certificant_id=cid,
                     submitted_at=m.submitted_at if m else None,
                     application_id=m.application_id if m else None, resolved=resolved)


def _walk(root: Path, *, refused: list[tuple[str, str]] | None = None) -> Iterator[tuple[Path, str]]:
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
                if refused is not None:  # issue 7: never read, but said
                    refused.append((printable(p), "a link pointing outside the folder being ingested: not read"))
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


# --- registration -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Stat:
    place: tuple[str, str]  # (folder, name), printable
    size: int
    mtime_ns: int
    ctime: datetime


def _place(path: Path, resolved: Path | None = None) -> tuple[str, str]:
    resolved = resolved or path.resolve()
    return printable(resolved.parent), printable(resolved.name)


def _stat(path: Path, resolved: Path | None = None) -> _Stat:
    st = path.stat()
    return _Stat(_place(path, resolved), st.st_size, st.st_mtime_ns,
                 datetime.fromtimestamp(st.st_ctime_ns / 1e9, tz=timezone.utc))


def unchanged(st: _Stat, seen: intake_runs.FileSeen | None) -> bool:
    """Safe to skip hashing: same size and mtime, and not touched since we last read it."""
    return (seen is not None and seen.sha256 is not None and seen.size == st.size and seen.mtime_ns == st.mtime_ns
            and st.ctime < _aware(seen.seen_at) - CTIME_MARGIN)


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)


def known_unchanged(engine: Engine, uploads: Sequence[Upload]) -> tuple[int, bool]:
    """(files known by their signature, whether every file is) - a cheap look before a run."""
    stats: list[_Stat] = []
    for up in uploads:
        try:
            stats.append(_stat(up.path, up.resolved))
        except OSError:
            return 0, False
    known = 0
    with session_scope(engine) as s:
        for group in _batched(stats, 500):
            index = intake_runs.files_seen(session=s, places=[st.place for st in group])
            digests = {index[st.place].sha256 for st in group if unchanged(st, index.get(st.place))}
            docs = intake_runs.documents_by_sha(session=s, digests=[d for d in digests if d])
            known += sum(1 for st in group if unchanged(st, index.get(st.place))
                         and index[st.place].sha256 in docs)
    return known, known == len(uploads)


def register_uploads(engine: Engine, store: BlobStore, uploads: Iterable[Upload], *, run_id: str,
                     summary: IntakeSummary, batch: int | None = None,
                     committed: Callable[[], None] | None = None) -> None:
    """Store each original, then record it as pending (or recognise it as already known),
    a batch of files per transaction. The first transactions are small and the batch doubles
    up to ``batch``: the workers, reading what is committed, start after a few files rather
    than a whole batch (at ~3.5 ms a file to store and fsync, 100 files are ~0.35 s)."""
    for group in _growing(uploads, REGISTER_FIRST, batch or REGISTER_BATCH):
        _register_group(engine, store, group, run_id=run_id, summary=summary)
        if committed:
            committed()


def _growing(items: Iterable[T], first: int, most: int) -> Iterator[list[T]]:
    """``items`` (taken as they come) in consecutive groups of ``first``, twice that, ... up to
    ``most`` each."""
    size, it = max(1, min(first, most)), iter(items)
    while group := list(itertools.islice(it, size)):
        yield group
        size = min(size * 2, max(1, most))


@dataclass
class _Item:
    up: Upload
    st: _Stat
    sha: str
    hashed: bool
    seen_at: datetime
    previous_sha: str | None


def _register_group(engine: Engine, store: BlobStore, group: Sequence[Upload], *, run_id: str,
                    summary: IntakeSummary) -> None:
    stats: list[tuple[Upload, _Stat]] = []
    for up in group:
        summary.files_seen += 1
        try:
            stats.append((up, _stat(up.path, up.resolved)))
        except OSError as exc:
            summary.unreadable_paths.append((up.given, exc.strerror or str(exc)))
    with session_scope(engine, read_only=True) as s:
        index = intake_runs.files_seen(session=s, places=[st.place for _, st in stats])
        digests = [index[st.place].sha256 for _, st in stats if unchanged(st, index.get(st.place))]
        known_docs = intake_runs.documents_by_sha(session=s, digests=[d for d in digests if d])
    items: list[_Item] = []
    for up, st in stats:
        seen = index.get(st.place)
        if unchanged(st, seen) and seen is not None and seen.sha256 in known_docs:
            items.append(_Item(up, st, seen.sha256, False, seen.seen_at, seen.sha256))
            continue
        looked_at = utcnow()
        try:
            sha, size = store.put_file(up.path)
        except (DocumentProcessingError, OSError) as exc:
            summary.unreadable_paths.append((up.given, getattr(exc, "message", None) or str(exc)))
            continue
        if size != st.size:  # written while we read it: record what we stored, hash it again next time
            st = _Stat(st.place, size, st.mtime_ns, utcnow())
        items.append(_Item(up, st, sha, True, looked_at, seen.sha256 if seen else None))
    summary.hashed += sum(1 for it in items if it.hashed)

    def tx() -> list[repo.Registration]:
        with session_scope(engine) as s:
            regs = _register_items(s, items, run_id)
            _preapproval_link(s, items, regs)
            return regs

    try:
        regs = with_db_retry(tx)
    except IntegrityError:  # another run registered the same bytes at the same moment: look again
        regs = with_db_retry(tx)
    for reg in regs:
        summary.document_ids.append(reg.document_id)
        if reg.created:
            summary.registered += 1
        else:
            summary.already_known += 1


def _register_items(s, items: Sequence[_Item], run_id: str) -> list[repo.Registration]:  # noqa: ANN001 - a Session
    """Record a group of stored originals in the caller's transaction: one look-up and one
    multi-row insert for the documents, their audit events and the file index."""
    hashed = [it for it in items if it.hashed]
    made = iter(repo.register_documents(session=s, run_id=run_id, uploads=[
        repo.NewUpload(it.sha, it.up.given, printable(it.up.path.name), it.st.size, it.up.certificant_id,
                       it.up.submitted_at) for it in hashed]))
    regs: list[repo.Registration] = []
    events: list[repo.AuditEvent] = []
    for it in items:
        if not it.hashed:  # unchanged since it was last seen, and its document is known
            regs.append(repo.Registration(repo.document_id_for(it.sha), False, Status.PENDING))
            continue
        reg = next(made)
        regs.append(reg)
        if reg.created:
            events.append(repo.AuditEvent("intake", AuditAction.REGISTERED, reg.document_id, it.up.certificant_id,
                                          after={"file": it.up.given}))
        elif it.previous_sha != it.sha:  # the same bytes arrived again under another name or place
            events.append(repo.AuditEvent("intake", AuditAction.DUPLICATE_UPLOAD, reg.document_id,
                                          it.up.certificant_id, after={"file": it.up.given}))
    repo.record_audits(session=s, events=events)
    intake_runs.remember_files(session=s, files=[
        intake_runs.FileSeen(it.st.place[0], it.st.place[1], it.st.size, it.st.mtime_ns, it.sha, it.seen_at)
        for it in hashed])
    return regs


def _batched(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), max(1, size)):
        yield items[i:i + size]


# --- analysis and storing -----------------------------------------------------------------


def pending_ids(engine: Engine, document_ids: Sequence[str] | None = None, *, run_id: str | None = None) -> list[str]:
    with session_scope(engine, read_only=True) as s:
        return intake_runs.pending_ids(session=s, document_ids=document_ids, run_id=run_id)


def chunked(ids: Sequence[str], size: int) -> list[list[str]]:
    return [list(c) for c in _batched(list(ids), size)]


def default_chunk_size(n: int, parallel: int) -> int:
    """Large enough that orchestration costs little (a task costs ~10 ms, a chunk seconds),
    small enough that several chunks keep every worker busy."""
    if n <= 0:
        return 1
    return max(10, min(200, -(-n // max(1, parallel * 4))))


@dataclass(frozen=True, slots=True)
class StoreContext:
    """What a worker needs to decide and store a result (small, hashable: cached per worker)."""

    db_url: str
    policy_path: str | None
    thresholds: object


@dataclass(frozen=True, slots=True)
class WorkerJob:
    analyse: AnalyseJob
    doc: repo.PendingDocument
    context: StoreContext
    final_attempt: bool


@dataclass(frozen=True, slots=True)
class WorkerResult:
    status: Status | None  # None: not stored (finished meanwhile by another run, or left for a retry)
    error: DocumentError | None
    stored: bool


_WORKER_STATE: dict[StoreContext, dict] = {}


def _worker_state(ctx: StoreContext) -> dict:
    """Per worker process: one engine and the policy. The offerings register is read inside
    each document's transaction: an approval just issued or an offering just terminated
    must count at once. No migrating here: the process handing out the documents opened
    (and migrated) the database before registering them, and a worker may start before
    that (``_StoreReady``), when two of them migrating at once would collide."""
    state = _WORKER_STATE.get(ctx)
    if state is None:
        state = _WORKER_STATE[ctx] = {"engine": make_engine(ctx.db_url), "policy": load_policy(ctx.policy_path)}
    return state


def analyse_and_store(job: WorkerJob) -> WorkerResult:
    """Runs in a worker: analyse one document, then decide and store it in one transaction,
    so that storing is as parallel as reading. A transient failure (not the last attempt)
    is handed back unstored, for the parent to try once more."""
    result = analyse(job.analyse)
    if isinstance(result, DocumentError) and result.transient and not job.final_attempt:
        return WorkerResult(None, result, False)
    try:
        state = _worker_state(job.context)
        status = with_db_retry(lambda: _store_tx(state, job, result))
    except StorageError as exc:
        return WorkerResult(None, DocumentError(ErrorCode.INTERNAL, exc.message, transient=True), False)
    except Exception as exc:  # noqa: BLE001 - a defect in deciding or storing: record it on the document
        error = DocumentError(ErrorCode.INTERNAL, f"could not store the result: {type(exc).__name__}: {exc}"[:500])
        try:
            status = with_db_retry(lambda: _store_tx(_worker_state(job.context), job, error))
        except Exception as exc2:  # noqa: BLE001 - the parent will try
            return WorkerResult(None, DocumentError(ErrorCode.INTERNAL, str(exc2)[:500], transient=True), False)
        return WorkerResult(status, error, True)
    return WorkerResult(status, result if isinstance(result, DocumentError) else None, True)


def _store_tx(state: dict, job: WorkerJob, result: Analysis | DocumentError) -> Status | None:
    with session_scope(state["engine"]) as s:
        # one statement locks the document (still pending?) and its certificant (one certificant's
        # documents are decided one at a time: journal, caps) and reads what deciding needs
        claim = intake_runs.claim_pending(session=s, document_id=job.doc.document_id,
                                          certificant_id=job.doc.certificant_id)
        if claim is None:
            return None
        return store_in_session(s, job.doc, result, policy=state["policy"], thresholds=job.context.thresholds,
                                claim=claim)


def process_documents(engine: Engine, store: BlobStore, settings: Settings, *, document_ids: Sequence[str] = (),
                      batches: Iterable[Sequence[str]] | None = None, thresholds: object,
                      progress: ProgressHook | None = None, workers: int | None = None,
                      isolate: bool = True) -> ChunkOutcome:
    """Analyse and store the still-pending documents among ``document_ids``, or among the
    ``batches`` as they come (an iterable drawn from only when the workers need more work: a
    batch may be waited for, as registration commits it, while the workers go on with the
    last one). Workers store their own results (each document in one transaction that locks
    it and checks it is still pending; the policy is the one at ``settings.policy_path``); a
    document whose worker timed out or died is recorded here."""
    outcome = ChunkOutcome(reported=progress is not None)
    limits = ReadLimits(max_bytes=settings.max_bytes, max_pages=settings.max_pages, max_pixels=settings.max_pixels)
    context = StoreContext(settings.db_url, str(settings.policy_path) if settings.policy_path else None, thresholds)
    by_id: dict[str, tuple[repo.PendingDocument, AnalyseJob]] = {}

    def first_pass() -> Iterator[tuple[str, WorkerJob]]:
        for batch in (batches if batches is not None else [document_ids]):
            for doc_id in _load_batch(engine, store, batch, limits, by_id, outcome):
                yield doc_id, WorkerJob(by_id[doc_id][1], by_id[doc_id][0], context, MAX_ATTEMPTS == 1)

    run = _runner(settings, max(1, workers or settings.workers), isolate)
    jobs: Iterable[tuple[str, WorkerJob]] = first_pass()
    for attempt in range(1, MAX_ATTEMPTS + 1):
        final = attempt == MAX_ATTEMPTS
        again: list[str] = []
        for doc_id, res in run(jobs):
            doc = by_id[doc_id][0]
            if isinstance(res, DocumentError):  # timed out, or the worker died: nothing was stored
                res = WorkerResult(None, res, False)
            if not res.stored:
                if res.error is not None and res.error.transient and not final:
                    again.append(doc_id)
                    continue
                error = res.error or DocumentError(ErrorCode.INTERNAL, "no result")
                res = WorkerResult(with_db_retry(lambda d=doc, e=error: store_result(engine, d, e, policy=None,
                                                                                     thresholds=None)), error, True)
            _count(outcome, doc, res, progress)
            del by_id[doc_id]  # a long stream keeps only the documents still out
        if not again:
            break
        outcome.retried += len(again)
        last = attempt + 1 == MAX_ATTEMPTS
        jobs = [(i, WorkerJob(by_id[i][1], by_id[i][0], context, last)) for i in again]
    return outcome


def _load_batch(engine: Engine, store: BlobStore, document_ids: Sequence[str], limits: ReadLimits,
                by_id: dict[str, tuple[repo.PendingDocument, AnalyseJob]], outcome: ChunkOutcome) -> list[str]:
    """Look up the batch's still-pending documents and their certificants' names (into
    ``by_id``); their ids, largest first: a scan takes a hundred times a digital page, and one
    started last would leave the other workers idle at the end."""
    if not document_ids:
        return []
    with session_scope(engine, read_only=True) as s:
        pending = repo.pending_documents(session=s, document_ids=list(document_ids))
        names = repo.certificant_names(session=s, certificant_ids={d.certificant_id for d in pending
                                                                   if d.certificant_id})
    outcome.skipped += len(set(document_ids)) - len(pending)
    for d in pending:
        by_id[d.document_id] = (d, AnalyseJob(d.document_id, str(store.path_for(d.sha256)),
                                              names.get(d.certificant_id or ""), limits))
    return [d.document_id for d in sorted(pending, key=lambda d: -d.size)]


def _count(outcome: ChunkOutcome, doc: repo.PendingDocument, res: WorkerResult, progress: ProgressHook | None) -> None:
    if res.status is None:
        outcome.skipped += 1
        return
    outcome.statuses[res.status] += 1
    if res.error is not None and res.status is Status.FAILED:
        outcome.failures.append(Failure(doc.document_id, doc.source_path, res.error.code.value, res.error.message))
    if progress:
        progress.advance(res.status, doc.document_id)


@dataclass(frozen=True, slots=True)
class _StoreReady:
    """A worker's start: its database engine open and connected and the policy loaded
    (``_worker_state``), while the pool waits for the run, instead of on its first document."""

    context: StoreContext

    def __call__(self) -> None:
        state = _worker_state(self.context)
        with state["engine"].connect():
            pass


def _pool(settings: Settings, n_workers: int):  # noqa: ANN202
    log_path = str(settings.home / "logs" / "workers.log")
    ready = _StoreReady(StoreContext(settings.db_url, str(settings.policy_path) if settings.policy_path else None,
                                     settings.thresholds))
    return shared_pool(analyse_and_store, workers=n_workers, init=ready,
                       limits=Limits(timeout_s=settings.document_timeout_s,
                                     memory_mb=settings.document_memory_mb, log_path=log_path))


def _runner(settings: Settings, n_workers: int, isolate: bool):  # noqa: ANN202
    if isolate and can_fork_workers():
        return _pool(settings, n_workers).map_unordered
    return lambda jobs: run_inline(analyse_and_store, jobs)


def warm_workers(settings: Settings, workers: int | None = None) -> threading.Thread | None:
    """Start the worker pool in the background (about a second: the forkserver imports the
    readers and spaCy), so that it is ready when registration has finished the first files."""
    if not can_fork_workers():
        return None
    pool = _pool(settings, max(1, workers or settings.workers))

    def warm() -> None:
        try:
            pool.warm()
        except Exception:  # noqa: BLE001 - the first chunk starts its workers itself and reports
            log.warning("could not start the workers ahead of time", exc_info=True)

    thread = threading.Thread(target=warm, name="cecintake-warm-workers", daemon=True)
    thread.start()
    return thread


def store_result(engine: Engine, doc: repo.PendingDocument, result: Analysis | DocumentError, *,
                 policy: object, thresholds: object) -> Status | None:
    """Decide and store one document's outcome in one transaction (None: already final)."""
    with session_scope(engine) as s:
        claim = intake_runs.claim_pending(session=s, document_id=doc.document_id, certificant_id=doc.certificant_id)
        if claim is None:
            return None
        return store_in_session(s, doc, result, policy=policy, thresholds=thresholds, claim=claim)


def store_in_session(s, doc: repo.PendingDocument, result: Analysis | DocumentError, *,  # noqa: ANN001
                     policy: object, thresholds: object, claim: intake_runs.Claim) -> Status:
    """Decide and store in the caller's transaction, the document locked by ``claim``
    (``intake_runs.claim_pending``, which also read what deciding needs)."""
    if isinstance(result, DocumentError):
        repo.mark_failed(session=s, document_id=doc.document_id, error=result)
        repo.record_audit(session=s, actor="intake", action=AuditAction.FAILED, document_id=doc.document_id,
                          after={"code": result.code.value, "message": result.message})
        return Status.FAILED
    certificant = claim.certificant
    journal = repo.journal_for(session=s, certificant_id=certificant.certificant_id) if certificant else []
    # the register is read in this transaction (an approval just issued or a termination counts
    # at once), and only for a document that carries a code: the rules consult it for nothing else
    has_code = FieldName.APPROVAL_CODE in result.evidence.fields
    offerings = repo.offerings_by_code(session=s) if has_code else {}
    proposal, status = decide(
        document_id=doc.document_id, evidence=result.evidence, certificant=certificant,
        submitted_at=doc.submitted_at or doc.registered_at, journal=journal,
        offerings=offerings, policy=policy, thresholds=thresholds)
    repo.save_processed(session=s, document_id=doc.document_id, media_type=result.media_type,
                        read=result.read, evidence=result.evidence, proposal=proposal, status=status,
                        state=claim.state)
    if status is Status.AUTO_ACCEPTED and certificant and proposal.category and proposal.activity_date:
        repo.put_journal_entry(session=s, entry=JournalEntry(
            certificant_id=certificant.certificant_id, document_id=doc.document_id,
            category=proposal.category, cecs=proposal.cecs, activity_date=proposal.activity_date,
            activity_key=proposal.activity_key or doc.document_id, rule_ids=proposal.rule_ids,
            raw_cecs=proposal.raw_cecs, details=proposal.details))
        reallocate(s, certificant, policy=policy, actor="intake", cause=doc.document_id)
    status = _preapproval_after_decide(s, doc, result, status, policy, claim)
    repo.record_audits(session=s, events=[repo.AuditEvent(
        "intake", AuditAction.PROCESSED, doc.document_id, doc.certificant_id,
        after={"status": status.value, "cecs": proposal.cecs,
               "category": None if proposal.category is None else int(proposal.category)})])
    return status


def process_pending(engine: Engine, store: BlobStore, settings: Settings, *, thresholds: object,
                    document_ids: list[str] | None, progress: ProgressHook | None, summary: IntakeSummary,
                    workers: int | None = None) -> None:
    """Every pending document (of this run, or all when ``document_ids`` is None), in one go."""
    ids = pending_ids(engine, document_ids)
    if progress:
        progress.start(len(ids))
    summary.add(process_documents(engine, store, settings, document_ids=ids, thresholds=thresholds,
                                  progress=progress, workers=workers))


# --- pre-approval hook (issue 8; logic in cecintake.preapproval.service) ---------------------


def _preapproval_link(s, items: Sequence[_Item], regs: Sequence[repo.Registration]) -> None:  # noqa: ANN001
    """Files named in the manifest with an ``application_id`` form that application's packet."""
    for it, reg in zip(items, regs, strict=True):
        if it.up.application_id:
            link_upload(s, application_id=it.up.application_id, document_id=reg.document_id,
                        submitted_at=it.up.submitted_at or utcnow())


def _preapproval_after_decide(s, doc: repo.PendingDocument, result: Analysis, status: Status,  # noqa: ANN001
                              policy: object, claim: intake_runs.Claim) -> Status:
    """A packet document, or a syllabus of no certificant, goes to the committee as an application
    (its packet was read with the claim)."""
    return after_decide(s, document_id=doc.document_id, certificant_id=doc.certificant_id,
                        evidence=result.evidence, status=status, submitted_at=doc.submitted_at or doc.registered_at,
                        policy=policy,  # type: ignore[arg-type]
                        application_id=claim.application_id)


# --- runs ---------------------------------------------------------------------------------


def new_run_id() -> str:
    return f"R-{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:6]}"


def start_run(engine: Engine, *, run_id: str, kind: str, inbox: str | None = None) -> None:
    def tx() -> None:
        with session_scope(engine) as s:
            intake_runs.start_run(session=s, run_id=run_id, kind=kind, inbox=inbox)

    with_db_retry(tx)


def finish_run(engine: Engine, summary: IntakeSummary) -> None:
    def tx() -> None:
        with session_scope(engine) as s:
            intake_runs.finish_run(session=s, run_id=summary.run_id, counts=summary.counts())

    with_db_retry(tx)
