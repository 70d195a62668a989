"""An application packet's text -> :class:`Application`.

A packet is a syllabus (or supporting information) alone, or with instructor résumés,
in one file or several. Each part arrives as a :class:`PacketPart`: the document's text
in reading order and, when field extraction ran, its :class:`Evidence` (used only where
the text itself says nothing). Pure: no I/O, never raises for odd text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ..domain import Category, DeliveryMode, DocType, Evidence, FieldName, InstructorInfo
from ..errors import ParseError
from ..extractors.text import find_dates, find_hours, name_similarity, parse_duration, schedule_hours, split_credentials
from .model import Application, DocumentRole

F = FieldName
_BULLET = re.compile(r"^[ \t]{0,4}(?:[•·▪◦*\-–—]|\d{1,2}[.)]|[a-z][.)])[ \t]{1,4}")
_SEP = r"[ \t]{0,3}[:][ \t]{0,3}"
_LABELS: dict[str, re.Pattern[str]] = {k: re.compile("(?:" + v + ")" + _SEP + r"(?P<v>.{1,400})$", re.IGNORECASE) for k, v in {
    "sponsor": r"^(?:sponsor(?:ing[ \t]organi[sz]ation)?|sponsor[ \t]name|provider|offered[ \t]by|hosted[ \t]by|"
               r"organi[sz]ed[ \t]by|applicant[ \t]organi[sz]ation)",
    "title": r"^(?:(?:course|workshop|training|offering|activity|program)[ \t]{1,3})?(?:title|name)",
    "syllabus_title": r"^(?:course[ \t]syllabus|syllabus|workshop[ \t]agenda|agenda)",
    "dates": r"^(?:planned[ \t]{1,3})?(?:offering[ \t]{1,3})?dates?(?:[ \t]offered|[ \t]and[ \t]times)?"
             r"(?:[ \t]\(planned\))?|^when|^scheduled[ \t]offerings?",
    "contact": r"^(?:registration(?:[ \t]contact|[ \t]information)?|contact(?:[ \t]for[ \t]registration|"
               r"[ \t]information|[ \t]person)?|to[ \t]register|enrol(?:l)?ment)",
    "delivery": r"^(?:delivery(?:[ \t]mode|[ \t]method)?|format|mode[ \t]of[ \t]delivery|location|venue)",
    "estimated": r"^(?:estimated[ \t]{1,3})?contact[ \t]time(?:[ \t]\(estimated\))?",
    "verification": r"^(?:means[ \t]of[ \t])?(?:attendance[ \t]verification|verification[ \t]of[ \t]attendance)",
    "category": r"^(?:cec[ \t])?category(?:[ \t]requested)?",
    "cecs": r"^(?:cecs?|credits?|continuing[ \t]education[ \t]credits)[ \t]requested",
    "recurring": r"^recurring(?:[ \t]course)?|^pre-?approval[ \t]period(?:[ \t]requested)?",
    "hours": r"^(?:total[ \t])?(?:contact|instructional)[ \t](?:hours|time[ \t]\(instruction\))",
    "position": r"^(?:current[ \t]position|position|employer|affiliation|title[ \t]and[ \t]employer)",
    "certifications": r"^(?:certifications?|professional[ \t]certifications?|credentials|licen[cs]es)",
}.items()}
_HEADINGS: dict[str, re.Pattern[str]] = {k: re.compile("(?:" + v + r")[ \t]{0,3}:?[ \t]{0,3}$", re.IGNORECASE) for k, v in {
    "objectives": r"^(?:educational|learning|course|training)?[ \t]{0,3}(?:objectives|outcomes|goals)",
    "instructors": r"^(?:instructors?|instructional[ \t]personnel|faculty|presenters?|trainers?|speakers?)"
                   r"(?:[ \t]and[ \t](?:affiliations|credentials))?",
    "schedule": r"^(?:(?:daily|course|workshop|detailed)[ \t])?(?:schedule|agenda|program(?:me)?|itinerary|timetable)",
    "other": r"^(?:description|course[ \t]description|overview|materials|requirements|completion|evaluation|"
             r"education|experience|publications|references|notes|about[ \t]the[ \t]sponsor)",
}.items()}
_RESUME = re.compile(r"^(?:r[ée]sum[ée]|curriculum[ \t]vitae|cv|instructor[ \t]r[ée]sum[ée]s?)\b", re.IGNORECASE)
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9.\-]{1,120}\.[A-Za-z]{2,24}")
_PHONE = re.compile(r"(?:\+\d{1,3}[ \t.\-]?)?(?:\(\d{2,4}\)[ \t.\-]?|\d{2,4}[ \t.\-])\d{3}[ \t.\-]\d{3,4}\b")
_ONLINE = re.compile(r"\b(?:online|on-line|webinar|virtual|zoom|teams|webex|distance|e-?learning|self-paced|"
                     r"remote|live[ \t]stream)\b", re.IGNORECASE)
_YES = re.compile(r"\b(?:yes|recurring|two[ \t]years|2[ \t]years|annual|annually|each[ \t]year|repeated)\b", re.I)
_NO = re.compile(r"^\s*(?:no|none|n/a|one-time|single)\b", re.IGNORECASE)
_CRED_IN_PARENS = re.compile(r"\(([A-Z][A-Za-z\-]{1,8})\)")
_VERIFY_SENTENCE = re.compile(r"attendance[ \t](?:is|will[ \t]be)[ \t]verified[ \t](?:by|through|with|via)[ \t](.{3,200})",
                              re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PacketPart:
    document_id: str
    text: str
    doc_type: DocType = DocType.UNKNOWN
    evidence: Evidence | None = None

    @property
    def lines(self) -> list[str]:
        return [ln.strip() for ln in self.text.replace("\f", "\n").splitlines()[:5000] if ln.strip()]


def role_of(part: PacketPart) -> DocumentRole:
    """A résumé names itself (or lists certifications and a position but no schedule); else a syllabus."""
    head = part.lines[:6]
    if any(_RESUME.match(ln) for ln in head):
        return DocumentRole.RESUME
    if part.doc_type is DocType.COURSE_SYLLABUS:
        return DocumentRole.SYLLABUS
    sections = _sections(part.lines)
    if sections.get("objectives") or sections.get("schedule"):
        return DocumentRole.SYLLABUS
    labels = _labels(part.lines)
    if "certifications" in labels or "position" in labels:
        return DocumentRole.RESUME
    return DocumentRole.SUPPORTING


def _labels(lines: Sequence[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for ln in lines:
        for key, rx in _LABELS.items():
            if key in out:
                continue
            m = rx.match(ln)
            if m and m["v"].strip():
                out[key] = m["v"].strip()
                break
    return out


def _heading(line: str) -> str | None:
    for key, rx in _HEADINGS.items():
        if rx.match(line):
            return key
    return None


def _sections(lines: Sequence[str]) -> dict[str, list[str]]:
    """Lines under each known heading, up to the next heading or labelled line."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    for ln in lines:
        h = _heading(ln)
        if h is not None:
            current = h
            out.setdefault(h, [])
            continue
        if current is None:
            continue
        if current != "schedule" and any(rx.match(ln) for rx in _LABELS.values()):
            current = None
            continue
        out[current].append(ln)
    return out


