"""Activity title: labels, doc-type specific phrases (course rows, agenda heads, service
phrases, conference names, event lists), quoted titles, verbs of attendance, and the layout
(the largest line that is not boilerplate)."""

from __future__ import annotations

import re

from cecintake.domain.vocab import DocType

from ..text.dates import find_dates
from .common import _BOILER, _ORG_WORDS, Found, _kv
from .layout import Layout

_TITLE_LABELS = (r"training[ \t]title|course[ \t]title|course[ \t]name|title|training|workshop|event|session|"
                 r"activity|program(?:me)?|conference|position|paper[ \t]title")
_QUOTED = re.compile(r"[“\"](?P<t>[^”\"\n]{4,160})[”\"]")
_AFTER_VERB = re.compile(
    r"(?:attended|completed|completing[^\n]{0,60}?\bin|requirements[ \t]of|participated[ \t]in|for[ \t]teaching|"
    r"instructor[ \t]of[ \t]record[ \t]for|enrolled[ \t]in|registering[ \t]for)[ \t\n]{1,3}(?:the[ \t])?"
    r"(?:[A-Z]{2,5}[ \t]?\d{3,4}[A-Z]?,?[ \t])?"
    r"(?P<t>[A-Z0-9][^\n,(]{3,140}?)(?=,|[ \t]\(|\n|\.[ \t]|\.$|$|[ \t]offered|[ \t]on[ \t]|[ \t]at[ \t]|[ \t]during[ \t])",
)
_SERVICE_WHAT = re.compile(
    r"(?:as[ \t]a[ \t]member[ \t]of[ \t]the|served[ \t]on[ \t]the|service[ \t]on[ \t]the|on[ \t]the)[ \t](?P<t>[^,.;\n]{3,120}?)"
    r"(?=[ \t]of[ \t]the[ \t]|[ \t]\(|,|\.|[ \t]from[ \t])",
)


_COURSE_CODE = re.compile(r"^[A-Z]{2,5}[ \t]?\d{3,4}[A-Z]?[,:]?[ \t]+")
_DOC_HEAD = re.compile(
    r"(?:^|\n)[ \t]{0,4}(?:[\w ]{0,30}?)(?:agenda|syllabus|programme|program|schedule|outline|itinerary)[ \t]{0,2}[:\-–][ \t]{0,2}(?P<t>[^\n]{3,140})",
    re.IGNORECASE)
_EVENT_ITEM = re.compile(r"(?:^|\n)[ \t]{0,4}(?:\(cid:\d+\)|[•*·\-–])?[ \t]{0,3}(?P<t>[A-Z][^,\n\d]{2,80}),[ \t]"
                         r"(?P<d>[^\n]{4,60})")


_COURSE_ROW = re.compile(r"(?:^|\n)[ \t]{0,4}[A-Z]{2,5}[ \t]?\d{3,4}[A-Z]?[ \t]+(?P<t>[A-Z][^\d\n]{2,80}?)[ \t]+\d")
_HEADER_WORDS = re.compile(r"\b(?:credits|grade|hours|title|date|session|presenter)\b", re.IGNORECASE)


def _with_continuation(layout: Layout, start: int, end: int) -> tuple[str, int]:
    """A value that ends its line may wrap onto the next line of the same size."""
    line = layout.line_at(start)
    if line is None or end < line.start + len(line.text):
        return layout.text[start:end], end
    if line.index + 1 < len(layout.lines):
        nxt = layout.lines[line.index + 1]
        if (nxt.page == line.page and abs(nxt.height - line.height) < 0.6 and len(nxt.text) < 40
                and ":" not in nxt.text and not re.search(r"\d", nxt.text) and nxt.text[:1].isupper()
                and not _BOILER.match(nxt.text)):
            return layout.text[start:end] + " " + nxt.text, nxt.start + len(nxt.text)
    return layout.text[start:end], end


_CONF_NAME = re.compile(
    r"(?P<t>(?:(?:19|20)\d{2}[ \t])?(?:[A-Z][\w'’&\-]*[ \t]|of[ \t]|on[ \t]|the[ \t]|and[ \t]|for[ \t]){0,8}"
    r"(?:Conference|Symposium|Forum|Congress|Annual[ \t]Meeting|Summit|Meeting)(?:[ \t](?:on|of)[ \t][A-Z][\w \-]{2,40}?)?)"
    r"(?=[ \t]?[—–,\-(]|[ \t]held|\n|$)")


