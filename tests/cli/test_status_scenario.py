"""Issue 3's hand-computed scenario (tests/rules/test_scenario.py: three years, fourteen
claims, the volunteer cap hit, board and committee at the same level, a teaching repeat)
stored in a real database and checked through `cecintake status --json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cecintake.domain import Status
from cecintake.storage import open_database, session_scope
from cecintake.storage import repo
from cecintake.storage.tables import DocumentRow
from tests.rules.builders import CERT, OFFERINGS
from tests.rules.test_scenario import ARRIVALS, EXPECTED, _claims, _intake

from .test_cli_e2e import cecintake


def _store(db_url: str) -> None:
    journal, pending, _ = _intake(ARRIVALS["scrambled"])
    engine = open_database(db_url)
    with session_scope(engine) as s:
        repo.upsert_certificants(session=s, certificants=[CERT])
        for i, doc in enumerate(sorted(_claims())):
            repo.register_document(session=s, sha256=_sha(i), source_path=f"{doc}.pdf",
                                   original_filename=f"{doc}.pdf", size=1, certificant_id=CERT.certificant_id,
                                   submitted_at=None, run_id=None)
        ids = {doc: repo.document_id_for(_sha(i)) for i, doc in enumerate(sorted(_claims()))}
        for doc, c in _claims().items():
            repo.save_fields(session=s, document_id=ids[doc], evidence=c.evidence)
            row = s.get(DocumentRow, ids[doc])
            row.doc_type, row.doc_type_confidence = c.evidence.doc_type.value, c.evidence.doc_type_confidence
            row.text_source = c.evidence.text_source.value
            s.add(row)
            repo.set_status(session=s, document_id=ids[doc], status=Status.REJECTED)
        repo.upsert_offerings(session=s, offerings=list(OFFERINGS.values()))
        for e in journal:
            repo.put_journal_entry(session=s, entry=type(e)(**{**_fields(e), "document_id": ids[e.document_id]}))
            repo.set_status(session=s, document_id=ids[e.document_id], status=Status.AUTO_ACCEPTED)
        from cecintake.domain import CreditProposal, Route

        for e in pending:
            doc_id = ids[e.document_id]
            repo.save_proposal(session=s, document_id=doc_id, proposal=CreditProposal(
                category=e.category, cecs=e.cecs, rule_ids=e.rule_ids, explanation="pending", confidence=0.6,
                route=Route.REVIEW, activity_date=e.activity_date, activity_key=e.activity_key))
            repo.set_status(session=s, document_id=doc_id, status=Status.NEEDS_REVIEW)
    engine.dispose()


def _sha(i: int) -> str:
    return f"{i:02x}" * 32


def _fields(e) -> dict:  # noqa: ANN001
    return {f: getattr(e, f) for f in e.__dataclass_fields__}


def test_status_json_matches_the_hand_computed_scenario(db_url: str, tmp_path: Path) -> None:
    _store(db_url)
    res = cecintake("status", CERT.certificant_id, "--json", "--on", "2025-05-01", db=db_url, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == EXPECTED


def test_status_text_shows_years_and_shortfall(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    _store(db)
    res = cecintake("status", CERT.certificant_id, db=db, cwd=tmp_path)
    assert res.returncode == 0
    assert "earned 48 of 50 (shortfall 2)" in res.stdout and "pending review 4" in res.stdout


@pytest.mark.parametrize("cid", ["C-404", "'; DROP TABLE certificant; --"])
def test_status_of_an_unknown_certificant_is_not_found(tmp_path: Path, cid: str) -> None:
    res = cecintake("status", cid, db=f"sqlite:///{tmp_path / 'n.db'}", cwd=tmp_path)
    assert res.returncode == 4 and "no certificant" in res.stderr


def test_rules_diff_reports_what_a_raised_volunteer_cap_would_change(tmp_path: Path) -> None:
    """Policy what-if: the same stored claims under a cap of 8 instead of 5 give D10 its 2.5 CECs."""
    db = f"sqlite:///{tmp_path / 'w.db'}"
    _store(db)
    policy = (Path(__file__).resolve().parents[2] / "src" / "cecintake" / "rules" / "policy.yaml").read_text()
    new = tmp_path / "new.yaml"
    new.write_text(policy.replace("max_cecs: 5\n", "max_cecs: 8\n", 1).replace('version: "2025.1"', 'version: "what-if"'))
    res = cecintake("rules", "diff", "--policy", str(new), "--json", db=db, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["new_policy"] == "what-if"
    (cert,) = report["certificants"]
    assert cert["certificant_id"] == CERT.certificant_id
    assert cert["new_total"] - cert["old_total"] == pytest.approx(2.5)
    changed = {c["document_id"]: c for c in cert["changes"]}
    assert len(changed) == 1
    (change,) = changed.values()
    assert change["old"]["cecs"] == 0 and change["new"]["cecs"] == 2.5


def test_rules_diff_with_an_invalid_policy_names_the_key(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    policy = (Path(__file__).resolve().parents[2] / "src" / "cecintake" / "rules" / "policy.yaml").read_text()
    bad.write_text(policy.replace("max_cecs: 5\n", "max_cecs: -1\n", 1))
    res = cecintake("rules", "diff", "--policy", str(bad), db=f"sqlite:///{tmp_path / 'b.db'}", cwd=tmp_path)
    assert res.returncode == 7 and "cat7.cap" in res.stderr
