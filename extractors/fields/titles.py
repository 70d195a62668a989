"""Activity title: labels, doc-type specific phrases (course rows, agenda heads, service
phrases, conference names, event lists), quoted titles, verbs of attendance, and the layout
(the largest line that is not boilerplate)."""

from __future__ import annotations

import re

from cecintake.domain.vocab import DocType

from ..text.dates import find_dates
from .common import _BOILER, _ORG_WORDS, ORG_HEADS, Found, _kv, prose_joined
from .layout import Layout, _segments, pairs, size_gap, table_rows

_TITLE_LABELS = (r"training[ \t]title|course[ \t]title|course[ \t]name|title|training|workshop|event|session|"
                 r"activity|program(?:me)?|conference|position|paper[ \t]title|course|class|module|seminar|webinar")
# a one-word label in a label column ("Course      Oak Savanna Management") names the activity
_ONE_WORD_TITLE_LABEL = re.compile(r"(?:course|program(?:me)?|training|workshop|event|session|activity|title|class|"
                                   r"module|seminar|webinar)", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"](?P<t>[^”\"\n]{4,160})[”\"]")
_AFTER_VERB = re.compile(
    r"(?:(?:completed|delivered|taught|provided|gave)[ \t][^\n,;]{1,50}?[ \t]of[ \t](?:training|instruction|teaching|study|"
    r"coursework)[ \t](?:in|on)|attended|completed|completing[^\n]{0,60}?\bin|completing|requirements[ \t]of|participated[ \t](?:(?:in[ \t]person|in-person|online|virtually|remotely)[ \t])?in|participating[ \t]in|taking[ \t]part[ \t]in|took[ \t]part[ \t]in|participation[ \t]in|"
    # the credit given for it: "awarded 7 CPD hours for X"
    r"(?:CPD|CE|contact|credit)[ \t]hours[ \t]for|for[ \t]teaching|"
    r"instructor[ \t]of[ \t]record[ \t]for|enrolled[ \t]in|registering[ \t]for|for[ \t]attending|attendance[ \t]at|"
    # teaching: "taught 8 hours of our course X", "lead trainer for X", "led the training X"
    r"taught(?:[ \t][^\n,;]{1,30}?[ \t]of)?|(?:lead[ \t]|the[ \t])?(?:trainer|instructor|facilitator|lecturer)[ \t](?:for|of)|"
    r"led|facilitated|delivered|took(?![ \t](?:place|part)\b)|studied)"
    r"[ \t\n]{1,3}(?:(?:the|our|this|a|an)[ \t\n])?"
    # the event's length and kind ("our two-day field course on ...", "a half-day online workshop")
    r"(?:(?:(?:one|two|three|four|five|half|full|multi|\d{1,2})[ \t-](?:day|hour)[ \t])?"
    r"(?:online[ \t]|short[ \t]|field[ \t]|virtual[ \t]|in-person[ \t]|e-learning[ \t]|self-paced[ \t])?(?:training[ \t])?"
    r"(?:course|workshop|webinar|training|program(?:me)?|seminar|session|module|class|lecture)"
    r"(?:[ \t](?:on|titled|entitled|called)|,|:)?[ \t\n])?[“\"]?"
    r"(?:[A-Z]{2,5}[ \t]?\d{3,4}[A-Z]?,?[ \t])?"
    r"(?P<t>[A-Z0-9][^\n,(”\"]{3,140}?)(?=,|[ \t]\(|[”\"]|\n|\.[ \t]|\.$|$|[ \t]offered|[ \t]at[ \t]|[ \t]during[ \t])",
)
# a quoted title after a verb of attendance, completion or teaching, the event's kind and length between
# ("attended the two-day workshop ‘Restoring Riparian Forests’ held at ...", "participated in
# “Wetland Delineation: Field Methods”, a workshop we offered"): the quotes bound the title, commas included
_QUOTED_AFTER_VERB = re.compile(
    r"\b(?:attended|attending|completed|completing|completion[ \t]of|participated[ \t]in|participating[ \t]in|"
    r"participation[ \t]in|took[ \t]part[ \t]in|taking[ \t]part[ \t]in|enrolled[ \t]in|registered[ \t]for|"
    r"attendance[ \t]at|taught|led|facilitated|delivered)"
    r"[ \t]{1,2}(?:(?:the|our|this|a|an)[ \t])?(?:[\w\-]+[ \t]){0,3}?"
    r"(?:(?:course|workshop|webinar|training|program(?:me)?|seminar|session|class|module|event|lecture|tour|"
    r"symposium|conference)(?:[ \t](?:on|titled|entitled|called))?,?[ \t]{1,2})?"
    # the quoted title may wrap onto a second line (once)
    r"(?:[\u201c\"](?P<q>[^\u201d\"\n]{2,160}?(?:\n[^\u201d\"\n]{1,100}?)?)[\u201d\"]|"
    r"[\u2018'](?P<s>[^\u2019'\n]{2,160}?(?:\n[^\u2019'\n]{1,100}?)?)[\u2019'](?![^\W\d_]))",
    re.IGNORECASE)
# a quoted title right after the event's kind, whatever the verb ("welcome Ana to our short course,
# \u2018Eelgrass Transplanting Methods\u2019, organised by ...", "a webinar titled \u201cX\u201d")
_QUOTED_AFTER_NOUN = re.compile(
    r"\b(?:course|workshop|webinar|training|program(?:me)?|seminar|session|class|module|lecture|field[ \t]day)"
    r"(?:[ \t](?:on|titled|entitled|called))?,?[ \t]{1,2}"
    r"(?:[\u201c\"](?P<q>[^\u201d\"\n]{2,160}?(?:\n[^\u201d\"\n]{1,100}?)?)[\u201d\"]|"
    r"[\u2018'](?P<s>[^\u2019'\n]{2,160}?(?:\n[^\u2019'\n]{1,100}?)?)[\u2019'](?![^\W\d_]))",
    re.IGNORECASE)
_OPEN_QUOTE = re.compile(r"[\u201c\"\u2018]|(?<![^\W\d_])'")
# the title set in the certificate's own heading ("Certificate of Completion: X", "X \u2013 Certificate of Attendance")
_CERT_KIND = r"(?:certificate|record|confirmation|statement)[ \t]of[ \t](?:completion|attendance|participation|achievement)"
_KIND_WORD = re.compile(rf"(?i:{_CERT_KIND})[ \t]*[:\u2013\u2014]|[:\u2013\u2014][ \t]*(?i:{_CERT_KIND})")
_HEAD_TITLE = re.compile(rf"^(?i:{_CERT_KIND})[ \t]*[:\u2013\u2014][ \t]*(?P<t>\S.{{3,150}})$|"
                         rf"^(?P<u>\S.{{3,150}}?)[ \t]*[:\u2013\u2014][ \t]*(?i:{_CERT_KIND})$")
# a letter's subject line naming the activity ("Re: Attendance at Invasive Plant Management: Strategies
# That Work"): it corroborates (or completes) the title read from the letter's sentence
_SUBJECT_TITLE = re.compile(
    r"(?im)^[ \t]*(?:re|subject)[ \t]*:[ \t]*(?:"
    r"(?:confirmation[ \t]of[ \t]|your[ \t])?(?:attendance|participation|completion|enrol(?:l)?ment)[ \t](?:at|in|of)"
    r"[ \t](?:the[ \t])?(?P<t>[^\n]{4,140})|"
    # the kind of confirmation, then the activity: "Certificate of attendance – X", "Attendance confirmation: X"
    r"(?:(?:certificate|confirmation|record|proof)[ \t]of[ \t](?:attendance|participation|completion)|"
    r"(?:attendance|participation|completion)[ \t](?:confirmation|certificate|record))[ \t]*[:\u2013\u2014\-][ \t]*"
    r"(?P<u>[^\n]{4,140})|"
    # the activity, then the kind: "X – confirmation of attendance"
    r"(?P<w>[^\n]{4,140}?)[ \t]*[:\u2013\u2014\-][ \t]*(?:confirmation|certificate|record|proof)[ \t]of[ \t]"
    r"(?:attendance|participation|completion))$")
