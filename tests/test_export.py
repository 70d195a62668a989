"""Export records: contract section 4 shape, schema-valid, CSV safe against formulas."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timezone
from pathlib import Path

import jsonschema
import pytest

from cecintake.domain import (
    Category,
    CreditProposal,
    DocType,
    DocumentError,
    DocumentRecord,
    ErrorCode,
    ExtractedField,
    FieldName,
    InstructorInfo,
    Reason,
    ReasonCode,
    Route,
    Status,
    TextSource,
)
from cecintake.export import csv_chunks, jsonl_lines, to_record

SCHEMA_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "contracts" / "evidence-export.schema.json"


@pytest.fixture(scope="module")
def schema() -> dict:
    if not SCHEMA_PATH.exists():
        pytest.skip(f"contract schema not found at {SCHEMA_PATH}")
    return json.loads(SCHEMA_PATH.read_text())


def _record(**overrides) -> DocumentRecord:  # noqa: ANN003
    base = dict(
        document_id="D-0123456789abcdef", sha256="a" * 64, file="uploads/C-00017/cert.pdf",
        original_filename="cert.pdf", media_type="application/pdf", size=1234, certificant_id="C-00017",
        status=Status.AUTO_ACCEPTED, registered_at=datetime(2025, 3, 14, tzinfo=timezone.utc),
        doc_type=DocType.COMPLETION_CERTIFICATE, doc_type_confidence=0.97, text_source=TextSource.TEXT_LAYER,
        fields={FieldName.CONTACT_HOURS: ExtractedField(FieldName.CONTACT_HOURS, 6.5, 0.95, 1,
                                                        (72.0, 210.5, 300.1, 228.0), "Contact hours: 6.5"),
                FieldName.START_DATE: ExtractedField(FieldName.START_DATE, date(2025, 3, 3), 0.93, 1, None, "x")},
        instructors=(InstructorInfo("Dana Whitfield", ("PhD", "CERP"), qualified=True, confidence=0.9),),
        proposal=CreditProposal(Category.TRAINING, 6.5, ("cat2.hours",), "6.5 hours at 1 CEC per hour", 0.93,
                                Route.ACCEPT),
    )
    base.update(overrides)
    return DocumentRecord(**base)


def test_record_has_the_contract_shape_and_validates(schema: dict) -> None:
    rec = to_record(_record())
    jsonschema.validate(rec, schema)
    assert rec["fields"]["start_date"]["value"] == "2025-03-03"
    assert rec["proposal"] == {"category": 2, "cecs": 6.5, "rule_ids": ["cat2.hours"], "confidence": 0.93,
                               "explanation": "6.5 hours at 1 CEC per hour"}


def test_failed_and_interrupted_records_validate_with_an_error(schema: dict) -> None:
    failed = to_record(_record(status=Status.FAILED, proposal=None, fields={}, instructors=(),
                               error=DocumentError(ErrorCode.ENCRYPTED_PDF, "send an unprotected copy")))
    jsonschema.validate(failed, schema)
    assert failed["error"]["code"] == "encrypted_pdf"
    pending = to_record(_record(status=Status.PENDING, proposal=None, fields={}))
    jsonschema.validate(pending, schema)
    assert pending["status"] == "failed" and pending["error"]["code"] == "interrupted"


def test_review_reasons_are_exported(schema: dict) -> None:
    rec = to_record(_record(status=Status.NEEDS_REVIEW,
                            reasons=(Reason(ReasonCode.LOW_CONFIDENCE, "contact hours read by OCR at 0.41"),)))
    jsonschema.validate(rec, schema)
    assert rec["review_reasons"] == [{"code": "low_confidence", "message": "contact hours read by OCR at 0.41"}]


def test_jsonl_is_one_object_per_line() -> None:
    lines = list(jsonl_lines([_record(), _record(document_id="D-2")]))
    assert len(lines) == 2 and all(line.endswith("\n") and json.loads(line) for line in lines)


@pytest.mark.parametrize("hostile", ["=HYPERLINK(\"http://x\")", "+1+2", "-2+3", "@SUM(A1)"])
def test_csv_cells_never_start_a_formula(hostile: str) -> None:
    title = ExtractedField(FieldName.ACTIVITY_TITLE, hostile, 0.9, 1, None, hostile)
    text = "".join(csv_chunks([_record(fields={FieldName.ACTIVITY_TITLE: title})]))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["activity_title"] == "'" + hostile
    assert rows[0]["cecs"] == "6.5"
