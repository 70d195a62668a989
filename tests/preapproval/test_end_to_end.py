"""Pre-approval end to end: a generated application packet through intake (the flow's own
steps), the committee's approval with the real CLI, the approval code issued and a completion
certificate carrying it credited from the register; termination; the 6-week deadline."""

from __future__ import annotations

import datetime as dt
import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from cecintake.cli import main
from cecintake.config import Settings
from cecintake.errors import ExitCode
from cecintake.csvio import read_manifest
from cecintake.storage import BlobStore, open_database, repo, session_scope
from fixtures.applications import completion_certificate, make_packet, write_manifest

CERTIFICANT = "C-00017"
NAME = "Maria L. Fernandez"


def _ingest(settings: Settings, paths: list[Path], manifest: Path | None = None) -> None:
    """The intake flow's steps, in process: collect, register, analyse, decide, store."""
    from cecintake import intake
    from cecintake.rules import RoutingThresholds

    engine = open_database(settings.db_url)
    store = BlobStore(settings.store_dir)
    rows = read_manifest(manifest) if manifest else []
    with session_scope(engine) as s:
        known = repo.certificant_ids(session=s)
    summary = intake.IntakeSummary(run_id="R-test")
    intake.register_uploads(engine, store, intake.collect_uploads(paths, rows, known), run_id="R-test",
                            summary=summary)
    intake.process_pending(engine, store, settings, thresholds=RoutingThresholds(),
                           document_ids=None, progress=None, summary=summary, workers=1)
    engine.dispose()


def _cli(settings: Settings, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(["--db", settings.db_url, "--home", str(settings.home), *args])
    return rc, capsys.readouterr().out


def _json(settings: Settings, capsys: pytest.CaptureFixture[str], *args: str):  # noqa: ANN202
    rc, out = _cli(settings, capsys, *args)
    assert rc == 0, out
    return json.loads(out)


def _status(settings: Settings, doc_file: str) -> dict:
    engine = open_database(settings.db_url)
    with session_scope(engine) as s:
        rec = next(r for r in repo.iter_records(session=s) if r.file.endswith(doc_file))
    engine.dispose()
    return {"status": rec.status.value, "reasons": {r.code.value for r in rec.reasons},
            "cecs": rec.proposal.cecs if rec.proposal else None}


@pytest.fixture()
def world(tmp_path: Path, capsys: pytest.CaptureFixture[str]):  # noqa: ANN201
    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'pa.db'}")
    roster = tmp_path / "ROSTER.csv"
    roster.write_text(f"certificant_id,full_name,level,cycle_start\n{CERTIFICANT},{NAME},CERP,2022-04-01\n")
    assert _cli(settings, capsys, "certificants", "import", str(roster))[0] == 0
    submitted = datetime.now(timezone.utc) - timedelta(days=3)
    packet = make_packet(tmp_path / "packet", seed=7, start=dt.date(2025, 6, 14), application_id="APP-0007",
                         submitted_at=submitted.isoformat())
    manifest = write_manifest(tmp_path / "packet" / "manifest.csv", packet.manifest_rows)
    _ingest(settings, [], manifest)
    return settings, packet, submitted, tmp_path


def test_packet_to_code_to_credited_certificate(world, capsys) -> None:  # noqa: ANN001
    settings, packet, submitted, tmp = world
    t = packet.truth
    [app] = _json(settings, capsys, "applications", "list", "--json")
    assert (app["application_id"], app["status"], app["sponsor"], app["title"]) == \
        ("APP-0007", "pending", t["sponsor"], t["title"])
    assert len(app["documents"]) == len(packet.files)  # syllabus and résumés: one application
    assert app["cecs"] == pytest.approx(t["contact_hours"]) and app["reasons"] == []
    # the committee's item is in the same review queue, due 6 weeks after the application
    queue = _json(settings, capsys, "review", "list", "--json")
    item = next(i for i in queue if i["document_id"] == app["primary_document_id"])
    assert datetime.fromisoformat(item["due_at"]) == submitted + timedelta(weeks=6)
    assert len([i for i in queue if i["document_id"] in app["documents"]]) == 1
    assert "preapproval_application" in {r["code"] for r in item["reasons"]}
    shown = _json(settings, capsys, "applications", "show", "APP-0007", "--json")["application"]
    assert shown["contact_email"] == t["contact_email"] and len(shown["objectives"]) == 3
    assert [i["name"] for i in shown["instructors"]] == [i["name"] for i in t["instructors"]]

    rc, out = _cli(settings, capsys, "applications", "decide", "APP-0007", "--reviewer", "alice", "--approve",
                   "--note", "objectives and schedule clear")
    assert rc == 0, out
    decided = _json(settings, capsys, "applications", "show", "APP-0007", "--json")
    code = decided["approval_code"]
    assert decided["status"] == "approved" and code == f"SER-PA-{datetime.now(timezone.utc).year}-0001"
    letters = list(settings.outbox_dir.glob("*APP-0007-approved.eml"))
    assert len(letters) == 1 and code in letters[0].read_text() and "6 years" in letters[0].read_text()
    assert not [i for i in _json(settings, capsys, "review", "list", "--json") if i["document_id"] in app["documents"]]
    assert _cli(settings, capsys, "applications", "decide", "APP-0007", "--reviewer", "bob", "--deny",
                "--note", "again")[0] != 0  # decided once

    # a participant's confirmation of completion carrying the code: the register's CECs
    (tmp / "C-00017").mkdir()
    cert = completion_certificate(tmp / "C-00017" / "cert.pdf", participant=NAME, title=t["title"], sponsor=t["sponsor"], code=code,
                                  on=dt.date(2025, 6, 14), hours=t["contact_hours"])
    _ingest(settings, [cert])
    got = _status(settings, "C-00017/cert.pdf")
    assert got["status"] == "auto_accepted" and got["cecs"] == pytest.approx(app["cecs"])
    status = _json(settings, capsys, "status", CERTIFICANT, "--json", "--on", "2025-12-31")
    assert status["earned_total"] == pytest.approx(app["cecs"]) and status["by_category"] == {"2": app["cecs"]}

    # the calendar
    assert _cli(settings, capsys, "registry", "export", "--csv", str(tmp / "reg.csv"), "--html",
                str(tmp / "cal.html"))[0] == 0
    assert code in (tmp / "reg.csv").read_text() and code in (tmp / "cal.html").read_text()


