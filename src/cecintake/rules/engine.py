"""The pure rules engine: one claim + the certificant's journal + the register -> a proposal.

No I/O: everything the engine knows comes in as arguments. Every decision names the rule
ids it applied and explains itself in plain language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from ..domain.models import Claim, CreditProposal, JournalEntry, Offering, Reason
from ..domain.vocab import Category, DocType, FieldName, ReasonCode, Route, TextSource
from .credit import (
    Basis,
    hours_credit,
    preapproved_credit,
    publication_credit,
    service_credit,
    volunteer_credit,
)
from .dates import cycle_end
from .policy import Policy
from .reconcile import ADJUSTMENTS, reconcile
from .trail import RoutingThresholds, Trail, norm, to_date

F = FieldName
R = ReasonCode

DOC_CATEGORY = {
    DocType.CONFERENCE_ATTENDANCE: Category.CONFERENCE,
    DocType.COLLEGE_TRANSCRIPT: Category.COURSEWORK,
    DocType.INSTRUCTION_LETTER: Category.INSTRUCTION,
    DocType.PUBLICATION_ACCEPTANCE: Category.PUBLICATION,
    DocType.SERVICE_LETTER: Category.LEADERSHIP,
    DocType.VOLUNTEER_LETTER: Category.VOLUNTEER,
}
COLLEGE_WORDS = ("university", "college", "polytechnic", "institute of technology")


def propose(
    claim: Claim,
    *,
    journal: Sequence[JournalEntry],
    offerings: Mapping[str, Offering],
    policy: Policy,
    thresholds: RoutingThresholds = RoutingThresholds(),
    category: Category | None = None,
) -> CreditProposal:
    """Judge one claim. ``journal`` is the certificant's counted credit (the claim's own
    document, if present, is ignored so that a corrected claim can be re-judged).
    ``category`` forces the category (a reviewer's correction) instead of the doc type's."""
    t = Trail(claim, thresholds)
    ev = claim.evidence
    t.use(policy.rule_id("documentation"))
    if ev.doc_type is DocType.UNKNOWN and not ev.fields:
        t.reject(R.NOT_EVIDENCE, "the document states nothing that could evidence an activity")
        return _proposal(t, Basis(None, None), key=None, when=None, cecs=0.0, duplicate=False)
    _identity(t)
    span, when = _dates(t)
    # a syllabus or a document of no recognised kind evidences no completion, even with a registered code
    documented = category is not None or _documents_completion(t)
    basis = _preapproved(t, policy, offerings, when) if category is None else None
    if basis is None:
        category = category or (_category_of(t) if documented else None)
        basis = _by_category(t, policy, category, span, when) if category else Basis(None, None)
    _cycle_rules(t, policy, when)
    key = activity_key(claim, basis.category)
    others = [e for e in journal if e.document_id != claim.document_id]
    if claim.certificant is not None:
        others = [e for e in others if e.certificant_id == claim.certificant.certificant_id]
    else:
        others = []
    duplicate = _duplicate(t, policy, key, others)
    cecs = _capped(t, policy, basis, key, when, others)
    return _proposal(t, basis, key=key, when=when, cecs=cecs, duplicate=duplicate)


def _identity(t: Trail) -> None:
    claim, th = t.claim, t.thresholds
    ev = claim.evidence
    t.confidences.append(ev.doc_type_confidence)
    if ev.doc_type_confidence < th.doc_type_confidence:
        t.review(R.LOW_CONFIDENCE, f"document type {ev.doc_type.value} recognised with confidence"
                 f" {ev.doc_type_confidence:.2f} (below {th.doc_type_confidence:.2f})")
    if (ev.text_source in (TextSource.OCR, TextSource.MIXED) and ev.ocr_confidence is not None
            and ev.ocr_confidence < th.ocr_quality):
        t.review(R.OCR_LOW_QUALITY, f"text read by OCR at {ev.ocr_confidence:.2f} mean word confidence (below"
                 f" {th.ocr_quality:.2f}): a person must read this scan")
    if claim.certificant is None:
        t.review(R.UNKNOWN_CERTIFICANT, "the document is not linked to a known certificant")
        return
    name = ev.fields.get(F.PARTICIPANT_NAME)
    if claim.name_match is not None and claim.name_match >= th.name_match and name is not None and name.value:
        # the printed name agrees with the roster: an independent source corroborates it,
        # so its own extraction confidence does not hold the claim back
        t.note(f"participant name {name.value!r} matches the roster ({claim.name_match:.2f})")
    else:
        t.need(F.PARTICIPANT_NAME)
    if claim.name_match is None:
        t.review(R.NAME_MISMATCH, "the participant name was not compared with the roster")
    else:
        t.confidences.append(claim.name_match)
        if claim.name_match < th.name_match:
            t.review(R.NAME_MISMATCH, f"participant name {ev.value(F.PARTICIPANT_NAME)!r} matches"
                     f" {claim.certificant.full_name!r} at {claim.name_match:.2f} (below {th.name_match:.2f})")


def _dates(t: Trail) -> tuple[tuple[date, date] | None, date | None]:
    fields = t.claim.evidence.fields
    start = t.need(F.START_DATE, to_date) if F.START_DATE in fields else None
    end = t.need(F.END_DATE, to_date) if F.END_DATE in fields else None
    if start is None and end is None:
        t.review(R.MISSING_FIELD, "the activity's date (end_date or start_date) is not stated")
        return None, None
    if start and end and end < start:
        t.review(R.MISSING_FIELD, f"end_date {end} is before start_date {start}")
        return None, end
    span = (start or end, end or start)
    return span, end or start  # type: ignore[return-value]


def find_offering(offerings: Mapping[str, Offering], code: str) -> Offering | None:
    if code in offerings:
        return offerings[code]
    wanted = norm(code)
    return next((o for k, o in offerings.items() if norm(k) == wanted), None)


def _preapproved(t: Trail, p: Policy, offerings: Mapping[str, Offering], when: date | None) -> Basis | None:
    if t.peek(F.APPROVAL_CODE) is None:
        return None
    code = t.need(F.APPROVAL_CODE)
    offering = find_offering(offerings, code)
    if offering is None:
        t.use(p.rule_id("preapproval_code"))
        t.review(R.UNKNOWN_APPROVAL_CODE, f"approval code {code!r} is not in the pre-approved register")
        return None
    return preapproved_credit(t, p, offering, when)


def is_college_level(t: Trail) -> bool:
    if any(t.peek(n) is not None for n in (F.GRADE, F.COURSE_CODE, F.TERM)):
        return True
    provider = (t.peek(F.PROVIDER) or "").lower()
    return any(w in provider for w in COLLEGE_WORDS)


def _documents_completion(t: Trail) -> bool:
    """Whether the document's type can evidence an activity; if not, the claim goes to review (whatever
    else it states: an announcement's hours or a syllabus's approval code credit nothing by themselves)."""
    dt = t.claim.evidence.doc_type
    if dt is DocType.COURSE_SYLLABUS:
        t.review(R.NOT_EVIDENCE, "a syllabus alone is not evidence of completion: a confirmation of"
                 " completion or other documentation is needed")
        return False
    if dt is DocType.UNKNOWN:
        t.review(R.UNSUPPORTED_DOC_TYPE, "the kind of document could not be recognised")
        return False
    return True


def _category_of(t: Trail) -> Category | None:
    """The category the document type evidences (a type that evidences completion)."""
    dt = t.claim.evidence.doc_type
    if dt is DocType.COMPLETION_CERTIFICATE:
        return Category.COURSEWORK if is_college_level(t) else Category.TRAINING
    return DOC_CATEGORY[dt]


def _by_category(t: Trail, p: Policy, cat: Category, span: tuple[date, date] | None, when: date | None) -> Basis:
    if cat is Category.PUBLICATION:
        return publication_credit(t, p)
    if cat is Category.LEADERSHIP:
        return service_credit(t, p, span, when)
    if cat is Category.VOLUNTEER:
        return volunteer_credit(t, p)
    return hours_credit(t, p, cat, span)


def _cycle_rules(t: Trail, p: Policy, when: date | None) -> None:
    if when is None:
        return
    t.use(p.rule_id("future_date"))
    submitted = t.claim.submitted_at.date()
    if when > submitted:
        t.review(R.FUTURE_DATE, f"activity dated {when}, after the document was submitted on {submitted}")
    cert = t.claim.certificant
    if cert is None:
        return
    t.use(p.rule_id("cycle_window"))
    end = cycle_end(cert.cycle_start, p.rules.cycle_total.years)
    if not cert.cycle_start <= when <= end:
        t.review(R.OUTSIDE_CYCLE, f"activity dated {when}, outside the cycle {cert.cycle_start} to {end}")


def activity_key(claim: Claim, category: Category | None) -> str:
    """Normalised identity of the activity: the same activity claimed twice has the same key."""
    ev = claim.evidence
    identity = [ev.value(n) for n in (F.ACTIVITY_TITLE, F.PROVIDER, F.APPROVAL_CODE, F.COURSE_CODE)]
    parts = [str(int(category)) if category else ev.doc_type.value]
    parts += [norm(ev.value(n)) for n in (F.ACTIVITY_TITLE, F.PROVIDER, F.APPROVAL_CODE, F.COURSE_CODE, F.TERM,
                                           F.START_DATE, F.END_DATE, F.SERVICE_ROLE, F.ORG_LEVEL,
                                           F.PUBLICATION_KIND)]
    if not any(identity):  # nothing names the activity: never a duplicate of another document
        parts.append(f"doc:{claim.document_id}")
    return "|".join(parts)


def _duplicate(t: Trail, p: Policy, key: str, others: Sequence[JournalEntry]) -> bool:
    t.use(p.rule_id("duplicate"))
    same = next((e for e in others if e.activity_key == key), None)
    if same is None:
        return False
    t.review(R.DUPLICATE_CLAIM, f"the same activity is already credited (document {same.document_id})")
    return True


def _capped(t: Trail, p: Policy, basis: Basis, key: str, when: date | None,
            others: Sequence[JournalEntry]) -> float:
    if basis.raw is None or basis.category is None:
        return 0.0
    t.use(p.rule_id("rounding"))
    cert = t.claim.certificant
    cid = cert.certificant_id if cert else ""
    cand = JournalEntry(cid, t.claim.document_id, basis.category, basis.raw,
                        when or t.claim.submitted_at.date(), key, raw_cecs=basis.raw, details=basis.details)
    out = reconcile(cid, [*others, cand], policy=p, cycle_start=cert.cycle_start if cert else None)[-1]
    for rid in out.rule_ids:
        t.use(rid)
    for adj in out.details.get(ADJUSTMENTS, []):
        t.adjust(ReasonCode(adj["code"]), adj["message"])
    basis.details[ADJUSTMENTS] = out.details.get(ADJUSTMENTS, [])
    return out.cecs


def _proposal(t: Trail, basis: Basis, *, key: str | None, when: date | None, cecs: float,
              duplicate: bool) -> CreditProposal:
    if t.rejected:
        route = Route.REJECT
    elif duplicate:
        route = Route.DUPLICATE
    elif t.blocking:
        route = Route.REVIEW
    else:
        route = Route.ACCEPT
    granted = cecs if route in (Route.ACCEPT, Route.REVIEW) else 0.0
    return CreditProposal(
        category=basis.category, cecs=granted, rule_ids=tuple(t.rule_ids),
        explanation=explain(basis.category, t.notes, t.blocking, t.adjustments, route, granted),
        confidence=t.confidence, route=route, reasons=(*t.blocking, *t.adjustments),
        activity_date=when, activity_key=key, raw_cecs=basis.raw, details=dict(basis.details),
    )


def explain(category: Category | None, notes: list[str], blocking: list[Reason], adjustments: list[Reason],
            route: Route, cecs: float) -> str:
    head = f"Category {int(category)} ({category.label})" if category else "No category"
    parts = [head + (": " + "; ".join(notes) if notes else "") + "."]
    parts += [f"Adjusted: {a.message}." for a in adjustments]
    verdict = {Route.ACCEPT: f"Accepted for {cecs:g} CECs.",
               Route.REVIEW: f"Sent to review ({cecs:g} CECs proposed): ",
               Route.REJECT: "Rejected, no credit: ", Route.DUPLICATE: "Duplicate: "}[route]
    if route is not Route.ACCEPT:
        verdict += "; ".join(f"{r.message} [{r.code.value}]" for r in blocking) + "."
    return " ".join([*parts, verdict])
