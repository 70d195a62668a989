"""Dates and date ranges in free text.

``find_dates`` finds single dates and ranges ("March 3–5, 2025", "24th–25th Dec 2022",
"03/03/2025 - 03/05/2025"). A numeric date whose day and month could be swapped
(04/03/2025) is never silently guessed: it is returned with ``ambiguous=True`` and a
low confidence, and ``resolve_ambiguous`` decides it from the document's other dates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from cecintake.errors import ParseError

MAX_TEXT = 2_000_000  # characters scanned; longer input is truncated, never hangs


class DateOrder(StrEnum):
    MDY = "mdy"
    DMY = "dmy"
    YMD = "ymd"
    WRITTEN_MD = "written_md"  # "March 3, 2025"
    WRITTEN_DM = "written_dm"  # "3 March 2025"


@dataclass(frozen=True, slots=True)
class DateMention:
    start: date
    end: date
    text: str
    span: tuple[int, int]
    ambiguous: bool = False
    confidence: float = 0.95
    order: DateOrder = DateOrder.WRITTEN_MD
    # the other reading of an ambiguous numeric date (day and month swapped)
    alternative: tuple[date, date] | None = None
    month_only: bool = False  # "March 2025": start is the 1st, end the last day of the month
    # the day/month order of an ambiguous numeric date was guessed from weak hints (the span
    # of a range, the style of the written dates), not read from the document's other dates
    guessed: bool = False

    @property
    def is_range(self) -> bool:
        return self.end != self.start


_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}


# a month's name, full or short (lower case: compile with IGNORECASE or wrap in "(?i:...)")
MONTH_NAMES = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
               r"|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")


def _month_re(name: str) -> str:
    return rf"(?P<{name}>{MONTH_NAMES})\.?"


def _day_re(name: str) -> str:
    return rf"(?P<{name}>[0-3]?\d)(?:st|nd|rd|th)?"


_WD = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?[ \t]{1,3})?"
_DASH = r"[ \t]{0,3}(?:[-–—~]|to\b|through\b|thru\b|until\b|and\b|&)[ \t]{0,3}"
_YEAR = r"(?P<y>(?:19|20)\d{2})(?!\d)"
_SP = r"[ \t\n]{1,3}"

_MDY_RE = re.compile(
    rf"(?<![\w]){_WD}{_month_re('m1')}{_SP}{_day_re('d1')}(?!\d)"
    rf"(?:{_DASH}{_WD}(?:{_month_re('m2')}{_SP})?{_day_re('d2')}(?!\d))?"
    rf",?{_SP}{_YEAR}",
    re.IGNORECASE,
)
# "Day 1 – 17 March 2023", "Session 2 - 4 May": the number after a counter word is not a day
_COUNTER = r"(?<!\bday[ \t])(?<!\bweek[ \t])(?<!\bpart[ \t])(?<!\bunit[ \t])(?<!\bno\.[ \t])(?<!\bsession[ \t])(?<!\bmodule[ \t])"
_DMY_RE = re.compile(
    rf"(?<![\w]){_COUNTER}{_WD}(?:the[ \t]{{1,3}})?{_day_re('d1')}(?:[ \t]{{1,3}}of)?"
    rf"(?:[ \t]{{1,3}}{_month_re('m1')})?"
    rf"(?:{_DASH}{_WD}(?:the[ \t]{{1,3}})?{_day_re('d2')}(?:[ \t]{{1,3}}of)?)?"
    rf"{_SP}{_month_re('m2')},?{_SP}{_YEAR}",
    re.IGNORECASE,
)
_NUMERIC_RE = re.compile(
    r"(?<![\d./-])(?P<a>\d{1,2})(?P<sep>[/.\-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d])(?![/.\-]\d)"
)
_ISO_RE = re.compile(
    r"(?<![\d./-])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<a>\d{1,2})(?P=sep)(?P<b>\d{1,2})(?![\d])(?![/.\-]\d)"
)
_MONTH_YEAR_RE = re.compile(
    rf"(?<![\w/.-]){_month_re('m1')},?[ \t]{{1,3}}{_YEAR}|(?<![\w/.-])(?P<mm>0?[1-9]|1[0-2])/(?P<yy>(?:19|20)\d{{2}})(?![\d/])",
    re.IGNORECASE,
)
_BETWEEN_RANGE_RE = re.compile(
    r"^[ \t,]{0,3}(?:[-–—~]|to|through|thru|until|till)[ \t]{0,3}$", re.IGNORECASE
)

_AND_RE = re.compile(r"^[ \t\n]{1,3}(?:and|&)[ \t\n]{1,3}$", re.IGNORECASE)
_BETWEEN_BEFORE = re.compile(r"\bbetween[ \t\n]{1,3}$", re.IGNORECASE)


def _month(token: str) -> int:
    return _MONTHS[token[:3].lower()]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year(token: str) -> int:
    y = int(token)
    if len(token) == 2:
        y += 2000 if y < 70 else 1900
    return y


def _written(match: re.Match[str], order: DateOrder) -> DateMention | None:
    y = int(match["y"])
    d1 = int(match["d1"])
    d2 = int(match["d2"]) if match["d2"] else None
    if order is DateOrder.WRITTEN_MD:
        m1 = _month(match["m1"])
        m2 = _month(match["m2"]) if match["m2"] else m1
    else:
        m2 = _month(match["m2"])
        m1 = _month(match["m1"]) if match["m1"] else m2
    start = _safe_date(y, m1, d1)
    if start is None:
        return None
    end = start
    if d2 is not None:
        # a range across New Year is printed with the later year: Dec 30 - Jan 2, 2025
        wraps = m2 < m1
        start = _safe_date(y - 1 if wraps else y, m1, d1)
        end = _safe_date(y, m2, d2)
        if start is None or end is None or end < start:
            return None
    return DateMention(start, end, match.group(0), match.span(), False, 0.95, order)


def _month_year(match: re.Match[str]) -> DateMention:
    if match["m1"]:
        y, m = int(match["y"]), _month(match["m1"])
    else:
        y, m = int(match["yy"]), int(match["mm"])
    last = (date(y + (m == 12), m % 12 + 1, 1) - date.resolution)
    return DateMention(date(y, m, 1), last, match.group(0), match.span(), False, 0.75,
                       DateOrder.WRITTEN_MD, None, True)


def _numeric(match: re.Match[str], dayfirst: bool | None, iso: bool) -> DateMention | None:
    y = _year(match["y"])
    a, b = int(match["a"]), int(match["b"])
    if iso:
        day = _safe_date(y, a, b)
        if day is None:
            return None
        return DateMention(day, day, match.group(0), match.span(), False, 0.95, DateOrder.YMD)
    mdy = _safe_date(y, a, b)
    dmy = _safe_date(y, b, a)
    conf = 0.9 if len(match["y"]) == 4 else 0.85
    if mdy is None and dmy is None:
        return None
    if mdy is None or dmy is None or mdy == dmy:
        day = mdy if mdy is not None else dmy
        if day is None:
            return None
        # 05/05/2025 reads the same either way and carries no evidence about the order
        order = DateOrder.YMD if mdy == dmy else (DateOrder.MDY if dmy is None else DateOrder.DMY)
        return DateMention(day, day, match.group(0), match.span(), False, conf, order)
    if dayfirst is not None:
        day, other = (dmy, mdy) if dayfirst else (mdy, dmy)
        order = DateOrder.DMY if dayfirst else DateOrder.MDY
        return DateMention(day, day, match.group(0), match.span(), False, conf - 0.1, order, (other, other))
    # genuinely ambiguous: report the month-first reading with the swap as alternative
    return DateMention(
        mdy, mdy, match.group(0), match.span(), True, 0.45, DateOrder.MDY, (dmy, dmy)
    )


def _select(cands: list[DateMention]) -> list[DateMention]:
    """Earliest, then longest, non-overlapping mentions."""
    cands.sort(key=lambda m: (m.span[0], -(m.span[1] - m.span[0])))
    out: list[DateMention] = []
    last_end = -1
    for m in cands:
        if m.span[0] >= last_end:
            out.append(m)
            last_end = m.span[1]
    return out


_NUMERIC_ORDERS = (DateOrder.MDY, DateOrder.DMY)


def _same_order(m: DateMention, n: DateMention) -> tuple[DateMention, DateMention]:
    """The two ends of a numeric range are printed in one order: "10/08/24 - 14/10/24" is
    10 August to 14 October, since 14/10 can only be day-first."""
    def fix(amb: DateMention, known: DateMention) -> DateMention:
        if amb.ambiguous and amb.alternative is not None and not known.ambiguous and known.order in _NUMERIC_ORDERS:
            return _choose(amb, dayfirst=known.order is DateOrder.DMY, confidence=min(0.9, known.confidence))
        return amb
    if m.ambiguous and n.ambiguous and m.alternative is not None and n.alternative is not None \
            and m.start > n.start and m.alternative[0] <= n.alternative[0]:
        # both ends ambiguous, and only the day-first reading runs forwards ("09/03/2020 to 03/07/2020"
        # is 9 March to 3 July): take that reading, the other kept as the alternative (a backward
        # range, which the merge drops, so the range is no longer ambiguous)
        def swap(x: DateMention) -> DateMention:
            return replace(x, start=x.alternative[0], end=x.alternative[1], alternative=(x.start, x.end),
                           order=DateOrder.DMY)
        return swap(m), swap(n)
    return fix(m, n), fix(n, m)


def _merge_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join "March 3, 2025 – March 5, 2025" and "03/03/2025 to 03/05/2025" into ranges."""
    out: list[DateMention] = []
    i = 0
    while i < len(mentions):
        m = mentions[i]
        if i + 1 < len(mentions) and (not m.is_range or m.month_only):
            n = mentions[i + 1]
            between = text[m.span[1] : n.span[0]]
            if _AND_RE.match(between) and (_BETWEEN_BEFORE.search(text[max(0, m.span[0] - 14) : m.span[0]])
                                           or 0 < (n.start - m.start).days <= 14):
                # "between 14 May 2024 and 16 May 2024", "23rd May 2025 and 25th May 2025": the first and last days
                between = " to "
            if len(between) <= 12 and _BETWEEN_RANGE_RE.match(between):
                m, n = _same_order(m, n)
            if (
                (not n.is_range or n.month_only)
                and len(between) <= 12
                and _BETWEEN_RANGE_RE.match(between)
                and m.start <= n.start
                and (n.start - m.start).days <= 1900
            ):
                ambiguous = m.ambiguous or n.ambiguous
                alt = None
                if ambiguous:
                    alt = ((m.alternative or (m.start, m.end))[0], (n.alternative or (n.start, n.end))[1])
                    if alt[1] < alt[0]:
                        alt, ambiguous = None, False  # only one reading is a valid range
                merged = DateMention(
                    m.start,
                    n.end,
                    text[m.span[0] : n.span[1]],
                    (m.span[0], n.span[1]),
                    ambiguous,
                    min(m.confidence, n.confidence) if ambiguous or not (m.ambiguous or n.ambiguous) else 0.8,
                    n.order if m.order is DateOrder.YMD else m.order,
                    alt,
                    m.month_only or n.month_only,
                )
                out.append(merged)
                i += 2
                continue
        out.append(m)
        i += 1
    return out


