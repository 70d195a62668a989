"""Issue 7: every hostile upload ends in a recorded, explained state, within bounded time
and memory, through the real intake service and isolated worker pool; its original is
in the store, byte-identical, whatever happened to it.

One test per case of ``corpus.CASES``; the expensive ones carry the ``slow`` marker
(they still run in CI, which runs every test)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cecintake.storage import BlobStore

from .corpus import CASES, FAILED, LIMITS, Case, write_case
from .harness import hostile_settings, ingest, sqlite_url

TIME_BOUND_S = LIMITS["document_timeout_s"] + 40  # generous: a loaded CI machine with 2 cores
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _param(case: Case):  # noqa: ANN202
    return pytest.param(case, id=case.id, marks=[pytest.mark.slow] if case.slow else [])


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_hostile_case_ends_recorded(case: Case, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    path = write_case(case, inbox)
    settings = hostile_settings(tmp_path / "home", sqlite_url(tmp_path))
    run = ingest(settings, [inbox])

    # exactly one document, final, and explained
    assert len(run.docs) == 1, [d.file for d in run.docs]
    doc = run.docs[0]
    assert doc.status != "pending"
    if case.status == FAILED:
        assert doc.status == "failed", (doc.status, doc.code, doc.message)
        assert doc.code in case.codes, (doc.code, doc.message)
        assert doc.message and len(doc.message) > 10
        assert doc.csv_row["error_code"] == doc.code
        assert doc.csv_row["status"] == "failed"
    else:
        assert doc.status != "failed", (doc.code, doc.message)
        assert doc.code is None
    # one outcome in the audit trail (a permanent failure is not retried)
    outcomes = [a for d, a in run.audit if d == doc.document_id and a in ("processed", "failed")]
    assert outcomes == ["failed" if doc.status == "failed" else "processed"]
    if doc.code in ("encrypted_pdf", "unsupported_file", "unreadable_file", "too_large", "too_many_pages",
                    "image_too_large", "empty_file", "memory_limit", "timeout"):
        assert run.summary.retried == 0

    # the original is stored, byte-identical, read-only, under its digest only
    store = BlobStore(settings.store_dir)
    assert store.get(doc.sha256) == path.read_bytes() == case.data
    assert not os.access(store.path_for(doc.sha256), os.W_OK) or os.geteuid() == 0
    assert oct(store.path_for(doc.sha256).stat().st_mode & 0o777) == "0o444"
    stored = [p for p in settings.store_dir.rglob("*") if p.is_file()]
    assert stored == [store.path_for(doc.sha256)], "nothing half-written, nothing outside the digest layout"

    # bounded time and memory
    assert run.seconds < TIME_BOUND_S, run.seconds
    if doc.code not in ("timeout", "worker_died"):  # a killed worker reports nothing (bounded by its limit)
        assert doc.peak_mb is not None, "the worker measured its peak"
        assert doc.peak_mb <= LIMITS["document_memory_mb"], doc.peak_mb

    # the CSV export never starts a text cell with a formula character
    for col, cell in doc.csv_row.items():
        assert not cell.startswith(FORMULA_START), (col, cell)
    # the export names the file as it arrived (printable), whatever its name
    assert doc.record["file"].endswith(os.fsdecode(case.name).encode("utf-8", "backslashreplace").decode()) or \
        doc.record["file"].endswith(case.name.decode("utf-8", "backslashreplace"))

    if case.id == "encrypted_user_password":
        assert "unprotected copy" in doc.message
