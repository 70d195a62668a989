"""Contact hours (ranked mentions, cross-checked against a schedule) and volunteer hours."""

from __future__ import annotations

import re
from dataclasses import replace

from cecintake.domain.vocab import DocType
from cecintake.errors import ParseError

from ..text.dates import find_dates
from ..text.gates import folded, holds_any
from ..text.hours import HoursKind, HoursMention, HoursUnit, find_hours, parse_duration, read_labelled
from ..text.numbers import WORD_NUMBER
from ..text.schedule import is_counted, prose_time_ranges, schedule_hours
from .common import Found
from .layout import Layout, pairs, table_rows

_PER_WEEK = re.compile(r"^[ \t]{0,2}(?:per|a|each|/)[ \t]{0,2}(?:week|day|session|month)", re.IGNORECASE)


# "CE credits: 3.25": credits of a bare number, whatever scheme they are of (an SER CEC is two hours of some
# activities); a count the document states in hours ("6.5 contact hours", "0.65 CEU") outranks them
_CREDITS_BARE = re.compile(r"(?i)\bcredits?\b[^:\n]{0,20}[:=–—-][ \t]*[\d.]+$")


_ATTENDED = re.compile(r"(?i)\b(?:attended|claimed|earned|completed)\b")


def _rank(h: HoursMention, flat: str) -> float:
    r = 2.0 if h.labelled else 0.0
    if h.labelled and _CREDITS_BARE.search(h.text):
        r -= 2.5
    r += {HoursKind.CONTACT: 1.0, HoursKind.CEU: 1.0, HoursKind.PDH: 0.8}.get(h.kind, 0.0)
    before = flat[max(0, h.span[0] - 25) : h.span[0]].lower()
    if "total" in before or h.labelled and h.text[:6].lower() == "total ":  # "Total session time: 5h 30m"
        r += 1.0
    if _ATTENDED.search(before[-14:] + " " + h.text[:24]):  # "Scheduled: 8 hours | Attended: 7.5 hours"
        r += 0.5
    if "personally taught" in before or "taught" in before:
        r += 1.5
    return r


# a number in words, by its last part ("forty-five", "fourteen", "six")
_WORD_END = r"[a-z\-]*(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|teen|ty)"
# what each join below needs (text.gates): a line that starts with an hour unit or its qualifier ...
_UNIT_LINE = ("\nhour", "\nhrs", "\ncontact", "\nce ", "\nce\t", "\nvolunteer")
# ... a line that starts with a fraction ("14\n1/2 hours"), or with minutes ("30\nminutes", "13h\n30m")
_FRACTION_LINE = re.compile(r"\n[1-7]/[248]")
_MINUTES_LINE = re.compile(r"\n\d{1,2}[ \t]?m")


def join_wrapped_hours(flat: str) -> str:
    """"provided 4\nhours of instruction": a count may wrap before its (lower-case, prose) unit, and
    "14 contact\nhours": a qualifier may come before the break (same length, same offsets)."""
    # ... but not a label's value: "Credit hours: 3\nContact hours: 45" are two statements, nor a date's day
    # ("2025-05-12\nCE Hours"), nor a number before a label line ("CEU 0.25\nHours of operation: ...",
    # "... 2024\nCE Hours\n9.5": the label's value is under it)
    flat = _join_wrapped_fraction(flat)
    return re.sub(rf"((?:(?<![\d.,/])(?<!:[ \t])(?<!:)(?<!\d-)(?<!\d–)\d{{1,3}}(?:\.\d{{1,2}}|[ \t]\d/\d)?\)?|\b(?i:{_WORD_END}))"
                  r"(?:[ \t](?i:contact|CE|clock|instructional|training|credit|PD|volunteer|service))?)"
                  r"\n(?=(?i:hours?|hrs|contact[ \t]hours|CE[ \t]hours|volunteer[ \t]hours)\b)"
                  r"(?![^\n]{0,30}:)(?![^\n]{0,30}\n[ \t]*\d{1,3}(?:\.\d{1,2})?[ \t]*(?:\n|$))", r"\1 ",
                  flat) if holds_any(folded(flat), _UNIT_LINE) else flat


def _join_wrapped_fraction(flat: str) -> str:
    """"14\n1/2 hours": a mixed number broken at the line end, "forty-five\n(45) hours": a number in
    words broken before its figures, "6.5\nCONTACT\nHOURS": stacked words (same length)."""
    low = folded(flat)
    if "hour" not in low and "hrs" not in low and "\nm" not in low and _MINUTES_LINE.search(low) is None:
        return flat  # each join below needs an hour unit or, wrapped onto a line of its own, minutes
    if "\n(" in flat:
        flat = re.sub(rf"(?i)\b({_WORD_END})\n"
                      r"(?=\(\d{1,3}(?:\.\d{1,2})?\)[ \t](?:contact[ \t])?(?:hours?|hrs)\b)", r"\1 ", flat)
    if _FRACTION_LINE.search(flat):
        flat = re.sub(r"(?<![\d.,/])(\d{1,3})\n(?=[1-7]/[248][ \t]{1,2}(?i:hours?|hrs)\b)", r"\1 ", flat)
    # "four and\nthree-quarters (4.75) hours", "six\nand a half hours": a number in words broken before its fraction
    if "half" in low or "quarter" in low:
        flat = re.sub(rf"(?i)\b({_WORD_END}"
                      r"(?:[ \t]+and(?:[ \t]+an?)?)?)\n(?=(?:and[ \t]+)?(?:an?[ \t]+)?(?:(?:one|three)[ \t-])?(?:half|quarters?)\b"
                      r"[ \t]*(?:\(\d{1,3}(?:\.\d{1,2})?\)[ \t]*)?(?:contact[ \t]|clock[ \t]|CE[ \t])?(?:hours?|hrs)\b)", r"\1 ",
                      flat)
    # "7 hours 30\nminutes", "13h\n30m", "7 hours\n30 minutes": minutes wrapped onto the next line
    if "\nm" in low or _MINUTES_LINE.search(low):
        flat = re.sub(r"(?<![\w.,/])(\d{1,3}[ \t]?(?i:hours?|hrs?|h)(?:[ \t,]{1,3}(?:and[ \t]{1,3})?\d{1,2})?)\n"
                      r"(?=(?:(?<=\d\n)|\d{1,2}[ \t]?)(?i:minutes?|mins?|m)\b)", r"\1 ", flat)
    # "6.5\nCONTACT\nHOURS": a figure stacked over its unit's words (a seal, a badge), one word a line
    if "\nhour" not in low and "\nhrs" not in low:
        return flat
    return re.sub(r"(?<![\d.,/:])(\d{1,3}(?:\.\d{1,2})?)\n((?i:contact|CE|clock|credit|PD|instructional))\n"
                  r"(?=(?i:hours?|hrs)[ \t]*(?:\n|$))", r"\1 \2 ", flat)