def _unbullet(line: str) -> str:
    return _BULLET.sub("", line, count=1).strip()


def parse_instructor(line: str) -> InstructorInfo | None:
    """"Dana Whitfield, PhD, CERP (Kansas State University)" or "... — Associate Professor, K-State"."""
    line = _unbullet(line)
    if not line or len(line) > 300 or _EMAIL.search(line):
        return None
    affiliation = None
    m = re.match(r"^(?P<who>.{2,200}?)[ \t]{0,3}\((?P<aff>[^()]{2,200})\)[ \t.]{0,3}$", line)
    if m:
        who, affiliation = m["who"], m["aff"].strip()
    else:
        parts = re.split(r"[ \t]{1,3}[—–|][ \t]{1,3}|[ \t]{1,3}-[ \t]{1,3}", line, maxsplit=1)
        who = parts[0]
        affiliation = parts[1].strip() if len(parts) > 1 else None
    try:
        name, creds = split_credentials(who)
    except ParseError:
        return None
    if affiliation is None:
        rest = [p.strip() for p in who.split(",")][1 + len(creds):]
        rest = [p for p in rest if p and p not in creds]
        affiliation = ", ".join(rest) or None
    words = name.split()
    if not 2 <= len(words) <= 5 or any(ch.isdigit() for ch in name):
        return None
    return InstructorInfo(name=name, credentials=tuple(creds), affiliation=affiliation, confidence=0.85)