def test_termination_sends_later_certificates_to_review(world, capsys) -> None:  # noqa: ANN001
    settings, packet, _, tmp = world
    t = packet.truth
    rc, out = _cli(settings, capsys, "applications", "decide", "APP-0007", "--reviewer", "alice", "--approve",
                   "--valid-to", "2030-01-01", "--note", "runs every summer")
    assert rc == 0 and "capped at 2027-06-13" in out  # a recurring course: two years at most
    shown = _json(settings, capsys, "applications", "show", "APP-0007", "--json")
    code = shown["approval_code"]
    assert (shown["valid_from"], shown["valid_to"]) == ("2025-06-14", "2027-06-13")
    rc, out = _cli(settings, capsys, "registry", "terminate", code, "--reason", "instructor not as approved",
                   "--on", "2025-06-10")
    assert rc == 0 and "appeal until 2025-07-10" in out
    assert _json(settings, capsys, "applications", "show", "APP-0007", "--json")["termination"]["appeal_until"] \
        == "2025-07-10"
    assert list(settings.outbox_dir.glob(f"*{code}-terminated.eml"))
    (tmp / "C-00017").mkdir()
    cert = completion_certificate(tmp / "C-00017" / "late.pdf", participant=NAME, title=t["title"],
                                  sponsor=t["sponsor"], code=code, on=dt.date(2025, 6, 14), hours=5)
    _ingest(settings, [cert])
    got = _status(settings, "C-00017/late.pdf")
    assert got["status"] == "needs_review" and "approval_code_terminated" in got["reasons"]
    assert _cli(settings, capsys, "registry", "terminate", code, "--reason", "again")[0] != 0
    _cli(settings, capsys, "registry", "export", "--html", str(tmp / "cal.html"))
    assert "appeal until 2025-07-10" in (tmp / "cal.html").read_text()


def test_six_week_deadline_is_shown_and_reported_overdue(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'late.db'}")
    packet = make_packet(tmp_path / "p", seed=9, with_resumes=False, application_id="APP-LATE",
                         submitted_at="2025-01-06T09:00:00Z")
    _ingest(settings, [], write_manifest(tmp_path / "p" / "manifest.csv", packet.manifest_rows))
    [app] = _json(settings, capsys, "applications", "list", "--overdue", "--json")
    assert app["due_at"].startswith("2025-02-17") and app["overdue"] is True
    rc, out = _cli(settings, capsys, "applications", "list")
    assert rc == 0 and "OVERDUE" in out and "past the 6-week decision deadline" in out
    overdue = _json(settings, capsys, "review", "overdue", "--json")
    assert [i["document_id"] for i in overdue] == [app["primary_document_id"]]


def test_a_syllabus_of_no_certificant_becomes_an_application(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'alone.db'}")
    packet = make_packet(tmp_path / "p", seed=11, with_resumes=False, online=True)
    _ingest(settings, [packet.files[0]])
    [app] = _json(settings, capsys, "applications", "list", "--json")
    assert app["application_id"].startswith("A-") and app["status"] == "pending"
    shown = _json(settings, capsys, "applications", "show", app["application_id"], "--json")["application"]
    assert shown["delivery_mode"] == "online" and shown["attendance_verification"]
    rc, out = _cli(settings, capsys, "applications", "decide", app["application_id"], "--reviewer", "bob", "--deny",
                   "--note", "objectives too vague")
    assert rc == 0 and "denied" in out
    assert "objectives too vague" in next(settings.outbox_dir.glob("*-denied.eml")).read_text()
    assert _status(settings, packet.files[0].name)["status"] == "denied"


def test_review_decide_on_an_application_points_to_the_committee_command(world, capsys) -> None:  # noqa: ANN001
    """An application's item sits in the review queue, but approving it there would neither
    issue a code nor write the sponsor's letter: the command refuses and names the right one."""
    settings, _packet, _submitted, _tmp = world
    [app] = _json(settings, capsys, "applications", "list", "--json")
    capsys.readouterr()
    rc = main(["--db", settings.db_url, "--home", str(settings.home), "review", "decide",
               app["primary_document_id"], "--reviewer", "alice", "--approve", "--note", "looks fine"])
    err = capsys.readouterr().err
    assert rc == ExitCode.CONFLICT
    assert "APP-0007" in err and "applications decide APP-0007 --reviewer alice --approve" in err
    assert _json(settings, capsys, "applications", "show", "APP-0007", "--json")["status"] == "pending"
