"""Small builders for claims, evidence and journal entries used by the rules tests."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from cecintake.domain.models import (
    Certificant,
    Claim,
    CreditProposal,
    Evidence,
    ExtractedField,
    InstructorInfo,
    JournalEntry,
    Offering,
)
from cecintake.domain.vocab import Category, CertificantLevel, DocType, FieldName, TextSource
from cecintake.rules import Policy, RoutingThresholds, load_policy, propose

POLICY = load_policy()
CERT = Certificant("C-00017", "Maria L. Fernández", CertificantLevel.CERP, date(2022, 4, 1))
SUBMITTED = datetime(2025, 4, 20, 9, 0)
CONF = 0.98
OFFERINGS = {
    "SER-PA-2024-0137": Offering("SER-PA-2024-0137", "Prairie Seed Collection Workshop",
                                 "Tallgrass Restoration Network", Category.TRAINING, 6, date(2024, 1, 1),
                                 date(2025, 12, 31)),
}


def evidence(doc_type: DocType, *, doc_conf: float = 0.97, instructors: tuple[InstructorInfo, ...] = (),
             **fields: Any) -> Evidence:
    """``fields``: name=value or name=(value, confidence)."""
    out = {}
    for name, v in fields.items():
        value, conf = v if isinstance(v, tuple) else (v, CONF)
        out[FieldName(name)] = ExtractedField(FieldName(name), value, conf)
    return Evidence(doc_type, doc_conf, TextSource.TEXT_LAYER, out, instructors)


def claim(doc_type: DocType, *, doc: str = "D1", cert: Certificant | None = CERT,
          submitted: datetime = SUBMITTED, name_match: float | None = 0.97, doc_conf: float = 0.97,
          instructors: tuple[InstructorInfo, ...] = (), **fields: Any) -> Claim:
    fields.setdefault("participant_name", "Maria L. Fernandez")
    return Claim(doc, evidence(doc_type, doc_conf=doc_conf, instructors=instructors, **fields), cert, submitted,
                 name_match)


def run(c: Claim, *, journal: tuple[JournalEntry, ...] | list[JournalEntry] = (), policy: Policy = POLICY,
        offerings: dict[str, Offering] | None = None, thresholds: RoutingThresholds | None = None
        ) -> CreditProposal:
    return propose(c, journal=journal, offerings=OFFERINGS if offerings is None else offerings, policy=policy,
                   thresholds=thresholds or RoutingThresholds())


def to_entry(c: Claim, p: CreditProposal) -> JournalEntry:
    cid = c.certificant.certificant_id if c.certificant else ""
    if p.category is None or p.activity_date is None or p.activity_key is None:
        raise ValueError(f"{c.document_id}: proposal cannot enter the journal")
    return JournalEntry(cid, c.document_id, p.category, p.cecs, p.activity_date, p.activity_key,
                        p.rule_ids, p.raw_cecs, dict(p.details))


def workshop(doc: str = "D1", hours: Any = 6.5, day: str = "2023-05-10", **extra: Any) -> Claim:
    fields = dict(activity_title=f"Workshop {doc}", provider="Tallgrass Restoration Network", start_date=day,
                  end_date=day, contact_hours=hours)
    fields.update(extra)
    return claim(DocType.COMPLETION_CERTIFICATE, doc=doc, **fields)


def volunteer(doc: str, hours: Any, day: str = "2023-06-10", **extra: Any) -> Claim:
    fields = dict(activity_title=f"Volunteer {doc}", provider="River Friends", start_date=day, end_date=day,
                  volunteer_hours=hours, nonprofit="yes", task_description="native planting and invasive removal",
                  signer_role="volunteer coordinator")
    fields.update(extra)
    return claim(DocType.VOLUNTEER_LETTER, doc=doc, **fields)


def service(doc: str, role: str, level: str, start: str, end: str, years: float, **extra: Any) -> Claim:
    return claim(DocType.SERVICE_LETTER, doc=doc, activity_title=f"{level} {role}", provider="SER Midwest",
                 service_role=role, org_level=level, start_date=start, end_date=end, service_years=years, **extra)


def teaching(doc: str, term: str, start: str, end: str, hours: float = 6, **extra: Any) -> Claim:
    return claim(DocType.INSTRUCTION_LETTER, doc=doc, activity_title="Restoration Ecology", provider="State University",
                 course_code="ENV 410", term=term, start_date=start, end_date=end, contact_hours=hours, **extra)


def codes(p: CreditProposal) -> set[str]:
    return {r.code.value for r in p.reasons}