def find_dates(text: str, *, dayfirst: bool | None = None) -> list[DateMention]:
    """All dates and date ranges in ``text``, in order of appearance."""
    if not isinstance(text, str):
        raise ParseError(f"expected text, got {type(text).__name__}")
    text = text[:MAX_TEXT]
    cands: list[DateMention] = []
    for rx, order in ((_MDY_RE, DateOrder.WRITTEN_MD), (_DMY_RE, DateOrder.WRITTEN_DM)):
        for match in rx.finditer(text):
            m = _written(match, order)
            if m is not None:
                cands.append(m)
    for match in _MONTH_YEAR_RE.finditer(text):
        cands.append(_month_year(match))
    for match in _ISO_RE.finditer(text):
        m = _numeric(match, dayfirst, iso=True)
        if m is not None:
            cands.append(m)
    for match in _NUMERIC_RE.finditer(text):
        m = _numeric(match, dayfirst, iso=False)
        if m is not None:
            cands.append(m)
    return _open_ends(text, _merge_ranges(text, _select(cands)))


_OPEN_END_RE = re.compile(
    rf"{_DASH}{_WD}(?:(?:the[ \t]{{1,3}})?{_day_re('d')}(?:[ \t]{{1,3}}of)?[ \t]{{1,3}}{_month_re('m')}"
    rf"|{_month_re('n')}[ \t]{{1,3}}{_day_re('e')})(?![\w,]|[ \t\n]{{1,3}}(?:19|20)\d{{2}})",
    re.IGNORECASE,
)