# a rate that defines a unit, not a count of the activity: "1.0 CEU = ten contact hours", "One semester credit equals
# fifteen hours of classroom contact", "10 contact hours = 1 CEU", "ten hours per CEU"
_RATE_UNIT = r"(?:[a-z\-]+[ \t]+){0,2}?(?:ceus?|c\.e\.u\.?s?|cecs?|pdhs?|pdus?|credits?|units?|hours?|hrs)(?:[ \t]+hours?)?"
_RATE_IS = (r"(?:=|equals?|is[ \t]+equal[ \t]+to|(?:is[ \t]+|are[ \t]+)?equivalent[ \t]+to|corresponds?[ \t]+to|"
            r"represents?|is[ \t]+worth|is[ \t]+awarded[ \t]+for|is[ \t]+defined[ \t]+as)")
_ONE = r"(?:1(?:\.0{1,2})?|one|each|every|a|an)"
_RATE_NUM = rf"(?:\d{{1,3}}(?:\.\d{{1,2}})?|{WORD_NUMBER})"
# "1.0 CEU" = / "10 contact hours" = : the side before the sign, ending where the mention starts
_RATE_BEFORE = re.compile(rf"(?i)(?<![\d.])\b(?:{_RATE_NUM}|each|every|an?)[ \t]+{_RATE_UNIT}[ \t]*{_RATE_IS}[ \t]*$")
_RATE_AFTER = re.compile(rf"(?i)^[ \t]*{_RATE_IS}[ \t]*{_RATE_NUM}\b(?![.,]?\d)[ \t]*{_RATE_UNIT}\b")
_PER_UNIT = re.compile(r"(?i)^[ \t]*(?:per|for[ \t]+(?:each|every|one))[ \t]+"
                       r"(?:ceu|c\.e\.u|cec|pdh|pdu|(?:semester[ \t]+|quarter[ \t]+)?(?:credit|unit))\b")
_ONE_AT = re.compile(rf"(?i)^{_ONE}\b(?![.,]?[1-9])")


_STUDY = re.compile(r"(?i)\b(?:notional|self[- ]?study|self[- ]directed|independent[ \t]+study|private[ \t]+study|"
                    r"guided[ \t]+learning|study[ \t]+(?:time|hours))\b")
_DAYS_HOURS = re.compile(
    rf"(?i)(?<![\d.])(?P<d>\d{{1,2}}|{WORD_NUMBER})[ \t]+(?:full[ \t]+|training[ \t]+|course[ \t]+)?days?[ \t]*"
    rf"(?:[x×][ \t]*|\([ \t]*|of[ \t]+|at[ \t]+)(?P<h>\d{{1,2}}(?:\.\d{{1,2}})?|{WORD_NUMBER})[ \t]*"
    r"(?:contact[ \t]+|teaching[ \t]+|instructional[ \t]+)?(?:hours?|hrs?|h)\b(?:[ \t]+(?:per|a|each)[ \t]+day\b)?\)?")


# "over three days, 6 hours each day": the day's hours after a comma, said to be each day's
_DAYS_COMMA_HOURS = re.compile(
    rf"(?i)(?<![\d.])(?P<d>\d{{1,2}}|{WORD_NUMBER})[ \t]+(?:full[ \t]+|training[ \t]+|course[ \t]+)?days?[ \t]*,[ \t]*"
    rf"(?:with[ \t]+)?(?:(?:of|at)[ \t]+)?(?P<h>\d{{1,2}}(?:\.\d{{1,2}})?|{WORD_NUMBER})[ \t]*(?:contact[ \t]+|teaching[ \t]+)?(?:hours?|hrs?|h)\b"
    r"[ \t]+(?:(?:per|a|each)[ \t]+(?:each[ \t]+)?day\b|each\b)")


_PART_DONE = re.compile(r"(?i)(?<![\d.,])(?P<n>\d{1,3}(?:\.\d{1,2})?)[ \t]+(?:out[ \t]+)?of[ \t]+(?:the[ \t]+)?$")


def _part_done(h: HoursMention, flat: str) -> HoursMention | None:
    """"4 of 6 hours": the first count, in the second's unit (method "part of")."""
    m = _PART_DONE.search(flat[max(0, h.span[0] - 16) : h.span[0]])
    if m is None or h.unit is not HoursUnit.HOUR or h.raw_value is None or not 0 < float(m["n"]) <= h.raw_value:
        return None
    start = h.span[0] - (len(flat[max(0, h.span[0] - 16) : h.span[0]]) - m.start())
    return replace(h, hours=float(m["n"]), raw_value=float(m["n"]), span=(start, h.span[1]), text=flat[start : h.span[1]],
                   confidence=min(h.confidence, 0.8), how="part of")


_AT_LEAST = re.compile(r"(?i)\b(?:at[ \t]+least|(?:a[ \t]+)?minimum[ \t]+of|min\.|more[ \t]+than|in[ \t]+excess[ \t]+of|"
                      r"upwards[ \t]+of|over[ \t]+and[ \t]+above)[ \t]*\(?[ \t]*$")
