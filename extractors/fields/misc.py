"""The remaining fields: approval code, delivery mode, grade, publication kind/status,
service role/level/years, events organized, volunteer task and non-profit status."""

from __future__ import annotations

import re

from cecintake.domain.vocab import OrgLevel, PublicationKind, PublicationStatus, ServiceRole

from ..text.codes import find_approval_codes
from ..text.numbers import NUMBER, parse_number
from .common import Found, _kv
from .people import find_signer_role

def find_code(flat: str) -> Found | None:
    codes = find_approval_codes(flat)
    if not codes:
        return None
    c = max(codes, key=lambda c: (c.labelled, c.confidence))
    return Found(c.code, c.span, c.confidence, "ocr-corrected code" if c.corrected else "code")


_ONLINE = re.compile(r"\b(?:online|virtual(?:ly)?|remotely|self-paced|e-learning|live[ \t]webinar|via[ \t]zoom)\b",
                     re.IGNORECASE)
_IN_PERSON = re.compile(r"\b(?:in[ -]person|on[ -]campus|on[ -]site|face[ -]to[ -]face|classroom-based|field[ \t]station|"
                        r"held[ \t](?:in|at)[ \t](?=[A-Z])(?!Online))", re.IGNORECASE)


# a labelled value that names an online delivery ("Location: Online via Zoom", "Venue: https://...",
# "Format: 90-minute webinar"): a webinar or a meeting link is never in person
_ONLINE_VALUE = re.compile(
    r"\b(?:online|virtual(?:ly)?|remote(?:ly)?|webinars?|web-based|web[ \t]conference|zoom|webex|"
    r"(?:microsoft|ms)[ \t]teams|google[ \t]meet|live[ \t]?stream(?:ed|ing)?|e-learning|self-paced|on[ \t-]demand|"
    r"distance[ \t]learning)\b|https?://|\bwww\.", re.IGNORECASE)

# a labelled value that names a way of meeting in a room or outdoors ("Delivery: Classroom")
_IN_PERSON_VALUE = re.compile(
    r"\b(?:classroom|field[ \t](?:course|trip|day|visit|work|session|training|school)|hands-on|lecture[ \t]hall|"
    r"site[ \t]visit)s?\b", re.IGNORECASE)


_DELIVERY_LABELS = r"delivery|location[ \t]/[ \t]delivery|location|venue|format|mode"
# the same labels on a run of " | "- or "; "-separated fields ("... | Venue: Blue Heron Lodge | Accredited by: ...")
_FIELD_RUN = re.compile(r"(?:^|[|;][ \t]*)(?P<l>" + _DELIVERY_LABELS + r"|facility)[ \t]*:[ \t]*(?P<v>[^|;\n]{2,120})",
                        re.IGNORECASE | re.MULTILINE)
_CELL_LABEL = re.compile(r"(?:" + _DELIVERY_LABELS + r"|facility|delivery[ \t](?:mode|format|method))", re.IGNORECASE)


def find_delivery(flat: str, cells: list[tuple[str, str, tuple[int, int]]] = ()) -> Found | None:
    """Delivery mode from a labelled value ("Location: ...", a field of a " | " run, or a label cell beside its value
    cell in ``cells``: (label, value, span), weaker methods of their own), else from keywords."""
    m = _kv(flat, _DELIVERY_LABELS)
    got = None
    if m:
        got = (m.group("v"), flat[m.start():m.start("v")].lower(), m.span("v"), "label")
    else:
        f = _FIELD_RUN.search(flat)
        cell = next((c for c in cells if _CELL_LABEL.fullmatch(c[0].strip())), None)
        if f:
            got = (f.group("v"), f.group("l").lower(), f.span("v"), "label field")
        elif cell:
            got = (cell[1], cell[0].lower(), cell[2], "label cell")
    if got:
        v, label, span, how = got
        online, in_person = _ONLINE_VALUE.search(v), _IN_PERSON.search(v) or _IN_PERSON_VALUE.search(v)
        if online and not in_person:
            return Found("online", span, 0.88, how)
        if in_person and not online:
            return Found("in_person", span, 0.88, how)
        # a place under a location label; a format that names only a length or a kind of event says nothing
        if v.strip() and not online and re.search(r"location|venue|facility", label):
            return Found("in_person", span, 0.85, f"{how}: location")
    one = flat.replace("\n", " ")  # keywords wrap ("in\nperson", "live\nwebinar"); same offsets
    on = list(_ONLINE.finditer(one))
    ip = list(_IN_PERSON.finditer(one))
    if on and not ip:
        return Found("online", on[0].span(), 0.88 if len(on) > 1 else 0.85, "keyword")
    if ip and not on:
        return Found("in_person", ip[0].span(), 0.85, "keyword")
    if on and ip:
        first = min(on[0], ip[0], key=lambda x: x.start())
        return Found("online" if first in on else "in_person", first.span(), 0.6, "conflicting keywords")
    return None


