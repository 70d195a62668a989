"""The nightly flow: scan the inbox for new, settled files -> the intake steps -> report.

Its deployment and schedule are declared here, in code (``nightly_deployment``);
``cecintake schedule`` serves it with ``prefect.serve``.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from prefect import flow, task

from cecintake import nightly
from cecintake.config import Settings

from .intake import _engine, _transient, intake_steps

DEFAULT_CRON = "0 2 * * *"  # 02:00 every day
DEFAULT_SETTLE_SECONDS = 60.0


@task(name="scan inbox", retries=2, retry_delay_seconds=5, retry_condition_fn=_transient)
def scan_task(settings: Settings, inbox: str, settle_seconds: float) -> nightly.InboxScan:
    return nightly.scan_inbox(_engine(settings), Path(inbox), settle_seconds=settle_seconds)


@task(name="write report", retries=2, retry_delay_seconds=5, retry_condition_fn=_transient)
def report_task(settings: Settings, summary, scan: nightly.InboxScan, started_at: datetime) -> dict:  # noqa: ANN001
    report = nightly.build_report(_engine(settings), summary=summary, scan=scan, started_at=started_at)
    json_path, text_path = nightly.write_report(settings.home / "reports", report)
    report["report_files"] = {"json": str(json_path), "text": str(text_path)}
    return report


def nightly_steps(settings: Settings, inbox: str, *, settle_seconds: float, chunk_size: int | None) -> dict:
    started = datetime.now(timezone.utc)
    scan = scan_task(settings, inbox, settle_seconds)
    summary = intake_steps(settings, scan.new, manifest=None, resume_all=True, chunk_size=chunk_size,
                           kind="nightly", inbox=scan.inbox)
    summary.not_settled = len(scan.not_settled)
    return report_task(settings, summary, scan, started)


@flow(name="cecintake-nightly", log_prints=False)
def nightly_flow(inbox: str, db_url: str | None = None, home: str | None = None,
                 settle_seconds: float = DEFAULT_SETTLE_SECONDS, chunk_size: int | None = None) -> dict:
    """One nightly pass over the files in ``inbox`` that are new since the last pass.
    Plain parameters (a deployment stores them); settings are built here."""
    settings = Settings.from_env(db_url=db_url, home=home)
    return nightly_steps(settings, inbox, settle_seconds=settle_seconds, chunk_size=chunk_size)


def nightly_deployment(*, inbox: str, db_url: str | None, home: str | None, cron: str = DEFAULT_CRON,
                       settle_seconds: float = DEFAULT_SETTLE_SECONDS, name: str = "nightly"):  # noqa: ANN201
    """The nightly deployment, schedule in code."""
    return nightly_flow.to_deployment(
        name=name, cron=cron,
        parameters={"inbox": inbox, "db_url": db_url, "home": home, "settle_seconds": settle_seconds},
        description="One intake pass over the inbox's new files; writes the run report.",
        tags=["cecintake", "nightly"])