_NUM = r"\d{1,3}(?:\.\d{1,2})?"
# "Hours: 3 (lecture) + 2 (lab) = 5", "CE Hours: 1.5 General, 1.0 Ethics": a label's value in parts
_PLUS_PARTS = re.compile(rf"^(?:[ \t]*(?:\([^)\n]{{0,20}}\)|[A-Za-z][A-Za-z ]{{0,18}})?[ \t]*\+[ \t]*(?P<n>{_NUM})"
                         rf"(?:[ \t]*(?:hours?|hrs?))?)+(?:[ \t]*(?:\([^)\n]{{0,20}}\)|[A-Za-z][A-Za-z ]{{0,18}}))?"
                         rf"(?:[ \t]*=[ \t]*(?P<total>{_NUM}))?")
_NAMED_PARTS = re.compile(rf"^(?:[ \t]+[A-Za-z][A-Za-z]{{2,15}}(?:[ \t]+[A-Za-z]{{2,15}})?[ \t]*[,;/&][ \t]*(?:and[ \t]+)?"
                          rf"(?P<n>{_NUM})(?=[ \t]+[A-Za-z]))+")


def _label_parts(h: HoursMention, flat: str) -> HoursMention | None:
    """A label's value that goes on in parts ("Hours: 3 (lecture) + 2 (lab) = 5", "CE Hours: 1.5 General, 1.0
    Ethics"): the total it states (method "label total"), else the parts' sum (method "label parts", weaker)."""
    if not h.labelled or h.unit is not HoursUnit.HOUR or h.raw_value is None:
        return None
    after = flat[h.span[1] : h.span[1] + 120].split("\n")[0]
    m = _PLUS_PARTS.match(after)
    if m is not None and "+" in m.group():
        if m["total"]:
            return replace(h, hours=float(m["total"]), raw_value=float(m["total"]), span=(h.span[0], h.span[1] + m.end()),
                           text=flat[h.span[0] : h.span[1] + m.end()], confidence=min(h.confidence, 0.9), how="label total")
        parts = [float(x) for x in re.findall(rf"\+[ \t]*({_NUM})", m.group())]
    else:
        m = _NAMED_PARTS.match(after)
        if m is None:
            return None
        parts = [float(x) for x in re.findall(rf"[,;/&][ \t]*(?:and[ \t]+)?({_NUM})", m.group())]
    total = round(h.hours + sum(parts), 2)
    if not parts or total > 200:
        return None
    return replace(h, hours=total, raw_value=total, span=(h.span[0], h.span[1] + m.end()),
                   text=flat[h.span[0] : h.span[1] + m.end()], confidence=min(h.confidence, 0.8), how="label parts")


_PER_DAY = re.compile(r"^[ \t]{0,2}(?:per|a|each|/)[ \t]{0,2}day\b", re.IGNORECASE)


def _per_day_dates(per_day: list[HoursMention], flat: str) -> Found | None:
    """"6 contact hours per day" and one run of days the document dates ("April 2-4, 2025"), no total stated: the
    day's hours times the days, a weaker reading (method "per day x dates")."""
    if len({h.hours for h in per_day}) != 1:
        return None
    ranges = {(m.start, m.end) for m in find_dates(flat) if m.is_range and not m.month_only and not m.ambiguous}
    if len(ranges) != 1:
        return None
    start, end = next(iter(ranges))
    days = (end - start).days + 1
    total = round(per_day[0].hours * days, 2)
    if not 2 <= days <= 7 or not 0 < total <= 200:
        return None
    return Found(total, per_day[0].span, 0.7, "per day x dates")


# "Contact hours" alone on its line, then "Day 1: 6.0", "Day 2: 6.0", "Total: 12.0"
_HOURS_HEADING = re.compile(r"(?im)^[ \t]*(?:total[ \t]+)?(?:contact|ce|clock|training|instructional|credit)?[ \t]*"
                            r"(?:hours|hrs\.?)(?:[ \t]+(?:earned|awarded|attended|completed))?[ \t]*:?[ \t]*$")
_TOTAL_LINE = re.compile(r"(?im)^[ \t]*total[ \t]*[:=–—-]?[ \t]*(?P<v>\d{1,3}(?:\.\d{1,2})?)[ \t]*$")


def _total_under_heading(flat: str) -> Found | None:
    """A bare "Total: 12.0" a few lines under an hours heading alone on its line (its parts between): the total
    (method "total under heading", 0.8); "Total: 150" anywhere else is any total."""
    for head in _HOURS_HEADING.finditer(flat):
        below = flat[head.end() : head.end() + 200].split("\n")[1:7]
        for line in below:
            m = _TOTAL_LINE.match(line)
            if m is not None:
                value = float(m["v"])
                start = flat.index(line, head.end())
                return Found(value, (start, start + len(line)), 0.8, "total under heading") if 0 < value <= 200 else None
    return None


_UP_TO = re.compile(r"(?i)\b(?:up[ \t]+to|(?:a[ \t]+)?maximum[ \t]+of|max\.?|as[ \t]+many[ \t]+as|no[ \t]+more[ \t]+than|"
                    r"not[ \t]+to[ \t]+exceed|at[ \t]+most)[ \t]*\(?[ \t]*$")


_DAYS_THEN = re.compile(r"days?[ \t]*(?:[x×(,]|of|at)")  # on folded text (text.gates)


def _days_times_hours(flat: str) -> HoursMention | None:
    """"3 days x 6 hours", "2 days (6 hours per day)", "3 days of 6 hours": a count of days times their hours."""
    from ..text.numbers import parse_number

    one = flat.replace("\n", " ")
    if _DAYS_THEN.search(folded(one)) is None:
        return None  # both patterns need "day(s)" followed by "x", "(", "of", "at" or a comma
    m = _DAYS_HOURS.search(one) or _DAYS_COMMA_HOURS.search(one)
    if m is None:
        return None
    try:
        d, h = parse_number(m["d"]), parse_number(m["h"])
    except ValueError:
        return None
    if not (1 <= d <= 31 and 0 < h <= 12):
        return None
    return HoursMention(round(d * h, 2), HoursUnit.HOUR, HoursKind.GENERIC, m.group(), m.span(), 0.8,
                        labelled=False, raw_value=d * h, how="days x hours")