_GRADE = r"(?P<g>[A-F][+\-−]?(?![\w])|Pass|Fail|Satisfactory|Unsatisfactory|Credit|No[ \t]Credit)"


_GRADE_LABEL = re.compile(r"(?i)(?:final[ \t]|course[ \t])?(?:grade|result|mark)s?")


def find_grade(flat: str, cells: list[tuple[str, str, tuple[int, int]]] = ()) -> Found | None:
    """A grade under its label in the text, else in a label cell or a table column the layout sets apart ("Grade"
    over "B+", a header wrapped over two lines; ``cells``: (label, value, span), a weaker method of its own)."""
    found = _grade_in_text(flat)
    if found is not None:
        return found
    for label, value, span in cells:
        g = re.fullmatch(rf"[ \t]*{_GRADE}[ \t]*", value)
        if _GRADE_LABEL.fullmatch(label.strip().rstrip(":")) and g:
            return Found(g.group("g"), (span[0] + g.start("g"), span[0] + g.end("g")), 0.8, "grade cell")
    return None


def _grade_in_text(flat: str) -> Found | None:
    for rx, conf in ((rf"final[ \t]grade(?:[ \t]of|:)?[ \t]{{1,3}}{_GRADE}", 0.92),
                     (rf"(?:^|\n)[ \t]{{0,4}}(?:final[ \t])?(?:grade|result|mark)[ \t]{{0,3}}[:\-]?[ \t]{{1,4}}{_GRADE}", 0.9),
                     (rf"with[ \t]a[ \t](?:final[ \t])?grade[ \t]of[ \t]{_GRADE}", 0.9),
                     # "was awarded the grade A", "earned a final mark of B+", "final result: B+"
                     (rf"(?:awarded|received|earned|achieved|obtained)[ \t](?:the|a|an)[ \t](?:final[ \t])?"
                      rf"(?:grade|mark|result)[ \t](?:of[ \t])?{_GRADE}", 0.88),
                     (rf"\bfinal[ \t](?:result|mark)[ \t]{{0,2}}(?::|of|was)[ \t]{{1,3}}{_GRADE}", 0.88)):
        # prose may wrap inside the phrase ("with a final\ngrade of Pass"): one line of text, same offsets
        m = re.search(rx, flat if rx.startswith("(?:^|\\n)") else flat.replace("\n", " "), re.IGNORECASE)
        if m:
            return Found(m.group("g"), m.span("g"), conf, "label")
    # a table whose header has a Grade column: the last cell of the following row
    m = re.search(r"(?:^|\n)[^\n]*\bgrade\b[ \t]*\n(?P<row>[^\n]+)", flat, re.IGNORECASE)
    if m:
        g = re.search(rf"[ \t]{_GRADE}[ \t]*$", m.group("row"))
        if g:
            return Found(g.group("g"), (m.start("row") + g.start("g"), m.start("row") + g.end("g")), 0.8, "table")
    return None


