"""Engine factory, migrations and the blob store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import inspect

from cecintake.storage import BlobStore, open_database, session_scope
from cecintake.storage.db import MIGRATIONS


def test_migrations_bring_an_empty_database_to_head_and_are_idempotent(db_url: str) -> None:
    engine = open_database(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {"certificant", "offering", "document", "page", "extracted_field", "proposal", "review_item",
            "journal_entry", "audit_event", "alembic_version"} <= tables
    engine.dispose()
    open_database(db_url).dispose()  # second run: nothing to do, no error


def test_migration_history_has_exactly_one_head() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(cfg).get_heads()
    assert len(heads) == 1, f"several Alembic heads: {heads} (chain the newest revision after the others)"


def test_sqlite_uses_wal_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_sqlite_read_only_scope_reads_while_a_writer_holds_the_lock(tmp_path: Path) -> None:
    """A read-only transaction (the run's look-ups: pending documents, the batch's rows) reads
    the last committed state at once while another connection (a worker storing a document)
    holds the write lock; a writing transaction begins IMMEDIATE and waits for it."""
    import sqlite3
    import time

    from sqlalchemy import event, text

    from cecintake.domain import Certificant, CertificantLevel
    from cecintake.storage import repo
    from datetime import date

    path = tmp_path / "x.db"
    engine = open_database(f"sqlite:///{path}")
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[
            Certificant("C-1", "A B", CertificantLevel.CERP, date(2022, 1, 1))])
    begins: list[str] = []
    event.listen(engine, "before_cursor_execute",
                 lambda conn, cur, stmt, *a: begins.append(stmt) if stmt.startswith("BEGIN") else None)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another process's store transaction, not yet committed
    writer.execute("UPDATE certificant SET full_name = 'changed' WHERE certificant_id = 'C-1'")
    try:
        t = time.monotonic()
        with session_scope(engine, read_only=True) as s:
            got = repo.get_certificant(session=s, certificant_id="C-1")
        assert time.monotonic() - t < 1.0, "the read waited for the writer"
        assert got is not None and got.full_name == "A B"  # the committed state, not the writer's
        assert begins == ["BEGIN"]
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    with session_scope(engine) as s:
        s.exec(text("SELECT 1"))  # type: ignore[call-overload]
    assert begins == ["BEGIN", "BEGIN IMMEDIATE"]
    engine.dispose()


def test_session_scope_rolls_back_on_error(db_url: str) -> None:
    from cecintake.domain import Certificant, CertificantLevel
    from cecintake.storage import repo
    from datetime import date

    engine = open_database(db_url)
    with pytest.raises(RuntimeError):
        with session_scope(engine) as s:
            repo.upsert_certificants(session=s, certificants=[
                Certificant("C-1", "A B", CertificantLevel.CERP, date(2022, 1, 1))])
            raise RuntimeError("boom")
    with session_scope(engine) as s:
        assert repo.get_certificant(session=s, certificant_id="C-1") is None
    engine.dispose()


def test_blob_store_is_content_addressed_write_once_and_read_only(tmp_path: Path) -> None:
    store = BlobStore(tmp_path / "store")
    src = tmp_path / "a.pdf"
    src.write_bytes(b"%PDF-1.4 hello")
    sha, size = store.put_file(src)
    again, _ = store.put_file(src)
    path = store.path_for(sha)
    assert again == sha and size == 14
    assert path.read_bytes() == b"%PDF-1.4 hello"
    assert path.parent.parent.name == sha[:2] and path.parent.name == sha[2:4]
    assert not (path.stat().st_mode & 0o222), "originals are stored read-only"
    assert not list(path.parent.glob(".incoming-*")), "no temporary files left behind"


def test_blob_store_rejects_a_path_that_is_not_a_digest(tmp_path: Path) -> None:
    from cecintake.errors import StorageError

    for bad in ("../../etc/passwd", "A" * 64, "a" * 63, "a" * 65, "a" * 63 + "\n", "../" + "a" * 61, "", None):
        with pytest.raises(StorageError):
            BlobStore(tmp_path).path_for(bad)  # type: ignore[arg-type]
    assert BlobStore(tmp_path).path_for("0f" * 32) == tmp_path / "0f" / "0f" / ("0f" * 32)
