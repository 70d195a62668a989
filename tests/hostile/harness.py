"""Ingest files through the real intake service (originals stored first, then read in
the isolated worker pool: forkserver workers with RLIMIT_AS and a wall-clock timeout)
and report what was recorded, how long it took and the worker's peak memory.

Peak memory: ``measured_analyse`` wraps the pipeline's ``analyse`` in the worker; it
resets the kernel's peak-RSS counter (``/proc/self/clear_refs``) before the document
and reads ``VmHWM`` after it. A worker that was killed (timeout) reports nothing; its
memory was bounded by the pool's limit.
"""

from __future__ import annotations

import csv
import io
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cecintake import intake
from cecintake.config import Settings
from cecintake.domain import Status
from cecintake.executor import close_shared_pools
from cecintake.export import csv_chunks, to_record
from cecintake.pipeline import AnalyseJob
from cecintake.rules import RoutingThresholds
from cecintake.storage import BlobStore, open_database, session_scope
from cecintake.storage import repo

from .corpus import LIMITS


# The function the intake service hands to its worker pool (``analyse``, or ``analyse_and_store``
# when workers store their own results). Wrappers below replace it by name, run in the worker,
# and call the real one, captured here at import (in the parent before any patch, and in each
# worker on unpickling).
WORKER_FN = "analyse_and_store" if hasattr(intake, "analyse_and_store") else "analyse"
_REAL = getattr(intake, WORKER_FN)


def real_worker_fn(job):  # noqa: ANN001, ANN201
    return _REAL(job)


def analyse_job(job) -> AnalyseJob:  # noqa: ANN001
    return job if isinstance(job, AnalyseJob) else job.analyse


def _metrics_dir(job: AnalyseJob) -> Path:
    return Path(job.blob_path).parents[3] / "metrics"  # <home>/store/ab/cd/<sha> -> <home>/metrics


def measured_analyse(job):  # noqa: ANN001, ANN201 - the pool's job and result types
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # reset VmHWM to the current RSS
    except OSError:
        pass
    t0 = time.monotonic()
    result = real_worker_fn(job)
    seconds = time.monotonic() - t0
    peak_kb = 0
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                peak_kb = int(line.split()[1])
    except OSError:
        pass
    aj = analyse_job(job)
    try:
        d = _metrics_dir(aj)
        d.mkdir(parents=True, exist_ok=True)
        (d / f"{aj.document_id}.json").write_text(json.dumps({"seconds": seconds, "peak_kb": peak_kb}))
    except OSError:
        pass
    return result


def hostile_settings(home: Path, db_url: str, **over: Any) -> Settings:
    values = dict(LIMITS)
    values.update(over)
    return Settings(home=home, db_url=db_url, workers=int(values.pop("workers", 1)), **values)


def thresholds() -> RoutingThresholds:
    return RoutingThresholds(field_confidence=0.90, doc_type_confidence=0.90, name_match=0.85, per_field={})


@dataclass
class DocOutcome:
    document_id: str
    sha256: str
    file: str
    status: str
    code: str | None
    message: str | None
    worker_seconds: float | None
    peak_mb: float | None
    record: dict
    csv_row: dict


@dataclass
class RunOutcome:
    summary: intake.IntakeSummary
    seconds: float
    docs: list[DocOutcome] = field(default_factory=list)
    audit: list[tuple[str, str]] = field(default_factory=list)  # (document_id, action)

    def by_file_name(self, name: str) -> DocOutcome:
        hits = [d for d in self.docs if d.file.endswith(name)]
        assert len(hits) == 1, (name, [d.file for d in self.docs])
        return hits[0]


def ingest(settings: Settings, paths: list[Path], *, measure: bool = True) -> RunOutcome:
    """Register and process everything under ``paths``; then read back the export."""
    import cecintake.intake as intake_mod

    engine = open_database(settings.db_url)
    store = BlobStore(settings.store_dir)
    original = getattr(intake_mod, WORKER_FN)
    if measure and original is _REAL:
        setattr(intake_mod, WORKER_FN, measured_analyse)  # the pool pickles the function by name
    t0 = time.monotonic()
    try:
        summary = intake.IntakeSummary(run_id=intake.new_run_id())
        uploads = intake.collect_uploads(paths, [], set(), refused=summary.unreadable_paths)
        summary.files_seen += len(summary.unreadable_paths)
        intake.start_run(engine, run_id=summary.run_id, kind="bulk")
        intake.register_uploads(engine, store, uploads, run_id=summary.run_id, summary=summary)
        intake.process_pending(engine, store, settings, thresholds=thresholds(),
                               document_ids=summary.document_ids, progress=None, summary=summary)
        intake.finish_run(engine, summary)
        seconds = time.monotonic() - t0
    finally:
        setattr(intake_mod, WORKER_FN, original)
        close_shared_pools()
    out = RunOutcome(summary, seconds)
    try:
        out.docs, out.audit = read_back(engine, settings)
    finally:
        engine.dispose()
    return out


def read_back(engine, settings: Settings) -> tuple[list[DocOutcome], list[tuple[str, str]]]:  # noqa: ANN001
    with session_scope(engine) as s:
        records = list(repo.iter_records(session=s))
        csv_text = "".join(csv_chunks(records))
        audit = [(r[0], r[1]) for r in s.connection().exec_driver_sql(
            "select document_id, action from audit_event").all()]
    rows = {r["document_id"]: r for r in csv.DictReader(io.StringIO(csv_text))}
    docs = []
    for rec in (to_record(r) for r in records):
        metrics = settings.home / "metrics" / f"{rec['document_id']}.json"
        m = json.loads(metrics.read_text()) if metrics.exists() else {}
        err = rec["error"] or {}
        docs.append(DocOutcome(rec["document_id"], rec["sha256"], rec["file"], rec["status"], err.get("code"),
                               err.get("message"), m.get("seconds"),
                               round(m["peak_kb"] / 1024, 1) if m.get("peak_kb") else None, rec,
                               rows[rec["document_id"]]))
    return docs, audit


def final(status: str) -> bool:
    return Status(status).is_final


def sqlite_url(tmp: Path) -> str:
    return f"sqlite:///{tmp / 'cecintake.db'}"


def env_for(settings: Settings) -> dict[str, str]:
    env = dict(os.environ)
    env.update({"CECINTAKE_HOME": str(settings.home), "CECINTAKE_DB_URL": settings.db_url})
    return env