def find_publication(flat: str) -> tuple[Found | None, Found | None]:
    low = flat.lower().replace("\n", " ")  # a phrase may wrap ("currently under\nreview"); same offsets
    kind = None
    m = re.search(r"publication[ \t]type:[ \t]*(?P<v>[^\n]+)", flat, re.IGNORECASE)
    how = "keyword"
    if m is None:  # "Article type: Practice brief", "Type of publication: ...": a label of its own
        m = re.search(r"(?:(?:article|manuscript|submission|paper)[ \t]type|type[ \t]of[ \t](?:article|publication|"
                      r"manuscript))[ \t]*:[ \t]*(?P<v>[^\n]+)", flat, re.IGNORECASE)
        how = "type label" if m else how
    probe = m.group("v").lower() if m else low
    base = (0.92 if how == "keyword" else 0.88) if m else 0.8
    for rx, k in ((r"book[ \t]chapter|your[ \t]chapter|the[ \t]chapter|edited[ \t]volume", PublicationKind.BOOK_CHAPTER),
                  (r"field[ \t]guide|fact[ \t]sheet|training[ \t]module|technical[ \t]note|video|educational[ \t]material"
                   + (r"|\bbrief\b|newsletter" if m else ""), PublicationKind.OTHER_EDUCATIONAL),  # a labelled type only
                  (r"book[ \t]manuscript|authored[ \t]book|\bbook\b|monograph", PublicationKind.BOOK),
                  (r"peer-reviewed|peer[ \t]review|refereed|manuscript|journal|article", PublicationKind.PEER_REVIEWED)):
        km = re.search(rx, probe)
        if km:
            kind = Found(k.value, (m.start("v"), m.end("v")) if m else km.span(), base, how)
            break
    status = None
    for rx, s in ((r"regret|unable[ \t]to[ \t](?:accept|publish)|not[ \t]been[ \t]accepted|\brejected\b|declined|"
                   r"(?:will|would|can)[ \t]not[ \t]be[ \t](?:published|accepted)|cannot[ \t]be[ \t](?:published|accepted)|"
                   r"not[ \t]suitable[ \t]for[ \t]publication", PublicationStatus.REJECTED),
                  (r"under[ \t]review", PublicationStatus.UNDER_REVIEW),
                  (r"acknowledges[ \t]receipt|assigned[ \t]to[ \t]an[ \t]editor|\bsubmitted\b(?![ \t]by)|"
                   r"(?:has|have)[ \t]been[ \t]received|we[ \t]have[ \t]received|receipt[ \t]of[ \t]your", PublicationStatus.SUBMITTED),
                  (r"was[ \t]published|has[ \t]been[ \t]published|\bpublished[ \t](?:in|by|on)\b", PublicationStatus.PUBLISHED),
                  (r"\baccepted\b|acceptance", PublicationStatus.ACCEPTED)):
        sm = re.search(rx, low)
        if sm:
            status = Found(s.value, sm.span(), 0.88, "keyword")
            break
    return kind, status or _decision(flat) or _status_phrase(low)


# the status in other words, when neither a keyword nor a labelled decision says it (method "status phrase")
_STATUS_PHRASES = (
    (r"\bappear(?:ed|s)[ \t]in\b|\bnow[ \t](?:available[ \t]online|in[ \t]print)\b|\bprinted[ \t]in[ \t](?:vol|volume|issue)",
     PublicationStatus.PUBLISHED),
    (r"\bin[ \t]press\b|\bforthcoming[ \t]in\b|\bwill[ \t]appear[ \t]in\b|\bscheduled[ \t](?:to[ \t]appear|for[ \t]publication)|"
     r"\bapproved[ \t]for[ \t]publication\b", PublicationStatus.ACCEPTED),
    (r"\bbeing[ \t]reviewed\b|\bunder[ \t]consideration\b|\bsent[ \t](?:out[ \t])?(?:to|for)[ \t](?:referees|review|reviewers)\b|"
     r"\bout[ \t]for[ \t]review\b|\bwith[ \t](?:the[ \t])?(?:referees|reviewers)\b", PublicationStatus.UNDER_REVIEW),
    (r"\breceived[ \t]your[ \t](?:manuscript|submission|article|paper|chapter)\b", PublicationStatus.SUBMITTED),
)


def _status_phrase(low: str) -> Found | None:
    for rx, st in _STATUS_PHRASES:
        m = re.search(rx, low)
        if m:
            return Found(st.value, m.span(), 0.8, "status phrase")
    return None


# an editorial decision under its label ("Decision: Accept without revision", "Status: Published online")
_DECISION = re.compile(r"(?:^|\n)[ \t]*(?:(?:editorial|final|publication)[ \t])?(?:decision|status|outcome)[ \t]*:[ \t]*"
                       r"(?P<v>[^\n]{2,60})", re.IGNORECASE)
