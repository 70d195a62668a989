"""The review commands end to end on generated fixtures taken in by the real intake steps."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from cecintake.cli import main
from cecintake.config import Settings
from cecintake.csvio import read_manifest, read_roster, read_offerings  # noqa: F401
from cecintake.errors import ExitCode
from cecintake.storage import BlobStore, open_database, repo, session_scope

fixtures = pytest.importorskip("fixtures.generate")


@pytest.fixture(scope="module")
def fx(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("fx")
    samples = fixtures.generate(root / "docs", count=8, seed=11)
    fixtures.write_roster(root / "ROSTER.csv", samples)
    fixtures.write_offerings(root / "OFFERINGS.csv", samples)
    fixtures.write_manifest(root / "MANIFEST.csv", samples)
    return root, samples


def _ingest(settings: Settings, root: Path) -> None:
    from cecintake import intake
    from cecintake.rules import RoutingThresholds

    engine = open_database(settings.db_url)
    assert main(["--db", settings.db_url, "--home", str(settings.home), "certificants", "import",
                 str(root / "ROSTER.csv")]) == 0
    store = BlobStore(settings.store_dir)
    rows = read_manifest(root / "MANIFEST.csv")
    with session_scope(engine) as s:
        known = repo.certificant_ids(session=s)
    summary = intake.IntakeSummary(run_id="R-test")
    intake.register_uploads(engine, store, intake.collect_uploads([], rows, known), run_id="R-test", summary=summary)
    intake.process_pending(engine, store, settings, thresholds=RoutingThresholds(),
                           document_ids=None, progress=None, summary=summary, workers=1)
    engine.dispose()


def _run(settings: Settings, capsys, *args: str, stdin: str | None = None) -> tuple[int, str]:
    capsys.readouterr()
    old = sys.stdin
    if stdin is not None:
        sys.stdin = io.StringIO(stdin)
    try:
        rc = main(["--db", settings.db_url, "--home", str(settings.home), *args])
    finally:
        sys.stdin = old
    return rc, capsys.readouterr().out


def test_queue_commands_end_to_end(fx, tmp_path, capsys):
    root, _ = fx
    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'c.db'}")
    _ingest(settings, root)
    rc, out = _run(settings, capsys, "review", "list", "--json")
    assert rc == 0
    items = json.loads(out)
    assert items, "the generated fixtures should send something to review"
    assert [i["submitted_at"] for i in items] == sorted(i["submitted_at"] for i in items)
    assert all(i["reasons"] and i["due_at"] for i in items)
    rc, out = _run(settings, capsys, "review", "claim", "--reviewer", "alice")
    doc = out.strip()
    assert rc == 0 and doc == items[0]["document_id"]
    rc, out = _run(settings, capsys, "review", "show", doc)
    assert rc == 0 and "history:" in out and "claimed" in out
    rc, _ = _run(settings, capsys, "review", "decide", doc, "--reviewer", "bob", "--approve", "--note", "x")
    assert rc == ExitCode.CONFLICT
    rc, _ = _run(settings, capsys, "review", "decide", doc, "--reviewer", "alice", "--approve", "--deny",
                 "--note", "x")
    assert rc == ExitCode.INPUT_FILE
    rc, _ = _run(settings, capsys, "review", "decide", doc, "--reviewer", "alice", "--approve", "--set",
                 "bogus=1", "--note", "x")
    assert rc == ExitCode.USAGE
    rc, _ = _run(settings, capsys, "review", "release", doc, "--reviewer", "alice")
    assert rc == 0
    ok = [i for i in items if i["certificant_id"] and not {r["code"] for r in i["reasons"]}
          & {"outside_cycle", "future_date", "unknown_certificant"}]
    assert ok, items
    doc, cid = ok[0]["document_id"], ok[0]["certificant_id"]
    rc, out = _run(settings, capsys, "review", "claim", "--reviewer", "alice", "--document", doc)
    assert rc == 0 and out.strip() == doc
    _, before = _run(settings, capsys, "status", cid, "--json")
    rc, out = _run(settings, capsys, "review", "decide", doc, "--reviewer", "alice", "--approve",
                   "--set", "contact_hours=3", "--category", "2", "--note", "hours per the agenda")
    assert rc == 0, out
    assert "approved" in out and (settings.outbox_dir).glob("*.eml")
    _, after = _run(settings, capsys, "status", cid, "--json")
    assert json.loads(after)["earned_total"] == json.loads(before)["earned_total"] + 3.0
    corrections = tmp_path / "corr.jsonl"
    rc, out = _run(settings, capsys, "review", "corrections", "--output", str(corrections))
    assert rc == 0 and "contact_hours" in out
    assert json.loads(corrections.read_text().splitlines()[0])["corrected"] == 3
    rc, out = _run(settings, capsys, "review", "overdue", "--json")
    assert rc == 0 and isinstance(json.loads(out), list)


def test_users_add_reads_password_from_stdin(tmp_path, capsys):
    from cecintake.review import Role, authenticate

    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'c.db'}")
    rc, out = _run(settings, capsys, "users", "add", "alice", "--role", "coordinator",
                   stdin="correct horse battery\n")
    assert rc == 0 and "created" in out
    rc, _ = _run(settings, capsys, "users", "add", "bob", "--role", "admin", stdin="correct horse battery\n")
    assert rc != 0
    rc, _ = _run(settings, capsys, "users", "add", "bob", "--role", "reviewer", stdin="short\n")
    assert rc == ExitCode.USAGE
    engine = open_database(settings.db_url)
    user = authenticate(engine, name="alice", password="correct horse battery")
    assert user is not None and user.role is Role.COORDINATOR
    assert authenticate(engine, name="alice", password="wrong") is None
    with session_scope(engine) as s:
        from cecintake.storage.repo import review as rq

        assert rq.get_user(session=s, name="alice").password_hash.startswith("$argon2id$")


def test_every_review_command_has_an_example():
    import typer

    from cecintake.cli import _register_commands, app

    _register_commands()
    group = typer.main.get_command(app)
    for name in ("review", "users"):
        sub = group.commands[name]
        for cmd_name, cmd in sub.commands.items():
            assert "Example:" in (cmd.help or ""), f"{name} {cmd_name} lacks an example"