def _resume_person(part: PacketPart) -> InstructorInfo | None:
    lines = part.lines
    labels = _labels(lines)
    start = next((i + 1 for i, ln in enumerate(lines[:6]) if _RESUME.match(ln)), 0)
    person = None
    for ln in lines[start:start + 4]:
        if _RESUME.match(ln) or any(rx.match(ln) for rx in _LABELS.values()):
            continue
        person = parse_instructor(ln)
        if person is not None:
            break
    if person is None:
        return None
    creds = list(person.credentials)
    for c in _CRED_IN_PARENS.findall(labels.get("certifications", "")):
        if c not in creds:
            creds.append(c)
    if "certifications" in labels and not _CRED_IN_PARENS.search(labels["certifications"]):
        for c in re.split(r"[,;][ \t]{0,3}", labels["certifications"]):
            c = c.strip()
            if c and len(c) <= 12 and c not in creds:
                creds.append(c)
    aff = labels.get("position") or person.affiliation
    return replace(person, credentials=tuple(creds), affiliation=aff, confidence=0.9)


def merge_instructors(listed: Iterable[InstructorInfo], resumes: Iterable[InstructorInfo]) -> tuple[InstructorInfo, ...]:
    """Syllabus instructors completed by their résumés (same person by name); unlisted résumés added."""
    out = list(listed)
    for r in resumes:
        idx = next((i for i, x in enumerate(out) if name_similarity(x.name, r.name) >= 0.85), None)
        if idx is None:
            out.append(r)
            continue
        x = out[idx]
        creds = tuple(dict.fromkeys([*x.credentials, *r.credentials]))
        out[idx] = replace(x, credentials=creds, affiliation=r.affiliation or x.affiliation,
                           confidence=max(x.confidence, r.confidence))
    return tuple(out)


def _dates(value: str | None) -> tuple[tuple[date, ...], date | None]:
    if not value:
        return (), None
    try:
        mentions = find_dates(value)
    except ParseError:
        return (), None
    starts = tuple(sorted({m.start for m in mentions}))
    return starts, max((m.end for m in mentions), default=None)


