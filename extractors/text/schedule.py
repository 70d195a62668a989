"""Contact hours from a syllabus or agenda schedule.

Each line with a time ("9:00 – 10:30 Session", "1:30pm-3pm", "09h00 Opening") becomes an
item; an item with only a start time ends where the next item starts. Breaks, meals,
registration, welcome/administrative remarks, social events and travel are not counted
(unless instruction happens during them: "field tour", "lunch and learn"). Concurrent
sessions are counted once (union of intervals per day); days are summed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import time

from cecintake.errors import ParseError

_T = (
    r"(?:(?P<{p}h>[01]?\d|2[0-3])(?:(?P<{p}sep>[:.h])(?P<{p}m>[0-5]\d))?"
    r"(?:[ \t]{{0,2}}(?P<{p}ap>[ap]\.?[ \t]?m(?:\b|(?-i:(?=[A-Z])))\.?|in[ \t]the[ \t](?:morning|afternoon|evening)))?"
    r"|(?P<{p}noon>noon|midday))"
)
_RANGE_RE = re.compile(
    r"(?<![\d:/.\-])" + _T.format(p="s") + r"[ \t]{0,3}(?:[-–—~]|to\b|until\b|till?\b|and\b)[ \t]{0,3}" + _T.format(p="e")
    + r"(?![\d/])",
    re.IGNORECASE,
)
_START_RE = re.compile(r"^[ \t•*\-]{0,4}" + _T.format(p="s") + r"(?![\d/])", re.IGNORECASE)
_DAY_RE = re.compile(
    r"^[ \t#*]{0,6}(?:day[ \t]{1,3}(?:\d{1,2}|one|two|three|four|five)\b|"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?[ \t]\d{1,2}(?:st|nd|rd|th)?\b|"
    r"\d{1,2}(?:st|nd|rd|th)?[ \t](?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b)",
    re.IGNORECASE,
)
# "the 2nd of August, 2024", "Fri 3 May": a date in words before a line's time
_LEAD_DATE_RE = re.compile(r"\d.*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\b|"
                           r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]{0,6}\.?[ \t]+\d", re.IGNORECASE)
_NUMERIC_DATE_RE = re.compile(r"^(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{4}-\d{2}-\d{2})\b")
_EXCLUDE_RE = re.compile(
    r"\b(?:break|breaks|lunch|luncheon|breakfast|dinner|supper|meal|meals|coffee|tea|refreshments?|snacks?|"
    r"registration|register|check[- ]?in|sign[- ]?in|welcome|opening[ \t]remarks|closing[ \t]remarks|"
    # "Welcome and introductions", but "Introduction to wetland delineation" is a lecture
    r"remarks|housekeeping|announcements|logistics|administrative|admin|introductions?(?![ \t]+to\b)|adjourn(?:ment|ed)?|"
    # a social hour or event, but "Social dimensions of restoration" is a subject
    r"reception|social(?![ \t]+(?:dimensions?|sciences?|aspects?|impacts?|equity|justice|values?|ecolog\w*|"
    r"license|-ecological|factors?|context|outcomes?|research|perspectives?)\b)|networking|happy[ \t]hour|banquet|mixer|"
    r"free[ \t]time|"
    # getting there ("Transportation to the site", "Drive to the wetland"), not a subject ("Sediment transport")
    r"travel|depart(?:ure)?|departs|bus|shuttle|transit|transportation|(?:transport|drive)[ \t]+(?:to|from|back)|"
    r"arrive|arrival|return[ \t]to|"
    # the course's survey and a group photo, but not "Vegetation survey methods" nor "Photo point monitoring"
    r"evaluations?|(?:course|post[- ]?(?:course|workshop|session)|participant|attendee|evaluation|exit|feedback|"
    r"satisfaction|online)[ \t]survey|survey[ \t]*(?:and|&|/)[ \t]*evaluations?|wrap[- ]?up|"
    r"(?:group|class|team|conference)[ \t]photos?|photo[ \t](?:op|opportunity|session|break)|briefing|certificates|name[ \t]badges|close[ \t]+(?:of[ \t]+)?day|"
    # a recess, a ceremony, the organisation's business, the exhibitors' and sponsors' time, lodging and packets,
    # and getting to a site on foot or by car ("Hike to the restoration site", "Carpool to the wetland")
    r"recess|awards?(?:[ \t]ceremony)?|ceremony|business[ \t]meeting|exhibit(?:s|or|ors)?(?:[ \t]hall)?|showcase|"
    r"sponsors?['’]?s?[ \t](?:presentations?|remarks|message|spotlight)|check[- ]?out|pick[ \t]?up|packets?|orientation|"
    r"(?:hike|walk|paddle|carpool|car[ \t]pool|ride|hike[ \t]back|walk[ \t]back)[ \t]+(?:back[ \t]+)?to)\b",
    re.IGNORECASE,
)
_INSTRUCTION_RE = re.compile(
    r"\b(?:field[ \t](?:tour|trip|visit|session|exercise|demonstration|walk|work)|site[ \t]visit|"
    r"with[ \t]instruction|instruction|interpretive|guided|demonstrations?|lunch[ \t](?:and|&)[ \t]learn|working[ \t]lunch|"
    r"keynote|lecture|presentation|session|talk|panel|workshop|training|lab\b|tutorial|seminar|plenary)",
    re.IGNORECASE,
)
_STRONG_EXCLUDE_RE = re.compile(r"\b(?:break|breaks|adjourn(?:ment|ed)?|reception|banquet|group[ \t]photo|"
                                r"sponsors?['’]?s?[ \t](?:presentations?|remarks|spotlight)|"
                                r"photo[ \t](?:session|op)|end[ \t]of[ \t](?:day|program(?:me)?|workshop|course)|"
                                r"close[ \t]+(?:of[ \t]+)?day(?:[ \t]+\d)?)\b",
                                re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ScheduleItem:
    start: time
    end: time | None
    label: str
    counted: bool
    reason: str
    day: int = 0

    @property
    def hours(self) -> float:
        if self.end is None:
            return 0.0
        return max(0.0, (_minutes(self.end) - _minutes(self.start)) / 60)


@dataclass(frozen=True, slots=True)
class ScheduleResult:
    total_hours: float
    items: list[ScheduleItem] = field(default_factory=list)
    days: int = 0


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def _clock(m: re.Match[str], p: str) -> tuple[int, int, str | None]:
    """(hour, minute, 'am'|'pm'|'24h'|None) for one side of a match."""
    if m[f"{p}noon"]:
        return 12, 0, "pm"
    h, mins = int(m[f"{p}h"]), int(m[f"{p}m"] or 0)
    ap = m[f"{p}ap"]
    if ap:
        low = ap.lower()
        return h, mins, "am" if low.startswith("a") or low.endswith("morning") else "pm"
    if h >= 13 or h == 0 or (m[f"{p}h"].startswith("0") and len(m[f"{p}h"]) == 2) or m[f"{p}sep"] == "h":
        return h, mins, "24h"
    return h, mins, None


def _to_24(h: int, ap: str | None, default_pm: bool) -> int:
    if ap == "24h":
        return h
    if ap == "am":
        return 0 if h == 12 else h
    if ap == "pm":
        return h if h >= 12 else h + 12  # "15 pm" (OCR, mixed styles) is already 24-hour
    if h == 12:
        return 12
    return h + 12 if default_pm else h


def _resolve(start: tuple[int, int, str | None], end: tuple[int, int, str | None] | None,
             prev_minutes: int | None) -> tuple[time, time | None]:
    sh, sm, sap = start
    if end is not None:
        eh, em, eap = end
        e24 = _to_24(eh, eap, default_pm=eh < 7)
        if sap is None and eap in ("am", "pm"):
            # "11-1pm": start is am if reading it as pm would put it after the end
            cand_pm, cand_am = _to_24(sh, "pm", True), _to_24(sh, "am", False)
            s24 = cand_pm if eap == "pm" and cand_pm <= e24 else cand_am
        else:
            s24 = _to_24(sh, sap, default_pm=sh < 7)
        if sap is None and eap is None and e24 * 60 + em <= s24 * 60 + sm and eh < 12:
            e24 = eh + 12
        if sap in ("am", "pm") and eap is None:
            # "1:30am to 3": the end shares the start's half of the day unless that is earlier
            same = _to_24(eh, sap, default_pm=False)
            e24 = same if same * 60 + em > s24 * 60 + sm else _to_24(eh, "pm" if sap == "am" else "am", False)
    else:
        s24 = _to_24(sh, sap, default_pm=sh < 7)
        e24 = None
    if (sap is None and prev_minutes is not None and s24 < 12 and s24 * 60 + sm < prev_minutes
            and 0 <= (s24 + 12) * 60 + sm - prev_minutes <= 180):
        s24 += 12  # "12:15 ... 1:30" within the afternoon
        if e24 is not None and e24 < s24:
            e24 += 12 if e24 + 12 < 24 else 0
    if not 0 <= s24 < 24:
        raise ParseError(f"no clock time: hour {s24}")
    t_end = time(e24, end[1]) if end is not None and e24 is not None and 0 <= e24 < 24 else None
    return time(s24, sm), t_end


_NO_PROGRAM_RE = re.compile(r"\b(?:no[ \t]program(?:me)?|on[ \t]your[ \t]own|no[ \t]sessions?)\b", re.IGNORECASE)


# "Office hours: 9:00 – 17:00", "Hours of operation 8 am - 5 pm": a line with times that is no agenda item
_NOT_ITEM_RE = re.compile(r"\b(?:office|opening|business|reception[ \t]desk|help[ \t]?desk)[ \t]hours\b|"
                          r"\bhours[ \t]of[ \t]operation\b|\b(?:hotline|phone[ \t]line|helpline)\b", re.IGNORECASE)


def _classify(label: str) -> tuple[bool, str]:
    if _NO_PROGRAM_RE.search(label):
        return False, "excluded: no program"
    exclude = _EXCLUDE_RE.search(label)
    if exclude is None:
        return True, "instruction"
    instruction = _INSTRUCTION_RE.search(label)
    if instruction is not None and not _STRONG_EXCLUDE_RE.search(label):
        return True, f"instruction ({instruction.group(0).lower()}) despite {exclude.group(0).lower()}"
    return False, f"excluded: {exclude.group(0).lower()}"


def is_counted(label: str) -> bool:
    """Whether an agenda item so labelled is instruction (not a break, a meal, registration, travel...)."""
    return _classify(label)[0]


# "0900–1030 Lecture": a 24-hour clock without a colon, read only as a range at the start of a line, on
# five-minute marks and at least five minutes long (a year range "2024–2025" is not a slot)
_MILITARY_RE = re.compile(r"^(?P<pre>[ \t•*\-]{0,4})(?P<sh>[01]\d|2[0-3])(?P<sm>[0-5][05])(?:[ \t]?hrs?)?[ \t]{0,3}"
                          r"(?P<dash>[-–—]|to\b)[ \t]{0,3}(?P<eh>[01]\d|2[0-3])(?P<em>[0-5][05])(?:[ \t]?hrs?)?(?![\d/])")


def _military(line: str) -> str:
    m = _MILITARY_RE.match(line)
    if not m:
        return line
    start, end = int(m["sh"]) * 60 + int(m["sm"]), int(m["eh"]) * 60 + int(m["em"])
    if not 5 <= end - start <= 12 * 60:
        return line
    return f"{m['pre']}{m['sh']}:{m['sm']}–{m['eh']}:{m['em']}{line[m.end():]}"


def _parse_lines(lines: Sequence[str]) -> list[ScheduleItem]:
    lines = [_military(ln) for ln in lines]
    items: list[ScheduleItem] = []
    day = 0
    prev_end: int | None = None
    seen_item_today = False
    prev_date: str | None = None  # the date a line starts with, before its time ("Jan. 9, 2025 8:30-10:00 ...")
    for raw in lines:
        line = str(raw)[:500]
        rng = _RANGE_RE.search(line)
        start_only = None if rng else _START_RE.match(line)
        if rng is None and start_only is None:
            if _DAY_RE.match(line) and seen_item_today:
                day, prev_end, seen_item_today = day + 1, None, False
            continue
        m = rng or start_only
        if m is None:  # pragma: no cover - narrowed above
            continue
        if (start_only is not None and not (m["sm"] or m["sap"] or m["snoon"])
                or rng is not None and not (m["sm"] or m["sap"] or m["snoon"] or m["em"] or m["eap"] or m["enoon"])):
            # a bare number at the start of a line, "11-19": no time; but "Day 2 – 2 November" still heads a day
            if _DAY_RE.match(line) and seen_item_today:
                day, prev_end, seen_item_today = day + 1, None, False
            continue
        start = _clock(m, "s")
        end = _clock(m, "e") if rng else None
        try:
            t_start, t_end = _resolve(start, end, prev_end)
        except ParseError:
            continue  # an impossible clock (OCR noise) is not a schedule line
        lead = re.sub(r"^(?:\(cid:\d+\)|[^\w(])+|[ \t,:|(–—-]+$", "", line[: m.start()])  # a bullet, a glyph code
        date = lead.lower() if lead and (_DAY_RE.match(lead) or _NUMERIC_DATE_RE.match(lead)
                                         or _LEAD_DATE_RE.search(lead) and len(lead) <= 40) else None
        if date is not None and prev_date is not None and date != prev_date and seen_item_today:
            day, prev_end = day + 1, None  # a record of sessions, one a line with its date: another day's
        elif prev_end is not None and _minutes(t_start) + 120 < prev_end and seen_item_today \
                and not any(it.day == day and it.start == t_start for it in items):
            # the clock went back: a new day, but not to a start the day already has (parallel tracks in rooms
            # side by side, "8:00-11:30 C111A Introduction to R" and "8:00-11:30 C112 Spatial data": counted once)
            day, seen_item_today = day + 1, True
        if date is not None:
            prev_date = date
        label = (line[: m.start()] + " " + line[m.end() :]).strip(" \t-–—:|,;")
        if _NOT_ITEM_RE.search(label):
            continue  # an office's hours, not the schedule's: its clock sets no day
        counted, reason = _classify(label)
        items.append(ScheduleItem(t_start, t_end, label, counted, reason, day))
        prev_end = _minutes(t_end) if t_end else _minutes(t_start)
        seen_item_today = True
    return _close_open_items(items)


def _close_open_items(items: list[ScheduleItem]) -> list[ScheduleItem]:
    out: list[ScheduleItem] = []
    for i, it in enumerate(items):
        if it.end is None:
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is not None and nxt.day == it.day and _minutes(nxt.start) > _minutes(it.start):
                it = ScheduleItem(it.start, nxt.start, it.label, it.counted, it.reason, it.day)
            elif it.counted:
                it = ScheduleItem(it.start, None, it.label, False, "no end time", it.day)
        elif _minutes(it.end) <= _minutes(it.start):
            it = ScheduleItem(it.start, it.end, it.label, False, "end before start", it.day)
        out.append(it)
    return out


def _union_minutes(intervals: list[tuple[int, int]]) -> int:
    total, cur_s, cur_e = 0, None, None
    for s, e in sorted(intervals):
        if cur_e is None or s > cur_e:
            if cur_e is not None and cur_s is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None and cur_s is not None:
        total += cur_e - cur_s
    return total


def schedule_hours(lines: Sequence[str]) -> ScheduleResult:
    """Counted hours of a schedule; ``ParseError`` when no line holds a time."""
    if isinstance(lines, str):
        lines = lines.splitlines()
    items = _parse_lines(list(lines)[:5000])
    if not items:
        raise ParseError("no scheduled times found")
    total = 0
    days = sorted({it.day for it in items})
    for d in days:
        counted = [(_minutes(it.start), _minutes(it.end)) for it in items
                   if it.day == d and it.counted and it.end is not None]
        excluded = [(_minutes(it.start), _minutes(it.end)) for it in items
                    if it.day == d and not it.counted and it.end is not None]
        union = _union_minutes(counted)
        # an excluded block that overlaps a counted one (a break inside a session) is removed
        overlap = _union_minutes(counted + excluded) - _union_minutes(excluded) if excluded else union
        total += min(union, overlap)
    return ScheduleResult(round(total / 60, 4), items, len(days))


# "from 8:30 a.m. to 4:30 p.m.", "between 9:00 and 12:00": a time of day to another in running text
_PROSE_RANGE_RE = re.compile(r"\b(?:from|between)[ \t]{1,3}(?=\d|noon|midday)", re.IGNORECASE)


def prose_time_ranges(text: str) -> list[tuple[float, tuple[int, int]]]:
    """Hours between the times of day that running text gives after "from" or "between" ("The course ran from
    8:30 a.m. to 4:30 p.m."), with the span of each range; a range with neither minutes nor am/pm ("from 9 to 5"
    says less) or that ends before it starts is left out."""
    out: list[tuple[float, tuple[int, int]]] = []
    for lead in _PROSE_RANGE_RE.finditer(text[:200_000]):
        m = _RANGE_RE.match(text, lead.end())
        if m is None or not (m["sm"] or m["sap"] or m["em"] or m["eap"] or m["snoon"] or m["enoon"]):
            continue
        try:
            start, end = _resolve(_clock(m, "s"), _clock(m, "e"), None)
        except ParseError:
            continue
        if end is None or _minutes(end) <= _minutes(start):
            continue
        out.append(((_minutes(end) - _minutes(start)) / 60, (lead.start(), m.end())))
    return out
