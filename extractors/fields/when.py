"""The activity's dates: every date mention but issue/print/deadline dates and a letter's
own date at its head; a range wins over single dates."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from cecintake.domain.vocab import DocType

from ..text.dates import MONTH_NAMES, DateMention, DateOrder, address_dayfirst, find_dates, resolve_ambiguous
from .common import Found
from .layout import Layout, _segments, table_rows

_NOT_ACTIVITY = re.compile(
    r"(?:issued|date[ \t]of[ \t]issue|dated|printed|generated|signed|valid|expires?|date[ \t]of[ \t]review|"
    r"deadline|register[ \t]by|closes|order|paid|(?-i:DATE:)|Sent:)[^\n]{0,25}$",
    re.IGNORECASE,
)
# the labels of a record's separate first and last days ("Start date: ...", "End date: ...", a
# table's "From" / "To" columns)
_START_LABEL = re.compile(r"(?:^|\b)(?:start(?:ing)?(?:[ \t]date)?|begin(?:ning|s)?|from|commenc\w*|first[ \t]day|"
                          r"date[ \t](?:started|begun|of[ \t]commencement))\W{0,3}$", re.IGNORECASE)
_END_LABEL = re.compile(r"(?:^|\b)(?:end(?:ing|s)?(?:[ \t]date)?|finish(?:ed)?|to|until|through|last[ \t]day|"
                        r"completion[ \t]date|date[ \t](?:completed|ended|finished))\W{0,3}$", re.IGNORECASE)


_SALUTATION = re.compile(r"[ \t]*(?:dear[ \t]|to[ \t]whom[ \t]it[ \t]may[ \t]concern)", re.IGNORECASE)
_WEEKDAY = re.compile(r"[ \t,.]*(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:mon|tues?|weds?|thu(?:rs?)?|fri|sat|sun)\.?)?"
                      r"[ \t,.]*", re.IGNORECASE)
# a certificate's statement ("This certifies that", "Presented to", "attended", "has completed"): a
# date alone on its line below one is the activity's, not a letter's own date at its head
_STATEMENT = re.compile(r"\b(?:certif(?:y|ies|ied)|attended|completed|participated|presented|awarded|earned|"
                        r"successfully|in[ \t]recognition)\b", re.IGNORECASE)
# a line of running words (three or more of them lower case): a sentence, not a heading or a name
_SENTENCE = re.compile(r"(?:\b[a-z][a-z'’\-]+\b[^\n]*){3}")


# right after a date: a range's dash or word and the start of its other end ("– January 16,",
# "to the 26th of February,")
_RANGE_GOES_ON = re.compile(r"[ \t]*(?:[\u2013\u2014-]|\bto\b|\bthrough\b|\bthru\b|\buntil\b)[ \t]*(?:the[ \t]+)?"
                            r"(?:\d{1,2}(?![\d:.])(?![ \t]*[ap]\.?m\b)"  # a day, not a time of day
                            r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)", re.IGNORECASE)


def _cell_goes_on(layout: Layout, end: int) -> bool:
    """The date ending at ``end`` closes its table cell, and the line below carries on in that
    cell's column with a range's other end: "the 25th of February, 2025 | 15.5 hours" over
    "to the 26th of February," (a wrapped cell whose continuation the flat text puts after the
    row's other cells)."""
    line = layout.line_at(end - 1)
    if line is None or line.index + 1 >= len(layout.lines):
        return False
    segs = _segments(line)
    seg = {line.offsets[b - 1] + len(line.words[b - 1].text): (a, b) for a, b in segs}.get(end - line.start)
    if seg is None or len(segs) < 2:
        return False  # not a table row, or the date does not end its cell
    x0, x1 = line.words[seg[0]].bbox[0], line.words[seg[1] - 1].bbox[2]
    below = layout.lines[line.index + 1]
    if below.page != line.page:
        return False
    under = [w.text for w in below.words if w.bbox[0] < x1 and w.bbox[2] > x0]
    return bool(under) and bool(_RANGE_GOES_ON.match(" " + " ".join(under)))


def _cells(line) -> list[str]:
    segs = _segments(line)
    return [" ".join(w.text for w in line.words[a:b]) for a, b in segs] if len(segs) > 1 else []


# what puts a date at the end of a line into a sentence or under a label ("held on", "Date:", "Re: ... of")
_LEADS_INTO = re.compile(r"(?:[:,(\u2013\u2014-]|\b(?i:on|of|from|at|in|for|to|by|held|dated|date|since|until|between))[ \t]*$")


def _flush_right_at_line_end(layout: Layout, line, m: DateMention) -> bool:
    """The date ends its line, flush with the right edge of the text at the top of its page, starting right of
    the middle, and the words before it on the line do not lead into it."""
    end = m.span[1] - line.start
    if line.text[end:].strip():
        return False
    first = next((i for i, off in enumerate(line.offsets) if off >= m.span[0] - line.start), None)
    if not first or _LEADS_INTO.search(line.text[: line.offsets[first]]):
        return False
    top = [ln for ln in layout.lines[: line.index + 12] if ln.page == line.page and ln.words]
    left = min(ln.words[0].bbox[0] for ln in top)
    right = max(ln.words[-1].bbox[2] for ln in top)
    return line.words[-1].bbox[2] >= right - 3.0 and line.words[first].bbox[0] > (left + right) / 2



# "calendar year 2024": the whole of that year (a weaker reading of its own, as a month's name alone is)
_CALENDAR_YEAR = re.compile(r"\bcalendar[ \t]+year[ \t]+(?P<y>(?:19|20)\d\d)\b", re.IGNORECASE)


def _calendar_years(one: str, mentions: list[DateMention]) -> list[DateMention]:
    out = list(mentions)
    for m in _CALENDAR_YEAR.finditer(one):
        if not any(o.span[0] < m.end() and m.start() < o.span[1] for o in mentions):
            y = int(m["y"])
            out.append(DateMention(date(y, 1, 1), date(y, 12, 31), m.group(), m.span(), False, 0.75,
                                   DateOrder.WRITTEN_MD, None, True))
    return sorted(out, key=lambda m: m.span)


# a session of a series printed without its year before the one that carries it ("Nov. 11, Nov. 18 and Nov. 25, 2024",
# "3 March, 10 March and 17 March 2025"): a month's name and a day, then a comma or a semicolon
_ITEM = (rf"(?:(?P<m>{MONTH_NAMES})\.?[ \t]+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
         rf"|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?[ \t]+(?:of[ \t]+)?(?P<m2>{MONTH_NAMES})\.?)")
_ITEM_RE = re.compile(_ITEM, re.IGNORECASE)
_ITEMS_BEFORE = re.compile(rf"(?<![\w,])(?:{_ITEM.replace('?P<m>', '?:').replace('?P<d>', '?:').replace('?P<d2>', '?:').replace('?P<m2>', '?:')}"
                           r"[ \t]*[,;][ \t]*)+$", re.IGNORECASE)
_DAYS_BEFORE = re.compile(r"(?<![\w,.:/-])(?:[0-3]?\d(?:st|nd|rd|th)?[ \t]*,[ \t]*)+$")


_LIST_LEAD = re.compile(r"(?:\b(?:on|held|dates?|sessions?|days|meetings?)|[:(])[ \t]*$", re.IGNORECASE)


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


# between two full dates of a list ("Dec. 19, 2024; Dec. 26, 2024; Jan. 2, 2025")
_LIST_SEP = re.compile(r"^[ \t]*[,;][ \t]*(?:and[ \t]+)?$")
_MONTHS3 = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _series(one: str, keep: list[DateMention]) -> tuple[list[DateMention], set[tuple[int, int]]]:
    """Sessions listed one after another are one activity from the first to the last: yearless dates before the
    one that carries the year, or full dates set apart by commas or semicolons, in order, a month or less apart.
    Returns the mentions with each series made one range, and the series' spans."""
    out: list[DateMention] = []
    spans: set[tuple[int, int]] = set()
    for m in keep:
        head = None
        if not m.ambiguous and not m.month_only and m.order in (DateOrder.WRITTEN_MD, DateOrder.WRITTEN_DM):
            head = _ITEMS_BEFORE.search(one, max(0, m.span[0] - 160), m.span[0])
        if head is None and m.order is DateOrder.WRITTEN_DM and m.is_range and re.search(r"\band\b|&", m.text):
            # "4, 11 and 18 March 2025": bare days before a list's last two, in the month they share
            bare = _DAYS_BEFORE.search(one, max(0, m.span[0] - 60), m.span[0])
            if bare is not None and not _LIST_LEAD.search(one, max(0, bare.start() - 20), bare.start()):
                bare = None  # "Room 4, 11 and 12 March": a number of something else, no day of the list
            if bare is not None:
                days = [_safe(m.start.year, m.start.month, int(d)) for d in re.findall(r"\d{1,2}", bare.group())]
                seq = [*days, m.start]
                if all(days) and all(0 < (b - a).days <= 31 for a, b in zip(seq, seq[1:])):
                    span = (bare.start(), m.span[1])
                    m = DateMention(days[0], m.end, one[span[0] : span[1]], span, False, min(m.confidence, 0.85), m.order)
                    spans.add(span)
        if head is not None:
            days, ok = [], True
            for it in _ITEM_RE.finditer(head.group()):
                month = _MONTHS3.index((it["m"] or it["m2"])[:3].lower()) + 1
                y = m.start.year - (month > m.start.month)
                try:
                    days.append(date(y, month, int(it["d"] or it["d2"])))
                except ValueError:
                    ok = False
            seq = [*days, m.start]
            if ok and days and all(0 < (b - a).days <= 31 for a, b in zip(seq, seq[1:])):
                span = (head.start(), m.span[1])
                m = DateMention(days[0], m.end, one[span[0] : span[1]], span, False, min(m.confidence, 0.85), m.order)
                spans.add(span)
        prev = out[-1] if out else None
        if (prev is not None and not m.is_range and not m.ambiguous and not m.month_only
                and (prev.span in spans or not prev.is_range) and not prev.ambiguous and not prev.month_only
                and _LIST_SEP.match(one[prev.span[1] : m.span[0]]) and 0 < (m.start - prev.end).days <= 31):
            span = (prev.span[0], m.span[1])
            out[-1] = DateMention(prev.start, m.end, one[span[0] : span[1]], span, False,
                                  min(prev.confidence, m.confidence, 0.85), prev.order)
            spans.discard(prev.span)
            spans.add(span)
            continue
        out.append(m)
    return out, spans


def _cell_of(line, offset: int) -> tuple[int, int, int] | None:
    """(segment index, first word, end word) of the table cell holding ``offset`` of ``line``'s text."""
    segs = _segments(line)
    for k, (a, b) in enumerate(segs):
        if line.offsets[a] <= offset < line.offsets[b - 1] + len(line.words[b - 1].text):
            return k, a, b
    return None


_CELL_OPEN = re.compile(rf"(?:[-\u2013\u2014]|\bto|\bthrough|\bthru|\buntil|\b{MONTH_NAMES}\.?)[ \t]*$", re.IGNORECASE)


def _wrapped_cell(layout: Layout, m: DateMention) -> DateMention | None:
    """A date in a table cell that runs on down its column ("Aug. 24, 2024 - Dec." over "12, 2024", "Aug. 24, 2022 -"
    over "Dec. 12, 2022"), or one the flat text ran into the next cell ("Dec. 3" of "Dec. | 3 CEU"): the cell's own
    dates, read down the column. None when the date is its cell's and closes it."""
    line = layout.line_at(m.span[0])
    if line is None or len(_segments(line)) < 2:
        return None
    at = _cell_of(line, m.span[0] - line.start)
    if at is None:
        return None
    k, a, b = at
    cell_end = line.start + line.offsets[b - 1] + len(line.words[b - 1].text)
    cell = " ".join(w.text for w in line.words[a:b])
    segs = _segments(line)
    # the date runs on into the next cell of its own line (not onto the line below)
    crosses = k + 1 < len(segs) and line.start + line.offsets[segs[k + 1][0]] < m.span[1]
    if not crosses and not _CELL_OPEN.search(cell):
        return None
    x0 = line.words[a].bbox[0]
    x1 = line.words[segs[k + 1][0]].bbox[0] if k + 1 < len(segs) else float("inf")
    parts = [cell]
    for below in layout.lines[line.index + 1 : line.index + 3]:
        under = [w.text for w in below.words if w.bbox[0] >= x0 - 3 and w.bbox[2] <= x1] if below.page == line.page else []
        if not under:
            break
        parts.append(" ".join(under))
    text = " ".join(parts)
    got = next((d for d in find_dates(text) if d.start == m.start and not d.ambiguous), None)
    if got is None or got.span[0] >= len(cell) or (got.start, got.end) == (m.start, m.end):
        return None
    cell_start = line.start + line.offsets[a]
    span = (cell_start + got.span[0], cell_start + min(got.span[1], len(cell)))
    if got.is_range and got.span[1] > len(cell):
        return DateMention(got.start, got.end, layout.text[span[0] : span[1]], span, False,
                           min(m.confidence, got.confidence, 0.85), got.order)
    if crosses:  # the date is its cell's start only: the rest of the cell was no date
        return replace(got, span=span, text=layout.text[span[0] : span[1]])
    return None


# what a timetable's day heading may carry besides its date: a day's counter ("Day 2 –", "Session 3:")
_DAY_HEAD = re.compile(r"[ \t]*(?:(?:day|session|week)[ \t]*\d{1,2}[ \t]*[-\u2013\u2014:|,.]?)?[ \t]*"
                       r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day[ \t]*,?)?[ \t]*[.,]?[ \t]*", re.IGNORECASE)
_DATE_LABEL = re.compile(r"(?:(?P<w>[A-Za-z]+)[ \t]+)?\bdate[ \t]*:?[ \t]*$", re.IGNORECASE)
# what makes "... date:" the activity's ("Course date:", "Event date:", "Start date:")
_ACTIVITY_DATE_WORDS = {"course", "event", "activity", "training", "start", "end", "completion", "session", "workshop",
                        "program", "programme", "webinar", "conference", "meeting", "class", "attendance", "service",
                        "decision", "acceptance", "publication", "the", "of", "on"}


def _own_date_label(before: str) -> bool:
    """A bare "Date:" label (no word of the activity before it): in a letter's head, the letter's own date."""
    m = _DATE_LABEL.search(before)
    return m is not None and (m["w"] or "").lower() not in _ACTIVITY_DATE_WORDS


def find_dates_field(layout: Layout, flat: str, doc_type: DocType) -> tuple[Found, Found] | None:
    text = flat
    # a range may wrap across lines ("(January\n2023 to Dec 2023)"): find dates on one line of
    # text (same length, so spans still point into ``text``), judge their context line by line
    # ... but a line that ends in a counter word ("Training Unit") does not count the date below it
    one = re.sub(r"(?i)\b(unit|part|day|week|session|module|no\.)\n(?=\d)", r"\1;", text).replace("\n", " ")
    found = find_dates(one)
    hint = address_dayfirst(text)
    if hint is None and any(m.ambiguous and "." in m.text for m in found):
        # "10.03.2025": dots between a numeric date's parts are a day-first habit (a weak hint, as an address)
        hint = True
    mentions = _calendar_years(one, resolve_ambiguous(found, address_hint=hint))
    if not mentions:
        return None
    # a letter's own date sits above its salutation, wherever its letterhead puts it
    salute = next((ln.index for ln in layout.lines[:25] if _SALUTATION.match(ln.text)), None)
    keep: list[DateMention] = []
    lone: set[tuple[int, int]] = set()  # spans of dates kept only as a certificate's lone date line
    wrapped: set[tuple[int, int]] = set()  # ranges read down a table cell's column
    heads: set[tuple[int, int]] = set()  # dates alone on their line (a timetable's day headings)
    for m in mentions:
        cell = _wrapped_cell(layout, m)
        if cell is not None:
            m = cell
            if m.is_range:
                wrapped.add(m.span)
        before = flat[max(0, m.span[0] - 40) : m.span[0]]
        line = layout.line_at(m.span[0])
        # alone on its line, maybe after its weekday ("Sunday, August 11, 2024")
        alone = line is not None and any(t.strip() == m.text.strip() or (
            m.text.strip() in t and bool(_WEEKDAY.fullmatch(t.replace(m.text.strip(), "", 1))))
            # or, in a letter, in a cell of its own beside the letterhead (a form's "Date(s)   2024-11-20" is a value)
            for t in [line.text, *(_cells(line) if salute is not None else [])])
        if not alone and salute is not None and line is not None and line.index < salute and not m.is_range:
            # a letterhead's date set flush right on the line of the sender's name ("Midwest-Great Lakes Chapter
            # ...  November 20th, 2023"), too close to the name for a gap of its own: still the letter's date
            alone = _flush_right_at_line_end(layout, line, m)
        parts = before.split("\n")
        above = parts[-2] if len(parts) > 1 and not parts[-1].strip() and len(parts[-2].split()) <= 3 else ""
        if _NOT_ACTIVITY.search(parts[-1]) or (above and _NOT_ACTIVITY.search(above)):
            continue  # (or under a label of its own: "Register by\n26 Jul 2024")
        if salute is not None and line is not None and line.index < salute and not m.is_range and (
                _own_date_label(parts[-1]) or above and _own_date_label(above)):
            continue  # a letter's own "Date: 12.03.2025" in its head box, beside its reference and subject
        if above and (_START_LABEL.search(above) or _END_LABEL.search(above)):
            alone = False  # a value under its "From" label, not a letter's date
        # (a range of days is never a letter's own date: "29 December 2024 – 1 January 2025" under a title)
        if alone and line is not None and doc_type not in (DocType.COURSE_SYLLABUS,) and not m.is_range and (
                line.index < salute if salute is not None
                else line.index < 6 and not any(_SENTENCE.search(ln.text) for ln in layout.lines[:line.index])):
            if salute is not None or not any(_STATEMENT.search(ln.text) for ln in layout.lines[:line.index]):
                continue  # the letter's own date at its head (a certificate's date below "has completed" is not)
            # below a certificate's short statement ("This certifies that / NAME / attended / TITLE"), with
            # no label or verb of its own: likely the activity's date, a weaker reading of its own
            lone.add(m.span)
        if alone or line is not None and _DAY_HEAD.fullmatch(line.text.replace(m.text.strip(), "", 1)):
            heads.add(m.span)  # (or after its counter: "Day 2 – Tuesday 4 March 2025")
        keep.append(m)
    if not keep:
        keep = mentions if doc_type is DocType.PUBLICATION_ACCEPTANCE else []
    if not keep:
        return None
    keep, series = _series(one, keep)
    if doc_type is DocType.SERVICE_LETTER and len(keep) > 1 and re.search(r"organi[sz](?:ed|er|ing)\b", flat, re.IGNORECASE):
        first = min(keep, key=lambda m: m.start)
        last = max(keep, key=lambda m: m.end)
        conf = min(first.confidence, last.confidence) * 0.95
        return (Found(first.start.isoformat(), first.span, conf, "events"),
                Found(last.end.isoformat(), last.span, conf, "events"))
    ranges = [m for m in keep if m.is_range]
    days = _schedule_days(keep, heads) if not ranges and doc_type in _DAY_BY_DAY else None
    if days is not None:  # a timetable's day headings: the activity runs from the first day to the last
        first, last = days
        conf = min(first.confidence, last.confidence, 0.85)
        return (Found(first.start.isoformat(), first.span, conf, "schedule days"),
                Found(last.end.isoformat(), last.span, conf, "schedule days"))
    pair = None if ranges else _labelled_pair(layout, flat, keep)
    if pair is not None:
        first, last = pair
        conf = min(first.confidence, last.confidence) * 0.95
        return (Found(first.start.isoformat(), first.span, conf, "start and end labels"),
                Found(last.end.isoformat(), last.span, conf, "start and end labels"))
    chosen = ranges[0] if ranges else keep[0]
    conf = chosen.confidence
    agree = sum(1 for m in keep if (m.start, m.end) == (chosen.start, chosen.end))
    if agree > 1:
        conf = min(0.98, conf + 0.03)
    if not ranges and len({(m.start, m.end) for m in keep}) > 1:
        conf *= 0.9  # several different single dates: which one is the activity?
    several = len({(m.start, m.end) for m in keep}) > 1
    method = "ambiguous date" if chosen.ambiguous else "guessed date order" if chosen.guessed else (
        "date range" if chosen.is_range else ("date among several" if several else "single date"))
    if chosen.span in lone and method in ("single date", "date among several"):
        method, conf = "lone date line", min(conf, 0.8)
    if method == "date range" and chosen.span in series:  # sessions listed, first to last
        method, conf = "date series", min(conf, 0.85)
    elif method == "date range" and chosen.span in wrapped:
        method, conf = "wrapped cell range", min(conf, 0.85)
    elif method == "date range" and _CALENDAR_YEAR.fullmatch(chosen.text):
        method = "calendar year"
    if not chosen.is_range and (_RANGE_GOES_ON.match(one, chosen.span[1]) or _cell_goes_on(layout, chosen.span[1])):
        # "November 3, 2023 – January 16," with the year cut off (a wrapped cell): the date is
        # the range's first day; its last day was not read, so the end is no more than a guess
        return (Found(chosen.start.isoformat(), chosen.span, conf, method),
                Found(chosen.end.isoformat(), chosen.span, min(conf, 0.6), "range end unread"))
    return (Found(chosen.start.isoformat(), chosen.span, conf, method),
            Found(chosen.end.isoformat(), chosen.span, conf, method))



# documents that set out an activity day by day under each day's date (a timetable, a conference's day-by-day hours)
_DAY_BY_DAY = (DocType.COURSE_SYLLABUS, DocType.CONFERENCE_ATTENDANCE)


def _schedule_days(keep: list[DateMention], heads: set[tuple[int, int]]) -> tuple[DateMention, DateMention] | None:
    """Two or more single dates each alone on its line (a weekday may lead), in order and a week or less apart, and
    no other date kept: the days of one activity ("Saturday, May 24, 2025" ... "Sunday, May 25, 2025")."""
    if len(keep) < 2 or any(m.span not in heads or m.is_range or m.ambiguous or m.month_only for m in keep):
        return None
    if not all(0 < (b.start - a.start).days <= 7 for a, b in zip(keep, keep[1:])):
        return None
    return keep[0], keep[-1]


def _labelled_pair(layout: Layout, flat: str, keep: list[DateMention]) -> tuple[DateMention, DateMention] | None:
    """"Start date: 18 April 2025 ... End date: 21 April 2025" (or a table's "From" and "To"
    columns): one date under a start label and a later one under an end label make the range."""
    if len(keep) < 2:
        return None
    heads: dict[tuple[int, int], str] = {}
    for row in table_rows(layout):
        for head, (_, sp) in row.items():
            heads[sp] = head
    starts, ends = [], []
    for m in keep:
        head = next((h for (a, b), h in heads.items() if a <= m.span[0] < b), None)
        before = flat[max(0, m.span[0] - 40) : m.span[0]].split("\n")
        labels = [before[-1][-24:]]
        if not before[-1].strip() and len(before) > 1 and len(before[-2].split()) <= 3:
            labels.append(before[-2])  # a label over its value
        if head is not None:
            labels.append(f"{head}:")
        if any(_START_LABEL.search(lab) for lab in labels):
            starts.append(m)
        elif any(_END_LABEL.search(lab) for lab in labels):
            ends.append(m)
    if len(starts) != 1 or len(ends) != 1:
        return None
    first, last = starts[0], ends[0]
    if first.ambiguous or last.ambiguous or not 0 < (last.end - first.start).days <= 400:
        return None
    return first, last