_DECIDED = ((r"\breject|\bdeclin|not[ \t]accept|unable[ \t]to[ \t]accept", PublicationStatus.REJECTED),
            (r"\bpublished\b|\bin[ \t]print\b|online[ \t]first", PublicationStatus.PUBLISHED),
            (r"\baccept(?!\w*[ \t]+with\b[^\n]{0,20}revision)", PublicationStatus.ACCEPTED),
            (r"revis|under[ \t]review|out[ \t]for[ \t]review|in[ \t]review|with[ \t](?:the[ \t])?referees|sent[ \t]to[ \t]referees",
             PublicationStatus.UNDER_REVIEW),
            (r"\breceived\b|\bsubmitted\b", PublicationStatus.SUBMITTED))


def _decision(flat: str) -> Found | None:
    """The status a labelled decision names (method "decision label"); a decision with revisions still to make is
    under review, not accepted."""
    m = _DECISION.search(flat)
    if m is None:
        return None
    for rx, st in _DECIDED:
        if re.search(rx, m.group("v"), re.IGNORECASE):
            return Found(st.value, m.span("v"), 0.85, "decision label")
    return None


def _signer_lines(text: str) -> list[tuple[int, int]]:
    """Where the signer's own title is printed: a "From:" line and the role line under the last signature."""
    out = [m.span() for m in re.finditer(r"(?im)^[ \t]*from[ \t]*:[^\n]*", text)]
    role = find_signer_role(text)
    if role is not None:
        out.append((role[1], role[1] + len(role[0])))
    return out


def find_service(flat: str, provider: str | None) -> dict[str, Found]:
    out: dict[str, Found] = {}
    flat_lines = flat
    flat = flat.replace("\n", " ")  # phrases wrap across lines ("for five\nyears"); same offsets
    low = flat.lower()
    m = re.search(r"organi[sz]ed|organi[sz]er|planned[ \t]and[ \t]organi[sz]ed|\b(?:in|for)[ \t]organi[sz]ing\b(?![ \t]committee)", low)
    if m:
        out["role"] = Found(ServiceRole.EVENT_ORGANIZER.value, m.span(), 0.88, "keyword")
    elif (ms := _SAT_ON.search(low)) is not None:
        kind = ServiceRole.COMMITTEE_MEMBER if ms.group("what") != "board" else ServiceRole.BOARD_MEMBER
        out["role"] = Found(kind.value, ms.span("what"), 0.88, "membership phrase")
    else:
        # not the signer's own title ("FROM: Ruth Thompson, Board Secretary", "Board Secretary" under the signature):
        # the body the person served on is named elsewhere
        signer = _signer_lines(flat_lines)
        mc = next((m for m in re.finditer(r"\bcommittee\b", low) if not any(a <= m.start() < b for a, b in signer)), None)
        mb = next((m for m in re.finditer(r"\bboard\b", low) if not any(a <= m.start() < b for a, b in signer)), None)
        # both words in the text ("FROM: Ruth Thompson, Board Secretary ... Position: Awards Committee"): the
        # first is a guess, a reading of its own (method "keyword of two", priced apart)
        method, conf = ("keyword of two", 0.8) if mc and mb else ("keyword", 0.85)
        if mc and (not mb or mc.start() < mb.start()):
            out["role"] = Found(ServiceRole.COMMITTEE_MEMBER.value, mc.span(), conf, method)
        elif mb:
            out["role"] = Found(ServiceRole.BOARD_MEMBER.value, mb.span(), conf, method)
    org = provider or ""
    if re.search(r"\bchapter\b|^SER[ \t]\w|SER[ \t](?:Europe|Australasia|[A-Z][a-z]+)", org) or \
            re.search(r"society[ \t]for[ \t]ecological[ \t]restoration,[ \t]", org, re.IGNORECASE):
        out["level"] = Found(OrgLevel.CHAPTER.value, (0, 0), 0.85, "provider")
    elif re.search(r"society[ \t]for[ \t]ecological[ \t]restoration|^SER$", org, re.IGNORECASE):
        out["level"] = Found(OrgLevel.SER.value, (0, 0), 0.85, "provider")
    # not the end of a date that a line break put before "Years of service" ("2026-12-31\nYears")
    # "3 full years", "two consecutive years": a word that says the years were whole ones
    for ym in re.finditer(rf"(?<![\d/.\-])(?P<n>{NUMBER})(?:[ \t]\((?P<p>\d{{1,2}})\))?"
                          r"(?:[ \t](?:full|complete|consecutive|continuous|successive|uninterrupted|calendar))?"
                          r"[ \t]years?\b", flat, re.IGNORECASE):
        try:
            n = parse_number(ym.group("p") or ym.group("n"))
        except ValueError:
            continue
        if 0 < n <= 40:  # not a year ("June 2027\nYears of service: three years")
            out["years"] = Found(n if n % 1 else int(n), ym.span(), 0.88, "text")
            break
    if "years" not in out:  # "a two-year term", "a 3-year appointment"
        tm = re.search(rf"(?<![\d/.\-])(?P<n>{NUMBER})-years?[ \t]+(?:term|appointment|tenure|mandate|membership)\b",
                       flat, re.IGNORECASE)
        if tm:
            try:
                n = parse_number(tm.group("n"))
            except ValueError:
                n = 0
            if 0 < n <= 40 and n == int(n):
                out["years"] = Found(int(n), tm.span(), 0.85, "term phrase")
    return out


