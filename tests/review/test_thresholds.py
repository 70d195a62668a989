"""The threshold trade-off: a stricter threshold sends more to people and lets fewer errors through."""

from __future__ import annotations

from datetime import date, datetime, timezone

from cecintake.domain import (
    Certificant,
    CertificantLevel,
    DocType,
    Evidence,
    ExtractedField,
    FieldName,
    TextSource,
)
from cecintake.review.thresholds import LabelledCase, tradeoff
from cecintake.rules import load_policy

CERT = Certificant("C-1", "Maria Fernandez", CertificantLevel.CERP, date(2022, 4, 1))


def _case(doc: str, hours: float, conf: float, truth_cecs: float) -> LabelledCase:
    f = {n: ExtractedField(n, v, 0.99) for n, v in (
        (FieldName.PARTICIPANT_NAME, "Maria Fernandez"), (FieldName.ACTIVITY_TITLE, f"Workshop {doc}"),
        (FieldName.PROVIDER, "Tallgrass Network"), (FieldName.START_DATE, date(2024, 5, 2)),
        (FieldName.END_DATE, date(2024, 5, 2)))}
    f[FieldName.CONTACT_HOURS] = ExtractedField(FieldName.CONTACT_HOURS, hours, conf)
    ev = Evidence(DocType.COMPLETION_CERTIFICATE, 0.99, TextSource.TEXT_LAYER, f)
    return LabelledCase(doc, ev, CERT, datetime(2024, 6, 1, tzinfo=timezone.utc), 2, truth_cecs, "accept", 1.0)


def test_tradeoff_moves_the_right_way():
    cases = [_case("a", 6, 0.97, 6), _case("b", 4, 0.8, 4), _case("c", 8, 0.6, 3)]  # c was misread
    rows = {r.threshold: r for r in tradeoff(cases, (0.5, 0.7, 0.9), policy=load_policy())}
    assert (rows[0.5].auto_accepted, rows[0.5].errors) == (3, 1)
    assert (rows[0.7].auto_accepted, rows[0.7].errors) == (2, 0)
    assert (rows[0.9].auto_accepted, rows[0.9].errors, rows[0.9].reviewed) == (1, 0, 2)
    assert rows[0.5].auto_accept_rate == 1.0 and round(rows[0.5].error_rate, 3) == 0.333