_PERIOD_WORDS = ("day", "week", "session", "class", "module", "meeting", "evening", "morning", "afternoon", "webinar",
                 "lecture", "workshop")
_PERIOD = rf"(?:{'|'.join(_PERIOD_WORDS)})"
_PERIODS = rf"(?P<u>{_PERIOD}(?:s|es)?)"
_PH = rf"(?P<h>\d{{1,2}}(?:\.\d{{1,2}})?|{WORD_NUMBER})[ \t-]*(?:contact[ \t]+|teaching[ \t]+|instructional[ \t]+|clock[ \t]+)?(?:hours?|hrs?)\b"
# "six sessions of 1.5 hours each", "a six-week course ..., 2 hours per week", "four 3-hour evening sessions"
_PERIODS_HOURS = re.compile(
    rf"(?i)(?<![\d.])(?P<d>\d{{1,2}}|{WORD_NUMBER})[ \t-]+(?:\w+[ \t]+)?{_PERIODS}\b"
    rf"(?:[ \t]*(?:of|at|x|×|\()[ \t]*|[^.;\n]{{0,60}}?\b){_PH}[ \t]+(?:(?:per|a|each|every)[ \t]+(?P<u2>{_PERIOD})\b|each\b)")
# "two 3.5-hour sessions", "four 3-hour evening sessions", "8 weeks x 3 hours"
_COUNT_HOUR_PERIODS = re.compile(
    rf"(?i)(?<![\d.])(?P<d>\d{{1,2}}|{WORD_NUMBER})[ \t]+{_PH}[ \t-]+(?:\w+[ \t]+)?{_PERIODS}\b")
_PERIODS_X_HOURS = re.compile(
    rf"(?i)(?<![\d.])(?P<d>\d{{1,2}}|{WORD_NUMBER})[ \t-]+(?:\w+[ \t]+)?{_PERIODS}[ \t]*(?:x|×|\(|of)[ \t]*{_PH}"
    rf"(?:[ \t]+(?:(?:per|a|each|every)[ \t]+(?P<u2>{_PERIOD})\b|each\b))?")
# "two 90-minute sessions", "three 45-minute webinars"
_COUNT_MINUTE_PERIODS = re.compile(
    rf"(?i)(?<![\d.])(?P<d>\d{{1,2}}|{WORD_NUMBER})[ \t]+(?P<m>\d{{2,3}})[ \t-]*(?:minutes?|mins?)[ \t-]+(?:\w+[ \t]+)?{_PERIODS}\b")
# "2 hours per week for six weeks", "6 contact hours a day over three days"
_HOURS_PER_PERIODS = re.compile(
    rf"(?i)(?<![\d.]){_PH}[ \t]+(?:per|a|each|every)[ \t]+(?P<u2>{_PERIOD})\b[ \t,]*(?:for|over|across)[ \t]+"
    rf"(?:(?:the|a|its)[ \t]+)?(?P<d>\d{{1,2}}|{WORD_NUMBER})[ \t-]+(?:\w+[ \t]+)?{_PERIODS}\b")


def _line_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each line of ``text``, without its newline."""
    spans, start = [], 0
    while (end := text.find("\n", start)) >= 0:
        spans.append((start, end))
        start = end + 1
    spans.append((start, len(text)))
    return spans


def _periods_times_hours(flat: str) -> HoursMention | None:
    """Sessions, weeks or days counted with each one's hours ("six sessions of 1.5 hours each", "2 hours per week
    for six weeks"): their product, a weaker reading than a stated total (method "periods x hours")."""
    from ..text.numbers import parse_number

    # within a line ("Module 2 1.5 hours\nModule 3" is no count of modules): every pattern below names a period
    # and its hours (or minutes) on one line, so only the lines that hold both are searched
    low = folded(flat)
    lines = [(a, b) for a, b in _line_spans(flat) if holds_any(low[a:b], _PERIOD_WORDS)
             and holds_any(low[a:b], ("hour", "hr", "min"))]
    found = (m for rx in (_PERIODS_HOURS, _HOURS_PER_PERIODS, _PERIODS_X_HOURS, _COUNT_HOUR_PERIODS, _COUNT_MINUTE_PERIODS)
             for a, b in lines for m in rx.finditer(flat, a, b))
    for m in found:
        unit = re.sub(r"(?:es|s)$", "", m["u"].lower())
        if "u2" in m.re.groupindex and m["u2"] and not unit.startswith(m["u2"].lower()[:4]):
            continue  # "three days, 2 hours per session": not the same period
        try:
            d = parse_number(m["d"])
            h = parse_number(m["h"]) if "h" in m.re.groupindex else int(m["m"]) / 60
        except ValueError:
            continue
        if 2 <= d <= 52 and 0 < h <= 12 and d * h <= 200:
            return HoursMention(round(d * h, 2), HoursUnit.HOUR, HoursKind.GENERIC, m.group(), m.span(), 0.75,
                                labelled=False, raw_value=d * h, how="periods x hours")
    return None


def _is_rate(h: HoursMention, flat: str) -> bool:
    """The mention is one side of a conversion rate the document prints, not the activity's count (either side:
    "1.0 CEU" and "ten contact hours" in "1.0 CEU = ten contact hours"; "10 hours per CEU"). One side of a rate is a
    single unit ("1", "1.0", "one", "each")."""
    line_start = flat.rfind("\n", 0, h.span[0]) + 1
    before = flat[max(line_start, h.span[0] - 60) : h.span[0]]
    after = flat[h.span[1] : h.span[1] + 40].split("\n")[0]
    if _PER_UNIT.match(after):
        return True
    rb, ra = _RATE_BEFORE.search(before), _RATE_AFTER.match(after)
    if _ONE_AT.match(h.text):  # this side is the unit: "1.0 CEU = ten contact hours", "10 hours = 1 CEU"
        return bool(rb or ra)
    # the other side is the unit
    return bool(rb and _ONE_AT.match(rb.group().lstrip()) or ra and re.search(
        rf"(?i){_RATE_IS}[ \t]*{_ONE}\b(?![.,]?[1-9])", ra.group()))


