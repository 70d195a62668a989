"""The nightly pass: which inbox files are new and finished, and the run report.

A file is taken when it is new or changed since the last pass (the file index of
``cecintake.intake``) and *settled*: its mtime is older than the settle interval and
its name is not a partial download. A file still being written is left for the next
pass. The report (counts, failures, review queue size, items past the 4-week
decision deadline) is written as JSON and text under ``<data dir>/reports``.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy.engine import Engine

from .intake import IntakeSummary, _batched, _stat, _walk, unchanged
from .storage import session_scope
from .storage.repo import intake_runs

PARTIAL_SUFFIXES = (".part", ".partial", ".tmp", ".crdownload", ".download", ".filepart", ".uploading")


@dataclass
class InboxScan:
    inbox: str
    files: int = 0
    new: list[str] = field(default_factory=list)
    not_settled: list[str] = field(default_factory=list)
    known: int = 0


def is_settled(path: Path, *, settle_seconds: float, now: float | None = None) -> bool:
    if path.name.lower().endswith(PARTIAL_SUFFIXES):
        return False
    try:
        mtime = path.stat().st_mtime
    except OSError:
        return False
    return (now if now is not None else time.time()) - mtime >= settle_seconds


def scan_inbox(engine: Engine, inbox: Path, *, settle_seconds: float, now: float | None = None) -> InboxScan:
    """Files in ``inbox`` that are new or changed since the last pass and settled."""
    scan = InboxScan(inbox=str(inbox.resolve()))
    paths = [p for p, _ in _walk(inbox)]
    scan.files = len(paths)
    with session_scope(engine) as s:
        for group in _batched(paths, 500):
            stats = {}
            for p in group:
                try:
                    stats[p] = _stat(p)
                except OSError:
                    scan.not_settled.append(str(p))  # vanished or unreadable: look again next time
            index = intake_runs.files_seen(session=s, places=[st.place for st in stats.values()])
            for p, st in stats.items():
                if unchanged(st, index.get(st.place)):
                    scan.known += 1
                elif is_settled(p, settle_seconds=settle_seconds, now=now):
                    scan.new.append(str(p))
                else:
                    scan.not_settled.append(str(p))
    return scan


def build_report(engine: Engine, *, summary: IntakeSummary, scan: InboxScan, started_at: datetime,
                 now: datetime | None = None) -> dict:
    now = now or datetime.now(timezone.utc)
    with session_scope(engine) as s:
        n_open, n_overdue, overdue = intake_runs.review_queue_figures(session=s, now=now)
        pending = intake_runs.count_pending(session=s)
    return {
        "run_id": summary.run_id,
        "kind": "nightly",
        "inbox": scan.inbox,
        "started_at": started_at.isoformat(),
        "finished_at": now.isoformat(),
        "seconds": round(summary.seconds, 3),
        "files": {"in_inbox": scan.files, "new": len(scan.new), "already_seen": scan.known,
                  "not_settled": len(scan.not_settled), "registered": summary.registered,
                  "already_known": summary.already_known, "unreadable": len(summary.unreadable_paths)},
        "documents": {"processed": summary.processed,
                      "by_status": {str(k): v for k, v in sorted(summary.statuses.items())},
                      "failed": len(summary.failures), "retried": summary.retried, "still_pending": pending},
        "failures": [{"document_id": f.document_id, "file": f.file, "code": f.code, "message": f.message}
                     for f in summary.failures]
                    + [{"document_id": None, "file": given, "code": "unreadable_path", "message": msg}
                       for given, msg in summary.unreadable_paths],
        "review_queue": {"open": n_open, "past_deadline": n_overdue},
        "past_deadline": [{"document_id": o.document_id, "certificant_id": o.certificant_id,
                           "queued_at": o.queued_at.isoformat(), "due_at": o.due_at.isoformat()} for o in overdue],
    }


def render_text(report: dict) -> str:
    f, d, q = report["files"], report["documents"], report["review_queue"]
    lines = [
        f"cecintake nightly run {report['run_id']}",
        f"inbox: {report['inbox']}",
        f"started {report['started_at']}, finished {report['finished_at']} ({report['seconds']:.1f} s)",
        "",
        f"files in inbox: {f['in_inbox']}  new: {f['new']}  already seen: {f['already_seen']}  "
        f"still being written (next pass): {f['not_settled']}",
        f"registered: {f['registered']}  same bytes already known: {f['already_known']}  "
        f"unreadable: {f['unreadable']}",
        f"documents processed: {d['processed']}  failed: {d['failed']}  still pending: {d['still_pending']}",
    ]
    for status, n in d["by_status"].items():
        lines.append(f"  {status}: {n}")
    lines.append(f"review queue: {q['open']} open, {q['past_deadline']} past the 4-week decision deadline")
    for o in report["past_deadline"]:
        lines.append(f"  overdue {o['document_id']} ({o['certificant_id'] or 'unknown certificant'}), "
                     f"due {o['due_at'][:10]}")
    if report["failures"]:
        lines.append("failures:")
        for x in report["failures"]:
            lines.append(f"  {x['file']}: {x['code']}: {x['message']}")
    return "\n".join(lines) + "\n"


def write_report(reports_dir: Path, report: dict) -> tuple[Path, Path]:
    """``nightly-<run>.json`` and ``.txt`` (written whole, then renamed into place), and
    ``nightly-latest.*`` copies."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    stem = f"nightly-{report['run_id']}"
    paths = []
    for suffix, text in ((".json", json.dumps(report, indent=2, ensure_ascii=False) + "\n"),
                         (".txt", render_text(report))):
        for name in (stem + suffix, "nightly-latest" + suffix):
            target = reports_dir / name
            tmp = target.with_name(f".{target.name}.partial")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
        paths.append(reports_dir / (stem + suffix))
    return paths[0], paths[1]
