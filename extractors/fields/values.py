"""Finders for the non-person fields. Each returns ``Found`` (value, span in the flat text,
base confidence, method) or None; ``extract`` turns them into ExtractedFields with provenance."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from cecintake.domain.vocab import DocType, OrgLevel, PublicationKind, PublicationStatus, ServiceRole

from ..text.dates import DateMention, find_dates, resolve_ambiguous
from ..text.hours import HoursKind, HoursMention, find_hours
from ..text.numbers import NUMBER, parse_number
from ..text.schedule import schedule_hours
from ..text.codes import find_approval_codes
from .layout import Layout


@dataclass(frozen=True, slots=True)
class Found:
    value: Any
    span: tuple[int, int]
    confidence: float
    method: str


def _kv(flat: str, labels: str) -> re.Match[str] | None:
    """A labelled value at a line start: "Label: value", or a table row "Label value" when the
    label is several words (one-word labels need the colon: "Workshop presented by ..." is prose)."""
    rx = re.compile(
        rf"(?:^|\n)[ \t]{{0,4}}(?:(?:{labels})[ \t]{{0,3}}:|(?=\S+[ \t]\S)(?:{labels})(?<=[ \t]\S{{2}}|[a-z\)]{{3}})"
        rf"(?<![ \t]by)[ \t]{{1,6}}(?=[A-Z0-9]))[ \t]{{0,4}}(?P<v>[^\n]{{2,160}})",
        re.IGNORECASE)
    for m in rx.finditer(flat):
        label = flat[m.start():m.start("v")].strip().rstrip(":").strip()
        if ":" in flat[m.start():m.start("v")] or len(label.split()) >= 2:
            return m
    return None


# --- title and provider ----------------------------------------------------------------

_TITLE_LABELS = (r"training[ \t]title|course[ \t]title|course[ \t]name|title|training|workshop|event|session|"
                 r"activity|program(?:me)?|conference|position|paper[ \t]title")
_PROVIDER_LABELS = (r"sponsor(?:ing[ \t]organi[sz]ation)?|provider|organi[sz]ation|offered[ \t]by|institution|"
                    r"issued[ \t]by|hosted[ \t]by|organi[sz]er|publisher|journal")
_BOILER = re.compile(
    r"^(?:certificate|confirmation|verification|record|letter|continuing|professional|grade|academic|"
    r"conference[ \t]attendance|volunteer[ \t]service|re:|to:|from:|date|subject|page\b)",
    re.IGNORECASE,
)
_ORG_WORDS = re.compile(
    r"\b(?:society|association|university|college|institute|network|alliance|center|centre|council|service|"
    r"department|foundation|trust|collaborative|conservancy|agency|chapter|press|journal|letters|quarterly|"
    r"forum|symposium|inc|llc|ltd|corporation|company|academy|program|commission|district|club|league|"
    r"partnership|coalition|group|federation|school|SER|practice|science|publishers|instituto|universidad|"
    r"fundaci[oó]n|centro|soci[eé]t[eé]|verein|stiftung|universit[eéà]|istituto|skills)\b",
    re.IGNORECASE,
)
_BY_ORG = re.compile(
    r"\b(?:offered|presented|issued|provided|hosted|organi[sz]ed|sponsored|published|accepted)[ \t]by[ \t]{1,3}"
    r"(?:the[ \t])?(?P<o>[A-Z][^,.;:()\n]{2,80}?)(?=[,.;:()]|[ \t]on(?:[ \t]|$)|[ \t]in[ \t]|\n|$)"
)
_OF_ORG = re.compile(
    r"\b(?:on[ \t]behalf[ \t]of|records[ \t]of|of[ \t]the|with|to|submitted[ \t]to|published[ \t]in|"
    r"at)[ \t]{1,3}(?:the[ \t])?(?P<o>[A-Z][^,.;:()\n]{2,80}?)(?=[,.;:()]|[ \t]on[ \t]|[ \t]has[ \t]|[ \t]show|\n|$)"
)
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


_TRAIL = re.compile(r"(?:,[ \t]|[ \t]on[ \t]|[ \t]\().{0,60}$")


def _trim_org(value: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """Cut what follows an organization name: ", 09/01/2025 - ...", " on November 18, 2024"."""
    m = re.search(r"(?:,[ \t]*|[ \t]on[ \t]|[ \t]from[ \t]|[ \t]\()[^\n]*?\d", value)
    if m and m.start() > 3:
        value = value[: m.start()]
    value = value.strip(" .;,")
    return value, (span[0], span[0] + len(value))


def find_provider(layout: Layout, flat: str) -> Found | None:
    m = _kv(layout.text, _PROVIDER_LABELS)
    if m:
        v, sp = _trim_org(m.group("v"), m.span("v"))
        return Found(v, sp, 0.9, "label")
    m = _BY_ORG.search(flat.replace("\n", " "))
    if m and _ORG_WORDS.search(m.group("o")):
        v, sp = _trim_org(m.group("o"), m.span("o"))
        return Found(v, sp, 0.85, "by phrase")
    # letterhead: an organization-like line at the top of page 1
    for ln in layout.lines[:3]:
        s = ln.text.strip()
        if 4 <= len(s) <= 90 and _ORG_WORDS.search(s) and not re.search(r"\d", s) and not _BOILER.match(s):
            return Found(s, (ln.start, ln.start + len(ln.text)), 0.82, "letterhead")
    m = _OF_ORG.search(flat)
    if m and _ORG_WORDS.search(m.group("o")):
        return Found(m.group("o").strip(), m.span("o"), 0.7, "of phrase")
    return None


# --- dates -------------------------------------------------------------------------------

_NOT_ACTIVITY = re.compile(
    r"(?:issued|date[ \t]of[ \t]issue|dated|printed|generated|signed|valid|expires?|date[ \t]of[ \t]review|"
    r"deadline|order|paid|DATE:)[^\n]{0,25}$",
    re.IGNORECASE,
)


def find_dates_field(layout: Layout, flat: str, doc_type: DocType) -> tuple[Found, Found] | None:
    mentions = resolve_ambiguous(find_dates(flat))
    if not mentions:
        return None
    keep: list[DateMention] = []
    for m in mentions:
        before = flat[max(0, m.span[0] - 40) : m.span[0]]
        line = layout.line_at(m.span[0])
        alone = line is not None and line.text.strip() == m.text.strip()
        if _NOT_ACTIVITY.search(before.split("\n")[-1] if "\n" in before else before):
            continue
        if alone and line is not None and line.index < 6 and doc_type not in (DocType.COURSE_SYLLABUS,):
            continue  # the letter's own date at its head
        keep.append(m)
    if not keep:
        keep = mentions if doc_type is DocType.PUBLICATION_ACCEPTANCE else []
    if not keep:
        return None
    if doc_type is DocType.SERVICE_LETTER and len(keep) > 1 and re.search(r"organi[sz](?:ed|er|ing)\b", flat, re.IGNORECASE):
        first = min(keep, key=lambda m: m.start)
        last = max(keep, key=lambda m: m.end)
        conf = min(first.confidence, last.confidence) * 0.95
        return (Found(first.start.isoformat(), first.span, conf, "events"),
                Found(last.end.isoformat(), last.span, conf, "events"))
    ranges = [m for m in keep if m.is_range]
    chosen = ranges[0] if ranges else keep[0]
    conf = chosen.confidence
    agree = sum(1 for m in keep if (m.start, m.end) == (chosen.start, chosen.end))
    if agree > 1:
        conf = min(0.98, conf + 0.03)
    if not ranges and len({(m.start, m.end) for m in keep}) > 1:
        conf *= 0.9  # several different single dates: which one is the activity?
    method = "ambiguous date" if chosen.ambiguous else "date"
    return (Found(chosen.start.isoformat(), chosen.span, conf, method),
            Found(chosen.end.isoformat(), chosen.span, conf, method))


# --- hours -------------------------------------------------------------------------------

_PER_WEEK = re.compile(r"^[ \t]{0,2}(?:per|a|each|/)[ \t]{0,2}(?:week|day|session|month)", re.IGNORECASE)


def _rank(h: HoursMention, flat: str) -> float:
    r = 2.0 if h.labelled else 0.0
    r += {HoursKind.CONTACT: 1.0, HoursKind.CEU: 1.0, HoursKind.PDH: 0.8}.get(h.kind, 0.0)
    before = flat[max(0, h.span[0] - 25) : h.span[0]].lower()
    if "total" in before:
        r += 1.0
    if "personally taught" in before or "taught" in before:
        r += 1.5
    return r


def find_contact_hours(layout: Layout, flat: str, doc_type: DocType) -> tuple[Found | None, bool]:
    """(contact hours, conflict between mentions)."""
    mentions = [h for h in find_hours(flat) if h.kind is not HoursKind.VOLUNTEER
                and not _PER_WEEK.match(flat[h.span[1] : h.span[1] + 12])]
    sched = None
    if doc_type is DocType.COURSE_SYLLABUS:
        try:
            res = schedule_hours(layout.text.split("\n"))
            if len(res.items) >= 3:
                sched = res
        except ValueError:
            sched = None
    if not mentions and sched is None:
        return None, False
    if mentions:
        best = max(mentions, key=lambda h: (_rank(h, flat), -h.span[0]))
        values = {round(h.hours, 2) for h in mentions}
        conflict = len(values) > 1 and any(_rank(h, flat) >= _rank(best, flat) and round(h.hours, 2) != round(best.hours, 2)
                                           for h in mentions if h is not best)
        conf = best.confidence - (0.25 if conflict else 0.0)
        if sched is not None:
            if abs(sched.total_hours - best.hours) < 0.01:
                conf = min(0.98, conf + 0.03)
            else:
                conf -= 0.15
                conflict = True
        method = "label" if best.labelled else f"text:{best.kind.value}"
        return Found(round(best.hours, 2), best.span, conf, method), conflict
    if sched is None:  # pragma: no cover - narrowed above
        return None, False
    first = next(i for i in sched.items)
    del first
    return Found(round(sched.total_hours, 2), (0, 0), 0.85, "schedule"), False


def find_volunteer_hours(flat: str) -> Found | None:
    mentions = find_hours(flat)
    if not mentions:
        return None
    vol = [h for h in mentions if h.kind is HoursKind.VOLUNTEER]
    pool = vol or [h for h in mentions if h.kind is HoursKind.GENERIC]
    if not pool:
        return None
    best = max(pool, key=lambda h: (h.labelled, h.kind is HoursKind.VOLUNTEER))
    conf = best.confidence if (best.labelled or best.kind is HoursKind.VOLUNTEER) else 0.8
    if len({round(h.hours, 2) for h in pool}) > 1:
        conf -= 0.2
    return Found(round(best.hours, 2), best.span, conf, "label" if best.labelled else "text")


# --- other fields -------------------------------------------------------------------------

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


def find_delivery(flat: str) -> Found | None:
    m = _kv(flat, r"delivery|location[ \t]/[ \t]delivery|location|venue|format|mode")
    if m:
        v = m.group("v")
        if _ONLINE.search(v):
            return Found("online", m.span("v"), 0.88, "label")
        if v.strip():
            return Found("in_person", m.span("v"), 0.85, "label: location")
    on = list(_ONLINE.finditer(flat))
    ip = [x for x in _IN_PERSON.finditer(flat) if x.group(0)[:1] != "h" or x.group(0)[:1] == "H" or True]
    if on and not ip:
        return Found("online", on[0].span(), 0.88 if len(on) > 1 else 0.85, "keyword")
    if ip and not on:
        return Found("in_person", ip[0].span(), 0.85, "keyword")
    if on and ip:
        first = min(on[0], ip[0], key=lambda x: x.start())
        return Found("online" if first in on else "in_person", first.span(), 0.6, "conflicting keywords")
    return None


_GRADE = r"(?P<g>[A-F][+\-−]?(?![\w])|Pass|Fail|Satisfactory|Unsatisfactory|Credit|No[ \t]Credit)"


def find_grade(flat: str) -> Found | None:
    for rx, conf in ((rf"final[ \t]grade(?:[ \t]of|:)?[ \t]{{1,3}}{_GRADE}", 0.92),
                     (rf"(?:^|\n)[ \t]{{0,4}}grade[ \t]{{0,3}}[:\-]?[ \t]{{1,4}}{_GRADE}", 0.9),
                     (rf"with[ \t]a[ \t](?:final[ \t])?grade[ \t]of[ \t]{_GRADE}", 0.9)):
        m = re.search(rx, flat, re.IGNORECASE)
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
    low = flat.lower()
    kind = None
    m = re.search(r"publication[ \t]type:[ \t]*(?P<v>[^\n]+)", flat, re.IGNORECASE)
    probe = m.group("v").lower() if m else low
    base = 0.92 if m else 0.8
    for rx, k in ((r"book[ \t]chapter|your[ \t]chapter|the[ \t]chapter|edited[ \t]volume", PublicationKind.BOOK_CHAPTER),
                  (r"field[ \t]guide|fact[ \t]sheet|training[ \t]module|technical[ \t]note|video|educational[ \t]material",
                   PublicationKind.OTHER_EDUCATIONAL),
                  (r"book[ \t]manuscript|authored[ \t]book|\bbook\b|monograph", PublicationKind.BOOK),
                  (r"peer-reviewed|peer[ \t]review|manuscript|journal|article", PublicationKind.PEER_REVIEWED)):
        km = re.search(rx, probe)
        if km:
            kind = Found(k.value, (m.start("v"), m.end("v")) if m else km.span(), base, "keyword")
            break
    status = None
    for rx, s in ((r"regret|unable[ \t]to[ \t]accept|not[ \t]been[ \t]accepted|\brejected\b|declined", PublicationStatus.REJECTED),
                  (r"under[ \t]review", PublicationStatus.UNDER_REVIEW),
                  (r"acknowledges[ \t]receipt|assigned[ \t]to[ \t]an[ \t]editor|\bsubmitted\b(?![ \t]by)", PublicationStatus.SUBMITTED),
                  (r"was[ \t]published|has[ \t]been[ \t]published|\bpublished[ \t](?:in|by|on)\b", PublicationStatus.PUBLISHED),
                  (r"\baccepted\b|acceptance", PublicationStatus.ACCEPTED)):
        sm = re.search(rx, low)
        if sm:
            status = Found(s.value, sm.span(), 0.88, "keyword")
            break
    return kind, status


def find_service(flat: str, provider: str | None) -> dict[str, Found]:
    out: dict[str, Found] = {}
    low = flat.lower()
    m = re.search(r"organi[sz]ed|organi[sz]er|planned[ \t]and[ \t]organi[sz]ed", low)
    if m:
        out["role"] = Found(ServiceRole.EVENT_ORGANIZER.value, m.span(), 0.88, "keyword")
    else:
        mc = re.search(r"\bcommittee\b", low)
        mb = re.search(r"\bboard\b", low)
        if mc and (not mb or mc.start() < mb.start()):
            out["role"] = Found(ServiceRole.COMMITTEE_MEMBER.value, mc.span(), 0.85, "keyword")
        elif mb:
            out["role"] = Found(ServiceRole.BOARD_MEMBER.value, mb.span(), 0.85, "keyword")
    org = provider or ""
    if re.search(r"\bchapter\b|^SER[ \t]\w|SER[ \t](?:Europe|Australasia|[A-Z][a-z]+)", org) or \
            re.search(r"society[ \t]for[ \t]ecological[ \t]restoration,[ \t]", org, re.IGNORECASE):
        out["level"] = Found(OrgLevel.CHAPTER.value, (0, 0), 0.85, "provider")
    elif re.search(r"society[ \t]for[ \t]ecological[ \t]restoration|^SER$", org, re.IGNORECASE):
        out["level"] = Found(OrgLevel.SER.value, (0, 0), 0.85, "provider")
    ym = re.search(rf"(?P<n>{NUMBER})(?:[ \t]\((?P<p>\d{{1,2}})\))?[ \t]years?\b", flat, re.IGNORECASE)
    if ym:
        try:
            n = parse_number(ym.group("p") or ym.group("n"))
            if 0 < n <= 40:
                out["years"] = Found(n if n % 1 else int(n), ym.span(), 0.88, "text")
        except ValueError:
            pass
    return out


def count_events(flat: str) -> Found | None:
    m = re.search(rf"organi[sz]ed[ \t](?:the[ \t]following[ \t])?(?P<n>{NUMBER})?[ \t]?events?\b", flat, re.IGNORECASE)
    if m and m.group("n"):
        try:
            return Found(int(parse_number(m.group("n"))), m.span(), 0.9, "text")
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
    return None


def find_task(text: str, flat: str) -> Found | None:
    for src, rx, conf in (
        (text, r"task(?:s|[ \t]description)?[ \t]{0,2}:[ \t]*(?P<t>[^\n.]{3,160})", 0.9),
        (text, r"(?:^|\n)tasks?[ \t]{1,6}(?P<t>[a-z][^\n]{3,160})", 0.85),
        (flat, r"volunteer[ \t]service,[ \t](?P<t>[^,]{3,160}?)(?:,[ \t]|\.)", 0.8),
        (flat, r"your[ \t]work[ \t](?P<t>.{3,160}?)[ \t]made", 0.8),
    ):
        m = re.search(rx, src, re.IGNORECASE)
        if m:
            return Found(" ".join(m.group("t").split()).strip(" ."), m.span("t"), conf, "label" if conf >= 0.85 else "text")
    return None


def find_nonprofit(flat: str, provider: str | None) -> Found | None:
    m = re.search(r"501\(c\)\(3\)|not-for-profit|non-?profit|registered[ \t]charity|charitable[ \t]organi[sz]ation",
                  flat, re.IGNORECASE)
    if m:
        return Found(True, m.span(), 0.92, "statement")
    if provider and re.search(r"\b(?:LLC|Inc\.?|Ltd\.?|Corp\.?|GmbH|Company)\s*$", provider):
        return Found(False, (0, 0), 0.75, "company name")
    return None