def find_contact_hours(layout: Layout, flat: str, doc_type: DocType) -> tuple[Found | None, bool]:
    """(contact hours, conflict between mentions)."""
    flat = join_wrapped_hours(flat)
    every = [h for h in find_hours(flat) if h.kind is not HoursKind.VOLUNTEER]
    mentions = [h for h in every if not _PER_WEEK.match(flat[h.span[1] : h.span[1] + 12])]
    per_day = [h for h in every if h not in mentions and _PER_DAY.match(flat[h.span[1] : h.span[1] + 12])]
    rates = [h for h in mentions if _is_rate(h, flat)]
    mentions = [h for h in mentions if h not in rates]
    # hours of study a programme expects besides its teaching ("Notional learning hours: 20 (including 12 contact
    # hours)", "self-study hours"): no contact hours, while the document states another count
    study = [h for h in mentions if _STUDY.search(flat[max(0, h.span[0] - 30) : h.span[0]] + h.text)]
    if study and len(study) < len(mentions):
        mentions = [h for h in mentions if h not in study]
    elif study:
        mentions = [replace(h, confidence=min(h.confidence, 0.6), how="study hours") for h in mentions]
    # "attended 4 of 6 hours", "completed 5.5 out of 6 contact hours": the part done, not the whole offered
    mentions = [_part_done(h, flat) or _label_parts(h, flat) or h for h in mentions]
    # "up to 40 hours", "a maximum of 6 contact hours": a ceiling the activity allows, not hours completed; "at least
    # 20 hours": a floor
    mentions = [replace(h, confidence=min(h.confidence, 0.6), how="upper bound")
                if _UP_TO.search(flat[max(0, h.span[0] - 25) : h.span[0]]) else
                replace(h, confidence=min(h.confidence, 0.6), how="lower bound")
                if _AT_LEAST.search(flat[max(0, h.span[0] - 25) : h.span[0]]) else h for h in mentions]
    days = _days_times_hours(flat) or _periods_times_hours(flat)
    if days is not None:  # "3 days x 6 hours", "2 days (6 hours per day)": the days' hours together
        mentions = [h for h in mentions if not (days.span[0] <= h.span[0] < days.span[1])] + [days]
    sched = None
    if doc_type is DocType.COURSE_SYLLABUS:
        try:
            res = schedule_hours(layout.text.split("\n"))
            if len(res.items) >= 3:
                sched = res
        except ValueError:
            sched = None
    mentions += [h for h in _layout_mentions(layout) if h.kind is not HoursKind.VOLUNTEER
                 and not any(o.span[0] < h.span[1] and h.span[0] < o.span[1] for o in [*mentions, *rates])]
    if not mentions and sched is None:
        found = _per_day_dates(per_day, flat) or _total_under_heading(flat)
        if found is None:
            found = _column_sum(layout)
        if found is None and doc_type is DocType.CONFERENCE_ATTENDANCE:
            found = _sessions_attended(layout)
        if found is None and doc_type is DocType.COMPLETION_CERTIFICATE:
            found = _timetable(layout)
        if found is None:
            found = _prose_range(flat)
        return found, False
    items = _item_durations(mentions, flat)
    if items is not None:  # "Introduction (10 min)", "Planning (10 min)", ...: an agenda's items, no total stated
        if sched is not None:
            return Found(round(sched.total_hours, 2), (0, 0), 0.8, "schedule"), False
        return items, False
    timed = _timed_over_parts(mentions, flat, sched, layout, doc_type)
    if timed is not None:
        return timed, False
    if mentions:
        best = max(mentions, key=lambda h: (_rank(h, flat), -h.span[0]))
        best = _stated_for(best, mentions, flat) or best  # "14.5 hrs (1.4 CEU)": as stated, the CEU rounded
        less = _included_break(flat, best)
        if less is not None:  # the meal's own duration is part of the statement, no other count
            mentions = [h for h in mentions if not best.span[1] <= h.span[0] < less[1]]
        conflict = any(_rank(h, flat) >= _rank(best, flat) and not _agree(h, best) for h in mentions if h is not best) \
            or any(not _agree(h, best) for h in mentions if (h.unit in _CONVERTED) != (best.unit in _CONVERTED)
                   and _beside(h, best, flat)) \
            or best.unit in _CONVERTED and any(not _agree(h, best) for h in _stated_hours(mentions)
                                               if not _part_of(h, best, flat))
        conf = best.confidence - (0.25 if conflict else 0.0)
        if not conflict and any(h.unit in _CONVERTED and _agree(h, best) for h in mentions if h is not best):
            conf = round(min(0.98, conf + 0.03), 4)  # its CEUs (PDHs) say the same, as a schedule agreeing does
        if sched is not None:
            if abs(sched.total_hours - best.hours) < 0.01:
                conf = min(0.98, conf + 0.03)
            else:
                conf -= 0.15
                conflict = True
        method = best.how or ("label" if best.labelled else f"text:{best.kind.value}")
        value, span = best.hours, best.span
        if less is not None:  # "7.5 hours (including a one-hour lunch)": the meal is no instruction
            value, span = best.hours - less[0], (best.span[0], less[1])
            conf, method = min(conf, 0.8), f"{method} less break"
        return Found(round(value, 2), span, conf, method), conflict
    if sched is None:  # pragma: no cover - narrowed above
        return None, False
    first = next(i for i in sched.items)
    del first
    return Found(round(sched.total_hours, 2), (0, 0), 0.85, "schedule"), False