def years_from_dates(dates: tuple[Found, Found] | None) -> Found | None:
    """Years of service counted from the term's first and last days when no count is stated ("January 2022
    through December 2024": 3), whole years only (a term of some months says no count), a weaker reading
    (method "from dates")."""
    import datetime as dt

    if not dates:
        return None
    try:
        start, end = dt.date.fromisoformat(str(dates[0].value)), dt.date.fromisoformat(str(dates[1].value))
    except ValueError:
        return None
    years = ((end - start).days + 1) / 365.25
    n = round(years)
    if n < 1 or abs(years - n) > 0.05:
        return None
    return Found(n, dates[0].span, min(0.75, dates[0].confidence), "from dates")


# "a member of the Education Committee", "held a seat on the Board of Directors": the body the person sat on
# (a signer's "Board Secretary" or a letterhead's board list says nothing of it)
_SAT_ON = re.compile(
    r"\b(?:member[ \t]of|seat[ \t]on|served[ \t]on|serving[ \t]on|sat[ \t]on|sits[ \t]on|appointed[ \t]to|elected[ \t]to|"
    r"service[ \t]on|membership[ \t]of)[ \t](?:the[ \t]|its[ \t]|our[ \t])?(?:[\w&'’\-]+[ \t]){0,5}?"
    r"(?P<what>committee|board|council|task[ \t]force|working[ \t]group|panel)\b")


# a count stated in other words: "took the lead in organizing the following two chapter events", "organised three
# public events" (a weaker method than "organized N events")
_COUNT_PHRASE = re.compile(rf"organi[sz](?:ed|ing)[ \t](?:the[ \t]following[ \t])?(?P<n>{NUMBER})"
                           r"(?:[ \t](?!events?\b)[\w'’\-]+){0,2}[ \t]events?\b", re.IGNORECASE)
# one event its organiser is named for ("was the principal organizer of the chapter's Spring Prairie Burn
# Demonstration"), not a list or table that follows ("lead organizer for our chapter:")
_ONE_ORGANIZED = re.compile(r"\b(?:principal|chief|main|sole|lead)[ \t]+organi[sz]er[ \t]+of\b(?![^.\n]{0,80}(?::|\bfollowing\b))",
                            re.IGNORECASE)
# a table of the events organised: a header row opening with "Event" ("Event    Held on    Role") over rows that
# each hold a date
_EVENT_HEAD = re.compile(r"^[ \t]*events?(?:[ \t]+(?:name|title))?\b[^\d\n]*$", re.IGNORECASE)


def _event_rows(text: str) -> tuple[int, tuple[int, int]] | None:
    from ..text.dates import find_dates

    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        if _EVENT_HEAD.match(line) and len(line.split()) >= 2:
            n, end = 0, pos + len(line)
            for row in lines[i + 1 :]:
                if not row.strip() or not find_dates(row):
                    break
                n += 1
                end += len(row) + 1
            if n:
                return n, (pos + len(line) + 1, end)
        pos += len(line) + 1
    return None


