"""Nightly: only new, settled files are taken; the run report; the flow end to end."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cecintake import intake, nightly
from cecintake.config import Settings
from cecintake.storage import BlobStore, open_database


def _pdf(text: str) -> bytes:
    from tests.extractors.reading.make import text_pdf

    return text_pdf(1) + f"\n% {text}\n".encode()


def _settings(tmp_path: Path, db_url: str) -> Settings:
    return Settings.from_env(db_url=db_url, home=tmp_path / "home", env={"CECINTAKE_WORKERS": "1"})


def _register(engine, settings: Settings, paths: list[Path], *, submitted_at=None) -> intake.IntakeSummary:  # noqa: ANN001
    summary = intake.IntakeSummary(run_id=intake.new_run_id())
    uploads = [intake.Upload(p, str(p), None, submitted_at) for p in paths]
    intake.register_uploads(engine, BlobStore(settings.store_dir), uploads, run_id=summary.run_id, summary=summary)
    return summary


def test_scan_takes_new_settled_files_and_leaves_the_rest(tmp_path: Path, db_url: str) -> None:
    settings = _settings(tmp_path, db_url)
    engine = open_database(db_url)
    inbox = tmp_path / "inbox"
    (inbox / "C-00017").mkdir(parents=True)
    old = inbox / "C-00017" / "cert.pdf"
    old.write_bytes(_pdf("old"))
    partial = inbox / "upload.pdf.part"
    partial.write_bytes(_pdf("partial"))
    fresh = inbox / "fresh.pdf"
    fresh.write_bytes(_pdf("fresh"))
    (inbox / ".hidden.pdf").write_bytes(_pdf("hidden"))
    hour_ago = time.time() - 3600
    os.utime(old, (hour_ago, hour_ago))
    os.utime(partial, (hour_ago, hour_ago))

    scan = nightly.scan_inbox(engine, inbox, settle_seconds=30)
    assert scan.files == 3
    assert scan.new == [str(old)]
    assert sorted(scan.not_settled) == sorted([str(partial), str(fresh)])

    time.sleep(2.2)  # ctime must be older than the moment we look (coarse file-system clocks)
    summary = _register(engine, settings, [Path(p) for p in scan.new])
    assert summary.registered == 1 and summary.hashed == 1
    again = nightly.scan_inbox(engine, inbox, settle_seconds=30)
    assert again.new == [] and again.known == 1, "a file already taken is not new"

    # same size, mtime set back: the ctime still tells it changed
    old.write_bytes(_pdf("OLD"))
    os.utime(old, (hour_ago, hour_ago))
    changed = nightly.scan_inbox(engine, inbox, settle_seconds=30)
    assert changed.new == [str(old)]
    engine.dispose()


def test_registering_again_reads_nothing_and_records_nothing(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    settings = _settings(tmp_path, db_url)
    engine = open_database(db_url)
    files = []
    for i in range(3):
        p = tmp_path / "in" / f"d{i}.pdf"
        p.parent.mkdir(exist_ok=True)
        p.write_bytes(_pdf(str(i)))
        files.append(p)
    (tmp_path / "in" / "copy.pdf").write_bytes(files[0].read_bytes())
    time.sleep(2.2)
    first = _register(engine, settings, [*files, tmp_path / "in" / "copy.pdf"])
    assert (first.registered, first.already_known, first.hashed) == (3, 1, 4)
    second = _register(engine, settings, [*files, tmp_path / "in" / "copy.pdf"])
    assert (second.registered, second.already_known, second.hashed) == (0, 4, 0)
    with engine.connect() as c:
        actions = dict(c.exec_driver_sql("select action, count(*) from audit_event group by action").all())
    assert actions == {"registered": 3, "duplicate_upload": 1}
    engine.dispose()


def test_report_counts_failures_queue_and_overdue_items(tmp_path: Path, db_url: str) -> None:
    from cecintake.flows.intake import process_chunk_task

    settings = _settings(tmp_path, db_url)
    engine = open_database(db_url)
    good = tmp_path / "inbox" / "cert.pdf"
    good.parent.mkdir(parents=True)
    good.write_bytes(_pdf("good"))
    bad = tmp_path / "inbox" / "broken.pdf"
    bad.write_bytes(b"%PDF-1.7\n this is not a PDF at all")
    long_ago = datetime.now(timezone.utc) - timedelta(days=40)
    summary = _register(engine, settings, [good, bad], submitted_at=long_ago)
    outcome = process_chunk_task.fn(settings, intake.pending_ids(engine))  # the task's logic, no engine
    summary.add(outcome)
    assert sum(outcome.statuses.values()) == 2
    assert [f.file for f in outcome.failures] == [str(bad)]

    scan = nightly.InboxScan(inbox=str(good.parent), files=2, new=[str(good), str(bad)])
    report = nightly.build_report(engine, summary=summary, scan=scan, started_at=datetime.now(timezone.utc))
    assert report["documents"]["processed"] == 2 and report["documents"]["failed"] == 1
    assert report["failures"][0]["file"] == str(bad)
    review = outcome.statuses.get(intake.Status.NEEDS_REVIEW, 0)
    assert report["review_queue"] == {"open": review, "past_deadline": review}
    json_path, text_path = nightly.write_report(settings.home / "reports", report)
    assert json.loads(json_path.read_text())["run_id"] == summary.run_id
    assert "past the 4-week decision deadline" in text_path.read_text()
    assert (settings.home / "reports" / "nightly-latest.json").exists()
    engine.dispose()


@pytest.mark.slow
def test_nightly_flow_end_to_end_takes_only_new_files(tmp_path: Path) -> None:
    from cecintake.flows.intake import dispose_engines
    from cecintake.flows.nightly import nightly_flow

    db_url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for i in range(3):
        (inbox / f"d{i}.pdf").write_bytes(_pdf(f"n{i}"))
    time.sleep(2.2)
    try:
        first = nightly_flow(str(inbox), db_url, str(tmp_path / "home"), 0.0)
        assert first["files"]["new"] == 3 and first["documents"]["processed"] == 3
        (inbox / "late.pdf").write_bytes(_pdf("late"))
        second = nightly_flow(str(inbox), db_url, str(tmp_path / "home"), 0.0)
        assert second["files"]["new"] == 1 and second["files"]["already_seen"] == 3
        assert second["documents"]["processed"] == 1
        assert Path(second["report_files"]["json"]).exists()
    finally:
        dispose_engines()