def _timed_over_parts(mentions: list[HoursMention], flat: str, sched, layout: Layout,  # noqa: ANN001 - ScheduleResult
                      doc_type: DocType) -> Found | None:
    """The timed reading where the only counts stated are plain ones smaller than it ("Each session is 1.5 hours",
    "Lunch (1 hour)", "arrive 15 minutes early": a part of the schedule, the timetable or the sessions, or beside
    them): the schedule (0.8), a certificate's timetable or a record's sessions attended (their own methods)."""
    if not mentions:
        return None
    top = max(mentions, key=lambda h: (_rank(h, flat), -h.span[0]))
    if _rank(top, flat) > 0.0 or top.how:
        return None
    if sched is not None:
        return Found(round(sched.total_hours, 2), (0, 0), 0.8, "schedule") if top.hours < sched.total_hours - 0.01 \
            else None
    timed = _timetable(layout) if doc_type is DocType.COMPLETION_CERTIFICATE else \
        _sessions_attended(layout) if doc_type is DocType.CONFERENCE_ATTENDANCE else None
    return timed if timed is not None and top.hours < timed.value - 0.01 else None


# units a document converts its hours into, rounded to the figures it prints ("1.4 CEU" for 14.5 hours)
_CONVERTED = {HoursUnit.CEU, HoursUnit.PDH, HoursUnit.PDU, HoursUnit.CDU}
# not a comma ("2.0 CEUs, 3 hours of which cover ethics": a part, no second reading of the count)
_BESIDE = re.compile(r"^[ \t]{0,3}(?:[(\[/=]|[-–—]|or|i\.e\.)?[ \t]{0,3}$", re.IGNORECASE)


def _agree(a: HoursMention, b: HoursMention) -> bool:
    """The same count, allowing a converted unit its printed rounding (1.4 CEU for 14 to 14.5 hours)."""
    if abs(a.hours - b.hours) < 0.01:
        return True
    for conv, other in ((a, b), (b, a)):
        if conv.unit in _CONVERTED and other.unit not in _CONVERTED and conv.raw_value is not None:
            m = re.search(r"\d+(?:\.(\d+))?", conv.text)
            places = len(m[1] or "") if m else 0
            factor = conv.hours / conv.raw_value if conv.raw_value else 1.0
            # within half the last printed place, never more than half an hour ("1 CEU" is no 6 to 15 hours)
            if abs(other.hours - conv.hours) <= min(0.5 * 10 ** -places * factor, 0.5) + 1e-9:
                return True
    return False


def _beside(a: HoursMention, b: HoursMention, flat: str) -> bool:
    """Two readings set side by side ("14.5 hrs (1.4 CEU)", "1.4 CEUs / 14 contact hours")."""
    first, second = (a, b) if a.span[0] < b.span[0] else (b, a)
    return first.span[1] <= second.span[0] and bool(_BESIDE.match(flat[first.span[1] : second.span[0]]))


def _stated_hours(mentions: list[HoursMention]) -> list[HoursMention]:
    """Counts stated in hours or minutes (not credits of a bare number, "CE credits: 3", nor "Credit hours: 3")."""
    return [h for h in mentions if h.unit in (HoursUnit.HOUR, HoursUnit.MINUTE) and 0 < h.hours <= 200
            and not _CREDITS_BARE.search(h.text) and not re.match(r"(?i)credit", h.text)]


# "2.0 CEUs, 3 hours of which cover ethics", "1.5 CEUs; 2 hours of it in the field": a part of the count
_PART = re.compile(r"^[ \t]{0,3}(?:of[ \t]+(?:which|them|these|this|it)\b|(?:were|was|are|is)[ \t]+(?:spent|devoted|in|on)\b)",
                   re.IGNORECASE)


def _part_of(h: HoursMention, best: HoursMention, flat: str) -> bool:
    """Hours that are a part of the converted count, not a second reading of it: right after it across a comma,
    or saying they are a part ("3 hours of which ...")."""
    after = best.span[1] <= h.span[0] and re.fullmatch(r"[ \t]*[,;][ \t]*", flat[best.span[1] : h.span[0]])
    return bool(after) or bool(_PART.match(flat[h.span[1] : h.span[1] + 30]))


def _stated_for(best: HoursMention, mentions: list[HoursMention], flat: str) -> HoursMention | None:
    """The hours stated as hours where the best-ranked reading is converted from CEUs or PDHs: the one beside it
    (whether or not it agrees: a disagreement is a conflict), else one elsewhere that agrees within rounding."""
    if best.unit not in _CONVERTED:
        return None
    # not credits of a bare number ("CE credits: 3 (0.6 CEU)") nor "Credit hours: 3": no count of hours
    hours = _stated_hours(mentions)
    beside = [h for h in hours if _beside(h, best, flat)]
    agreeing = [h for h in hours if _agree(h, best) and abs(h.hours - best.hours) >= 0.01]
    if any(abs(h.hours - best.hours) < 0.01 for h in beside):
        return None  # "6 hrs (0.6 CEU)": the same count either way
    pool = beside or agreeing
    return max(pool, key=lambda h: (_rank(h, flat), -h.span[0])) if pool else None


# "Hours: 7.5 (including a one-hour lunch break)", "7 hours, including a 30-minute lunch": the stated time
# counts a meal or breaks that are not instruction ("excluding lunch", "lunch not included" say it does not)
_INCLUDED_BREAK = re.compile(
    r"^[ \t,]{0,3}\(?[ \t]*(?:including|includes|incl\.?|inclusive[ \t]of)[ \t]+(?:an?[ \t]+)?"
    r"(?P<d>[^()\n;,]{1,30}?)[ \t-]+(?:of[ \t]+)?(?:lunch|meal|breaks?|coffee[ \t]breaks?)\b", re.IGNORECASE)


def _included_break(flat: str, best: HoursMention) -> tuple[float, int] | None:
    """(hours to take off, end of the phrase) when the stated hours say they include a meal or breaks."""
    m = _INCLUDED_BREAK.match(flat[best.span[1] : best.span[1] + 80])
    if m is None:
        return None
    try:
        less = parse_duration(m["d"])
    except ParseError:
        return None
    return (less, best.span[1] + m.end()) if 0 < less < best.hours else None