def find_events(text: str) -> Found | None:
    """Events listed one per line ("Spring Field Tour, 2022-09-05 - 2022-09-06"), bulleted or after a colon."""
    items = []
    prev = ""
    pos = 0
    for line in text.split("\n"):
        m = _EVENT_ITEM.match("\n" + line)
        listed = bool(re.match(r"[ \t]{0,4}(?:\(cid:\d+\)|[•*·\-–])", line)) or prev.rstrip().endswith(":") or bool(items)
        if m and listed:
            dates = find_dates(m.group("d"))
            if dates and dates[0].span[0] == 0:
                start = pos + m.start("t") - 1
                items.append((m.group("t").strip(), (start, start + len(m.group("t")))))
        elif items:
            break
        prev = line
        pos += len(line) + 1
    if not items:
        return None
    return Found("; ".join(t for t, _ in items), (items[0][1][0], items[-1][1][1]), 0.8, "event list")


def find_title(layout: Layout, flat: str, doc_type: DocType, participant: str | None) -> Found | None:
    text = layout.text
    m = _kv(text, _TITLE_LABELS)
    if m and not _BOILER.match(m.group("v")) and len(_HEADER_WORDS.findall(m.group("v"))) < 2:
        return Found(_COURSE_CODE.sub("", m.group("v").strip(" .;")), m.span("v"), 0.9, "label")
    if doc_type is DocType.COLLEGE_TRANSCRIPT:
        m = _COURSE_ROW.search(text)
        if m:
            return Found(m.group("t").strip(), m.span("t"), 0.85, "course row")
    if doc_type is DocType.COURSE_SYLLABUS:
        m = _DOC_HEAD.search(text)
        if m:
            value, end = _with_continuation(layout, m.start("t"), m.end("t"))
            return Found(" ".join(value.split()).strip(" ."), (m.start("t"), end), 0.85, "heading")
    if doc_type is DocType.SERVICE_LETTER and re.search(r"organi[sz](?:ed|er|ing)\b", flat, re.IGNORECASE):
        lead = re.search(r"organizer[ \t]of[ \t](?P<t>[A-Z][^,\n]{2,80}),", flat)
        ev = find_events(text)
        if lead and ev and " ".join(lead.group("t").split()) not in ev.value.split("; "):
            return Found(lead.group("t") + "; " + ev.value, (lead.start("t"), ev.span[1]), 0.78, "event list")
        if lead and not ev:
            return Found(lead.group("t"), lead.span("t"), 0.8, "organizer phrase")
        if ev:
            return ev
    if doc_type is DocType.SERVICE_LETTER:
        m = _SERVICE_WHAT.search(flat)
        if m:
            # "Board of Directors (Vice President)": keep a parenthesised office
            end = m.end("t")
            paren = re.match(r"[ \t]\([^)]{2,40}\)", flat[end:])
            if paren and not re.search(r"\d", paren.group(0)):
                end += paren.end()
            return Found(" ".join(flat[m.start("t"):end].split()), (m.start("t"), end), 0.85, "service phrase")
    if doc_type is DocType.CONFERENCE_ATTENDANCE:
        m = _CONF_NAME.search(text)
        if m:
            return Found(" ".join(m.group("t").split()), m.span("t"), 0.85, "conference name")
    m = _QUOTED.search(flat)
    if m and doc_type in (DocType.INSTRUCTION_LETTER, DocType.PUBLICATION_ACCEPTANCE):
        return Found(m.group("t").strip(" ,."), m.span("t"), 0.88, "quoted")
    m = _AFTER_VERB.search(flat)
    if m:
        t = _COURSE_CODE.sub("", " ".join(m.group("t").split()).strip(" ."))
        if (participant is None or participant not in t) and not _ORG_WORDS.search(t.split()[0]):
            return Found(t, m.span("t"), 0.8, "after verb")
    # layout: the largest line that is neither boilerplate, the participant, nor an organization line
    best = None
    for ln in layout.lines[:25]:
        s = ln.text.strip()
        if len(s) < 6 or _BOILER.match(s) or (participant and participant in s) or re.search(r"\d{3}", s):
            continue
        if best is None or ln.height > best.height + 0.5:
            best = ln
    if best is not None and best.height > layout.body_height * 1.15:
        return Found(best.text.strip(), (best.start, best.start + len(best.text)), 0.6, "largest line")
    return None

