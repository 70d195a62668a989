"""The commands as a user runs them: a quiet terminal (no traceback from Prefect's
temporary server), a summary, a fast no-op re-run; the schedule's deployment in code."""

from __future__ import annotations

import time
from pathlib import Path

from .conftest import cli_env, run_cli


def _pdf(i: int) -> bytes:
    from tests.extractors.reading.make import text_pdf

    return text_pdf(1) + f"\n% doc {i}\n".encode()


def test_ingest_in_a_subprocess_is_quiet_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    docs = tmp_path / "uploads"
    docs.mkdir()
    for i in range(3):
        (docs / f"d{i}.pdf").write_bytes(_pdf(i))
    (docs / "broken.pdf").write_bytes(b"%PDF-1.7 not really")
    time.sleep(2.2)  # file ctimes older than the first look, so the re-run needs no hashing
    env = cli_env(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path / "home")
    first = run_cli(["ingest", str(docs), "--no-progress"], env)
    assert first.returncode == 0, first.stderr
    assert "Traceback" not in first.stderr and "ERROR" not in first.stderr, first.stderr
    assert "4 processed" in first.stdout and "failed" in first.stdout
    started = time.monotonic()
    second = run_cli(["ingest", str(docs), "--no-progress"], env)
    assert second.returncode == 0 and "Traceback" not in second.stderr, second.stderr
    assert "nothing new" in second.stdout
    assert time.monotonic() - started < 15, "a no-op re-run does not start the engine"


def test_ingest_with_a_broken_policy_file_fails_first_naming_the_key(tmp_path: Path) -> None:
    """The policy is parsed before the engine starts: a broken file is one clear error (the
    policy's exit code, the key named), and no document is taken in under it."""
    import sqlite3

    docs = tmp_path / "uploads"
    docs.mkdir()
    (docs / "d0.pdf").write_bytes(_pdf(0))
    policy = (Path(__file__).resolve().parents[2] / "src" / "cecintake" / "rules" / "policy.yaml").read_text()
    bad = tmp_path / "bad.yaml"
    bad.write_text(policy.replace("max_cecs: 5\n", "max_cecs: -1\n", 1))
    env = cli_env(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path / "home")
    env["CECINTAKE_POLICY"] = str(bad)
    r = run_cli(["ingest", str(docs), "--no-progress"], env, timeout=120)
    assert r.returncode == 7, (r.stdout, r.stderr)
    assert "max_cecs" in r.stderr and "Traceback" not in r.stderr, r.stderr
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        assert db.execute("select count(*) from document").fetchone() == (0,)


def test_ingest_against_a_prefect_server_that_does_not_answer_is_one_clear_error(tmp_path: Path) -> None:
    """PREFECT_API_URL naming a server that is down: an error and a hint, no traceback, and
    nothing taken in (the same command runs once the server is up)."""
    import socket
    import sqlite3

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    docs = tmp_path / "uploads"
    docs.mkdir()
    (docs / "d0.pdf").write_bytes(_pdf(0))
    env = cli_env(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path / "home")
    env["PREFECT_API_URL"] = f"http://127.0.0.1:{port}/api"
    r = run_cli(["ingest", str(docs), "--no-progress"], env, timeout=180)
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "did not answer" in r.stderr and "PREFECT_API_URL" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr, r.stderr
    with sqlite3.connect(tmp_path / "db.sqlite") as db:
        assert db.execute("select count(*) from document").fetchone() == (0,)


def test_schedule_rejects_a_bad_cron_before_starting_anything(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    env = cli_env(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path / "home")
    r = run_cli(["schedule", "--inbox", str(inbox), "--cron", "every night"], env, timeout=60)
    assert r.returncode != 0 and "not a cron expression" in r.stderr
    assert "Traceback" not in r.stderr


def test_nightly_deployment_is_declared_in_code_with_its_cron() -> None:
    from cecintake.flows.nightly import DEFAULT_CRON, nightly_deployment

    dep = nightly_deployment(inbox="/srv/uploads", db_url=None, home=None)
    assert dep.name == "nightly"
    assert [s.schedule.cron for s in dep.schedules] == [DEFAULT_CRON] == ["0 2 * * *"]
    assert dep.parameters["inbox"] == "/srv/uploads"


_EARLY_SERVER_SCRIPT = r"""
import os, sys, threading
import psutil
from prefect import flow
import cecintake.cli.intake_cmds as ic

ic._early.append(threading.Thread(target=ic._spawn_temporary_server))
ic._early[-1].start()
(port, proc), = (ic._early[-1].join(), ic._spawned)[1]
spawned = proc.pid

@flow
def where():
    from prefect.client.orchestration import get_client
    with get_client(sync_client=True) as c:
        return str(c.api_url)

url = ic.run_engine(where)
servers = [p for p in psutil.Process().children(recursive=True) if "uvicorn" in " ".join(p.cmdline())]
print(port, spawned, url, [p.pid for p in servers])
"""


def test_the_early_started_temporary_server_is_the_one_prefect_uses_and_is_stopped_at_exit(tmp_path: Path) -> None:
    """ingest boots Prefect's temporary server before importing Prefect's server package; the flow
    must run against that very process (no second server), which is gone when the command ends."""
    import subprocess
    import sys

    import psutil

    env = cli_env(f"sqlite:///{tmp_path / 'db.sqlite'}", tmp_path / "home")
    r = subprocess.run([sys.executable, "-c", _EARLY_SERVER_SCRIPT], env=env, capture_output=True, text=True,
                       timeout=300)
    assert r.returncode == 0, r.stderr
    port, spawned, url, servers = r.stdout.strip().splitlines()[-1].split(" ", 3)
    assert url == f"http://127.0.0.1:{port}/api/"
    assert servers == f"[{spawned}]"
    assert not psutil.pid_exists(int(spawned)) or psutil.Process(int(spawned)).status() == psutil.STATUS_ZOMBIE
