"""The CLI the way a user runs it: a subprocess `cecintake`, real generated PDFs, real
SQLite and PostgreSQL, the export validated against the contract's JSON Schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from fixtures.generate import generate, write_manifest, write_offerings, write_roster

SCHEMA = Path(__file__).resolve().parents[3] / "shared" / "contracts" / "evidence-export.schema.json"
CLI = [sys.executable, "-c", "import sys; from cecintake.cli import run; sys.argv[0] = 'cecintake'; run()"]


def cecintake(*args: str, db: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CECINTAKE_DB_URL": db, "CECINTAKE_HOME": str(cwd / ".cecintake")}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, env=env, input=stdin,
                          timeout=600)


@pytest.fixture
def certificates(tmp_path: Path) -> tuple[Path, list]:
    samples = generate(tmp_path / "uploads", count=6, seed=11, kinds=["training_certificate"], split="train")
    write_roster(tmp_path / "uploads" / "ROSTER.csv", samples)
    write_offerings(tmp_path / "uploads" / "OFFERINGS.csv", samples)
    write_manifest(tmp_path / "uploads" / "MANIFEST.csv", samples)
    return tmp_path / "uploads", samples


@pytest.mark.slow
def test_ingest_then_export_gives_schema_valid_category_2_records(db_url: str, tmp_path: Path,
                                                                   certificates: tuple[Path, list]) -> None:
    folder, samples = certificates
    assert cecintake("certificants", "import", str(folder / "ROSTER.csv"), db=db_url, cwd=tmp_path).returncode == 0
    assert cecintake("registry", "import", str(folder / "OFFERINGS.csv"), db=db_url, cwd=tmp_path).returncode == 0
    run = cecintake("ingest", "--manifest", str(folder / "MANIFEST.csv"), "--no-progress", db=db_url, cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert "files seen" in run.stdout and "6" in run.stdout
    exp = cecintake("export", "--output", str(tmp_path / "export.jsonl"), db=db_url, cwd=tmp_path)
    assert exp.returncode == 0, exp.stderr
    records = [json.loads(line) for line in (tmp_path / "export.jsonl").read_text().splitlines()]
    assert len(records) == len(samples)
    schema = json.loads(SCHEMA.read_text())
    truth = {Path(s.path).name: s.truth for s in samples}
    for rec in records:
        jsonschema.validate(rec, schema)
        assert rec["status"] != "failed", rec["error"]
        t = truth[Path(rec["file"]).name]
        assert rec["doc_type"]["value"] == "completion_certificate"
        if rec["status"] == "auto_accepted":  # nothing auto-accepted may be wrong
            assert rec["proposal"]["category"] == t["expected"]["category"] == 2
            assert rec["proposal"]["cecs"] == pytest.approx(t["expected"]["cecs"])
            assert rec["proposal"]["rule_ids"] and rec["proposal"]["explanation"]
        else:
            assert rec["review_reasons"], "a document in review must say why"
    assert any(r["status"] == "auto_accepted" for r in records), [r["review_reasons"] for r in records]

    again = cecintake("ingest", "--manifest", str(folder / "MANIFEST.csv"), "--no-progress", db=db_url, cwd=tmp_path)
    assert again.returncode == 0 and "already known" in again.stdout
    exp2 = cecintake("export", db=db_url, cwd=tmp_path)
    assert exp2.stdout.count("\n") == len(samples), "re-running an ingest must not double anything"

    accepted = [r for r in records if r["status"] == "auto_accepted"]
    cid = accepted[0]["certificant_id"]
    status = cecintake("status", cid, "--json", db=db_url, cwd=tmp_path)
    report = json.loads(status.stdout)
    earned = sum(r["proposal"]["cecs"] for r in accepted if r["certificant_id"] == cid
                 and report["cycle_start"] <= r["fields"]["start_date"]["value"] <= report["cycle_end"])
    assert report["earned_total"] == pytest.approx(earned)
    assert set(report) >= {"certificant_id", "level", "cycle_start", "cycle_end", "required_total", "earned_total",
                           "pending_total", "years", "by_category", "volunteer_used", "volunteer_cap", "shortfall"}


def test_bad_csv_row_is_reported_with_its_line_and_nothing_is_written(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'db.sqlite'}"
    roster = tmp_path / "ROSTER.csv"
    roster.write_text("certificant_id,full_name,level,cycle_start\nC-1,Ann Lee,CERP,2022-01-01\n"
                      "C-2,Bo Li,CERP,2022-02-30\n", encoding="utf-8")
    res = cecintake("certificants", "import", str(roster), db=db, cwd=tmp_path)
    assert res.returncode == 3
    assert "line 3" in res.stderr and "cycle_start" in res.stderr
    status = cecintake("status", "C-1", db=db, cwd=tmp_path)
    assert status.returncode == 4, "the good row before the bad one must not have been written"


def test_ingest_of_a_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    res = cecintake("ingest", str(tmp_path / "nope"), db=f"sqlite:///{tmp_path / 'd.db'}", cwd=tmp_path)
    assert res.returncode == 3 and "no such file" in res.stderr


def test_unreachable_database_is_exit_6_with_a_hint(tmp_path: Path) -> None:
    res = cecintake("status", "C-1", db="postgresql://nobody@127.0.0.1:1/none", cwd=tmp_path)
    assert res.returncode == 6, res.stderr
    assert "database" in res.stderr


def test_error_messages_print_user_text_literally(tmp_path: Path) -> None:
    """A value from a CSV is shown as written, never interpreted as console markup."""
    roster = tmp_path / "ROSTER.csv"
    roster.write_text("certificant_id,full_name,level,cycle_start\nC-1,Ann,[bold]X[/bold],2022-01-01\n", encoding="utf-8")
    res = cecintake("certificants", "import", str(roster), db=f"sqlite:///{tmp_path / 'e.db'}", cwd=tmp_path)
    assert res.returncode == 3 and "'[bold]X[/bold]'" in res.stderr
