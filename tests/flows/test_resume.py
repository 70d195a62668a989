"""Kill -9 halfway through ``cecintake ingest`` and run it again: every document ends
processed exactly once (documents, fields, proposals, journal entries, audit events),
on SQLite and on PostgreSQL. Also: the temporary Prefect server's shutdown noise never
reaches the user's terminal, and a third run changes nothing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from .conftest import Corpus, cli_env, copy_corpus, kill_group, run_cli, start_cli

pytestmark = pytest.mark.slow


def _scalar(engine: sa.Engine, sql: str) -> int:
    with engine.connect() as c:
        return int(c.exec_driver_sql(sql).scalar() or 0)


def _snapshot(engine: sa.Engine) -> dict[str, object]:
    q = {
        "documents": "select count(*) from document",
        "pending": "select count(*) from document where status = 'pending'",
        "fields": "select count(*) from extracted_field",
        "pages": "select count(*) from page",
        "proposals": "select count(*) from proposal",
        "journal": "select count(*) from journal_entry",
        "review_items": "select count(*) from review_item",
        "audit": "select count(*) from audit_event",
        "registered": "select count(*) from audit_event where action = 'registered'",
        "outcomes": "select count(*) from audit_event where action in ('processed', 'failed')",
    }
    return {k: _scalar(engine, v) for k, v in q.items()}


def _assert_exactly_once(engine: sa.Engine, corpus: Corpus) -> None:
    from cecintake.storage import sha256_of

    digests = {sha256_of(p.read_bytes()) for p in corpus.files}
    with engine.connect() as c:
        rows = c.exec_driver_sql("select sha256, status, document_id from document").all()
        assert {r[0] for r in rows} == digests, "every file is one document, none lost"
        assert len(rows) == len(digests), "none doubled"
        assert not [r for r in rows if r[1] == "pending"], "nothing left pending"
        dup = c.exec_driver_sql(
            "select document_id, action, count(*) from audit_event where action in ('registered','processed','failed')"
            " group by document_id, action having count(*) > 1").all()
        assert dup == [], f"audit events doubled: {dup}"
        per_doc = dict(c.exec_driver_sql(
            "select document_id, count(*) from audit_event where action in ('processed','failed')"
            " group by document_id").all())
        assert set(per_doc) == {r[2] for r in rows} and set(per_doc.values()) == {1}
        assert c.exec_driver_sql("select count(*) from proposal").scalar() == sum(
            1 for r in rows if r[1] != "failed")
        assert c.exec_driver_sql(
            "select count(*) from (select document_id, name from extracted_field group by document_id, name"
            " having count(*) > 1) d").scalar() == 0
        assert c.exec_driver_sql(
            "select count(*) from journal_entry j join document d on d.document_id = j.document_id"
            " where d.status <> 'auto_accepted'").scalar() == 0
        accepted_with_entry = c.exec_driver_sql(
            "select count(distinct document_id) from journal_entry").scalar()
        assert accepted_with_entry == c.exec_driver_sql("select count(*) from journal_entry").scalar()


def _final_count(engine: sa.Engine) -> int:
    try:
        return _scalar(engine, "select count(*) from document where status <> 'pending'")
    except sa.exc.SQLAlchemyError:
        return 0  # not migrated yet


def test_kill_and_resume_processes_each_document_exactly_once(db_url: str, corpus: Corpus, tmp_path: Path) -> None:
    local = copy_corpus(corpus, tmp_path)
    env = cli_env(db_url, tmp_path / "home")
    for args in (["certificants", "import", str(local.roster)], ["registry", "import", str(local.offerings)]):
        r = run_cli(args, env, timeout=120)
        assert r.returncode == 0, r.stderr
    ingest = ["ingest", str(local.docs), "--manifest", str(local.manifest), "--no-progress", "--chunk-size", "8"]

    proc = start_cli(ingest, env)
    engine = sa.create_engine(db_url, poolclass=sa.pool.NullPool)
    try:
        deadline = time.monotonic() + 240
        while _final_count(engine) < 2:
            assert proc.poll() is None, f"ingest ended before it could be killed: {proc.stderr.read()}"
            assert time.monotonic() < deadline, "no document became final in time"
            time.sleep(0.1)
        kill_group(proc)
        before = _snapshot(engine)
        assert 0 < before["documents"] - before["pending"] < len(local.files), \
            f"the kill should land halfway: {before}"

        rerun = run_cli(ingest, env)
        assert rerun.returncode == 0, rerun.stderr
        assert "Traceback" not in rerun.stderr, rerun.stderr
        _assert_exactly_once(engine, local)
        after = _snapshot(engine)
        assert after["outcomes"] == after["documents"] == len(local.files)

        third = run_cli(ingest, env)
        assert third.returncode == 0 and "Traceback" not in third.stderr, third.stderr
        assert "nothing new" in third.stdout
        assert _snapshot(engine) == after, "a re-run changes nothing"
    finally:
        if proc.poll() is None:
            kill_group(proc)
        engine.dispose()