def _layout_mentions(layout: Layout) -> list[HoursMention]:
    """Hours a label states by layout rather than by a colon: a table's header over its cell ("Contact
    hours | CEUs" over "13 | 1.3"; method "table") and a label cell beside its value cell (method "pair").
    Spans are in ``layout.text``."""
    out: list[HoursMention] = []
    rows = table_rows(layout)
    for row in rows:
        for head, (v, sp) in row.items():
            # a column of several rows (sessions attended): parts, not the activity's hours, but for
            # the row that says it is their total ("Total | 5.5")
            column = sum(head in r for r in rows) > 1
            if column and not any(h != head and c.strip().lower().startswith("total") for h, (c, _) in row.items()):
                continue
            got = _head_value(head, v)
            if got is not None:
                out.append(replace(got, span=(sp[0] + got.span[0], sp[0] + got.span[1]),
                                   how="table total" if column else "table", confidence=min(got.confidence, 0.85),
                                   labelled=column or got.labelled))
    for p in pairs(layout):
        if p.kind == "cells" and not any(ch.isdigit() for ch in p.label):
            got = read_labelled(p.label, p.value)
            if got is not None:
                start = p.span[0]  # the value cell's first word
                out.append(replace(got, span=(start + got.span[0], start + got.span[1]), how="pair",
                                   confidence=min(got.confidence, 0.88)))
    return out


_HOURS_HEAD = re.compile(r"\b(?:hours?|hrs|contact[ \t]hours|ce[ \t]hours|duration)\b")


def _timed_sessions(layout: Layout):  # noqa: ANN202 - (schedule, its counted sessions with an end), or (None, [])
    """The document's timed lines read as a schedule (a "Time: 9:00 - 17:00" line gives the event's day, no
    session) and the sessions it counts that have an end time."""
    lines = [ln for ln in layout.text.split("\n") if not _TIME_LABEL.match(ln)]
    try:
        res = schedule_hours(lines)
    except ValueError:
        return None, []
    return res, [it for it in res.items if it.counted and it.end is not None]


def _sessions_attended(layout: Layout) -> Found | None:
    """An attendance record listing the sessions attended by their times only ("May 3 9:00-10:30 Plenary"),
    no hours and no total stated: their time, as a schedule's (method "sessions", a weaker reading)."""
    res, counted = _timed_sessions(layout)
    # one session is enough where the record says it lists sessions ("Sessions attended")
    if not counted or len(counted) == 1 and not _SESSIONS.search(layout.text) or not 0 < res.total_hours <= 200:
        return None
    return Found(round(res.total_hours, 2), (0, 0), 0.7, "sessions")


def _timetable(layout: Layout) -> Found | None:
    """A certificate that states no hours but prints its timetable ("09.00-10.30 Soil profiles", "10.30-10.45 Break",
    ...): the timed sessions but breaks and meals, a weaker reading of its own (method "timetable")."""
    res, counted = _timed_sessions(layout)
    if len(counted) < 3 or not 0 < res.total_hours <= 200:
        return None
    return Found(round(res.total_hours, 2), (0, 0), 0.7, "timetable")


# "with a one-hour lunch", "including two 15-minute breaks", "less a 45-minute lunch": a pause within the range
_RANGE_PAUSE = re.compile(
    r"^[^.;\n]{0,40}?\b(?:with|including|includes|incl\.?|less|minus|and)[ \t]+(?:an?[ \t]+)?(?P<d>[^()\n;,.]{1,30}?)"
    r"[ \t-]+(?:(?:catered|working|hosted|coffee)[ \t]+)?(?:lunch(?:eon)?|meal|breaks?)\b", re.IGNORECASE)
_PAUSE_WORD = re.compile(r"(?i)\b(?:lunch(?:eon)?|meal|breaks?)\b(?![ \t]+(?:and|&)[ \t]+learn)")


def _prose_range(flat: str) -> Found | None:
    """A certificate or letter that states no hours but the time of day the activity ran ("The workshop ran from
    8:30 a.m. to 4:30 p.m. with a one-hour lunch"): the time between, less a pause it states with its length, a
    weaker reading of its own (method "time range"; lower still where a meal or break is named without a length)."""
    one = flat.replace("\n", " ")
    ranges = [(h, sp) for h, sp in prose_time_ranges(one)
              if not _EXCLUDED_BEFORE.search(one[max(0, sp[0] - 40) : sp[0]])]
    seen: set[str] = set()
    total, conf = 0.0, 0.7
    for h, sp in ranges:
        if one[sp[0] : sp[1]] in seen:  # the same range printed twice
            continue
        seen.add(one[sp[0] : sp[1]])
        after = one[sp[1] : sp[1] + 90]
        pause = _RANGE_PAUSE.match(after)
        less = 0.0
        if pause is not None:
            try:
                less = parse_duration(pause["d"])
            except ParseError:
                less = 0.0
        if less == 0.0 and _PAUSE_WORD.search(after[:60]):
            conf = 0.5  # a meal or a break of no stated length
        total += h - (less if 0 < less < h else 0.0)
    if not ranges or not 0 < total <= 24 * len(seen):
        return None
    return Found(round(total, 2), ranges[0][1], conf, "time range")


# what a time range before it is not: the office's hours, check-in, a reception ("Registration from 8:00 to 8:30")
_EXCLUDED_BEFORE = re.compile(r"(?i)\b(?:office|opening|business|registration|check[- ]?in|sign[- ]?in|reception|"
                              r"doors|open|lunch|breakfast|dinner|social|networking|travel|shuttle|bus)\b[^.;]{0,25}$")


_LEADERS = re.compile(r"(?:[ \t]*\.){3,}.*$|[ \t]+\d{1,3}[ \t]*$")