def count_events(flat: str, text: str | None = None) -> Found | None:
    m = re.search(rf"organi[sz]ed[ \t](?:the[ \t]following[ \t])?(?P<n>{NUMBER})?[ \t]?events?\b", flat, re.IGNORECASE)
    if m and m.group("n"):
        try:
            return Found(int(parse_number(m.group("n"))), m.span(), 0.9, "text")
        except ValueError:
            pass
    m = _COUNT_PHRASE.search(flat)
    if m:
        try:
            return Found(int(parse_number(m.group("n"))), m.span(), 0.85, "count phrase")
        except ValueError:
            pass
    m = re.search(rf"and[ \t]of[ \t](?P<n>{NUMBER})[ \t]further[ \t]events?", flat, re.IGNORECASE)
    if m:
        try:
            return Found(int(parse_number(m.group("n"))) + 1, m.span(), 0.88, "text")
        except ValueError:
            pass
    m = re.search(r"organi[sz]ed[ \t]the[ \t]following[ \t]event\b|lead[ \t]organizer[ \t]of", flat, re.IGNORECASE)
    if m:
        return Found(1, m.span(), 0.8, "text")
    rows = _event_rows(text) if text is not None else None
    if rows is not None:
        return Found(rows[0], rows[1], 0.8, "event table")
    m = _ONE_ORGANIZED.search(flat)
    if m:
        return Found(1, m.span(), 0.8, "organizer phrase")
    if text is not None:
        from .titles import find_events

        ev = find_events(text)  # no count stated: the events listed one per line
        if ev is not None:
            return Found(len(ev.value.split("; ")), ev.span, 0.75, "event list")
        listed = _listed_events(text)
        if listed is not None:
            return Found(listed[0], listed[1], 0.7, "listed lines")
    return None


_LIST_INTRO = re.compile(r"(?i)(?:organi[sz]|events?\b|the[ \t]following)[^\n]*:[ \t]*$")
_BULLET = re.compile(r"^[ \t]{0,4}(?:\(cid:\d+\)|[•*·▪■◦\-–—]|\d{1,2}[.)])[ \t]*\S")


def _listed_events(text: str) -> tuple[int, tuple[int, int]] | None:
    """The events listed under a line that introduces them ("... organised the following on behalf of the chapter:"),
    one a line: bulleted or numbered, or each with its date; a weaker count (method "listed lines")."""
    from ..text.dates import find_dates

    lines = text.split("\n")
    pos = 0
    for i, line in enumerate(lines):
        if _LIST_INTRO.search(line):
            n, start, end = 0, pos + len(line) + 1, pos + len(line)
            for row in lines[i + 1 :]:
                if not row.strip() or not (_BULLET.match(row) or find_dates(row)) or len(row) > 160:
                    break
                n += 1
                end += len(row) + 1
            if n:
                return n, (start, end)
        pos += len(line) + 1
    return None


def find_task(text: str, flat: str) -> Found | None:
    for src, rx, conf, how in (
        (text, r"task(?:s|[ \t]description)?[ \t]{0,2}:[ \t]*(?P<t>[^\n.]{3,160})", 0.9, "label"),
        (text, r"(?:^|\n)tasks?[ \t]{1,6}(?P<t>[a-z][^\n]{3,160})", 0.85, "label"),
        # "Assignment: ...", "Duties: ...", or such a label's cell beside its lower-case value ("Assignment    counting
        # salamander egg masses"), on a line a side panel may share: a label of its own
        (text, r"\b(?:assignment|duties|volunteer[ \t]role)[ \t]{0,2}:[ \t]*(?P<t>[^\n.]{3,160})", 0.85, "task label"),
        (text, r"(?-i:\b(?:Assignment|ASSIGNMENT|Duties|DUTIES))[ \t]{1,6}(?!(?:included?|involved?|consisted|comprised|were|are|was|is|have|has|of|for|and)\b)"
         r"(?![a-z]+(?:ed|en)\b)(?P<t>(?-i:[a-z])[^\n:]{3,160})(?=\n|$)", 0.8,
         "task label"),
        (flat, r"volunteer[ \t]service,[ \t](?P<t>[^,]{3,160}?)(?:,[ \t]|\.)", 0.8, "text"),
        (flat, r"your[ \t]work[ \t](?P<t>.{3,160}?)[ \t]made", 0.8, "text"),
    ):
        m = re.search(rx, src, re.IGNORECASE)
        if m:
            t, span = m.group("t"), m.span("t")
            wrap = re.match(r"\n(?P<w>[a-z][^\n.;:]{0,80})", src[span[1]:]) if src is text else None
            if wrap:  # "Tasks: installing and maintaining erosion-control\nwattles." runs on in lower case
                t, span = t + " " + wrap.group("w"), (span[0], span[1] + wrap.end("w"))
            return Found(" ".join(t.split()).strip(" ."), span, conf, how)
    one = flat.replace("\n", " ")
    m = _DUTIES.search(one)
    if m:
        t = _before_dates(" ".join(m.group("t").split()).strip(" ."))
        return Found(t, (m.start("t"), m.start("t") + len(t)), 0.75, "duties phrase")
    # a gerund clause in a sentence about the volunteer's time: "gave 40 hours removing invasive broom"
    # a sentence runs on over abbreviations before numbers ("Dec. 23, 2023 - Feb. 12, 2024")
    for sent in re.finditer(r"(?:[^.;!?]|\.(?=[ \t]?\d))*\b(?:volunteer\w*|hours?|hrs|spent|helped|assisted|contributed|gave|donated)\b"
                            r"(?:[^.;!?]|\.(?=[ \t]?\d))*", one,
                            re.IGNORECASE):
        pos = sent.start()
        while (g := _GERUND.search(one, pos, sent.end())) is not None:
            if g.group("v").lower() in _NOT_TASK_ING:
                pos = g.end("v")  # the clause may go on to the task ("contributing 24 hours, chiefly potting up ...")
                continue
            t = _before_dates(" ".join(g.group("t").split()).strip(" .,"))
            if len(t.split()) >= 2:
                return Found(t, (g.start("t"), g.start("t") + len(t)), 0.7, "gerund clause")
            pos = g.end()
    return None