_SERVICE_WHAT = re.compile(
    r"(?:as[ \t]an?[ \t](?:(?:elected|appointed|voting|founding|active|ex[ \t-]officio)[ \t])?member[ \t]of[ \t]the|"
    r"served[ \t]on[ \t](?:the|our)|service[ \t]on[ \t]the|on[ \t]the)[ \t](?P<t>[^,.;\n]{3,120}?)"
    r"(?=[ \t]of[ \t]the[ \t]|[ \t]of[ \t]SER\b|[ \t]\(|,|\.|[ \t]from[ \t])",
)


# an office held on a board or committee ("Vice President", "Chair", "Secretary"), set in brackets after it
_OFFICE = re.compile(r"\b(?:president|vice|chair|co-?chair|chairperson|secretary|treasurer|member|liaison|editor|"
                     r"coordinator|representative|lead|director|officer|trustee|delegate|convenor|convener)\b",
                     re.IGNORECASE)
_ORG_IN_PAREN = re.compile(rf"\b(?:{ORG_HEADS})\b|\bfor[ \t]Ecological[ \t]Restoration\b", re.IGNORECASE)


_COURSE_CODE = re.compile(r"^[A-Z]{2,5}[ \t]?\d{3,4}[A-Z]?[,:]?[ \t]+(?:[–—\-][ \t]+)?")
_DOC_HEAD = re.compile(
    r"(?:^|\n)[ \t]{0,4}(?:[\w ]{0,30}?)(?:agenda|syllabus|programme|program|schedule|outline|itinerary|timetable)[ \t]{0,2}[:\-–][ \t]{0,2}(?P<t>[^\n]{3,140})",
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
        if (nxt.page == line.page and size_gap(nxt, line) < 0.6 and len(nxt.text) < 40
                and len(_segments(nxt)) == 1  # not a row of table cells ("Format    Continuing education hours")
                and ":" not in nxt.text and not re.search(r"\d", nxt.text)
                # a capitalised line, or one going on with a joining word ("... Seed Mixes, Mulch\nand Monitoring")
                and (nxt.text[:1].isupper() or re.match(r"(?:and|or|of|for|in|on|with|the|to|&)[ \t]", nxt.text))
                and not _BOILER.match(nxt.text)):
            return layout.text[start:end] + " " + nxt.text, nxt.start + len(nxt.text)
    return layout.text[start:end], end


_CONF_NAME = re.compile(
    r"(?P<t>(?:(?:19|20)\d{2}[ \t])?(?:\d{1,3}(?:st|nd|rd|th)[ \t])?(?:[A-Z][\w'’&\-]*[ \t]|of[ \t]|on[ \t]|the[ \t]|and[ \t]|for[ \t]){0,8}"
    r"(?:Conference|Symposium|Forum|Congress|Annual[ \t]Meeting|Summit|Meeting)(?:[ \t](?:on|of)[ \t](?:the[ \t])?[A-Z](?:[^\W\d_]|[ \-]){2,40}?)?)"
    r"(?=[ \t]?[—–,\-(]|[ \t]held|\n|$)")


# a bullet as OCR misreads it ("+", "¢", "«", "©", "—", a lone "e" or "o" before the item's capital)
_OCR_BULLET = re.compile(r"[ \t]{0,4}(?:[+¢«»°©®>~—]|[eo](?=[ \t]+[A-Z]))[ \t]+(?=[A-Z])")


def find_events(text: str) -> Found | None:
    """Events listed one per line ("Spring Field Tour, 2022-09-05 - 2022-09-06"), bulleted or after a colon.
    Bullets OCR misread count when the list is otherwise sure (an item before, or a colon or "below"
    over it): method "event list ocr", weaker until calibration prices it."""
    items = []
    prev = ""
    pos = 0
    tolerant = False
    for line in text.split("\n"):
        m = _EVENT_ITEM.match("\n" + line)
        listed = bool(re.match(r"[ \t]{0,4}(?:\(cid:\d+\)|[•*·\-–])", line)) or prev.rstrip().endswith(":") or bool(items)
        if m is None and (items or re.search(r"(?i:below|following)\W*$", prev) or prev.rstrip().endswith(":")):
            b = _OCR_BULLET.match(line)
            m = _EVENT_ITEM.match("\n" + " " * b.end() + line[b.end():]) if b else None
            if m is not None:
                listed = tolerant = True
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
    if tolerant:
        return Found("; ".join(t for t, _ in items), (items[0][1][0], items[-1][1][1]), 0.75, "event list ocr")
    return Found("; ".join(t for t, _ in items), (items[0][1][0], items[-1][1][1]), 0.8, "event list")


_TITLE_PAIR = re.compile(r"\b(?:title|course|training|workshop|event|session|activity|program(?:me)?|completing|"
                         r"completion[ \t]of)\b",
                         re.IGNORECASE)
_ROLE = re.compile(r"\b(?:coordinator|director|president|manager|officer|chair|chairperson|secretary|treasurer|"
                   r"dean|registrar|editor|head|ceo|signature|instructor|leader|trainer|facilitator|lecturer)\b",
                   re.IGNORECASE)
_NOT_TITLE_PAIR = re.compile(
    r"\b(?:date|dates|hours?|time|organi[sz]ation|provider|sponsor|name|code|number|no|id|location|delivery|"
    r"instructors?|credits?|grade|type|status|length|duration|mode|format|venue|provided|offered|by|level)\b",
    re.IGNORECASE)


# a text ending in an organisation's head noun or legal form ("... Training Ltd", "... Education Trust")
_ORG_END = re.compile(rf"\b(?:{ORG_HEADS})\.?$", re.IGNORECASE)


# "Course name", "Event name": the activity's title, not a person's name
_X_NAME = re.compile(r"\b(?P<k>course|training|event|activity|program(?:me)?|workshop|session|module|class|"
                     r"conference|seminar|webinar)[ \t]+name\b", re.IGNORECASE)


_NAME_OF = re.compile(r"^(?i:name[ \t]of[ \t](?:the[ \t])?)(?=(?i:course|training|workshop|event|activity|program))")


def find_title(layout: Layout, flat: str, doc_type: DocType, participant: str | None,
               provider: str | None = None) -> Found | None:
    return _join_small_caps(layout, _find_title(layout, flat, doc_type, participant, provider))


def _small_cap_joins(words) -> list[int]:
    """Indices i where words[i] is a small-caps word's larger capital read apart from the rest of it ("N" +
    "ATIVE"): one capital letter, set taller than the capitals right after it with no gap between them."""
    out = []
    for i, (w, nx) in enumerate(zip(words, words[1:])):
        hw, hn = w.bbox[3] - w.bbox[1], nx.bbox[3] - nx.bbox[1]
        if len(w.text) == 1 and w.text.isupper() and nx.text[:1].isupper() and nx.text == nx.text.upper() \
                and nx.bbox[0] - w.bbox[2] <= 0.6 and hw > 1.1 * hn:
            out.append(i)
    return out


def _small_cap_joins_in(layout: Layout, f: Found) -> bool:
    ln = layout.line_at(f.span[0])
    return ln is not None and bool(_small_cap_joins(ln.words))


def _join_small_caps(layout: Layout, f: Found | None) -> Found | None:
    """A title set in small capitals reads as its words ("N ATIVE G RASS E STABLISHMENT" -> "NATIVE GRASS
    ESTABLISHMENT"): the value's pieces that are one word in the layout are joined again."""
    if f is None or " " not in f.value:
        return f
    ln = layout.line_at(f.span[0])
    pieces = set()
    while ln is not None and ln.start < f.span[1]:
        pieces |= {(ln.words[i].text, ln.words[i + 1].text) for i in _small_cap_joins(ln.words)}
        ln = layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None
    v = f.value
    for a, b in pieces:
        v = re.sub(rf"(?<!\S){re.escape(a)} (?={re.escape(b)}(?!\S))", a, v)
    return f if v == f.value else Found(v, f.span, f.confidence, f.method)


def _find_title(layout: Layout, flat: str, doc_type: DocType, participant: str | None,
                provider: str | None = None) -> Found | None:
    text = layout.text
    for p in pairs(layout):
        if _ROLE.search(p.label) or _ROLE.search(p.value):
            continue  # signatures side by side: "Training Coordinator      President"
        if _ORG_END.search(p.label):
            continue  # an organisation's name beside a tag or a panel's text ("Green Corridors Training Ltd   Member
            # Organisation"), not a label
        one_word = p.kind != "colon" and _ONE_WORD_TITLE_LABEL.fullmatch(p.label.strip(" :"))
        if p.label[:1].islower() or \
                re.search(r"\b(?:successfully|has|have|was|were|comprised|comprises|included|includes|covered)\b",
                          p.label) or \
                participant and participant.lower() in p.label.lower():
            continue  # a sentence cut at a colon inside its title ("has completed the workshop X: Y"), no label
        label = _X_NAME.sub(r"\g<k>", _NAME_OF.sub("", p.label))  # "Name of course", "Course name": the course's title
        if _TITLE_PAIR.search(label) and not _NOT_TITLE_PAIR.search(label) \
                and (len(p.label.split()) >= 2 or one_word) \
                and not _BOILER.match(p.value) and len(_HEADER_WORDS.findall(p.value)) < 2:
            v = p.value
            if _not_a_title_value(v) or not re.search(r"[^\W\d_]{3}", v) or \
                    re.fullmatch(r"(?i:title|name|date|hours)[ \t]*:?", v.strip()):
                continue  # a speck beside a heading ("Certificate of Course Completion   _") is no title
            if _KIND_COLON.match(v) or v.rstrip().endswith("\u2026"):
                continue  # a spaced heading split at a word's gap ("WORKSHOP   AGENDA: REFERENCE ..."): the heading's;
                # a running header's title cut short ("... Reference Ecosystems and \u2026"): not the whole title
            if p.kind == "colon":
                v, _ = _with_continuation(layout, p.span[0], p.span[1])
            v = clean_title(_COURSE_CODE.sub("", v))  # "GEOG 5200 – GIS for Natural Resources": the name, not the code
            if v:
                return Found(v, (p.span[0], p.span[0] + len(v)), 0.9, "label")
    m = _kv(text, _TITLE_LABELS)
    if m and not _BOILER.match(m.group("v")) and len(_HEADER_WORDS.findall(m.group("v"))) < 2 \
            and not _not_a_title_value(m.group("v")):
        v, end = _with_continuation(layout, m.start("v"), m.end("v"))  # "Programme: Designing ...\nProjects"
        v = _COURSE_CODE.sub("", " ".join(v.split()).strip(" .;_"))
        nl = _NEXT_LABEL.search(v)  # the next detail's label side by side ("... (Secretary) Years of service: 1 year")
        if nl and nl.start() >= 4:
            v = v[: nl.start()].rstrip(" .;,")
            end = m.start("v") + len(v)
        return Found(v, (m.start("v"), end), 0.9, "label")
    if doc_type is DocType.COLLEGE_TRANSCRIPT:
        m = _COURSE_ROW.search(text)
        if m:
            t = m.group("t").strip()
            # the course's name wrapped inside its cell ("Field Botany" over "of Disturbed" over "Lands"): the
            # table's reading of the same row, which joins the cell's lines
            for found in _table_titles(layout):
                if found.span[0] == m.start("t") and found.value != t:
                    return found  # (the table's cell ends where the dates' column begins: "Wetland Hydrology  Jan. 13")
            # the row's next cell a date ("HYD 525 Wetland Hydrology Jan. 13, 2024"): up to its month
            t = re.sub(r"[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?$", "", t) or t
            wrapped = _cell_wrap(layout, m.start("t"))
            if wrapped:  # (no table read: its header row has a neighbour's text glued on)
                return Found(f"{t} {wrapped}", (m.start("t"), m.end("t")), 0.75, "course row wrapped")
            return Found(t, m.span("t"), 0.85, "course row")
    if doc_type is DocType.COURSE_SYLLABUS:
        # (not a running header's title cut short: "Peatland Recovery Partnership   Workshop Agenda: Reference ...…")
        m = next((h for h in _DOC_HEAD.finditer(text) if not h.group("t").rstrip().endswith(("\u2026", "..."))), None)
        if m:
            value, end = _with_continuation(layout, m.start("t"), m.end("t"))
            return Found(" ".join(value.split()).strip(" ."), (m.start("t"), end), 0.85, "heading")
    if doc_type is DocType.SERVICE_LETTER and re.search(r"organi[sz](?:ed|er|ing)\b", flat, re.IGNORECASE) or \
            doc_type in (DocType.UNKNOWN, DocType.VOLUNTEER_LETTER) and _ORGANIZED.search(flat):
        # (the events a letter says the person organised are its activity, whichever kind the letter was taken for)
        lead = _ORGANIZER_OF.search(flat)
        ev = find_events(text) or _inline_events(flat) or _event_table(layout)
        if lead and ev:
            # the lead's title wrapped after its colon reads as a one-item list ("organizer of Webinar Series:\n
            # Restoration in Practice, 2021-04-14 ..."): that item is the lead's own end
            if not any(not " ".join(lead.group("t").split()).endswith(t) for t in ev.value.split("; ")):
                ev = None
            elif " ".join(lead.group("t").split()) in ev.value.split("; "):
                # ... and the list that follows names the lead's event again in full: the lead's end read as a
                # first item ("Restoration in Practice; Webinar Series: Restoration in Practice; ...") goes
                lt = " ".join(lead.group("t").split())
                items = ev.value.split("; ")
                if len(items) >= 2 and items[0] != lt and lt.endswith(items[0]):
                    ev = Found("; ".join(items[1:]), ev.span, ev.confidence, ev.method)
        if lead and ev and " ".join(lead.group("t").split()) not in ev.value.split("; "):
            return Found(lead.group("t") + "; " + ev.value, (lead.start("t"), ev.span[1]), 0.78, "event list")
        if lead and not ev:
            return Found(lead.group("t"), lead.span("t"), 0.8, "organizer phrase")
        if ev:
            return ev
    if doc_type is DocType.SERVICE_LETTER:
        m = _SERVICE_WHAT.search(flat)
        if m:
            # "Board of Directors (Vice President)": keep a parenthesised office, not the organisation the body
            # belongs to ("Practitioner Standards Committee (Society for Ecological Restoration)", "(SER X Chapter)")
            end = m.end("t")
            paren = re.match(r"[ \t]\([^)]{2,60}\)", flat[end:])
            if paren and not re.search(r"\d", paren.group(0)) and (
                    _OFFICE.search(paren.group(0)) or not _ORG_IN_PAREN.search(paren.group(0))):
                end += paren.end()
            return Found(" ".join(flat[m.start("t"):end].split()), (m.start("t"), end), 0.85, "service phrase")
    for found in _table_titles(layout):
        return found
    cell = _title_cell(layout) or _caption_under(layout)
    if cell is not None:
        return cell
    if doc_type is DocType.CONFERENCE_ATTENDANCE:
        m = _CONF_NAME.search(prose_joined(text))  # a name wrapped inside a sentence reads whole
        if m and len(m.group("t").split()) >= 2:  # a bare "Conference" (a wrapped cell, a heading word) names none
            v, end = _with_continuation(layout, m.start("t"), m.end("t"))  # a heading wrapped onto a second line
            v = " ".join(v.split())
            ds = find_dates(v)  # "... on Ecological Restoration September 19, 2025": the dates are not the name
            if ds and ds[0].span[0] > 8:
                v = v[: ds[0].span[0]].rstrip(" ,–—-")
            # the sentence's article before the name ("participated in the Mountain West Revegetation Symposium"):
            # not the name's (a capital "The" may be)
            art = re.match(r"the[ \t]+(?=[A-Z0-9])", v)
            start = m.start("t") + (art.end() if art else 0)
            v = v[art.end():] if art else v
            return Found(v, (start, start + len(v)), 0.85, "conference name")
    m = _QUOTED.search(flat)
    if m and doc_type in (DocType.INSTRUCTION_LETTER, DocType.PUBLICATION_ACCEPTANCE):
        return Found(m.group("t").strip(" ,."), m.span("t"), 0.88, "quoted")
    if doc_type is DocType.PUBLICATION_ACCEPTANCE:
        m = _MANUSCRIPT.search(flat)
        if m and not _excluded(m.group("t"), participant, provider):
            return Found(m.group("t"), m.span("t"), 0.7, "manuscript phrase")
    found = _generic_title(layout, flat, participant, provider)
    if found is not None and found.method == "largest line" and doc_type is DocType.VOLUNTEER_LETTER:
        return None  # a volunteering letter names no activity by its largest line: that is its heading ("Volunteer
        # hours", "Volunteer Hours Log", "Volunteer Appreciation"), a mail print's subject or its first sentence
    return found


# the organiser's own words: "organized the following events", "lead organizer", "principal organizer of"
_ORGANIZED = re.compile(r"\borgani[sz](?:ed|ing)[ \t]the[ \t]following\b|\b(?:lead|principal|chief)[ \t]organi[sz]er\b",
                        re.IGNORECASE)
# "organizer of Native Seed Swap, ...", "principal organizer of the chapter's Spring Prairie Burn Demonstration (March
# 13, 2025)": the event's name up to its comma, or its date in brackets
_ORGANIZER_OF = re.compile(r"organizer[ \t]of[ \t](?:the[ \t][\w\-]+['\u2019]s[ \t]|our[ \t])?"
                           r"(?P<t>[A-Z][^,\n(]{2,80}?)(?:,|[ \t]\((?=[^)\n]{0,30}\d))")
# one event of a run-in list, its date in brackets: "Riverbank Cleanup Day (December 22, 2024);"
_ITEM_DATED = re.compile(r"[ \t]*(?:and[ \t]+)?(?P<t>[A-Z][^;:()\n]{2,100}?)[ \t]+\((?P<d>[^)\n]{4,40})\)[ \t]*(?P<sep>[;,]?)")


def _inline_events(flat: str) -> Found | None:
    """Events run into the sentence after "events:", each with its date in brackets ("organizing the following
    two chapter events: Restoration Film Evening (June 19, 2025); Riverbank Cleanup Day (September 5, 2025).")."""
    m = re.search(r"\bevents?[ \t]*:[ \t]*", flat)
    if not m:
        return None
    items, pos = [], m.end()
    while True:
        it = _ITEM_DATED.match(flat, pos)
        if not it or not find_dates(it.group("d")):
            break
        items.append((" ".join(it.group("t").split()), it.span("t")))
        pos = it.end()
        if not it.group("sep"):
            break
    if not items:
        return None
    return Found("; ".join(t for t, _ in items), (items[0][1][0], items[-1][1][1]), 0.8, "inline event list")


def _event_table(layout: Layout) -> Found | None:
    """The events of a table with an event column ("Event | Held on | Role" over one row per event), in order."""
    items = []
    for row in table_rows(layout):
        for head, (v, sp) in row.items():
            if re.search(r"\bevents?\b", head) and not _NOT_TITLE_PAIR.search(head) and len(v) >= 4 \
                    and not find_dates(v):
                items.append((" ".join(v.split()), sp))
                break
    if len(items) < 2:
        return None  # (a table of one event is read as any table's title cell)
    return Found("; ".join(t for t, _ in items), (items[0][1][0], items[-1][1][1]), 0.8, "event table")


# a paper's title, unquoted, after the word for it ("Thank you for submitting your manuscript A field key to
# wetland sedges of the Piedmont. It has been ..."): a sentence-case title has no capitals to end it, so it
# runs to the sentence's end or to what the letter says of it
_MANUSCRIPT = re.compile(
    r"\b(?:[Yy]our|[Tt]he|[Oo]ur)[ \t](?:[a-z\-]+[ \t]){0,2}?(?:manuscript|paper|article|submission|book[ \t]chapter)"
    r"(?:,?[ \t](?:titled|entitled))?,?[ \t]+"
    r"(?P<t>[A-Z][^.\n\u201c\u201d\"]{8,160}?)"
    r"(?=\.[ \t]|\.$|,[ \t](?:which|submitted|has|was)\b|[ \t]\(|[ \t](?:has|have|was|is)[ \t]been\b|"
    r"[ \t]submitted[ \t]|[ \t]for[ \t](?:publication|consideration|review)\b|"
    r"[ \t](?:appeared|appears|will[ \t]appear|(?:was|is|has[ \t]been)[ \t](?:accepted|published))\b)")


# a title's own label cell: "Program title", "Training title", "Title of activity", "Course name"
_TITLE_CELL = re.compile(r"(?:(?:program(?:me)?|training|course|activity|event|workshop|session|webinar|seminar)"
                         r"[ \t](?:title|name)|title[ \t]of[ \t](?:the[ \t])?(?:program(?:me)?|training|course|activity|"
                         r"event|workshop)|name[ \t]of[ \t](?:the[ \t])?(?:program(?:me)?|training|course|activity|event|"
                         r"workshop))[ \t]*:?", re.IGNORECASE)


def _title_cell(layout: Layout) -> Found | None:
    """A title's label cell and the value cell right after it, wherever they sit in their line: a side panel's
    text set in the same line before them ("www.chwc.org      Program title      Brook Trout Habitat
    Enhancement") leaves no label at the line's start. Read under its own method ('label cell')."""
    for ln in layout.lines:
        segs = _segments(ln)
        for (a, b), (c, d) in zip(segs, segs[1:]):
            label = " ".join(w.text for w in ln.words[a:b])
            if not _TITLE_CELL.fullmatch(label):
                continue
            s0 = ln.start + ln.offsets[c]
            s1 = ln.start + ln.offsets[d - 1] + len(ln.words[d - 1].text)
            v = layout.text[s0:s1]
            if _not_a_title_value(v) or _BOILER.match(v) or not re.search(r"[^\W\d_]{3}", v) or \
                    len(v.split()) <= 3 and (v.isupper() or _NOT_TITLE_PAIR.search(v)):
                continue  # (a header row's next label: "TRAINING TITLE      SPONSOR")
            v = clean_title(_COURSE_CODE.sub("", v))
            if v:
                return Found(v, (s0, s0 + len(v)), 0.85, "label cell")
    return None


def _caption_under(layout: Layout) -> Found | None:
    """A form's value set over its caption in smaller type ("Riparian Buffer Design" over "Title of activity"
    under a rule), the caption close under the value and not close over a line of its own (a caption over its
    value is a label read by ``pairs``). Read under its own method ('caption under')."""
    lines = layout.lines
    for i in range(1, len(lines)):
        ln, prev = lines[i], lines[i - 1]
        cap = ln.text.strip().rstrip(":")
        if not (_TITLE_CELL.fullmatch(cap) or re.fullmatch(r"(?i:title|activity|course|program(?:me)?|training|event|"
                                                            r"workshop)", cap)):
            continue
        gap = ln.top - max(w.bbox[3] for w in prev.words)
        if prev.page != ln.page or len(_segments(ln)) != 1 or len(_segments(prev)) != 1 or not prev.height \
                or ln.height >= 0.9 * prev.height or not 0 <= gap <= 0.6 * prev.height or ":" in prev.text \
                or abs(prev.words[0].bbox[0] - ln.words[0].bbox[0]) > 4:
            continue
        if i + 1 < len(lines) and lines[i + 1].page == ln.page and \
                lines[i + 1].top - max(w.bbox[3] for w in ln.words) <= gap + 1:
            continue  # as close to the line under it: a caption over its value, or a run of lines
        v = clean_title(prev.text)
        if v and not _not_a_title_value(v) and not _excluded(v, None, None) and re.search(r"[^\W\d_]{3}", v):
            return Found(v, (prev.start, prev.start + len(prev.text)), 0.8, "caption under")
    return None


def _cell_wrap(layout: Layout, start: int) -> str:
    """The lines a table cell wraps onto under the word at ``start``: the next lines (up to three) of the same
    size whose only run of words starts at that word's left edge, with no digits."""
    ln = layout.line_at(start)
    if ln is None:
        return ""
    k = next((i for i, off in enumerate(ln.offsets) if ln.start + off >= start), None)
    if k is None:
        return ""
    x = ln.words[k].bbox[0]
    out, prev = [], ln
    for nxt in layout.lines[ln.index + 1: ln.index + 4]:
        if nxt.page != ln.page or size_gap(nxt, ln) > 0.6 or nxt.top - max(w.bbox[3] for w in prev.words) \
                > 0.9 * ln.height or len(_segments(nxt)) != 1 or abs(nxt.words[0].bbox[0] - x) > 4 \
                or re.search(r"\d", nxt.text):
            break
        out.append(nxt.text.strip())
        prev = nxt
    return " ".join(out)


def _table_titles(layout: Layout):
    """The title cells of small tables ("Course title | Date(s) | Hours" over one row per activity), first first."""
    for row in table_rows(layout):
        if any(v.rstrip().endswith(":") for v, _ in row.values()):
            continue  # label and value pairs set in cells ("Cc: Programme file" over "Subject: Confirmation"), no row
        for head, (v, sp) in row.items():
            head = _X_NAME.sub(r"\g<k>", _NAME_OF.sub("", head))  # "Name of course", "Course name"
            if re.search(r"\b(?:title|course|training|program(?:me)?|activity|workshop|position|completing|"
                         r"completion[ \t]of|event|conference)\b", head) \
                    and not _NOT_TITLE_PAIR.search(head) and not _not_a_title_value(v) and len(v) >= 4:
                if re.fullmatch(r"[A-Z]{2,5}[ \t]?\d{3,4}[A-Z]?", v.strip()):
                    continue  # a course column holding the code ("Course | Title" over "ENV 410 | Wetland Hydrology")
                code = _COURSE_CODE.match(v)  # "BIOL 5350 – Wetland Ecology": the name, not the code
                off = code.end() if code and len(v) > code.end() + 3 else 0
                v = clean_title(v[off:])
                if v:
                    yield Found(v, (sp[0] + off, sp[0] + off + len(v)), 0.85, "table")


# trailing text that is not part of a title: "... hosted by X", "... Issued by X. Completed ...",
# "... in partnership with X", "... held on <date>", "... – <date>"
_TITLE_TAIL = re.compile(
    r"(?:[ \t,]+(?:(?:hosted|presented|offered|organi[sz]ed|issued|granted|awarded|provided|sponsored|delivered|"
    r"conducted|run|led|taught|facilitated)[ \t]by|in[ \t]partnership[ \t]with|in[ \t]collaboration[ \t]with|"
    r"held[ \t]|(?:on|from|during|dated)[ \t](?=(?:[A-Z][a-z]+day,?[ \t])?(?:the[ \t])?(?:\d|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?[ \t]\d))|at[ \t]the[ \t]|at[ \t](?=[A-Z]))\b"
    r"|[ \t]*[–—][ \t]"
    r"|\.[ \t]+(?=[A-Z])"
    # how it was delivered: "... for Roadsides over our live video platform", "... via Zoom"
    r"|[ \t]+over[ \t](?:our|a|an|the)[ \t](?:[\w\-]+[ \t]){0,2}?(?:video|web|online|zoom|conferencing|platform|"
    r"webinar|call)\b|[ \t]+via[ \t](?:zoom|teams|webex|video|live[ \t]|our[ \t]|an?[ \t]online)"
    r"|[ \t]*\((?=[^)]*\d)"
    # what it was part of: "... for our certificate programme"
    r"|[ \t]+(?-i:for[ \t]our)[ \t]"
    # a by-verb ending the line, its "by" on the next ("... Prescribed Grazing workshop hosted\nby ...")
    r"|[ \t]+(?-i:hosted|presented|offered|organi[sz]ed|sponsored|delivered|conducted|facilitated)$)", re.IGNORECASE)
_GENERIC_NOUN = re.compile(r"[ \t]+(?:workshop|webinar|course|training|seminar|session|program|programme|event|"
                           r"field[ \t]day|short[ \t]course|online[ \t]course)$")
_TITLE_LEAD = re.compile(
    r"(?:has[ \t]|have[ \t])?(?:successfully[ \t]|satisfactorily[ \t])?(?:attended|completed|completing|participated[ \t]in|participating[ \t]in|taking[ \t]part[ \t]in|"
    r"attending|for[ \t]attending|for[ \t]completing|in[ \t]recognition[ \t]of[ \t]completing|completion[ \t]of|"
    r"(?:completed|fulfilled|met|satisfied)[ \t]the[ \t]requirements[ \t](?:of|for))"
    # every part of it: "attended all three live sessions of the online series"
    r"(?:[ \t](?:all|each|every)(?:[ \t][\w\-]+){0,3}?[ \t](?:sessions|modules|parts|days|meetings|units)[ \t]of)?"
    r"(?:[ \t](?:the|a|an|our))?(?:[ \t](?:(?:one|two|three|four|five|half|full|\d{1,2}(?:\.\d)?)[ \t-](?:day|hour|week)s?|"
    r"online|short|field|virtual|in-person|live))*"
    r"(?:[ \t](?:course|workshop|webinar|program|programme|training|seminar|series|webinar[ \t]series))?[ \t:]*$",
    re.IGNORECASE)
_NOT_TITLE = re.compile(
    r"^(?:(?:certificate|letter|record|confirmation|verification|statement|award|diploma)(?:[ \t](?:of|for)[ \t]\w+(?:[ \t]\w+)?)?|"
    r"(?:attendance|completion|participation|achievement|appreciation)(?:[ \t](?:certificate|verification|"
    r"confirmation|record|statement))?|congratulations\b.*|"
    # the document's kind with whom it thanks ("Volunteer Appreciation Certificate", "Service Recognition Award")
    r"(?:volunteer|service|member|staff)[ \t](?:appreciation|recognition|achievement)[ \t](?:certificate|award|letter)|"
    r"presented[ \t]to|awarded[ \t]to|this[ \t]is[ \t]to[ \t]certify.*|this[ \t]certifies.*|"
    # a section's heading in a programme or syllabus
    r"(?:course[ \t])?(?:instructors?|presenters?|speakers?|faculty|facilitators?|learning[ \t]objectives|"
    r"objectives|learning[ \t]outcomes|outcomes|overview|description|schedule|timetable|contents|notes))$", re.IGNORECASE)


_CLOCK = re.compile(r"\b\d{1,2}(?::\d{2})?[ \t]?(?:am|pm|a\.m\.|p\.m\.)\b|\b\d{1,2}[:.]\d{2}\b", re.IGNORECASE)
_ORG_HEAD = re.compile(r"^(?:the[ \t])?(?:[A-Z][\w®&'’\-]*[ \t]){0,3}(?:Institute|Association|Society|University|College|"
                       r"Council|Foundation|Agency|Department|Registered|Provider)\b")


def _not_a_title_value(v: str) -> bool:
    """A clock time ("BBQ 6-10 pm") or an organization ("International Institute of ...") under a
    title-like label ("Program:", "Event:") is not the activity's title."""
    return bool(_CLOCK.search(v) or _ORG_HEAD.match(v.strip()) or "®" in v or _only_a_date(v))


def _only_a_date(v: str) -> bool:
    """A date and nothing else ("23rd Nov 2022" beside a letterhead that has "Training" in its name)."""
    ds = find_dates(v)
    return bool(ds) and not re.search(r"[^\W\d_]{3}", v[: ds[0].span[0]] + v[ds[0].span[1]:])


# the next detail's label read onto the title's line ("... Strategies That Work - Provider: X", OCR)
_LABEL_NAMES = (r"(?:provider|sponsor(?:ing[ \t]organi[sz]ation)?|organi[sz]ation|dates?(?:[ \t]attended|[ \t]of[ \t]activity)?|"
                r"hours|contact[ \t]hours|total[ \t]hours|location|venue|instructor|facility|"
                # a service's details side by side ("Position: Board of Directors (Secretary)   Years of service: 1 year")
                r"years[ \t]of[ \t]service|term|credits?|grade|format|delivery[ \t]mode)")
# a label with its colon, or set off by a dash or bar at the end ("... That Work - Provider")
_NEXT_LABEL = re.compile(rf"[ \t]+[-|·•–—][ \t]+{_LABEL_NAMES}[ \t]*(?::|$)|[ \t]+{_LABEL_NAMES}[ \t]*:", re.IGNORECASE)


def clean_title(t: str) -> str:
    t = " ".join(t.split()).strip(" .;:,“”\"'_|")  # (a typed form's underscores: "___Riparian Buffer Design___")
    t = re.sub(r"^(?i:title|name)[ \t]*:[ \t]*", "", t)  # the rest of a label split by OCR ("Course | title: X")
    nl = _NEXT_LABEL.search(t)
    if nl and nl.start() >= 4:
        t = t[: nl.start()]
    m = _TITLE_TAIL.search(t)
    if m and m.start() >= 4:
        t = t[: m.start()]
    t = t.strip(" .;:,\u2022“”\"")
    t = _GENERIC_NOUN.sub("", t) if not t.isupper() else t
    return _COURSE_CODE.sub("", t).strip(" .;:,")


def _one_block(layout: Layout, start: int, end: int) -> int:
    """Cut a span where the text changes size: a title set large ends at its last large line."""
    first = layout.line_at(start)
    if first is None:
        return end
    i = first.index
    while i + 1 < len(layout.lines) and layout.lines[i + 1].start < end:
        nxt = layout.lines[i + 1]
        if nxt.page != first.page or size_gap(nxt, first) > 0.8:
            return layout.lines[i].start + len(layout.lines[i].text)
        i += 1
    return end


# a document's kind set as a heading of its own ("Workshop Agenda", "Field Tour Itinerary"), the
# title being the line beside it; at the end of a line read together with the title, cut off
_KIND_WORDS = (r"(?:(?:workshop|course|field|tour|webinar|series|training|event|conference|academic|official|"
               r"unofficial|day|session|meeting|class)[ \t]+){0,3}(?:agenda|syllabus|itinerary|schedule|outline|"
               r"programme|program|transcript|timetable)")
_KIND_ONLY = re.compile(rf"^{_KIND_WORDS}$", re.IGNORECASE)
_KIND_TAIL = re.compile(rf"[ \t]+{_KIND_WORDS}$", re.IGNORECASE)


_KIND_HEAD = re.compile(rf"^[ \t]*{_KIND_WORDS}(?:[ \t]+(?:for|of)(?:[ \t]+the)?[ \t]+|[ \t]*[:\u2013\u2014\-][ \t]*)",
                        re.IGNORECASE)
_KIND_END = re.compile(rf"[ \t]*(?:[:|\u2013\u2014\-(][ \t]*){_KIND_WORDS}(?:[ \t]of[ \t](?:sessions|events|talks|"
                       rf"activities|the[ \t]day))?\)?$", re.IGNORECASE)
_KIND_COLON = re.compile(rf"{_KIND_WORDS}[ \t]*:", re.IGNORECASE)


# a year inside an event's name ("RESTORE 2025: Rivers and People"), not an address's or a phone's digits
_YEAR = re.compile(r"(?<![\d\-/.])(?:19|20)\d{2}(?![\d\-/.])(?=:|[ \t]|$)")


# an event's year before its name ("2025 Annual Conference of the ..."), set apart from an address's number
_LEAD_YEAR = re.compile(r"^(?:19|20)\d{2}[ \t]+(?=[A-Z][a-z])")


def _excluded(s: str, participant: str | None, provider: str | None) -> bool:
    low = s.lower()
    return (len(s) < 6 or bool(_BOILER.match(s)) or bool(_NOT_TITLE.match(s)) or bool(_KIND_ONLY.match(s))
            or _only_a_date(s)
            or (participant is not None and participant.lower() in low)
            or (provider is not None and provider.lower() == low)
            # (a year opening an event's name is no address or phone number: "2024 Gulf Coast Marsh Alliance Summit")
            or bool(re.search(r"\d{3}|@|www\.|https?:", _YEAR.sub("", _LEAD_YEAR.sub("", s)))))


def _before_date(t: str) -> str:
    """A title runs up to its dates, not through them ("Coral Reef Restoration Techniques July 30th")."""
    ds = find_dates(t)
    if ds and len(t[: ds[0].span[0]].split()) >= 2:
        t = re.sub(r"(?:[ \t,|•–—\-]+(?:on|from|between|during|the))*[ \t,|•–—\-]*$", "", t[: ds[0].span[0]])
    # a date whose year is cut off by the match: "... Techniques July 30th", "... Projects the 26th of July"
    cut = re.sub(r"(?:[ \t,|•–—\-]+(?:on|from|between|during))?[ \t,|•–—\-]+(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
                 r"|(?:the[ \t])?\d{1,2}(?:st|nd|rd|th)?(?:[ \t]of)?[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                 r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:[ \t]\d{1,2}(?:st|nd|rd|th)?)?)$", "", t)
    return cut if len(cut.split()) >= 2 else t


# a title's part after a comma ("Seed Mixes, Mulch and Monitoring, on May 3"): two to six capitalised
# words (joining words between), then the sentence goes on with a comma or ends
_COMMA_PART = re.compile(r",[ \t]+(?P<p>[A-Z][\w'’\-]*(?:[ \t]+(?:(?:and|or|of|for|the|in|on|with|to|&)[ \t]+)?"
                         r"[A-Z][\w'’\-]*){0,5})(?=,?[ \t]+[a-z]|\.(?:[ \t]|$))")


def _comma_part(text: str, end: int) -> int:
    """How far a title cut at a comma goes on: the capitalised words after the comma, when the text
    goes on in lower case after them; 0 when they look like a place, a date or an organisation."""
    m = _COMMA_PART.match(text, end)
    if not m:
        return 0
    part = m.group("p")
    if len(part.split()) < 2 or find_dates(part) or _ORG_WORDS.search(part) or \
            not re.search(r"\b(?:and|or|&)\b", part):
        return 0
    return m.end() - end


def _heading_title(layout: Layout, participant: str | None, provider: str | None) -> Found | None:
    """The title in the certificate's heading, read over the heading's wrapped lines (same type size)."""
    lines = [ln for ln in layout.lines[:12] if ln.page == 1]
    if not _KIND_WORD.search(" ".join(ln.text for ln in lines)):
        return None
    for k, ln in enumerate(lines):
        block = [ln]
        for nxt in lines[k + 1:k + 3]:
            if size_gap(nxt, ln) > 0.8:
                break
            block.append(nxt)
        for n in range(len(block), 0, -1):
            text = " ".join(b.text.strip() for b in block[:n])
            m = _HEAD_TITLE.match(text) if _KIND_WORD.search(text) else None
            if m:
                g = "t" if m.group("t") is not None else "u"
                t = clean_title(m.group(g))
                if len(t.split()) >= 2 and not _excluded(t, participant, provider):
                    return Found(t, (ln.start, ln.start + len(t)), 0.8, "heading")
    return None


# the title's last word(s) at the start of the next line, its details in brackets after them
_WRAP_BEFORE_BRACKET = re.compile(r"(?P<w>[A-Z][\w'’\-]*(?:[ \t][A-Z][\w'’\-]*){0,2})[ \t]+\((?=[^)\n]*\d)")


_WRAP_WORDS = re.compile(r"(?P<w>[A-Z][\w'’\-]*(?:[ \t](?:(?:and|or|of|for|the|in|on|with|to|&)[ \t])*[A-Z][\w'’\-]*){0,3})"
                         r"(?=[ \t]*(?:[,;(]|\.(?:[ \t]|$)|$))")


def _short_wrap(line, nxt) -> bool:
    """The last word or two of a title wrapped onto a line of its own ("Restoration Planning with
    Reference\nSites"): short, capitalised, no digits, right under a line that does not end a sentence."""
    t = nxt.text.strip()
    return 0 < len(t) < 6 and t[:1].isupper() and t.isalpha() and not line.text.rstrip().endswith((".", ":", "!", "?"))


def _overlap(a, b) -> bool:
    """Two lines share some horizontal extent (the same column)."""
    return bool(a.words and b.words) and a.words[0].bbox[0] < b.words[-1].bbox[2] and \
        b.words[0].bbox[0] < a.words[-1].bbox[2]


def _txt(ln) -> str:
    """A line's text, a letter-spaced line read as its words ("C O U R S E   O U T L I N E": "COURSE OUTLINE"):
    four or more one-character words, the gaps between words clearly wider than those between letters."""
    t = ln.text.strip()
    ws = ln.words
    joins = _small_cap_joins(ws)
    if joins:  # small capitals: "C ERTIFICATE OF C OMPLETION" is "CERTIFICATE OF COMPLETION"
        return "".join(w.text + ("" if i in joins or i == len(ws) - 1 else " ") for i, w in enumerate(ws))
    if len(ws) < 4 or sum(len(w.text) == 1 for w in ws) < 0.8 * len(ws):
        return t
    gaps = [b.bbox[0] - a.bbox[2] for a, b in zip(ws, ws[1:])]
    if min(gaps) <= 0:
        return t  # overlapping letters (a watermark set at an angle) are no spaced word
    small = min(gaps)
    out = ws[0].text
    for w, g in zip(ws[1:], gaps):
        out += (" " if g > 1.8 * small + 1.0 else "") + w.text
    return out


# a weekday's or a month's name alone (a day's number after it): a date, not an activity's name
_DAY_OR_MONTH = re.compile(r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|January|February|March|April|May|June|"
                           r"July|August|September|October|November|December)(?:[ \t]\d{1,2}(?:st|nd|rd|th)?)?")


# a detail's label at a line's start ("Dates:", "Location:"), not a letterhead's phone or e-mail line ("T: (238) ...")
_DETAIL_LABEL = re.compile(r"(?!(?i:tel|phone|fax|e-?mail|web|mobile|cell)\b)[A-Za-z][A-Za-z ]{2,30}:")


def _beside_kind(lines: list, participant: str | None, provider: str | None, body: float = 0.0):
    """The line right above (else right below) a heading that names only the document's kind ("Riparian
    Buffer Design for Practitioners\nCourse Syllabus"): the activity's name, when it reads as one (two words
    or more, no label, no digits, no organisation's name)."""
    for k, ln in enumerate(lines[:12]):
        if _DETAIL_LABEL.match(ln.text.strip()):
            return None  # the details' labels have begun: a "Schedule" under them heads a section, not the page
        if not _KIND_ONLY.match(_txt(ln)) or len(_txt(ln).split()) < 2:
            continue  # (a bare "Schedule", "Agenda" heads a section)
        for j in (k - 1, k + 1):
            if not 0 <= j < len(lines) or lines[j].page != ln.page:
                continue
            t = lines[j].text.strip()
            if len(t.split()) >= 2 and not _excluded(t, participant, provider) and not re.search(r"[:\d]", t) \
                    and not re.match(r"[\-–—•*·(]", t) \
                    and not _ORG_WORDS.search(t) and not t.endswith((".", ",")) \
                    and (not t.isupper() or body and lines[j].height > 1.05 * body and len(t.split()) >= 3):
                return lines[j]  # (in capitals, a heading set larger than the text: "REFERENCE ECOSYSTEMS AND ...")
        return None
    return None


def _generic_title(layout: Layout, flat: str, participant: str | None, provider: str | None) -> Found | None:
    """A title after an attendance/completion verb, or the emphasized line after such a verb, or the
    largest line; agreement between the phrase and the layout raises the confidence."""
    phrase = None
    joined = prose_joined(layout.text)
    # (cheap) no opening quote, no quoted title
    quoted = _OPEN_QUOTE.search(joined) if any(c in joined for c in "\u201c\"\u2018'") else None
    q = quoted and (_QUOTED_AFTER_VERB.search(joined, max(0, quoted.start() - 200)) or
                    _QUOTED_AFTER_NOUN.search(joined, max(0, quoted.start() - 60)))
    if q:
        g = "q" if q.group("q") is not None else "s"
        t = " ".join(q.group(g).split()).strip(" ,.;:")
        if len(t.split()) >= 2 and not _excluded(t, participant, provider):
            phrase = Found(t, (q.start(g), q.start(g) + len(t)), 0.85, "quoted after verb")
    # line breaks end a title except inside running prose (same offsets as ``flat``)
    m = None if phrase else _AFTER_VERB.search(joined)
    if m:
        end = _one_block(layout, m.start("t"), m.end("t"))
        if end == m.end("t"):
            end += _comma_part(joined, end)
        ln = layout.line_at(m.start("t"))
        if ln is not None and end == ln.start + len(ln.text) and ln.index + 1 < len(layout.lines):
            nxt = layout.lines[ln.index + 1]
            wrap = _WRAP_BEFORE_BRACKET.match(nxt.text)
            if nxt.page == ln.page and size_gap(nxt, ln) < 0.6 and _short_wrap(ln, nxt):
                end = nxt.start + len(nxt.text)  # the title's last word on a line of its own ("... Field\nTour")
            elif nxt.page == ln.page and size_gap(nxt, ln) < 0.6 and \
                    re.search(r"[ \t](?:and|or|of|for|the|in|on|with|to|&)$|[^\W\d_]{3}:$", ln.text.rstrip()) and \
                    _WRAP_WORDS.match(nxt.text) and not re.match(r"[^\n,]*,[ \t]*\d", nxt.text):
                # (or after its colon: "attended Mycorrhizal Inoculation in Revegetation:\nField Tour, a field tour
                # offered by ..."; not a list's item before its date: "Spring Field Tour, 2022-09-05")
                # a title broken after a joining word ("... Substrates and\nSeeding, a training offered by ...")
                end = nxt.start + _WRAP_WORDS.match(nxt.text).end("w")
            elif nxt.page == ln.page and size_gap(nxt, ln) < 0.6 and wrap and \
                    not ln.text.rstrip().endswith((".", ":", "!", "?", ",")):
                end = nxt.start + wrap.end("w")  # its last words before its details in brackets ("...\nEcology (4 credits")
        raw = flat[m.start("t"):end]
        nl = _NEXT_LABEL.search(raw)  # the next detail's label read on with the title ("... Practitioners Dates: 3 May")
        if nl and nl.start() >= 4:
            raw = raw[: nl.start()]
        t = clean_title(_before_date(raw))
        # (a day's or a month's name is a table's date under a column heading that ends in the verb: "Day    Hours
        # attended" over "Thursday, March 18, 2021    6.5")
        if t and (participant is None or participant not in t) and not _ORG_WORDS.search(t.split()[0]) \
                and not _excluded(t, participant, provider) and not _DAY_OR_MONTH.fullmatch(t) \
                and not any(d.span[0] == 0 for d in find_dates(flat[m.start("t"):m.start("t") + 40])):
            # (nor a date opening it: "attended the course on 3 May 2025 and completed ...")
            phrase = Found(t, (m.start("t"), m.start("t") + len(t)), 0.8, "after verb")
    if phrase is None:
        phrase = _heading_title(layout, participant, provider)
    subj = _SUBJECT_TITLE.search(layout.text)
    sg = subj and next(g for g in ("t", "u", "w") if subj.group(g) is not None)
    if subj and sg != "t" and phrase is not None and phrase.method.startswith("quoted") and \
            clean_title(subj.group(sg)).lower() == phrase.value.lower():
        subj = None  # (a quoted title is no surer for a subject line that names the activity and the kind of confirmation)
    if subj:
        st = clean_title(subj.group(sg))
        if phrase is not None and st.lower() == phrase.value.lower():
            return Found(phrase.value, phrase.span, 0.9, phrase.method + " + subject")
        if st and not _excluded(st, participant, provider) and (phrase is None or (
                st.lower().startswith(phrase.value.lower()) and st[len(phrase.value):len(phrase.value) + 1] in ",:;")):
            # the sentence's title cut at a comma or colon inside it ("completed our webinar, Invasive Plant
            # Management: Strategies That Work, on ..."): the subject line's whole title
            return Found(st, subj.span(sg), 0.85 if phrase is not None else 0.8, "subject line")
    # layout: the emphasized line(s) right after a verb line, else the largest non-boilerplate line
    lines = [ln for ln in layout.lines[:30] if ln.page == 1] or layout.lines[:30]
    emph = None
    for k, ln in enumerate(lines[1:], 1):
        p = k - 1
        if p >= 1 and not _overlap(lines[p], ln) and _overlap(lines[p - 1], ln):
            p -= 1  # a side panel's line read between the lead and its title ("Kestrel Field School")
        lead = _txt(lines[p])
        if p >= 1 and len(lead.split()) <= 2 and size_gap(lines[p - 1], lines[p]) < 0.6:
            lead = _txt(lines[p - 1]) + " " + lead  # the lead's last word wrapped ("... of the online\nseries")
        if _TITLE_LEAD.search(lead) and ln.height > layout.body_height * 1.1 \
                and not _excluded(_txt(ln), participant, provider):
            emph = ln
            break
    method, conf = "emphasized after verb", 0.8
    if emph is None:
        emph = _beside_kind(lines, participant, provider, layout.body_height)
        method, conf = "beside kind heading", 0.7
    if emph is None:
        method, conf = "largest line", 0.6
        for k, ln in enumerate(lines):
            s = _txt(ln)
            if ln.height > 4 * layout.body_height and all(len(w.text) == 1 for w in ln.words):
                continue  # a watermark's letters ("O R I G I N A L" across the page), not a heading
            if ln.ocr and all(w.confidence < 0.6 for w in ln.words):
                continue  # a logo's or a signature's strokes OCR read as letters ("BIN ISIN INS)")
            if _excluded(s, participant, provider) or (k == 0 and len(lines) > 3 and (
                    provider is None or provider.lower() in s.lower() or _ORG_WORDS.search(s))):
                continue  # the first line is usually the letterhead (unless the provider is named elsewhere)
            if emph is None or ln.height > emph.height + 0.5:
                emph = ln
        if emph is not None and emph.height <= layout.body_height * 1.15:
            emph = None
    lay = None
    if emph is not None:
        end = emph.start + len(emph.text)
        read = _txt(emph) if _txt(emph) != emph.text.strip() else emph.text
        nxt = layout.lines[emph.index + 1] if emph.index + 1 < len(layout.lines) else None
        if nxt is not None and size_gap(nxt, emph) < 0.6 and nxt.page == emph.page \
                and (not _excluded(_txt(nxt), participant, provider) or _short_wrap(emph, nxt)):
            end = nxt.start + len(nxt.text)
            read += "\n" + _txt(nxt)
        bare = _KIND_HEAD.sub("", read)  # "Agenda for X", "Timetable – X": the activity's name after the kind
        t = clean_title(bare if len(bare.split()) >= 2 else read)
        tail = _KIND_TAIL.search(t) or _KIND_END.search(t)  # "X: Programme of Sessions", "X | Programme", "X (Programme)"
        if tail and len(t[: tail.start()].split()) >= 2:
            t = clean_title(t[: tail.start()])
        if t:
            # (a letter-spaced line reads shorter than its span: the span is the line's)
            lay = Found(t, (emph.start, emph.start + len(t) if read == layout.text[emph.start:end] else end),
                        conf, method)
    if phrase and lay:
        # (the same letters: a title in small capitals the phrase reads in pieces, "N ATIVE G RASS", agrees)
        if phrase.value.lower() == lay.value.lower() or _small_cap_joins_in(layout, phrase) and \
                "".join(phrase.value.lower().split()) == "".join(lay.value.lower().split()):
            return Found(phrase.value, phrase.span, 0.9, "after verb + layout")
        if lay.method == "emphasized after verb":
            return Found(lay.value, lay.span, 0.75, lay.method)
        return Found(phrase.value, phrase.span, 0.72, phrase.method)
    return phrase or lay
