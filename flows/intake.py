"""The intake flow: register -> analyse (isolated workers) -> decide -> store.

Thin by design: every step is a function of ``cecintake.intake``; Prefect decides
only where and when they run. Registration is retried on transient database
errors; a document that is simply bad is recorded, never retried.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from prefect import flow, task

from cecintake import intake
from cecintake.config import Settings
from cecintake.csvio import read_manifest
from cecintake.errors import StorageError
from cecintake.rules import RoutingThresholds, load_policy
from cecintake.storage import BlobStore, open_database, session_scope
from cecintake.storage import repo

from .progress import current_hook


def thresholds_from(settings: Settings) -> RoutingThresholds:
    t = settings.thresholds
    return RoutingThresholds(field_confidence=t.field_confidence, doc_type_confidence=t.doc_type_confidence,
                             name_match=t.name_match, per_field=dict(t.per_field))


def _transient(task_, task_run, state) -> bool:  # noqa: ANN001 - Prefect's retry_condition_fn signature
    try:
        state.result()
    except StorageError:
        return True
    except Exception:  # noqa: BLE001 - anything else is not transient
        return False
    return False


@task(name="register uploads", retries=2, retry_delay_seconds=2, retry_condition_fn=_transient)
def register_task(settings: Settings, paths: list[str], manifest: str | None, run_id: str) -> intake.IntakeSummary:
    engine = open_database(settings.db_url)
    store = BlobStore(settings.store_dir)
    rows = read_manifest(Path(manifest)) if manifest else []
    with session_scope(engine) as s:
        known = repo.certificant_ids(session=s)
    uploads = intake.collect_uploads([Path(p) for p in paths], rows, known)
    summary = intake.IntakeSummary(run_id=run_id)
    intake.register_uploads(engine, store, uploads, run_id=run_id, summary=summary)
    engine.dispose()
    return summary


@task(name="analyse and store")
def process_task(settings: Settings, summary: intake.IntakeSummary, resume_all: bool) -> intake.IntakeSummary:
    engine = open_database(settings.db_url)
    policy = load_policy(settings.policy_path)
    intake.process_pending(engine, BlobStore(settings.store_dir), settings, policy=policy,
                           thresholds=thresholds_from(settings),
                           document_ids=None if resume_all else summary.document_ids,
                           progress=current_hook(), summary=summary)
    engine.dispose()
    return summary


@flow(name="cecintake-intake", validate_parameters=False, log_prints=False)
def intake_flow(settings: Settings, paths: Sequence[str], manifest: str | None = None,
                resume_all: bool = True) -> intake.IntakeSummary:
    """Bulk intake of files and folders. ``resume_all`` also finishes documents left
    pending by an interrupted earlier run."""
    started = time.monotonic()
    run_id = intake.new_run_id()
    summary = register_task(settings, list(paths), manifest, run_id)
    summary = process_task(settings, summary, resume_all)
    summary.seconds = time.monotonic() - started
    return summary