_DUTIES = re.compile(
    r"\b(?:duties|responsibilities|tasks|activities|work|contributions?)[ \t](?:have[ \t]|has[ \t])?(?:included|involved|"
    r"consisted[ \t]of|comprised|focused[ \t]on|centred[ \t]on|centered[ \t]on)[ \t](?P<t>[^.;:()]{3,160}?)"
    r"(?=[.;:(]|,[ \t](?:and[ \t])?(?:which|where|for|at|from|between|during|in[ \t]\d)\b|$)", re.IGNORECASE)
def _before_dates(t: str) -> str:
    """A task ends where its dates begin ("clearing trash from the creek, 2024-07-10 to ...",
    "... during July 10 - August 26, 2023")."""
    from ..text.dates import find_dates

    ds = find_dates(t)
    if ds:
        t = re.sub(r"(?:[ \t,]+(?:during|between|from|on|in|over|throughout|through|of))*[ \t,]*$", "",
                   t[: ds[0].span[0]]).strip(" ,.;")
    return t


_GERUND = re.compile(r"(?<![\w\-])(?P<t>(?P<v>(?:[a-z]+-)?[a-z]{3,}ing)\b[ \t](?:[^.;:()]|\.(?=[ \t]?\d)){4,140}?)(?=[;:(]|\.(?![ \t]?\d)|,[ \t](?:and[ \t])?(?:which|where|for|at|from|"
                     r"between|during|in[ \t]\d|a|an|the|our|we|it|this)\b|[ \t](?:made|was|were|has|have|is)\b|$)")
_NOT_TASK_ING = {"during", "including", "morning", "evening", "spring", "bring", "nothing", "something", "anything",
                 "everything", "being", "following", "regarding", "according", "beginning", "ending", "starting",
                 "outstanding", "ongoing", "upcoming", "remaining", "amazing", "inspiring", "missing", "meeting",
                 "serving", "volunteering", "giving", "making", "working", "helping", "thanking", "confirming",
                 "writing", "certifying", "recognizing", "recognising", "acknowledging", "sharing", "offering",
                 "funding", "standing", "understanding", "king", "thing", "string", "ring", "wing",
                 # the time given, not the task: "contributing 24 hours of service, chiefly potting up sedge plugs"
                 "contributing", "donating", "dedicating", "logging", "totaling", "totalling", "providing"}


def find_nonprofit(flat: str, provider: str | None) -> Found | None:
    flat = flat.replace("\n", " ")  # "a registered\ncharity"; same offsets
    m = re.search(r"501\(c\)\(3\)|not-for-profit|non-?profit|registered[ \t]charity|charitable[ \t]organi[sz]ation",
                  flat, re.IGNORECASE)
    if m:
        return Found(True, m.span(), 0.92, "statement")
    if provider and re.search(r"\b(?:LLC|Inc\.?|Ltd\.?|Corp\.?|GmbH|Company)\s*$", provider):
        return Found(False, (0, 0), 0.75, "company name")
    return None