def _item_durations(mentions: list[HoursMention], flat: str) -> Found | None:
    """Three or more lines that each give an item's length and nothing states a total ("Introduction (McCrea, 10
    min)", "Planning (10 min)", ...; "Module 1 2.0 hours", ...): their sum but breaks and meals, each line once (a
    table of contents repeats them), a weaker reading (method "item durations")."""
    if len(mentions) < 3 or any(h.labelled or h.kind is not HoursKind.GENERIC or h.how or h.unit not in
                                (HoursUnit.HOUR, HoursUnit.MINUTE) for h in mentions):
        return None
    lines: dict[str, float] = {}
    for h in mentions:
        start, end = flat.rfind("\n", 0, h.span[0]) + 1, flat.find("\n", h.span[1])
        line = flat[start : end if end >= 0 else len(flat)]
        if "total" in line.lower() or len(find_hours(line)) > 1:
            return None  # a total, or a line of several counts: no list of items
        key = " ".join(_LEADERS.sub("", line[: h.span[1] - start]).lower().split())
        if is_counted(line):
            lines.setdefault(key, h.hours)
    total = round(sum(lines.values()), 2)
    if len(lines) < 3 or not 0 < total <= 200:
        return None
    return Found(total, (mentions[0].span[0], mentions[-1].span[1]), 0.7, "item durations")


_TIME_LABEL = re.compile(r"^[ \t]*(?:time|times|hours|when|schedule|date[ \t]and[ \t]time)[ \t]*:", re.IGNORECASE)
_SESSIONS = re.compile(r"(?i)\bsessions?[ \t]+(?:attended|scanned|completed|list)|\bsessions?[ \t]*:?[ \t]*\n")


def _column_sum(layout: Layout) -> Found | None:
    """A bare number under an "Hours" column: one row's, or the sum of several rows' (the sessions a
    record lists, with no total stated), a weaker reading (method "table sum")."""
    cols: dict[str, list[tuple[float, tuple[int, int]]]] = {}
    for row in table_rows(layout):
        for head, (v, sp) in row.items():
            h = _bare_hours(v)
            if h is not None and _HOURS_HEAD.search(head) and not _MINUTES_HEAD.search(head):
                cols.setdefault(head, []).append((h, sp))
    if not cols:
        return _minutes_column(layout)
    cells = next(iter(cols.values()))
    if len(cells) == 1:
        return Found(cells[0][0], cells[0][1], 0.85, "table")
    total = round(sum(v for v, _ in cells), 2)
    return Found(total, (cells[0][1][0], cells[-1][1][1]), 0.7, "table sum") if total <= 200 else None


_MINUTES_HEAD = re.compile(r"\b(?:minutes?|mins?\.?)(?:\b|$)|\(min\.?\)", re.IGNORECASE)


def _minutes_column(layout: Layout) -> Found | None:
    """A table of sessions timed in minutes ("Session | Minutes" over "Soil profiles | 90"): its Total row (method
    "minutes total"), else the rows' sum ("minutes column"), in hours."""
    cells: list[tuple[float, tuple[int, int]]] = []
    for row in table_rows(layout):
        for head, (v, sp) in row.items():
            m = re.fullmatch(r"\d{1,4}", v.strip())
            if m is None or not _MINUTES_HEAD.search(head) or re.search(r"(?i)\b(?:hours?|hrs)\b", head):
                continue
            if any(c.strip().lower().startswith("total") for k, (c, _) in row.items() if k != head):
                return Found(round(int(m.group()) / 60, 2), sp, 0.8, "minutes total") if 0 < int(m.group()) <= 12000 else None
            cells.append((int(m.group()) / 60, sp))
    if len(cells) < 2:
        return None
    total = round(sum(v for v, _ in cells), 2)
    return Found(total, (cells[0][1][0], cells[-1][1][1]), 0.7, "minutes column") if 0 < total <= 200 else None


def _head_value(head: str, value: str) -> HoursMention | None:
    """A cell under an hours column: "Hours", "Contact Hrs", "CEUs" (tenfold), "Duration" with its unit."""
    if re.fullmatch(r"(?:hours?|hrs\.?|duration)", head.strip()):
        h = _bare_hours(value)
        if h is not None:
            text = value.strip()
            return HoursMention(h, HoursUnit.HOUR, HoursKind.GENERIC, text, (0, len(text)), 0.85,
                                labelled=True, raw_value=h)
    return read_labelled(head, value)


def _bare_hours(value: str) -> float | None:
    """A cell holding nothing but a plausible count of hours ("6", "12.5")."""
    m = re.fullmatch(r"\d{1,3}(?:\.\d{1,2})?", value.strip())
    return float(m.group()) if m and 0 < float(m.group()) <= 200 else None


def _log_hours(layout: Layout) -> Found | None:
    """A log of volunteer time by period ("Month | Hours" over "January 2024 | 7", "February 2024 | 11"): the row
    that says it is the total ("Total | 44", method "table total"), else the rows' sum ("table sum"), weaker
    readings of their own."""
    cells: list[tuple[float, tuple[int, int]]] = []
    for row in table_rows(layout):
        for head, (v, sp) in row.items():
            h = _bare_hours(v)
            if h is None or not _HOURS_HEAD.search(head):
                continue
            if any(c.strip().lower().startswith("total") for k, (c, _) in row.items() if k != head):
                return Found(h, sp, 0.85, "table total")
            cells.append((h, sp))
    if len(cells) < 2:
        return None
    total = round(sum(v for v, _ in cells), 2)
    return Found(total, (cells[0][1][0], cells[-1][1][1]), 0.7, "table sum") if total <= 2000 else None


def find_volunteer_hours(flat: str, layout: Layout | None = None) -> Found | None:
    flat = join_wrapped_hours(flat)
    mentions = find_hours(flat)
    if not mentions:
        return _log_hours(layout) if layout is not None else None
    vol = [h for h in mentions if h.kind is HoursKind.VOLUNTEER]
    pool = vol or [h for h in mentions if h.kind is HoursKind.GENERIC]
    if not pool:
        return None
    best = max(pool, key=lambda h: (h.labelled, h.kind is HoursKind.VOLUNTEER))
    conf = best.confidence if (best.labelled or best.kind is HoursKind.VOLUNTEER) else 0.8
    if len({round(h.hours, 2) for h in pool}) > 1:
        conf -= 0.2
    return Found(round(best.hours, 2), best.span, conf, "label" if best.labelled else "text")

