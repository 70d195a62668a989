"""Hours of instruction, attendance and service in free text.

Units: hours and minutes ("3 hours 23 minutes", "3h23m", "47 min", "5½ hrs"),
CEUs (1 CEU = 10 contact hours), PDH/PDU/CDU (1 hour each), NASBA CPE credits
(50 minutes each). Labelled values ("Contact hours: 6.5") are found with a higher
confidence than free text. Days, weeks and longer are not hours of instruction and
are never converted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from cecintake.errors import ParseError

from .numbers import DIGIT_NUMBER, NUMBER, WORD_NUMBER, parse_number

MAX_TEXT = 2_000_000


class HoursKind(StrEnum):
    CONTACT = "contact"
    CEU = "ceu"
    PDH = "pdh"
    VOLUNTEER = "volunteer"
    GENERIC = "generic"


class HoursUnit(StrEnum):
    HOUR = "hour"
    MINUTE = "minute"
    CEU = "ceu"
    PDH = "pdh"
    PDU = "pdu"
    CDU = "cdu"
    CPE = "cpe"


@dataclass(frozen=True, slots=True)
class HoursMention:
    hours: float  # always in hours (0.65 CEU -> 6.5)
    unit: HoursUnit
    kind: HoursKind
    text: str
    span: tuple[int, int]
    confidence: float
    labelled: bool = False
    raw_value: float | None = None  # the number as printed, in its own unit
    how: str = ""  # a weaker reading of a label ("bare label": no colon; "label above": value on the next line)


_QUAL = (
    r"contact|ce[ \t]credit|ce|cec|ceh|continuing[ \t]education|instructional|instruction|training|"
    r"volunteer(?:ed)?(?:[ \t]service)?|service|clock|credit|cpd|classroom|lecture|"
    r"professional[ \t]development|education(?:al)?|total|learning|seat"
)
_HOUR_UNIT = r"(?P<hu>hours?|hrs?\.?|h)(?![a-z])"
_MIN_UNIT = r"(?:minutes?|mins?\.?)(?![a-z])"
_NOT_AFTER = r"(?<![\w.,/])(?<!\d-)(?<!\d–)"
_HOURS_RE = re.compile(
    rf"{_NOT_AFTER}(?P<num>{NUMBER})(?:[ \t]{{0,2}}\((?P<paren>\d{{1,4}}(?:\.\d{{1,3}})?)\))?"
    rf"(?:[ \t]{{1,3}}and[ \t]{{1,3}}(?:a|one)[ \t-]{{1,3}}(?P<andfrac>half|quarter))?"
    rf"[ \t]{{0,2}}[-–—]?[ \t]{{0,2}}(?:(?:approved|accredited|awarded)[ \t]{{1,3}})?"
    rf"(?:(?:ce|continuing[ \t]education|timetabled|scheduled|face[ \t-]to[ \t-]face)[ \t]{{1,3}}(?=contact[ \t]))?"
    rf"(?:(?P<qual>{_QUAL})[ \t-]{{1,3}})?{_HOUR_UNIT}"
    rf"(?P<half>[ \t]{{1,3}}and[ \t]{{1,3}}(?:a[ \t]{{1,3}})?half)?"
    rf"(?:[ \t,]{{0,3}}(?:and[ \t]{{1,3}})?(?P<mins>\d{{1,2}}|{WORD_NUMBER})[ \t]{{0,2}}(?:{_MIN_UNIT}|m(?![a-z])))?"
    rf"(?P<tail>[ \t]{{1,3}}(?:of[ \t]{{1,3}}|in[ \t]{{1,3}})?(?P<tailq>volunteer|instruction|continuing[ \t]education|training|contact|"
    rf"classroom|attendance|service|professional[ \t]development|ce\b|credit))?",
    re.IGNORECASE,
)
_MINUTES_RE = re.compile(
    rf"{_NOT_AFTER}(?P<num>{NUMBER})[ \t]{{0,2}}-?[ \t]{{0,2}}{_MIN_UNIT}", re.IGNORECASE
)
# an accrediting body's acronym between a count and its unit ("1.2 IACET CEUs", "6 ANSI CEUs"): capitals only, and
# not a unit itself
_ACCREDITOR = r"(?:(?!(?:CEUs?|PDHs?|PDUs?|CDUs?|CEHs?|CPE|CE|AM|PM)\b)[A-Z]{2,6}[ \t]{1,2}){1,2}"
_CREDIT_RE = re.compile(
    rf"{_NOT_AFTER}(?P<num>{DIGIT_NUMBER}|\b{WORD_NUMBER})[ \t]{{0,2}}(?-i:{_ACCREDITOR})?\(?(?P<u>"
    r"CEUs?|C\.E\.U\.?s?|continuing[ \t]education[ \t]units?|"
    r"PDHs?|professional[ \t]development[ \t]hours?|PDUs?|professional[ \t]development[ \t]units?|"
    r"CDUs?|continuing[ \t]development[ \t]units?|CEHs?|CPE(?:[ \t]credits?)?)(?![a-z])",
    re.IGNORECASE,
)
# a label's value in words ("Contact Hours: Six (6)", "Contact hours: six and one-half"), not a lone "a"
_WORD_VALUE_RE = re.compile(
    rf"(?P<word>(?!an?\b)(?!half\b){WORD_NUMBER})(?:[ \t]{{1,2}}\((?P<paren>\d{{1,3}}(?:\.\d{{1,2}})?)\))?"
    r"(?![\w-])[ \t]*(?:[.,;)]|$)", re.IGNORECASE)
# labels the list below lacked: "Hours of Credit", "Hrs", "Contact hrs.", "No. of hours", "Clock hours",
# "Approved hours", "Hours earned", "Contact time", "Professional Development Hours", "C.E.U.s"
# what a label says of its hours ("Hours earned", "Contact hours claimed")
_EARNED = r"(?:earned|awarded|completed|granted|approved|attended|credited|certified|claimed)"
_MORE_LABELS = (
    r"hours?[ \t]of[ \t](?:credit|ce|contact|continuing[ \t]education)|(?:contact[ \t]|ce[ \t]|clock[ \t])?hrs\.?|"
    r"no\.?[ \t]of[ \t](?:contact[ \t])?hours|number[ \t]of[ \t](?:contact|clock|ce)[ \t]hours|"
    r"(?:total[ \t])?clock[ \t]hours|approved[ \t](?:contact[ \t])?hours|"
    rf"hours(?=[ \t]{_EARNED}\b)|"
    r"professional[ \t]development[ \t](?:hours|units?)|continuing[ \t]education[ \t]units?|c\.e\.u\.?s?|"
    r"(?:pdhs?|pdus?|ceus?)[ \t]credits?|(?:contact[ \t])?hour\(s\)|hours?[ \t]of[ \t]instruction|"
    r"(?:cec|cpd|learning|classroom|seat)[ \t]hours|total"
)
_LABEL_RE = re.compile(
    # a label's own word, not a word's end ("office hours" holds "ce hours"), but "PDUs/ContactHours" (joined)
    r"(?:(?<![a-z])|(?<=(?-i:[a-z]))(?=(?-i:[A-Z])))(?<!office[ \t])(?<!opening[ \t])(?<!business[ \t])(?P<label>(?:total[ \t])?contact[ \t]hours?|(?:total[ \t])?ce[ \t]hours|continuing[ \t]education[ \t]hours|"
    r"total[ \t](?:number[ \t]of[ \t])?hours|hours[ \t](?:of[ \t])?(?:instruction|attendance|training)|"
    r"(?:total[ \t])?volunteer(?:ed)?[ \t](?:service[ \t])?hours|hours[ \t]volunteered|(?:number[ \t]of[ \t])?hours|"
    r"duration|length|course[ \t]length|total[ \t]time|time[ \t]spent|time[ \t]commitment|training[ \t]hours|"
    r"(?:total[ \t])?(?:instructional|contact|training|seat|attendance|session)[ \t]time|"
    r"instructional[ \t]hours|ce[ \t]credits?|ceus?|pdhs?|pdus?|cdus?|cehs?|credit[ \t]hours|cpe[ \t]credits?|credits?|"
    # "CE: 6", "Total CE: 6.0" (a colon: "Form CE-45" is a form's number), "Continuing Education Credits: 6",
    # "CE units: 0.6", "Hours of participation: 6"
    r"(?<![a-z.])(?:total[ \t])?ces?(?=[ \t]{0,3}:)|continuing[ \t]education[ \t]credits?|ce[ \t]units?|"
    r"hours[ \t]of[ \t]participation|participation[ \t]hours|"
    rf"{_MORE_LABELS})"
    rf"(?:[ \t]{_EARNED})?"
    r"[ \t]{0,3}(?:\([^)\n]{0,30}\)[ \t]{0,3})?(?:[:=–—-]|;(?=[ \t]{0,2}\d)|\.{3,}|…+|awarded:?)(?:[ \t…]|\.(?!\d)){0,12}(?P<val>[^\n]{1,40})",
    re.IGNORECASE,
)
# a label without its colon at a line's start ("CLOCK HOURS 7.0", "CEUs 0.9", "PDH 1"), or alone on its line
# with the value on the next ("Credit hours awarded" / "6.0"): weaker readings than "Label: value"
_BARE_LABELS = (
    r"(?:total[ \t]|approved[ \t])?(?:contact|ce|cec|clock|continuing[ \t]education|instructional|training|approved|"
    r"credit|cpd|learning|classroom|seat)[ \t](?:hours|hrs\.?|hour\(s\))"
    rf"(?:[ \t]{_EARNED})?|"
    rf"(?:total[ \t])?(?:hours|hrs\.?)[ \t](?:{_EARNED}|of[ \t](?:credit|instruction|attendance|training|contact))|"
    r"total[ \t]hours|hours|"
    rf"(?:number|no\.?)[ \t]of[ \t](?:contact[ \t]|clock[ \t]|ce[ \t])?hours|(?:ceus?|c\.e\.u\.?s?|pdhs?|pdus?)(?:[ \t]{_EARNED})?"
)
_BARE_LABEL_RE = re.compile(
    rf"^[ \t]*(?P<label>{_BARE_LABELS})(?P<sep>[ \t]{{1,6}}|[ \t]{{0,6}}[|\[(][ \t]{{0,2}})(?P<val>{DIGIT_NUMBER})"
    r"(?P<unit>[ \t]{0,2}(?:hours?|hrs?\.?))?[ \t]*[|\])]?[ \t]*\.?[ \t]*$", re.IGNORECASE | re.MULTILINE)
_LABEL_ABOVE_RE = re.compile(
    rf"^[ \t]*(?P<label>{_BARE_LABELS}|hours|hrs)(?P<sep>[ \t]*:?[ \t]*\n[ \t]*)(?P<val>{DIGIT_NUMBER})"
    r"(?P<unit>[ \t]{0,2}(?:hours?|hrs?\.?))?[ \t]*$", re.IGNORECASE | re.MULTILINE)
# "1 CEU = 10 contact hours", "one CEU equals ten hours": a conversion rule, not a count of this activity
_CONVERSION_RE = re.compile(
    rf"(?<![\w.])(?:1|one|a)[ \t]{{1,2}}(?:CEU|C\.E\.U\.|PDH|PDU|CDU|continuing[ \t]education[ \t]unit|CE[ \t]credit|credit)"
    rf"[ \t]{{0,2}}(?:=|equals|is[ \t](?:equal[ \t]to|equivalent[ \t]to)|represents)[ \t]{{0,2}}"
    rf"(?:{NUMBER})[ \t]{{0,2}}(?:(?:contact|clock|instructional|CE)[ \t]{{1,2}})?(?:hours?|hrs?|minutes)\b",
    re.IGNORECASE,
)
# a wait, a turnaround or a notice ("allow 48 hours for processing", "within 24 hours", "24 hours' notice")
_WAIT_BEFORE = re.compile(r"\b(?:within|allow|allowing|wait|after|before|every|next|past|last|least|open)[ \t]{1,3}$",
                          re.IGNORECASE)
_WAIT_AFTER = re.compile(r"^['’]?[ \t]{1,3}(?:notice|in[ \t]advance|before|prior|after|ago|of[ \t]receipt|a[ \t]day|"
                         r"per[ \t]day|turnaround|for[ \t](?:processing|your[ \t]certificate))\b", re.IGNORECASE)
# what an "N-hour" compound names when it is not an activity ("24-hour hotline", "48-hour notice")
_SERVICE_AFTER = re.compile(r"^[ \t]{1,3}(?:emergency|hotline|help|helpline|line|phone|notice|turnaround|support|access|"
                            r"clock|cancellation|response|deadline|shift|rule|policy|hold|reminder|window|period|"
                            r"security|desk|answering|customer|on-call|coverage|monitoring[ \t]station)\b", re.IGNORECASE)
# "a 50-minute hour", "a 50-minute contact hour": a definition of the hour a credit counts
_MINUTE_HOUR_AFTER = re.compile(r"^[ \t-]{0,2}(?:(?:contact|clock|credit|class|instructional)[ \t]{1,2})?hours?\b",
                                re.IGNORECASE)
# "a one-hour lunch", "a 30-minute break", "45 minutes for lunch": a pause, not the activity (but "lunch and learn")
_MEAL_AFTER = re.compile(r"^[ \t-]{0,2}(?:for[ \t]{1,2})?(?:(?:catered|working|hosted|networking|coffee)[ \t]{1,2})?"
                         r"(?:lunch(?:eon)?|meal|breaks?|dinner|breakfast|recess|intermission)\b"
                         r"(?![ \t]{1,2}(?:and|&)[ \t]{1,2}learn)", re.IGNORECASE)
_DURATION_BEFORE = re.compile(r"(?i)\b(?:duration|length|time[ \t]spent|total[ \t]time)\b[ \t]*[:=–—-]?[ \t]*$")
_HMM_RE = re.compile(r"^(?P<h>\d{1,2}):(?P<m>[0-5]\d)(?::[0-5]\d)?(?!\d)")
_VOLUNTEER_BEFORE = re.compile(r"volunteer(?:ed|ing)?\b[^\n.;]{0,30}$", re.IGNORECASE)
_CREDIT_UNITS = {
    "ceu": (HoursUnit.CEU, HoursKind.CEU, 10.0),
    "c.e.u": (HoursUnit.CEU, HoursKind.CEU, 10.0),
    "continuing education unit": (HoursUnit.CEU, HoursKind.CEU, 10.0),
    "ce unit": (HoursUnit.CEU, HoursKind.CEU, 10.0),
    "pdh": (HoursUnit.PDH, HoursKind.PDH, 1.0),
    "professional development hour": (HoursUnit.PDH, HoursKind.PDH, 1.0),
    "pdu": (HoursUnit.PDU, HoursKind.PDH, 1.0),
    "professional development unit": (HoursUnit.PDU, HoursKind.PDH, 1.0),
    "cdu": (HoursUnit.CDU, HoursKind.PDH, 1.0),
    "continuing development unit": (HoursUnit.CDU, HoursKind.PDH, 1.0),
    "ceh": (HoursUnit.HOUR, HoursKind.CONTACT, 1.0),  # continuing education hours ("6.5 CEHs")
    "cpe": (HoursUnit.CPE, HoursKind.GENERIC, 50 / 60),
}


def _credit_unit(token: str) -> tuple[HoursUnit, HoursKind, float]:
    t = " ".join(token.lower().split()).rstrip("s").replace(" credit", "").rstrip(".")
    for key, val in _CREDIT_UNITS.items():
        if t.startswith(key):
            return val
    raise ParseError(f"unknown unit {token!r}")


def _qual_kind(qual: str | None) -> HoursKind:
    if not qual:
        return HoursKind.GENERIC
    q = qual.lower()
    if q.startswith("volunteer") or q == "service":
        return HoursKind.VOLUNTEER
    if q.startswith("professional"):
        return HoursKind.PDH
    if q in ("credit", "total", "seat", "clock"):
        return HoursKind.GENERIC
    return HoursKind.CONTACT


def _from_hours_match(m: re.Match[str], text: str) -> HoursMention | None:
    try:
        value = parse_number(m["paren"] or m["num"])
        mins = parse_number(m["mins"]) if m["mins"] else 0.0
    except ParseError:
        return None
    glued = 0  # "1h30": the minutes glued to the unit
    if m["hu"].lower() == "h" and not m["mins"] and re.match(r"\d", text[m.end() : m.end() + 1]):
        after = re.match(r"([0-5]\d)(?![\d:])", text[m.end() : m.end() + 3])
        if after is None or not _DURATION_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
            return None  # "09h00" is a clock time, but "Duration: 1h30" an hour and a half
        mins, glued = float(after.group(1)), 2
    if m["half"]:
        value += 0.5
    if m["andfrac"]:  # "7 and a half hours"
        value += 0.5 if m["andfrac"].lower() == "half" else 0.25
    if mins >= 60:
        return None
    end = (m.end() if m["tailq"] else m.start("tail") if m["tail"] is not None else m.end()) + glued
    if re.match(r"[ \t]{0,2}:[ \t]{0,3}\.?\d", text[end : end + 8]):
        return None  # "Date: April 2, 2025 Hrs: 2.5": the unit is the next label's, the number before it another's
    kind = _qual_kind(m["qual"]) if m["qual"] else _qual_kind(m["tailq"])
    if kind is HoursKind.GENERIC and _VOLUNTEER_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
        kind = HoursKind.VOLUNTEER
    conf = 0.9 if kind is not HoursKind.GENERIC else 0.8
    return HoursMention(
        round(value + mins / 60, 4), HoursUnit.HOUR, kind, text[m.start() : end], (m.start(), end), conf,
        raw_value=value + mins / 60,
    )


def _from_minutes_match(m: re.Match[str], text: str) -> HoursMention | None:
    try:
        value = parse_number(m["num"])
    except ParseError:
        return None
    return HoursMention(round(value / 60, 4), HoursUnit.MINUTE, HoursKind.GENERIC, m.group(0), m.span(), 0.8,
                        raw_value=value)


def _from_credit_match(m: re.Match[str]) -> HoursMention | None:
    try:
        value = parse_number(m["num"])
        unit, kind, factor = _credit_unit(m["u"])
    except ParseError:
        return None
    conf = 0.9 if unit is not HoursUnit.CPE else 0.6
    return HoursMention(round(value * factor, 4), unit, kind, m.group(0), m.span(), conf, raw_value=value)


def _label_kind(label: str) -> HoursKind:
    lab = label.lower()
    if "volunteer" in lab:
        return HoursKind.VOLUNTEER
    if "contact" in lab or lab.startswith("ce ") or "ce " in lab or "continuing" in lab or "instruction" in lab \
            or "training" in lab:
        return HoursKind.CONTACT
    return HoursKind.GENERIC


# labels of a length of time: their value may be a clock time ("Duration: 1:30"), and needs a unit when it is a number
_DURATION_LABELS = ("duration", "length", "total time", "course length", "time spent")


def _from_label_match(m: re.Match[str]) -> HoursMention | None:
    label, val = m["label"], m["val"]
    base = m.start("val")
    found = _scan_units(val)
    first = found[0] if found else None
    if first is not None and val[first.span[1] :].lstrip().startswith(":"):
        first = None  # "CPE credits: 12 Contact hours: 10": the unit is the next label's, the number is bare
    if first is not None and first.span[0] == 0:
        kind = first.kind
        if kind is HoursKind.GENERIC or (kind is HoursKind.CONTACT and "volunteer" in label.lower()):
            kind = _label_kind(label)
        span = (m.start(), base + first.span[1])
        return HoursMention(first.hours, first.unit, kind, m.string[span[0] : span[1]], span, 0.95,
                            labelled=True, raw_value=first.raw_value)
    hmm = _HMM_RE.match(val)
    if hmm and label.lower() in _DURATION_LABELS:
        hours = int(hmm["h"]) + int(hmm["m"]) / 60
        span = (m.start(), base + hmm.end())
        return HoursMention(round(hours, 4), HoursUnit.HOUR, HoursKind.GENERIC, m.string[span[0] : span[1]],
                            span, 0.9, labelled=True, raw_value=hours)
    # a bare number, not a time of day or a range of them ("Hours: 9 to 5", "Hours: 8 am - 4 pm")
    # nor a number split from its decimals ("6 .5", a scan's reading of "6.5": not 6)
    num = re.match(rf"(?:{DIGIT_NUMBER})(?![\d/:])(?![ \t]*(?:[-–—]|to\b|until\b)[ \t]*\d)(?![ \t]*[ap]\.?m\b)"
                   r"(?![ \t]{1,2}[.,]\d)",
                   val, re.IGNORECASE) or _WORD_VALUE_RE.match(val)
    if not num:
        return None
    try:
        value = parse_number(num["paren"] if num.re is _WORD_VALUE_RE and num["paren"] else num.group(0)
                             if num.re is not _WORD_VALUE_RE else num["word"])
    except ParseError:
        return None
    lab = label.lower()
    if lab == "total":
        return None  # "Total: 150" is any total; "Total: 12.5 hrs" (its unit) is read above
    if lab.startswith(("ceu", "pdh", "pdu", "cdu", "cpe", "c.e.u", "ceh")):
        unit, kind, factor = _credit_unit(lab.split()[0])
    elif lab.startswith(("continuing education unit", "professional development unit", "ce unit")):
        unit, kind, factor = _credit_unit(lab)
    elif lab.startswith(("credit", "time commitment", *_DURATION_LABELS)) \
            and not lab.startswith("credit hours"):
        return None  # "Credits: 3" or "Duration: 2" without a unit is not an hour count
    else:
        unit, kind, factor = HoursUnit.HOUR, _label_kind(label), 1.0
    span = (m.start(), base + num.end())
    if lab.startswith("credit hours"):
        # "Credit hours awarded: 2": a CE certificate's hours, but a transcript's "Credit hours: 3" are
        # semester credits; held as a plain, unlabelled count that any stated hour count outranks
        return HoursMention(value, unit, HoursKind.GENERIC, m.string[span[0] : span[1]], span, 0.8, raw_value=value)
    return HoursMention(round(value * factor, 4), unit, kind, m.string[span[0] : span[1]], span, 0.95,
                        labelled=True, raw_value=value)


def _weak_label_mentions(text: str) -> list[HoursMention]:
    """Labels read without their colon ("CLOCK HOURS 7.0") or over their value ("Contact Hours\n6.0"): read as
    "Label: value" would be, at a lower confidence and with their own ``how`` (a method of their own)."""
    out: list[HoursMention] = []
    for rx, how, conf in ((_BARE_LABEL_RE, "bare label", 0.9), (_LABEL_ABOVE_RE, "label above", 0.88)):
        if rx is _LABEL_ABOVE_RE and "\n" not in text:
            continue
        for m in rx.finditer(text):
            synth = f"{m['label']}: {m['val']}{m['unit'] or ''}"
            lm = _LABEL_RE.match(synth)
            if lm is None or lm.start("val") != len(m["label"]) + 2:
                continue
            got = _from_label_match(lm)
            if got is None or not 0 < got.hours <= 200:
                continue
            shift = m.start("val") - (len(m["label"]) + 2)
            end = shift + got.span[1]
            span = (m.start("label"), end)
            out.append(HoursMention(got.hours, got.unit, got.kind, text[span[0] : span[1]], span,
                                    min(conf, got.confidence), labelled=got.labelled, raw_value=got.raw_value, how=how))
    return out


def read_labelled(label: str, value: str) -> HoursMention | None:
    """The hours a label and its value state when they are set apart by layout (a table's header over
    its cell, a label cell beside its value cell) as "Label: value" would state them; span within ``value``."""
    label, value = " ".join(label.split()).rstrip(":"), value.strip()
    if not label or not value or len(label) > 40:
        return None
    lm = _LABEL_RE.match(f"{label}: {value}")
    if lm is None or lm.start("val") != len(label) + 2:
        return None
    got = _from_label_match(lm)
    if got is None or not 0 < got.hours <= 200:
        return None
    span = (0, got.span[1] - len(label) - 2)
    return HoursMention(got.hours, got.unit, got.kind, value[: span[1]], span, got.confidence,
                        labelled=got.labelled, raw_value=got.raw_value)


def _scan_units(text: str) -> list[HoursMention]:
    cands: list[HoursMention] = []
    for rx, make in (
        (_CREDIT_RE, lambda m: _from_credit_match(m)),
        (_HOURS_RE, lambda m: _from_hours_match(m, text)),
        (_MINUTES_RE, lambda m: _from_minutes_match(m, text)),
    ):
        for match in rx.finditer(text):
            mention = make(match)
            if mention is not None:
                cands.append(mention)
    return _select(cands)


def _select(cands: list[HoursMention]) -> list[HoursMention]:
    cands.sort(key=lambda h: (h.span[0], -(h.span[1] - h.span[0]), not h.labelled))
    out: list[HoursMention] = []
    last_end = -1
    for h in cands:
        if h.span[0] >= last_end:
            out.append(h)
            last_end = h.span[1]
    return out


def find_hours(text: str) -> list[HoursMention]:
    """Every hour count in ``text`` (labelled ones first in their span), in order of appearance."""
    if not isinstance(text, str):
        raise ParseError(f"expected text, got {type(text).__name__}")
    text = text[:MAX_TEXT]
    rules = [m.span() for m in _CONVERSION_RE.finditer(text)] if re.search(r"=|equal|represent", text) else []
    cands = _scan_units(text)
    pos = 0
    while (match := _LABEL_RE.search(text, pos)) is not None:
        mention = _from_label_match(match)
        if mention is not None:
            cands.append(mention)
            pos = max(mention.span[1], match.start("val") + 1)
        else:  # "Category A credits: 10; contact hours: 9": a label inside the value of one that says no hours
            pos = match.start("val")
    cands += _weak_label_mentions(text)
    # a labelled mention wins over the free-text mention it contains
    labelled = [c for c in cands if c.labelled]
    free = [c for c in cands if not c.labelled and not any(_inside(c, lab) for lab in labelled)]
    return [h for h in _select(labelled + free) if not _aside(h, text, rules)]


def _aside(h: HoursMention, text: str, rules: list[tuple[int, int]]) -> bool:
    """Hours that are not the activity's: inside a conversion rule, or a wait or notice period."""
    if any(a <= h.span[0] < b for a, b in rules):
        return True
    if h.labelled or h.kind is not HoursKind.GENERIC:
        return False
    before = text[max(0, h.span[0] - 12) : h.span[0]]
    after = text[h.span[1] : h.span[1] + 24]
    if h.unit is HoursUnit.MINUTE and _MINUTE_HOUR_AFTER.match(after):
        return True  # "CPE credits are based on a 50-minute hour": the length of a unit, not the activity's
    if _MEAL_AFTER.match(after):
        return True  # "from 8:30 to 4:30 with a one-hour lunch", "a 30-minute break": a pause's length
    if re.search(r"[-–]hours?$", h.text, re.IGNORECASE) and _SERVICE_AFTER.match(after):
        return True  # "24-hour emergency line": a service's hours, not the activity's
    return bool(_WAIT_BEFORE.search(before) or _WAIT_AFTER.match(after))


def _inside(inner: HoursMention, outer: HoursMention) -> bool:
    return outer.span[0] <= inner.span[0] and inner.span[1] <= outer.span[1]


def parse_duration(text: str) -> float:
    """The (first) duration in ``text`` in hours; ``ParseError`` when there is none."""
    found = find_hours(text)
    if not found:
        hmm = _HMM_RE.match(text.strip()) if isinstance(text, str) else None
        if hmm:
            return int(hmm["h"]) + int(hmm["m"]) / 60
        raise ParseError(f"no duration in {str(text)[:60]!r}")
    return found[0].hours
