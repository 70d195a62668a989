"""Issue 7, faults: a worker SIGKILLed mid-document, SQLite locked by another writer, the
disk full while storing an original, two runs on the same inbox at the same moment,
PostgreSQL restarted during a run. Each ends with every document recorded exactly once
and nothing lost (possibly after running ingest again, as an operator would)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import sqlalchemy as sa

from cecintake.storage import BlobStore, sha256_of
from cecintake.storage import blobs as blobs_mod
from tests.extractors.reading import make

from .harness import WORKER_FN, analyse_job, hostile_settings, ingest, real_worker_fn, sqlite_url

REPO = Path(__file__).resolve().parents[2]


# --- a small inbox: text PDFs (fast) and label images (OCR: about a second each) -----------


def make_inbox(folder: Path, *, pdfs: int = 4, images: int = 0) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for i in range(pdfs):
        p = folder / f"cert_{i:02d}.pdf"
        p.write_bytes(make.text_pdf() + b"%% copy %d\n" % i)
        files.append(p)
    for i in range(images):
        p = folder / f"scan_{i:02d}.png"
        p.write_bytes(make.encode(make.small_page([f"Certificate {i}", "Jane Restoration"], dpi=150), "PNG"))
        files.append(p)
    return files


def assert_exactly_once(engine: sa.Engine, files: list[Path], store: BlobStore) -> dict[str, str]:
    digests = {sha256_of(p.read_bytes()) for p in files}
    with engine.connect() as c:
        rows = c.exec_driver_sql("select sha256, status, document_id from document").all()
        outcomes = c.exec_driver_sql(
            "select document_id, count(*) from audit_event where action in ('processed','failed')"
            " group by document_id").all()
        registered = c.exec_driver_sql(
            "select document_id, count(*) from audit_event where action = 'registered' group by document_id").all()
    assert {r[0] for r in rows} == digests, "every file is one document, none lost"
    assert len(rows) == len(digests), "none doubled"
    assert not [r for r in rows if r[1] == "pending"], "nothing left pending"
    assert dict(outcomes) == {r[2]: 1 for r in rows}, "one outcome per document"
    assert dict(registered) == {r[2]: 1 for r in rows}, "registered once"
    for p in files:
        assert store.get(sha256_of(p.read_bytes())) == p.read_bytes()
    return {r[2]: r[1] for r in rows}


# --- SIGKILL of a worker mid-document ------------------------------------------------------


def kill_once_analyse(job):  # noqa: ANN001, ANN201 - runs in the worker
    """SIGKILL the worker in the middle of a marked document: once (``%KILL-ONCE``, a flag
    file remembers it) or every time (``%KILL-ALWAYS``)."""
    aj = analyse_job(job)
    data = Path(aj.blob_path).read_bytes()
    if b"%KILL-" in data:
        flag = Path(aj.blob_path).parents[3] / f"killed-{aj.document_id}"
        if b"%KILL-ALWAYS" in data or not flag.exists():
            flag.touch()
            from cecintake.extractors.reading import read_document

            read_document(data)  # mid-document: the reading has happened, the result not returned
            os.kill(os.getpid(), signal.SIGKILL)
    return real_worker_fn(job)


def test_worker_sigkilled_mid_document_is_retried_once_and_the_batch_continues(tmp_path, monkeypatch) -> None:
    """Choice: a lost worker is transient (the machine, not the document, may be at fault), so
    the document is tried once more. Killed again, it ends ``failed``/``worker_died``, never pending."""
    import cecintake.intake as intake_mod

    inbox = tmp_path / "inbox"
    files = make_inbox(inbox, pdfs=4)
    once = inbox / "kill_once.pdf"
    once.write_bytes(make.text_pdf() + b"%KILL-ONCE\n")
    always = inbox / "kill_always.pdf"
    always.write_bytes(make.text_pdf() + b"%KILL-ALWAYS\n")
    files += [once, always]
    settings = hostile_settings(tmp_path / "home", sqlite_url(tmp_path), workers=2)
    monkeypatch.setattr(intake_mod, WORKER_FN, kill_once_analyse)
    run = ingest(settings, [inbox], measure=False)
    by_name = {Path(d.file).name: d for d in run.docs}
    assert by_name["kill_once.pdf"].status != "failed", by_name["kill_once.pdf"].message
    assert by_name["kill_always.pdf"].status == "failed" and by_name["kill_always.pdf"].code == "worker_died"
    assert "run ingest again" in by_name["kill_always.pdf"].message
    assert all(d.status != "failed" for n, d in by_name.items() if n.startswith("cert_"))
    assert run.summary.retried == 2  # each killed document tried once more, no more
    from cecintake.storage import open_database

    engine = open_database(settings.db_url)
    try:
        assert_exactly_once(engine, files, BlobStore(settings.store_dir))
    finally:
        engine.dispose()


# --- SQLite locked by another writer ---------------------------------------------------------


def test_sqlite_locked_by_another_writer_for_seconds_the_run_waits_and_completes(tmp_path) -> None:
    from cecintake.storage import open_database

    inbox = tmp_path / "inbox"
    files = make_inbox(inbox, pdfs=6)
    settings = hostile_settings(tmp_path / "home", sqlite_url(tmp_path))
    open_database(settings.db_url).dispose()  # migrated before the lock is taken
    db_path = tmp_path / "cecintake.db"
    locked, release = threading.Event(), threading.Event()

    def hold_lock() -> None:
        con = sqlite3.connect(db_path, timeout=30, isolation_level=None)
        con.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(4.0)  # a few seconds, as a backup tool or a second writer might
        con.execute("ROLLBACK")
        con.close()

    t = threading.Thread(target=hold_lock)
    t.start()
    assert locked.wait(10)
    started = time.monotonic()
    try:
        run = ingest(settings, [inbox], measure=False)
    finally:
        release.set()
        t.join()
    assert time.monotonic() - started >= 3.0, "the run waited for the lock"
    assert len(run.docs) == 6 and all(d.status != "failed" for d in run.docs)
    engine = open_database(settings.db_url)
    try:
        assert_exactly_once(engine, files, BlobStore(settings.store_dir))
    finally:
        engine.dispose()


# --- the disk full while storing an original ---------------------------------------------


def _mount_tmpfs(where: Path, size: str) -> bool:
    where.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    return subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(where)],
                          capture_output=True).returncode == 0


def test_disk_full_while_storing_an_original(tmp_path, monkeypatch) -> None:
    """A real full disk (a 1 MiB tmpfs under the store) when we can mount one, else ENOSPC
    injected into the store's write: the file is reported, no partial original is left, the
    others are stored, and a re-run (space freed) stores and processes it."""
    from cecintake.storage import open_database

    inbox = tmp_path / "inbox"
    files = make_inbox(inbox, pdfs=3)
    big = inbox / "big.pdf"
    big.write_bytes(make.text_pdf() + b"%" + os.urandom(2 * 1024 * 1024).hex().encode()[:2_000_000] + b"\n")
    files.append(big)
    home = tmp_path / "home"
    settings = hostile_settings(home, sqlite_url(tmp_path))
    store_dir = settings.store_dir
    mounted = _mount_tmpfs(store_dir, "1m")
    if not mounted:
        real_fsync = os.fsync

        def full(fd: int) -> None:
            if os.fstat(fd).st_size > 1024 * 1024:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            real_fsync(fd)

        monkeypatch.setattr(blobs_mod.os, "fsync", full)
    try:
        run = ingest(settings, [inbox], measure=False)
        assert [Path(g).name for g, _ in run.summary.unreadable_paths] == ["big.pdf"]
        assert "No space left on device" in run.summary.unreadable_paths[0][1]
        assert len(run.docs) == 3 and all(d.status != "failed" for d in run.docs)
        leftovers = [p for p in store_dir.rglob("*") if p.is_file() and p.name.startswith(".incoming-")]
        assert leftovers == [], "nothing half-written is left"
        store = BlobStore(store_dir)
        assert not store.has(sha256_of(big.read_bytes()))
        # space is freed; the operator runs ingest again
        if mounted:
            subprocess.run(["mount", "-o", "remount,size=16m", str(store_dir)], check=True)
        else:
            monkeypatch.undo()
        again = ingest(settings, [inbox], measure=False)
        assert again.summary.unreadable_paths == []
        engine = open_database(settings.db_url)
        try:
            assert_exactly_once(engine, files, store)
        finally:
            engine.dispose()
    finally:
        if mounted:
            subprocess.run(["umount", "-l", str(store_dir)], check=False)


# --- two runs at the same moment; PostgreSQL restarted during a run -----------------------


def _drive(db_url: str, home: Path, inbox: Path, *, workers: int = 1) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO), OMP_THREAD_LIMIT="1")
    return subprocess.Popen([sys.executable, "-m", "tests.hostile.drive", "--db", db_url, "--home", str(home),
                             "--workers", str(workers), str(inbox)], cwd=REPO, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _finish(proc: subprocess.Popen[str], timeout: float = 240) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        pytest.fail(f"a run did not finish in {timeout} s\n{out}\n{err[-3000:]}")
    return proc.returncode, out, err


def test_two_runs_on_the_same_inbox_at_the_same_moment(db_url: str, tmp_path: Path) -> None:
    from cecintake.storage import open_database

    inbox = tmp_path / "inbox"
    files = make_inbox(inbox, pdfs=10, images=2)
    home = tmp_path / "home"
    open_database(db_url).dispose()  # migrated once (as the CLI's start does), then both runs at once
    a, b = _drive(db_url, home, inbox), _drive(db_url, home, inbox)
    results = [_finish(a), _finish(b)]
    for code, out, err in results:
        assert code == 0, f"{out}\n{err[-3000:]}"
    counts = [json.loads(out.strip().splitlines()[-1]) for _, out, _ in results]
    assert sum(c["new"] for c in counts) == len(files), counts  # each file registered by exactly one run
    engine = open_database(db_url)
    try:
        assert_exactly_once(engine, files, BlobStore(home / "store"))
    finally:
        engine.dispose()


def _pg_restart() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True,
                   capture_output=True, timeout=60)


def _pg_ensure_up() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    for _ in range(60):
        if subprocess.run(["pg_isready", "-h", "127.0.0.1", "-p", "5432"], capture_output=True).returncode == 0:
            return
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "start"],
                       capture_output=True, timeout=60)
        time.sleep(1)


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_restarted_during_a_run(tmp_path: Path) -> None:
    from tests.conftest import _PG_SKIP, make_pg_database

    if _PG_SKIP:
        pytest.skip(_PG_SKIP)
    if not Path("/etc/postgresql").is_dir() or not shutil.which("pg_ctlcluster"):
        pytest.skip("PostgreSQL is not managed by pg_ctlcluster here: cannot restart it")
    from cecintake.storage import open_database

    url, _ = make_pg_database("cecintake_h7")

    def drop() -> None:  # a fresh connection: the restart closed every pooled one
        from tests.conftest import PG_ADMIN_URL

        admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
        try:
            with admin.connect() as c:
                c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
        finally:
            admin.dispose()
    try:
        inbox = tmp_path / "inbox"
        files = make_inbox(inbox, pdfs=8, images=8)
        home = tmp_path / "home"
        open_database(url).dispose()
        proc = _drive(url, home, inbox)
        engine = sa.create_engine(url, poolclass=sa.pool.NullPool)
        try:
            deadline = time.monotonic() + 120
            done = 0
            while time.monotonic() < deadline and proc.poll() is None:
                with engine.connect() as c:
                    done = c.exec_driver_sql("select count(*) from document where status <> 'pending'").scalar()
                if done >= 3:
                    break
                time.sleep(0.2)
            assert proc.poll() is None, "the run ended before the restart: make the inbox slower"
            try:
                _pg_restart()  # once, a few seconds down
            finally:
                _pg_ensure_up()
            code, out, err = _finish(proc)
            first = code
            # whatever the first run did (finished thanks to its retries, or gave up), a re-run finishes
            code, out, err = _finish(_drive(url, home, inbox))
            assert code == 0, f"{out}\n{err[-3000:]}"
            print(f"first run exit {first} (done before restart: {done}); second run: {out.strip()}")
            assert_exactly_once(engine, files, BlobStore(home / "store"))
        finally:
            engine.dispose()
    finally:
        _pg_ensure_up()
        drop()