def _open_ends(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """"10 February 2023 through 9 May" (the end's year not printed, or wrapped away from it, as in
    a table cell): a range that ends in the start's year, or the next when the end comes earlier
    in the year. The year is inferred, so the range is held below the auto-accept line (0.85)."""
    out = []
    for m in mentions:
        tail = text[m.span[1] : m.span[1] + 40]
        hit = None if m.is_range or m.ambiguous or m.order not in (DateOrder.WRITTEN_MD, DateOrder.WRITTEN_DM) \
            else _OPEN_END_RE.match(tail)
        if hit:
            day, month = (hit["d"], hit["m"]) if hit["d"] else (hit["e"], hit["n"])
            end = _safe_date(m.start.year, _month(month), int(day))
            if end is not None and end < m.start:
                end = _safe_date(m.start.year + 1, _month(month), int(day))
            if end is not None and 0 < (end - m.start).days <= 366:
                span = (m.span[0], m.span[1] + hit.end())
                m = replace(m, end=end, text=text[span[0] : span[1]], span=span, confidence=min(m.confidence, 0.85))
        out.append(m)
    return out


def parse_date(text: str, *, dayfirst: bool | None = None) -> DateMention:
    """The (first) date or date range in ``text``; ``ParseError`` when there is none."""
    found = find_dates(text, dayfirst=dayfirst)
    if not found:
        raise ParseError(f"no date in {text[:60]!r}")
    return found[0]


def _votes(mentions: list[DateMention]) -> tuple[int, int]:
    """(month-first, day-first) evidence from unambiguous dates of the same document."""
    mdy = dmy = 0
    for m in mentions:
        if m.ambiguous:
            continue
        if m.order is DateOrder.MDY:
            mdy += 2
        elif m.order is DateOrder.DMY:
            dmy += 2
    return mdy, dmy


def _choose(m: DateMention, dayfirst: bool, confidence: float) -> DateMention:
    if m.alternative is None:
        return replace(m, ambiguous=False, confidence=confidence)
    if dayfirst:
        start, end = m.alternative
        return replace(
            m, start=start, end=end, ambiguous=False, confidence=confidence,
            order=DateOrder.DMY, alternative=(m.start, m.end),
        )
    return replace(m, ambiguous=False, confidence=confidence, order=DateOrder.MDY)


def _plausible_span(start: date, end: date) -> bool:
    return 0 <= (end - start).days <= 14


# Where the document comes from, read from its postal addresses and phone numbers: a US state
# with a ZIP code ("Reno, NV 89502") writes month first; a country that writes day first, a UK
# or Canadian-style postcode, or an international dialling code other than +1 writes day first.
# A company's legal form says so too: an LLC is American, a "Ltd" / "Pty Ltd" / "plc" is not.
# Canada writes both orders: its address is no more than this weak hint (a guess, never >= 0.9).
_US_ADDRESS = re.compile(
    r"\b(?:A[LKZR]|C[AOT]|D[EC]|FL|GA|HI|I[DLNA]|K[SY]|LA|M[EDAINSOT]|N[EVHJMYCD]|O[HKR]|PA|RI|S[CD]|T[NX]|UT|"
    r"V[TA]|W[AVIY])[ \t]\d{5}(?:-\d{4})?\b|\bU\.?S\.?A\.?\b|\bUnited[ \t]States\b|\bL\.?L\.?C\b")
_DAYFIRST_ADDRESS = re.compile(
    r"\b(?:United[ \t]Kingdom|England|Scotland|Wales|Ireland|Australia|New[ \t]Zealand|South[ \t]Africa|India|"
    r"Malaysia|Singapore|Kenya|Nigeria|Ghana|Brazil|Argentina|Chile|Colombia|Peru|Mexico|Spain|Portugal|France|"
    r"Germany|Italy|Netherlands|Belgium|Sweden|Norway|Denmark|Finland|Austria|Switzerland|Indonesia|Philippines|"
    r"Canada|[A-Z]{1,2}\d[A-Z\d]?[ \t]\d[A-Z]{2}|[A-Z]\d[A-Z][ \t]\d[A-Z]\d|(?:QLD|NSW|VIC|WA|SA|TAS|ACT)[ \t]\d{4}"
    r"|Ltd\.?|Pty|[Pp][Ll][Cc])\b|\+(?!1\b)\d{2,3}[ \t]")


def address_dayfirst(text: str) -> bool | None:
    """The day/month order the document's addresses suggest (a weak hint), or None."""
    us, other = bool(_US_ADDRESS.search(text)), bool(_DAYFIRST_ADDRESS.search(text))
    return None if us == other else other


def resolve_ambiguous(mentions: list[DateMention], *, address_hint: bool | None = None) -> list[DateMention]:
    """Decide each ambiguous numeric date from the other dates of the same document.

    * another numeric date whose day is > 12 fixes the order for the document;
    * else a written-month date equal to one reading picks that reading;
    * else the style of written dates (3 March vs March 3) is a weak hint;
    * else the postal address (``address_hint``: day first or not, from ``address_dayfirst``) is one;
    * else the mention stays ambiguous with a low confidence.
    """
    mdy, dmy = _votes(mentions)
    written = {m.start for m in mentions if m.order in (DateOrder.WRITTEN_MD, DateOrder.WRITTEN_DM, DateOrder.YMD)}
    written |= {m.end for m in mentions if m.order in (DateOrder.WRITTEN_MD, DateOrder.WRITTEN_DM, DateOrder.YMD)}
    style_md = sum(1 for m in mentions if m.order is DateOrder.WRITTEN_MD)
    style_dm = sum(1 for m in mentions if m.order is DateOrder.WRITTEN_DM)
    out: list[DateMention] = []
    for m in mentions:
        if not m.ambiguous or m.alternative is None:
            out.append(m)
            continue
        if mdy != dmy:
            out.append(_choose(m, dayfirst=dmy > mdy, confidence=0.85))
        elif m.is_range and _plausible_span(m.start, m.end) != _plausible_span(*m.alternative):
            # an activity of days, not months: 05/10/23 to 07/10/23 is 5-7 October
            out.append(replace(_choose(m, dayfirst=_plausible_span(*m.alternative), confidence=0.8), guessed=True))
        elif (m.start in written) != (m.alternative[0] in written):
            out.append(_choose(m, dayfirst=m.alternative[0] in written, confidence=0.88))
        elif style_md != style_dm:
            out.append(replace(_choose(m, dayfirst=style_dm > style_md, confidence=0.7), guessed=True))
        elif address_hint is not None:
            out.append(replace(_choose(m, dayfirst=address_hint, confidence=0.65), guessed=True))
        else:
            out.append(replace(m, confidence=min(m.confidence, 0.4)))
    return out