def _hours(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return parse_duration(value)
    except ParseError:
        return None


def _schedule(lines: Sequence[str]) -> tuple[float | None, int]:
    try:
        result = schedule_hours(list(lines))
    except ParseError:
        return None, 0
    return (result.total_hours or None), result.days


def _category(value: str | None) -> Category | None:
    m = re.search(r"\b([1-7])\b", value or "")
    return Category(int(m.group(1))) if m else None


def _cecs(value: str | None) -> float | None:
    m = re.search(r"\d{1,3}(?:\.\d{1,2})?", value or "")
    return float(m.group(0)) if m else None


def _ev(parts: Sequence[PacketPart], name: FieldName) -> object:
    for p in parts:
        if p.evidence is not None and p.evidence.value(name) not in (None, ""):
            return p.evidence.value(name)
    return None


def split_pages(part: PacketPart) -> list[PacketPart]:
    """One PDF holding the syllabus and the résumés: each page that opens as a résumé starts a new part."""
    pages = part.text.split("\f")
    if len(pages) < 2:
        return [part]
    out: list[PacketPart] = []
    current: list[str] = []
    for page in pages:
        first = [ln.strip() for ln in page.splitlines() if ln.strip()][:3]
        if current and any(_RESUME.match(ln) for ln in first):
            out.append(replace(part, text="\f".join(current)))
            current = []
            part = replace(part, doc_type=DocType.UNKNOWN, evidence=None)
        current.append(page)
    out.append(replace(part, text="\f".join(current)))
    return out


def extract_application(application_id: str, packet: Sequence[PacketPart]) -> Application:
    """Everything the packet states, syllabus parts first, résumés completing the instructors."""
    parts = [sub for p in packet for sub in split_pages(p)]
    roles = [role_of(p) for p in parts]
    main = [p for p, r in zip(parts, roles) if r is not DocumentRole.RESUME] or list(parts)
    resumes = [p for p, r in zip(parts, roles) if r is DocumentRole.RESUME]
    lines = [ln for p in main for ln in p.lines]
    labels = _labels(lines)
    sections = _sections(lines)
    objectives = tuple(o for o in (_unbullet(x) for x in sections.get("objectives", [])) if len(o) >= 8)
    listed = [i for i in (parse_instructor(x) for x in sections.get("instructors", [])) if i is not None]
    if not listed:
        listed = [i for p in main if p.evidence for i in p.evidence.instructors]
    people = [r for r in (_resume_person(p) for p in resumes) if r is not None]
    sched_lines = sections.get("schedule") or lines
    sched, days = _schedule(sched_lines)
    offering_dates, end = _dates(labels.get("dates"))
    if not offering_dates:
        start_ev, end_ev = _ev(main, F.START_DATE), _ev(main, F.END_DATE)
        offering_dates = tuple(d for d in (_as_date(start_ev),) if d)
        end = _as_date(end_ev) or (offering_dates[0] if offering_dates else None)
    contact = labels.get("contact")
    text = "\n".join(lines)
    email = _first(_EMAIL, contact) or _first(_EMAIL, text)
    phone = _first(_PHONE, contact) or _first(_PHONE, text)
    mode = _delivery(labels.get("delivery"), _ev(main, F.DELIVERY_MODE))
    verification = labels.get("verification") or _first_group(_VERIFY_SENTENCE, text) \
        or _str(_ev(main, F.ATTENDANCE_VERIFICATION))
    recurring_value = labels.get("recurring")
    recurring = bool(recurring_value and _YES.search(recurring_value) and not _NO.match(recurring_value)) \
        or len(offering_dates) > 1 and (offering_dates[-1] - offering_dates[0]).days > 180
    title = labels.get("title") or labels.get("syllabus_title") or _str(_ev(main, F.ACTIVITY_TITLE))
    notes = []
    if not sections.get("schedule") and sched is not None:
        notes.append("no schedule heading: times read from the whole text")
    return Application(
        application_id=application_id,
        sponsor=labels.get("sponsor") or _str(_ev(main, F.PROVIDER)),
        title=title,
        instructors=merge_instructors(listed, people),
        objectives=objectives,
        offering_dates=offering_dates,
        end_date=end,
        registration_contact=contact,
        contact_email=email,
        contact_phone=phone,
        delivery_mode=mode,
        estimated_contact_hours=_hours(labels.get("estimated")),
        attendance_verification=verification,
        schedule_hours=sched,
        schedule_days=days,
        stated_contact_hours=_hours(labels.get("hours")) or _num(_ev(main, F.CONTACT_HOURS)),
        requested_category=_category(labels.get("category")),
        requested_cecs=_cecs(labels.get("cecs")),
        recurring=recurring,
        requested_valid_to=_dates(_after_until(recurring_value))[1] if recurring_value else None,
        document_ids=tuple(dict.fromkeys(p.document_id for p in packet)),
        notes=tuple(notes),
    )


def _after_until(value: str | None) -> str | None:
    m = re.search(r"\b(?:until|through|to)\b(.{4,60})", value or "", re.IGNORECASE)
    return m.group(1) if m else None


def _delivery(value: str | None, fallback: object) -> DeliveryMode | None:
    if value:
        return DeliveryMode.ONLINE if _ONLINE.search(value) else DeliveryMode.IN_PERSON
    try:
        return DeliveryMode(str(fallback)) if fallback else None
    except ValueError:
        return None


def _first(rx: re.Pattern[str], text: str | None) -> str | None:
    m = rx.search(text or "")
    return m.group(0).strip() if m else None


def _first_group(rx: re.Pattern[str], text: str) -> str | None:
    m = rx.search(text)
    return m.group(1).strip().rstrip(".") if m else None


def _str(v: object) -> str | None:
    return str(v).strip() or None if v not in (None, "") else None


def _num(v: object) -> float | None:
    try:
        return float(v) if v not in (None, "") else None  # type: ignore[arg-type]
    except (TypeError, ValueError):
        hs = find_hours(str(v))
        return hs[0].hours if hs else None


def _as_date(v: object) -> date | None:
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10]) if v else None
    except ValueError:
        return None
