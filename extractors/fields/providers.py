"""Provider: the sponsor, institution or publisher (labels, "offered/issued by ...",
letterhead, "of the ...")."""

from __future__ import annotations

import re

from ..text.dates import MONTH_NAMES
from .common import _BOILER, _ORG_WORDS, ORG_HEADS, Found, _kv
from .layout import UNIT_LINE, Layout, pairs, size_gap, table_rows, type_height
from .orgnames import _ASIDE, acronym_org, org_anywhere, org_at

_PROVIDER_LABELS = (r"sponsor(?:ing[ \t]organi[sz]ation)?|provider|organi[sz]ation|offered[ \t]by|institution|"
                    r"issued[ \t]by|hosted[ \t]by|organi[sz]er|publisher|journal")
_BY_ORG = re.compile(
    r"\b(?i:offered|presented|issued|provided|hosted|organi[sz]ed|sponsored|published|accepted|granted|awarded|"
    r"authori[sz]ed|delivered|conducted|run|certified|received|logged|recorded|brought[ \t]to[ \t]you)"
    # the line may break before "by" as well as after it ("a course presented\nby SERCAL, on ...")
    r"(?:[ \t]|[ \t]?\n[ \t]{0,3})(?i:by)(?:[ \t]{1,3}|[ \t]?\n[ \t]{0,3})"
    # "by the education team of X", "by the staff of X"
    r"(?:the[ \t](?:[a-z]+[ \t])?(?:staff|team|faculty|trainers|instructors)[ \t]of[ \t])?"
    # "by the Board of Directors of X", "by the Trustees of X": the organisation, not its board
    r"(?:the[ \t](?:Board[ \t]of[ \t](?:Directors|Trustees|Governors)|Board|Trustees|Directors|Governors|Officers)"
    r"[ \t]of[ \t])?"
    r"(?:the[ \t])?(?P<o>[A-Z][^,.;:()\n•]{2,80}?)(?=[,.;:()•]|[ \t]on(?:[ \t]|$)|[ \t]in[ \t]|[ \t]held\b|[ \t]from[ \t]|"
    # how or where it was given is not part of the name ("offered by River Partners online", "... as a live webinar")
    r"[ \t](?:online|virtually|via|as[ \t]an?|at[ \t]the|at[ \t]our|during|between|for[ \t](?:a|the|our)\b)|"
    r"[ \t][–—][ \t]|\n|$)"
)
_WITH_ORG = re.compile(r"\bin[ \t](?:partnership|collaboration|association)[ \t]with[ \t]{1,3}(?:the[ \t])?"
                       r"(?P<o>[A-Z][^,.;:()\n•]{2,80}?)(?=[,.;:()•]|[ \t]on(?:[ \t]|$)|[ \t]in[ \t]|[ \t]held\b|\n|$)")
_PROVIDER_PAIR = re.compile(
    r"\b(?:provider|sponsor(?:ed[ \t]by|ing)?|organi[sz](?:ation|er|ed[ \t]by)|institution|issued[ \t]by|offered[ \t]by|"
    r"hosted[ \t]by|delivered[ \t]by|host|publisher|presented[ \t]by|awarded[ \t]by|granted[ \t]by)\b", re.IGNORECASE)
_NOT_PROVIDER_PAIR = re.compile(r"\b(?:name|date|title|code|hours?|id|number|no|address|phone|e-?mail|contact|type|"
                                r"participant|student|approval|location|"
                                # organisations beside the provider: a co-sponsor, a partner, a funder, an
                                # accreditor, a venue, an instructor's employer
                                r"co-?sponsor(?:ed|ing)?|partner(?:ship|ing)?|funding|funded|grant|accredit\w*|"
                                r"approved|venue|facility|affiliation|employer)\b", re.IGNORECASE)
# a "value" made of other labels (a header row read beside its label): no organisation's name
_LABEL_WORDS = re.compile(r"\b(?i:dates?|hours|title|participant|attendee|location|venue|facility|instructor|"
                          r"accredited[ \t]by|funded[ \t]by)\b")
_OF_ORG = re.compile(
    r"\b(?:on[ \t]behalf[ \t]of|records[ \t]of|of[ \t]the|with|to|submitted[ \t]to|published[ \t]in|"
    # (the line may break after "of the": "... (Vice President) of the\nSociety for Ecological Restoration")
    r"at)(?:[ \t]{1,3}|(?<=of[ \t]the)[ \t]?\n[ \t]{0,3})(?:the[ \t])?(?P<o>[A-Z][^,.;:()\n]{2,80}?)"
    r"(?=[,.;:()]|[ \t]on[ \t]|[ \t]has[ \t]|[ \t]show|\n|$)"
)
# a body of people inside an organisation, not the organisation ("a member of the Board of Directors of X")
_BODY = re.compile(r"(?:Board(?:[ \t]of[ \t](?:Directors|Trustees|Governors))?|Trustees|Directors|Governors|Officers)"
                   r"[ \t]*$")

_TRAIL = re.compile(r"(?:,[ \t]|[ \t]on[ \t]|[ \t]\().{0,60}$")


def _trim_org(value: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """Cut what follows an organization name: ", 09/01/2025 - ...", " on November 18, 2024"; and the
    rest of a label read into the value ("Sponsoring | organization: X", a label split by OCR)."""
    lead = re.match(r"(?i:organi[sz]ation|provider|sponsor|institution|by)[ \t]*:[ \t]*", value)
    if lead:
        value, span = value[lead.end():], (span[0] + lead.end(), span[1])
    m = re.search(r"(?:,[ \t]*|[ \t]on[ \t]|[ \t]from[ \t]|[ \t]\()[^\n]*?\d", value)
    if m and m.start() > 3:
        value = value[: m.start()]
    m = re.search(r"[ \t]+[|·•][ \t]+|;[ \t]", value)  # the next of several details on the line
    if m and m.start() > 3:
        value = value[: m.start()]
    lead_n = len(value) - len(value.lstrip(" .;,_"))  # (an underlined form's rule typed as underscores: "___X___")
    value, span = value.strip(" .;,_"), (span[0] + lead_n, span[1])
    value = re.sub(r"[ \t]+\([A-Z][A-Za-z&]{1,7}\)$", "", value)  # the name, not its acronym: "... Network (BRN)"
    return value, (span[0], span[0] + len(value))


def _chapter_tail(flat: str, end: int) -> int:
    """"Society for Ecological Restoration, Midwest-Great Lakes Chapter": keep a unit after the comma."""
    m = re.match(r",[ \t]+(?:[A-Z][\w'’\-]*[ \t]){0,4}(?:Chapter|Branch|Section|Region|Division|Office)\b", flat[end:])
    return end + m.end() if m else end


_UNIT_HEAD = re.compile(r"(?:Department|Dept\.|School|Faculty|Division|Office|Extension|Cent(?:er|re)|Program(?:me)?|"
                        r"Laboratory|Lab)\b|.*\b(?:Extension|Service|Department|Program(?:me)?)$")
_PARENT = re.compile(r",[ \t]*\n?[ \t]*(?:the[ \t])?(?:[A-Z][\w'’\-]*(?:[ \t]|\n(?=[A-Z]))(?:(?:of|for|the|and|&)[ \t])*){0,5}"
                     r"(?:University|College|Institute|Universidad|Universit[eé])\b"
                     r"(?:[ \t](?:of|at)[ \t]*\n?[ \t]*(?:the[ \t])?[A-Z][\w'’\-]*(?:[ \t][A-Z][\w'’\-]*){0,3}"
                     # the name's last word wrapped onto a line of its own ("University of Northern\nPrairies")
                     r"(?:\n[A-Z][\w'’\-]*(?=[ \t]*(?:\n|$)))?)?")


def _parent_tail(flat: str, start: int, end: int) -> int:
    """"Department of Forestry, Oregon State University": a university's unit keeps its university
    after the comma (the name as the document prints it)."""
    if not _UNIT_HEAD.match(flat[start:end].strip()):
        return end
    m = _PARENT.match(flat, end)
    return m.end() if m else end


def _mentions(flat: str, value: str) -> int:
    return len(re.findall(re.escape(value), flat, re.IGNORECASE)) if value else 0


_LOGO_CONF = 0.5  # a lone short OCR word read with less confidence is a logo's shape (see _logo_mark)


def _logo_mark(ln) -> bool:
    """An OCR line of one short word (four letters or digits at most) read with little confidence: a logo
    over a letterhead or a side panel's name read as letters ('Shs,'), not the name."""
    return ln.ocr and len(ln.words) == 1 and ln.confidence < _LOGO_CONF and \
        sum(ch.isalnum() for ch in ln.text) <= 4


def _head_lines(layout: Layout, n: int) -> list:
    """The first ``n`` lines of page 1 that come before the letter's date: below the date a letter
    names its addressee ("11/07/23\nSER Certification Program\nDear ..."), not its sender."""
    from ..text.dates import find_dates

    from .layout import Line, _segments

    out = []
    for ln in [ln for ln in layout.lines[:n + 2] if not _logo_mark(ln)][:n]:
        if ln.page != 1:
            break
        if find_dates(ln.text):
            segs = _segments(ln)
            a, b = segs[0]
            first = " ".join(w.text for w in ln.words[a:b])
            if len(segs) >= 2 and not find_dates(first):
                # the date set apart at the right of the letterhead's line ("Verdant Roots Learning    May 3, 2025")
                out.append(Line(ln.page, ln.index, ln.words[a:b], first, ln.offsets[a:b], ln.start, ln.ocr))
            elif len(segs) == 2 and not out and not find_dates(" ".join(w.text for w in ln.words[segs[1][0]:])):
                # the letterhead set in a right column beside the letter's date ("March 3, 2025    Prairie Sky
                # Field School" over "2 Bison Trail"): the name, when its own column goes on with its address
                a, b = segs[1]
                nxt = layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None
                x = ln.words[a].bbox[0]
                if nxt is not None and nxt.page == ln.page and \
                        any(abs(w.bbox[0] - x) <= 4 and _CONTACT_LINE.search(" ".join(v.text for v in nxt.words[k:]))
                            for k, w in enumerate(nxt.words)):
                    name = " ".join(w.text for w in ln.words[a:b])
                    out.append(Line(ln.page, ln.index, ln.words[a:b], name,
                                    tuple(o - ln.offsets[a] for o in ln.offsets[a:b]), ln.start + ln.offsets[a],
                                    ln.ocr))
            break
        out.append(_name_beside(layout, ln) or ln)
    return out


# a running header's or a logo band's other cell beside the organisation's name: a form's number or a page
# ("Form CE-45 (rev. 2022)"), a web or e-mail address, the document's title cut short ("Field Tour Itinerary:
# Reference Ecosystems …") or named ("Course Outline", "... Record"), or a badge ("Approved Provider",
# "Member Organisation", "Quality Assured")
_BADGE = re.compile(r"(?i:(?:SER[ \t])?(?:(?:approved|accredited|registered|certified|endorsed|recogni[sz]ed|official|"
                    r"licen[sc]ed|member|quality|assured|partner|provider|organi[sz]ation|institution)(?:[ \t]|$)){2,3})")
_DOC_KIND_WORD = re.compile(r"(?i:outline|syllabus|agenda|itinerary|programme|program|schedule|timetable|record|"
                            r"certificate|transcript|form|statement|verification|log|notice|newsletter)$")


def _letters(s: str) -> str:
    return re.sub(r"[\W_]", "", s).lower()


def _companion(layout: Layout, ln, seg: str) -> bool:
    """A cell beside the name in the head line that names no organisation (see ``_BADGE``)."""
    seg = seg.strip()
    if re.search(r"\d|@|www\.", seg) or seg.endswith(("\u2026", "...")) or _BADGE.fullmatch(seg) or \
            _DOC_KIND_WORD.search(seg.rstrip(":")):
        return True
    # the document's heading printed again ("Course Outline" over "C O U R S E  O U T L I N E")
    key = _letters(seg)
    return len(key) >= 6 and any(o.index != ln.index and _letters(o.text).startswith(key) for o in layout.lines[:12])


def _name_beside(layout: Layout, ln):
    """The organisation's cell of a head line whose other cells, set apart by a wide gap, are its running
    header's or its band's (``_companion``): "Universidad Técnica del Sur      Form CE-45 (rev. 2022)",
    "Saltmeadow Estuary Trust      Course Outline". A name set with wide word spacing ("Sierra  Foothills
    College") is its single-word cells joined. None when the line is no such band."""
    from .layout import Line, _segments

    segs = _segments(ln)
    if len(segs) < 2:
        # a badge run on after the name at a word's gap ("Pacific Northwest Wetland Trust Member Organisation")
        for k in (2, 3):
            if len(ln.words) > k + 1 and _BADGE.fullmatch(" ".join(w.text for w in ln.words[-k:])) and \
                    re.search(rf"\b(?:{ORG_HEADS})\.?$", ln.words[-k - 1].text, re.IGNORECASE):
                words = ln.words[:-k]
                return Line(ln.page, ln.index, words, " ".join(w.text for w in words), ln.offsets[:-k], ln.start,
                            ln.ocr)
        return None
    texts = [" ".join(w.text for w in ln.words[a:b]) for a, b in segs]
    k = 1
    while k < len(segs) and len(texts[k].split()) == 1 and len(texts[k - 1].split()) == 1 and \
            re.fullmatch(r"[A-Z][\w'’\-]+", texts[k]) and not _companion(layout, ln, texts[k]):
        k += 1  # a name's words spaced wide
    name = " ".join(texts[:k])
    if k == len(segs) or re.search(r"\d|@|www\.|:", name) or not 4 <= len(name) <= 90 or \
            not all(_companion(layout, ln, t) for t in texts[k:]):
        return None
    a, b = segs[0][0], segs[k - 1][1]
    return Line(ln.page, ln.index, ln.words[a:b], " ".join(w.text for w in ln.words[a:b]), ln.offsets[a:b], ln.start,
                ln.ocr)


# a band's separator with nothing on one side of it (the organisation set as a logo image beside the unit:
# "Member Services |", "· Programs Department"; a dash at the end is a heading's wrap)
_LONE_SEP = re.compile(r"[ \t]+[|·•]$|^[|·•][ \t]+")
# a letterhead band that names a unit beside the organization ("Restoration Programs | Great Plains Land Trust")
_BAND_SEP = re.compile(r"[ \t]+[|·•–—][ \t]+")
_HYPHEN_SEP = re.compile(r"[ \t]+-[ \t]+")
_UNIT = UNIT_LINE


def _band_part(s: str, text: str) -> tuple[str, int]:
    """(the organization, its offset in ``s``) of a "unit | organization" letterhead band; the line
    itself when it has no separator."""
    parts = [p.strip() for p in _BAND_SEP.split(s) if p.strip()]
    if len(parts) < 2:
        # a spaced hyphen (an en dash as OCR reads it, or as typed) sets a unit apart only
        # ("Member Services - Green Corridors Training Ltd"), never two halves of a name
        parts = [p.strip() for p in _HYPHEN_SEP.split(s) if p.strip()]
        if len(parts) != 2 or sum(bool(_UNIT.fullmatch(p)) for p in parts) != 1:
            return s, 0
    not_unit = [p for p in parts if not _UNIT.fullmatch(p)]
    named = [p for p in parts if _mentions(text.replace("\n", " "), p) > 1]
    pick = (not_unit[0] if len(not_unit) == 1 else named[0] if len(named) == 1
            else next((p for p in not_unit if _ORG_WORDS.search(p)), max(parts, key=len)))
    return pick, s.find(pick)


# a line of an address block: a street number before a name, a PO box, a phone number, an e-mail or web address
_CONTACT_LINE = re.compile(r"^(?!(?:19|20)\d{2}\b)\d{1,5}[A-Za-z]?,?[ \t]+[A-Z][a-z]|^P\.?[ \t]?O\.?[ \t]Box\b|"
                           r"^(?:Tel|Phone|T|P)\b\.?:?[ \t]*[+(]?\d|@|\bwww\.", re.IGNORECASE)


def _contact_under(layout: Layout, span: tuple[int, int]) -> bool:
    """An address, phone, e-mail or web line right under the line at ``span`` (a letterhead's)."""
    ln = layout.line_at(span[1] - 1)
    if ln is None:
        return False
    for nxt in layout.lines[ln.index + 1:ln.index + 3]:
        if nxt.page == ln.page and (_CONTACT_LINE.search(nxt.text) or re.search(r"@|www\.|\b\d{5}\b", nxt.text)):
            return True
    return False


_SUBJECT = re.compile(r"(?im)^[ \t]*(?:subject|re)[ \t]*:[ \t]*(?P<s>[^\n]{6,120})$")


def _subject(layout: Layout) -> str | None:
    """The letters of a letter's or an e-mail's subject line ("Subject: Confirmation of service"), or None."""
    m = _SUBJECT.search(layout.text[:1500])
    key = _letters(m.group("s")) if m else ""
    return key if len(key) >= 6 else None


# an organisation named beside another, not as the provider: an accreditor, an approver, a partner, a funder
_BESIDE_CUE = re.compile(r"(?i:accredit\w*|approv\w*|endorse\w*|recogni[sz]ed|certified|partnership|collaboration|"
                         r"association|co-?sponsor\w*|co-?host\w*|support\w*|fund\w*|member[ \t]of)"
                         r"[ \t\n]+(?i:by|with|of)?[ \t\n]*(?i:the[ \t\n]+)?$")


def _two_names(layout: Layout, ln) -> tuple[str, tuple[int, int], bool] | None:
    """A head line of two organisations' names set apart (two logos side by side: the host's and a partner's
    or an accreditor's): (the provider's name, its span, whether the text tells which). The one the text
    names as an accreditor, a partner or a co-sponsor is not it; else the one named again; else the first.
    None when the line is no such pair."""
    from .layout import _segments

    segs = _segments(ln)
    if len(segs) != 2:
        return None
    cells = []
    for a, b in segs:
        t = " ".join(w.text for w in ln.words[a:b])
        if re.search(r"\d|@|www\.|:", t) or not 4 <= len(t) <= 70 or not _ORG_WORDS.search(t) or _BOILER.match(t) \
                or _DOC_KIND_END.search(t) or _UNIT.fullmatch(t) or _BADGE.fullmatch(t):
            return None
        cells.append((t, ln.start + ln.offsets[a]))
    flat = layout.text
    rest = flat[:ln.start] + " " * len(ln.text) + flat[ln.start + len(ln.text):]

    def beside(t: str) -> bool:
        words = r"[ \t\n]+".join(map(re.escape, t.split()))
        return any(_BESIDE_CUE.search(rest[max(0, m.start() - 40):m.start()])
                   for m in re.finditer(words, rest, re.IGNORECASE))

    def named(t: str) -> bool:
        return re.search(r"[ \t\n]+".join(map(re.escape, t.split())), rest, re.IGNORECASE) is not None

    keep = [c for c in cells if not beside(c[0])] or cells
    if len(keep) == 2:
        again = [c for c in keep if named(c[0])]
        keep = again if len(again) == 1 else keep
    t, a = keep[0]
    return t, (a, a + len(t)), len(keep) == 1


def _name_block(layout: Layout, ln) -> tuple[str, tuple[int, int], bool] | None:
    """A name set over two to five short lines of its own type size over its address (a side panel's
    "Society for Ecological / Restoration, / Midwest-Great Lakes / Chapter" or "University of Northern /
    Prairies" over "1 College Green, Fargo, ND 58102"): the lines joined, when the name reads as an
    organisation's (two lines: only a name broken off before its last word or two). None otherwise."""
    lines = layout.lines
    block = [ln]
    while len(block) < 6 and block[-1].index + 1 < len(lines):
        nxt = lines[block[-1].index + 1]
        if nxt.page != ln.page or size_gap(nxt, ln) > 0.8 or \
                not 0 < nxt.top - block[-1].top < 1.6 * max(type_height(ln), 1.0) or \
                re.search(r"\d|@|www\.|:", nxt.text) or len(nxt.text.split()) > 4:
            break
        block.append(nxt)
    if not 2 <= len(block) <= 5 or re.search(r"\d|@|www\.|:", ln.text) or len(ln.text.split()) > 4 or \
            sum(len(b.text.split()) for b in block) > 10:
        return None
    if len(block) == 2 and (len(block[1].text.split()) > 2 or _UNIT.fullmatch(block[1].text.strip()) or
                            re.search(rf"\b(?:{ORG_HEADS})$", ln.text.strip(), re.IGNORECASE) or
                            not re.match(r"(?:(?:de|del|de[ \t]la|des|du|la|of|for|the|and|von|van|der)[ \t]+)?[A-Z]",
                                         block[1].text.strip())):
        return None  # two lines: only a name broken off before its last word or two ("University of Northern\nPrairies")
    # its address under it, in the same column (a side panel's lines may come after the main column's)
    right = max(w.bbox[2] for b in block for w in b.words)
    bottom = block[-1].top + block[-1].height
    if not any(nx.page == ln.page and nx.words and nx.words[0].bbox[0] < right and
               0 < nx.top - bottom < 6 * max(ln.height, 1.0) and
               (_CONTACT_LINE.search(nx.text) or re.search(r"\b\d{5}\b|@|www\.", nx.text))
               for nx in lines[block[-1].index + 1:block[-1].index + 9]):
        return None
    name = " ".join(b.text.strip() for b in block)
    if not _ORG_WORDS.search(name) or len(name) > 90 or _BOILER.match(name) or _DOC_KIND_END.search(name):
        return None
    return name, (ln.start, block[-1].start + len(block[-1].text)), True


def _completed(f: Found, flat: str) -> Found | None:
    """A phrase's name cut at its line's end whose last words are elsewhere, where the document prints the
    name whole over its own lines ("offered by Green Corridors Training" + a line of the sentence's own,
    with "Green Corridors\nTraining Ltd" in a side panel): that name, when it adds one or two words ending in
    an organisation word or a company's suffix. None when there is no such name."""
    if flat[f.span[1]:f.span[1] + 1] != "\n" or len(f.value.split()) < 2:
        return None
    words = r"[ \t\n]+".join(map(re.escape, f.value.split()))
    rx = re.compile(rf"(?:^|\n)[ \t]*{words}(?P<more>(?:[ \t\n]+[A-Z][\w'’\-]*\.?){{1,2}})[ \t]*(?=\n|$)")
    for m in rx.finditer(flat):
        if m.start() <= f.span[0] < m.end():
            continue
        more = " ".join(m.group("more").split())
        if re.search(rf"\b(?:{ORG_HEADS}|Inc|Ltd|LLC|plc)\b\.?$", more, re.IGNORECASE):
            v = f"{f.value} {more}"
            return Found(v, (m.start() + len(m.group(0)) - len(m.group(0).lstrip()), m.end()), min(f.confidence, 0.8),
                         "by phrase completed")
    return None


def _whole_elsewhere(s: str, flat: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]] | None:
    """The name ``s`` printed elsewhere on a line of its own with one or two more words ending in an
    organisation word or a company's suffix ("... Midwest-Great Lakes" / "... Midwest-Great Lakes Chapter"), or None."""
    if len(s.split()) < 2:
        return None
    words = r"[ \t]+".join(map(re.escape, s.split()))
    rx = re.compile(rf"(?:^|\n)[ \t]*(?P<n>{words}(?P<more>(?:[ \t]+[A-Z][\w'’\-]*\.?){{1,2}}))[ \t]*(?=\n|$)")
    for m in rx.finditer(flat):
        if m.start("n") <= span[0] < m.end("n"):
            continue
        if re.search(rf"\b(?:{ORG_HEADS}|Inc|Ltd|LLC|plc)\b\.?$", m.group("more"), re.IGNORECASE):
            return m.group("n"), m.span("n")
    return None


def _letterhead(layout: Layout) -> tuple[str, tuple[int, int], bool] | None:
    """The first line of page 1 when it reads as a name (no digits, not boilerplate, not a date)."""
    from ..text.dates import find_dates
    subject = _subject(layout)
    for ln in _head_lines(layout, 2):
        if subject and subject in _letters(ln.text):
            continue  # the subject over the message, or an e-mail print's page header ("Mail - Confirmation of service")
        two = _two_names(layout, ln)
        if two is not None:
            return two[0], two[1], True
        block = _name_block(layout, ln)
        if block is not None:
            return block
        # a band's separator with nothing after it ("Programs Department |"; a dash at the end is a heading's wrap)
        s = _LONE_SEP.sub("", ln.text.strip())
        if s.isupper() and 2 <= len(s) < 4 and ln.page == 1:
            # a short first word of a logo's name in capitals ("BOG\nWATCH", "OAK\nSAVANNA ALLIES")
            nxt = layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None
            joined = _wrapped_name(layout, ln, nxt, s)
            if joined is not None:
                return joined, (ln.start, nxt.start + len(nxt.text)), bool(_ORG_WORDS.search(joined))
        part, off = _band_part(s, layout.text)
        if part != s and 4 <= len(part) <= 90 and not re.search(r"\d|@|www\.|:", part):
            # the band names a unit beside it: the other part is the organization
            a = ln.start + ln.text.find(s) + off
            return part, (a, a + len(part)), bool(_ORG_WORDS.search(part)) or any(
                _UNIT.fullmatch(p.strip()) for p in _BAND_SEP.split(s))
        if ln.page != 1 or not 4 <= len(s) <= 90 or re.search(r"\d|@|www\.|:", s) or _BOILER.match(s) \
                or _DOC_KIND_END.search(s):  # the document's title ("X Continuing Education Record")
            continue
        if re.match(r"(?:certificate|this|dear|presented|awarded|congratulations)\b", s, re.IGNORECASE) or \
                _ORG_VERB.match(s):
            continue  # a heading, or the certifying sentence ("Fundación Bosques del Sur is pleased to recognize")
        if _UNIT.fullmatch(s):
            continue  # a department over the organization's name ("PROGRAMS DEPARTMENT")
        if len(re.findall(r"(?<![\w'’\-])(?!(?:and|the|for|of|de|del|des|du|la|von|van|der|upon|on|in|at)\b)[a-z]{3,}\b", s)) >= 3:
            continue  # a table's header row or a sentence ("Name of participant Title of the course or training")
        prev = layout.lines[ln.index - 1] if ln.index else None
        if prev is not None and prev.page == ln.page and size_gap(prev, ln) <= 0.8 and \
                ln.top - prev.top < 1.6 * max(type_height(ln), 1.0) and \
                not re.search(r"[.!?]$", prev.text.strip()) and \
                (len(prev.text) > 2 * len(s) or prev.height > 1.3 * layout.body_height):
            continue  # the second line of a heading wrapped above it ("Course Syllabus: Beaver-Based Stream\nRestoration")
        nxt = layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None
        if nxt is not None and nxt.page == ln.page and size_gap(nxt, ln) <= 0.8 and \
                re.fullmatch(r"(?:[A-Z][\w'’\-]*[ \t]){0,3}(?i:chapter|branch|section|region|division)", nxt.text.strip()):
            # a name wrapped before its unit ("SOCIETY FOR ECOLOGICAL RESTORATION, MIDWEST-GREAT LAKES\nCHAPTER")
            s = f"{s} {nxt.text.strip()}"
            return s, (ln.start, nxt.start + len(nxt.text)), True
        nxt = layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None
        joined = _wrapped_name(layout, ln, nxt, s)
        if joined is not None:
            return joined, (ln.start, nxt.start + len(nxt.text)), True
        # a name over its address or phone line is the sender's letterhead, with or without an organization word
        contact = nxt is not None and nxt.page == ln.page and nxt.top - ln.top < 2.5 * max(type_height(ln), 1.0) and \
            bool(_CONTACT_LINE.search(nxt.text)) and not find_dates(nxt.text)
        return s, (ln.start, ln.start + len(ln.text)), bool(_ORG_WORDS.search(s)) or contact
    return None


def _acronym_head(layout: Layout) -> tuple[Found, bool] | None:
    """An acronym set as the letterhead ("NRCS", "WWF" over its address; a unit's band beside it), with
    whether its place is sure (an address or web line under it, or the acronym named again); None
    when the acronym is a logo's first word over the rest of its name ("BOG\nWATCH")."""
    for k, ln in enumerate(_head_lines(layout, 2)):
        if k and not _UNIT.fullmatch(_LONE_SEP.sub("", layout.lines[ln.index - 1].text.strip())):
            break  # under a first line that is no unit: a name's wrapped last word ("SOCIETY FOR ...\nEUROPE")
        s = _BAND_SEP.sub(" | ", f" {ln.text.strip()} ").strip(" |·•–—")  # "TNC |", "· Programs Department"
        parts = [p.strip() for p in s.split(" | ") if p.strip()]
        acro = [p for p in parts if acronym_org(p)]
        if len(acro) != 1 or any(not _UNIT.fullmatch(p) for p in parts if p != acro[0]):
            continue  # a title, a date, a name, or a band naming something else beside the acronym
        nxt = layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None
        if len(parts) == 1 and _wrapped_name(layout, ln, nxt, acro[0]) is not None:
            return None
        a = ln.start + ln.text.find(acro[0])
        # sure: over its address, named again, or beside a unit in a letterhead's band ("Restoration Programs | SER-MAR")
        sure = len(parts) > 1 or _contact_under(layout, (a, a + len(acro[0]))) or \
            _mentions(layout.text.replace("\n", " "), acro[0]) > 1
        return Found(acro[0], (a, a + len(acro[0])), 0.75 if sure else 0.7, "letterhead acronym"), sure
    return None


_OCR_SIZE_NAMED_AGAIN = 1.2  # size_gap allowed between an OCR name's two lines when the text names it whole again
_CONNECTOR_END = re.compile(r"\b(?i:for|of|and|&|the|de|del|du|la|on)$")


def _wrapped_name(layout: Layout, ln, nxt, s: str) -> str | None:
    """A letterhead name wrapped onto a second line of the same type ("SOCIETY FOR ECOLOGICAL\n
    RESTORATION", "Canadian Land Reclamation\nCollective"): the two lines joined, when the first
    breaks off after a joining word, the second is an organisation word the first lacks, or the
    body names the joined form again. None when the next line is not such a continuation."""
    t = nxt.text.strip() if nxt is not None else ""
    # a logo set in capitals leaves more room between its lines ("PIEDMONT\nLAND CONSERVANCY")
    caps = s.isupper() and t.isupper() and len(s.split()) <= 6 and len(t.split()) <= 3
    if nxt is None or nxt.page != ln.page or nxt.top - ln.top > (2.0 if caps else 1.6) * max(type_height(ln), 1.0):
        return None
    if not t or len(t.split()) > 4 or re.search(r"\d|@|www\.|:|,", t) or _CONTACT_LINE.search(t) or \
            (t[:1].islower() and not _CONNECTOR_END.search(s)):
        return None
    joined = f"{s} {t}"
    again = len(re.findall(r"\s+".join(map(re.escape, joined.split())), layout.text, re.IGNORECASE)) > 1
    # OCR ink heights differ with the letters set: a lone word with a descender ("Cooperative") under a line
    # without one measures a fifth taller; the body naming the joined form again allows for that
    if size_gap(nxt, ln) > (_OCR_SIZE_NAMED_AGAIN if again and ln.ocr and nxt.ocr else 0.8):
        return None
    if _CONNECTOR_END.search(s) or again or (_ORG_WORDS.search(t) and not _ORG_WORDS.search(s) and not _UNIT.fullmatch(t)):
        return joined
    if caps and not _BOILER.match(t) and not _DOC_KIND_END.search(t) and (
            (not _ORG_WORDS.search(s) and len(s.split()) <= 3 and _bare_org(joined.title()))
            or (len(t.split()) <= 2 and _ORG_WORDS.search(t) and not _UNIT.fullmatch(t))):
        # a name in capitals broken over two lines: with no organisation word in it ("SAGEBRUSH\nSTEPPE
        # STEWARDS"), or ending in one ("JOURNAL OF APPLIED RESTORATION\nSCIENCE")
        return joined
    return None


def _next_in_column(layout: Layout, ln, offset: int):
    """The next line when it is one run starting at or left of the value's column and no further
    right than the pair's own line (the value's wrap), else None."""
    if ln is None or ln.index + 1 >= len(layout.lines):
        return None
    nxt = layout.lines[ln.index + 1]
    if len(nxt.words) == 0 or nxt.words[0].bbox[0] < ln.words[0].bbox[0] - 4:
        return None
    return nxt


def _one_word(s: str) -> bool:
    return len(s.split()) < 2


# a label on a line of its own, the name on the line below ("Issued by\nGulf Coast University")
_BY_LABEL_LINE = re.compile(r"(?i:(?:presented|issued|awarded|offered|provided|sponsored|hosted|organi[sz]ed|"
                            r"delivered|certified|granted)[ \t]by|provider|sponsor|issuing[ \t]organi[sz]ation)[ \t]*:?")
# the organization as the subject of the certifying sentence ("Verdant Roots Learning certifies that")
_ORG_VERB = re.compile(
    r"(?:^|\n)[ \t]*(?:The[ \t])?(?P<o>[A-Z][\w&'’\-]*(?:,?[ \t](?:[A-Z][\w&'’\-]*|of|for|the|and|&|de|del|du|la)){1,9}?)"
    r"[ \t]+(?:hereby[ \t]+)?(?:certifies|confirms|acknowledges|recogni[sz]es|awards|presents|thanks|"
    r"is[ \t](?:pleased|delighted|proud))\b")
# an acronym as the subject of the certifying sentence ("NRCS certifies that", "SER-MAR is pleased to recognize")
_ACRO_VERB = re.compile(
    r"(?:^|\n)[ \t]*(?P<o>[A-Z]{2,8}(?:-[A-Z]{2,8})?)[ \t]+(?:hereby[ \t]+)?(?:certifies|confirms|acknowledges|"
    r"recogni[sz]es|awards|presents|is[ \t](?:pleased|delighted|proud))\b")
# the organisation described in a sentence of its own ("Headwaters Restoration Institute is a 501(c)(3)
# nonprofit organization.", "X is the provider of this course."): after a letterhead and a footer
_ORG_IS = re.compile(
    r"(?:^|\n)[ \t]*(?:The[ \t])?(?P<o>[A-Z][\w&'’\-]*(?:,?[ \t](?:[A-Z][\w&'’\-]*|of|for|the|and|&|de|del|du|la)){1,9}?)"
    r"[ \t]+is[ \t](?:the[ \t](?:provider|organi[sz]er|host)[ \t]of|an?[ \t](?:registered[ \t])?"
    r"(?:501\(c\)\(3\)[ \t])?(?:non-?profit|not-for-profit|charit))")


def _label_above(layout: Layout) -> Found | None:
    lines = layout.lines
    for ln in lines[:-1]:
        nxt = lines[ln.index + 1]
        if _BY_LABEL_LINE.fullmatch(ln.text.strip()) and nxt.page == ln.page and \
                nxt.top - ln.top < 3.0 * max(ln.height, 1.0):
            v = nxt.text.strip()
            if 3 <= len(v) <= 90 and not re.search(r"\d|@", v):
                return Found(v, (nxt.start, nxt.start + len(nxt.text)), 0.88, "label above")
    return None


def _table_provider(layout: Layout) -> Found | None:
    """A provider cell under a header ("Credit | Issued by" over "1.1 CEUs | Verdant Roots Learning")."""
    for row in table_rows(layout):
        for head, (v, sp) in row.items():
            if _PROVIDER_PAIR.search(head) and not _NOT_PROVIDER_PAIR.search(head) and len(head.split()) <= 4:
                cell = v
                v, sp = _trim_org(v, sp)
                if _SUFFIX_DOT.search(cell) and cell.strip().startswith(f"{v}."):
                    v, sp = f"{v}.", (sp[0], sp[1] + 1)  # a cell's "Consulting, Inc.": the suffix's period
                if len(v) >= 3 and not re.search(r"\d", v) and not _LABEL_WORDS.search(v):
                    return Found(v, sp, 0.88, "table")
    return None


# a line naming the document's kind ("... Continuing Education Record", "... Verification Form") is its
# title, not the organisation under the signatures
_DOC_KIND_END = re.compile(r"\b(?i:record|certificate|form|transcript|verification|statement)$")


def _trailer(layout: Layout, text: str) -> Found | None:
    """The organization printed after the signatures or in the page footer ("Gulf Coast University"
    over its address and phone line, "RESTORATION WORKS ACADEMY" under the signer's role)."""
    from .people import _ROLE_WORDS, looks_like_name

    page1 = [ln for ln in layout.lines if ln.page == 1]
    if not page1:
        return None
    height = layout.page_heights.get(1) or 0.0
    after = None
    from .layout import _segments

    signed = None
    for ln in page1:
        # a signer's role, or signatures side by side ("Executive Director      Lead Instructor"); a role
        # followed by its organisation ("President, SER Mid-Atlantic Chapter")
        role, _, org = ln.text.strip().partition(", ")
        if len(ln.text) <= 60 and _ROLE_WORDS.match(ln.text.strip()) or len(ln.text) <= 90 and any(
                _ROLE_WORDS.match(" ".join(w.text for w in ln.words[a:b])) for a, b in _segments(ln)):
            after = ln.index + 1
        elif org and len(ln.text) <= 90 and _ROLE_WORDS.match(role) and not re.search(r"\d|@", org):
            after = ln.index + 1
            a = ln.start + ln.text.find(org)
            signed = (org.strip(" ."), (a, a + len(org.strip(" ."))))
    cands = [ln for ln in page1 if (after is not None and ln.index >= after) or (height and ln.top > 0.86 * height)]
    one = text.replace("\n", " ")
    below = acro = None
    for ln in cands[:6]:
        s = ln.text.strip()
        lead = _contact_lead(s)
        if lead is not None and acronym_org(lead):
            # an acronym before its address or web address ("TNC · 4245 Fairfax Drive ..."): thinner evidence
            a = ln.start + ln.text.find(s)
            return Found(lead, (a, a + len(lead)), 0.7, "footer acronym")
        if lead is not None:
            # a footer naming the organisation before its address or web address on the same line
            # ("Riverkeepers Northwest | www.riverkeepersnw.org", "Gulf Coast Marsh Alliance, PO Box 904, ...")
            a = ln.start + ln.text.find(s)
            return Found(lead, (a, a + len(lead)), 0.8 if _ORG_WORDS.search(lead) else 0.72, "footer contact")
        if acro is None and acronym_org(s):
            # an acronym on a line of its own under the signatures or in the footer ("TNC" over its address)
            acro = Found(s, (ln.start + ln.text.find(s), ln.start + ln.text.find(s) + len(s)), 0.7, "footer acronym")
            continue
        if not 4 <= len(s) <= 90 or re.search(r"\d|@|www\.|:", s) or _BOILER.match(s) or _BY_LABEL_LINE.fullmatch(s) \
                or _DOC_KIND_END.search(s):
            continue
        if s[:1].islower() or re.search(r"\b(?:is|are|was|were|has|have)\b", s):
            continue  # a sentence or its continuation ("X is a not-for-profit educational organization"), no name
        person, _, rest = s.partition(", ")
        if rest and looks_like_name(person) and _ROLE_WORDS.match(rest):
            continue  # a signer and their role on one line ("Shea Hanson, Head of Learning Content Strategy")
        orgish = bool(_ORG_WORDS.search(s))
        if orgish and _ORG_WORDS.fullmatch(s):
            continue  # one organisation word alone (a table cell's wrapped last word, "Practice"), no name
        nxt = layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None
        contact = nxt is not None and nxt.page == 1 and bool(re.search(r"\d|@|www\.", nxt.text))
        if ln.index == after and below is None and not orgish and _bare_org(s) and \
                (nxt is None or nxt.page != 1 or re.search(r"\d|@|www\.|:", nxt.text) or
                 nxt.top - ln.top > 2.5 * max(ln.height, 1.0)):
            # the line under the signer's role, closing the signature block (nothing under it but contact
            # details, a code or space; not a second signer over a role): the signer's organisation, though
            # its name has no organisation word ("Director\nWild Seed Exchange")
            below = Found(s, (ln.start, ln.start + len(ln.text)), 0.7, "signature bare")
        if looks_like_name(s) and not orgish and not s.isupper() and not contact:
            continue  # a second signer's name, not an organization over its address
        caps = s.isupper() and len(s.split()) >= 2
        if orgish or contact or caps:
            strong = (orgish and contact) or _mentions(one, s) > 1
            return Found(s, (ln.start, ln.start + len(ln.text)), 0.85 if strong else 0.75, "footer")
    if signed is not None and (_ORG_WORDS.search(signed[0]) or _mentions(one, signed[0]) > 1):
        return Found(signed[0], signed[1], 0.8, "signature")
    if below is not None:
        return below
    if signed is not None and acronym_org(signed[0], min_len=2):
        # "Training Coordinator, NRCS": the role's organisation printed as its acronym (weaker still)
        return Found(signed[0], signed[1], 0.7, "signature acronym")
    if acro is not None:
        return acro
    if signed is not None and _bare_org(signed[0]):
        # "Director, Wild Seed Exchange": a role's organisation with no organisation word (weaker)
        return Found(signed[0], signed[1], 0.7, "signature bare")
    return None


# a form's labels read into the line ("Director, Training and Certification    Duration    Completion Date")
_FORM_WORDS = re.compile(r"\b(?i:date|duration|signature|name|hours|credits?|number|completion|issued|awarded|"
                         r"certificate|id)\b")


def _bare_org(v: str) -> bool:
    """A name of capitalised words with no organisation word that could be an organisation's
    ("Wild Seed Exchange", "Meadowmakers"): not a person's name, a unit, a degree or a place line."""
    words = v.split()
    return 1 <= len(words) <= 6 and 4 <= len(v) <= 60 and all(w[:1].isupper() or w in ("of", "for", "the", "and", "&")
                                                              for w in words) \
        and not re.search(r"\d|@|\.[A-Za-z]|\b(?:Ph\.?D|MSc|MS|MA|BSc)\b", v) and not _UNIT.fullmatch(v) \
        and not _FORM_WORDS.search(v) and not _UNIT.fullmatch(re.sub(r"\b(?i:certification|credentials?)\b", "", v))


# the contact details after a footer's name: a separator then a web or e-mail address, or a comma then a
# street number, a PO box or a web address
_CONTACT_REST = re.compile(r"(?:[ \t]+[|·•][ \t]+|,[ \t]+|[ \t]+(?=www\.|https?:))"
                           r"(?=(?:www\.|https?:|[\w.\-]+@|P\.?[ \t]?O\.?[ \t]Box\b|\d{1,5}[A-Za-z]?[ \t]+[A-Z]))")


def _contact_lead(s: str) -> str | None:
    """The organisation named at the start of a footer line of contact details, else None."""
    m = _CONTACT_REST.search(s)
    if m is None or m.start() < 4:
        return None
    lead = s[:m.start()].strip(" .,")
    if re.search(r"\d|@|www\.|:|©", lead) or not (_ORG_WORDS.search(lead) or _bare_org(lead)) or _BOILER.match(lead):
        return None
    return lead


# who offered the activity ("offered by", "presented by"); a co-sponsor, an accreditor ("accepted by",
# "certified by") or a partner ("in partnership with") is a weaker cue than a letterhead
# (a submission "received / logged / recorded by" the publisher: named, but weaker than "published by")
_SECONDARY_VERB = re.compile(r"(?i:accepted|certified|received|logged|recorded)\b")
_CO = re.compile(r"(?i:co-?|jointly[ \t])$")
# a venue's own sponsor ("the Riverside Nature Center, sponsored by Greenway Bank, hosted ..."): not the provider's
_VENUE_BEFORE = re.compile(r"\b(?:Center|Centre|Hall|Lodge|Garden|Gardens|Park|Station|Room|Hotel|Barn|Auditorium|Venue)"
                           r"[ \t]*,?[ \t]*(?:(?:is|was)[ \t])?(?:(?:generously|kindly)[ \t])?$")
_HOSTED = re.compile(r"(?i:hosted)\b")
_VENUE_END = re.compile(r"\b(?:Center|Centre|Hall|Lodge|Gardens?|Park|Station|Room|Hotel|Barn|Auditorium|Venue|Library|"
                        r"Campus|Pavilion|Arena|Inn|Resort|Preserve|Refuge)$")
_BEHALF = re.compile(r"\b(?i:on[ \t]behalf[ \t]of)[ \t]{1,3}(?:the[ \t])?(?P<o>[A-Z][^,.;:()\n•]{2,80}?)"
                     r"(?=[,.;:()•]|[ \t](?:I|we|it|is|and)[ \t]|\n|$)")
# a lower-case word that is no joining word ends a name: "The Wildlife Society toward its program"
_LOWER_RUN = re.compile(r"[ \t](?!(?:and|the|for|del|des|von|van|der|upon)\b)[a-z]{3,}\b")


_ISSUED = re.compile(r"(?:Issued|Dated|Signed|Awarded|Printed|Completed|Presented|Held|Valid|Date|Expires)\b")
_DATE_WORD = re.compile(rf"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day|{MONTH_NAMES})\b")


# a date run on after a name ("... Alliance 2025-04-02", "... School July 28th", "... 14 May 2024", "... 3/4/2024")
_DATE_AFTER = re.compile(rf"(?<!Region)(?<!District)(?<!Local)(?<!Unit)(?<!Area)(?<!Zone)(?<!Ward)(?<!No\.)(?<!Post)"
                         # a day's number at the end: the date cut at its dot ("... Ltd 15.11.2024"), not "Region 5"
                         rf"[ \t]+(?:(?:19|20)\d{{2}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}$|\d{{1,2}}(?:st|nd|rd|th)\b|"
                         rf"(?i:(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b|\d{{1,2}}(?:st|nd|rd|th)?[ \t]+(?i:{MONTH_NAMES})\b|"
                         rf"(?i:{MONTH_NAMES})\.?[ \t]+\d{{1,2}}(?:st|nd|rd|th)?\b|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}})")


def _initials(v: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][\w'’\-]*", v)).upper()


def _acronym_of(acro: str, v: str) -> bool:
    """``acro`` is the name's acronym, its hyphenated words counted as one or as several ("MDLA",
    "MLA": "Murray-Darling Landcare Association")."""
    return acro in (_initials(v), _initials(v.replace("-", " ")))


def _agrees(head: str, v: str) -> bool:
    """The letterhead and a phrase name the same organisation: the same words, or the letterhead is
    the name's acronym (a logo set as text, "PRG" over "... hosted by Prairie Restoration Guild")."""
    h, v = head.strip(), v.strip()
    if h.lower() == v.lower():
        return True
    return h.isupper() and 2 <= len(h) <= 6 and " " not in h and _acronym_of(h, v)


_CAP_RUN = re.compile(r"\b[A-Z][\w'’\-]*(?:[ \t]+(?:(?:of|for|the|and|&)[ \t]+)*[A-Z][\w'’\-]*){1,7}")


def _spelled_out(found: Found | None, one: str) -> Found | None:
    """A provider given only as an acronym ("Issued by\nCHP") spelled out where the text names it in
    full ("... hosted by Chesapeake Habitat Partners"); the acronym itself when it is not."""
    if found is None or not re.fullmatch(r"[A-Z]{2,6}", found.value):
        return found
    for m in _CAP_RUN.finditer(one):
        words = m.group().split()
        # the run may start with words before the name ("Organized by Chesapeake ..."): try each start
        for k in range(len(words) - 1):
            v = " ".join(words[k:])
            if _acronym_of(found.value, v) and not re.match(r"(?:of|for|the|and|&)\b", v):
                a = m.start() + m.group().find(v)
                return Found(v, (a, a + len(v)), found.confidence, found.method + " (spelled out)")
    return found


def _phrase_value(rx, m, flat: str, one: str) -> tuple[str, tuple[int, int]] | None:
    """The organisation a by-phrase names, read across a wrapped line, without what follows it."""
    start, end = m.start("o"), m.end("o")
    if flat[end:end + 1] == "\n":
        m2 = rx.search(one, m.start())  # a wrapped name: allow one line break, never two
        if m2 and m2.start("o") == start:
            nl2 = flat.find("\n", end + 1)
            end2 = min(m2.end("o"), nl2 if nl2 >= 0 else len(flat))
            label = flat[end2:end2 + 1] == ":"  # the next line is a label ("SER approval code: ...")
            nxt = flat[end + 1:end2].strip()
            # the next line's date ("Wednesday, January 15, 2025") or the same name again (a footer under it)
            label = label or bool(_DATE_WORD.match(nxt)) or (len(nxt) > 3 and m.group("o").lower().startswith(nxt.lower()))
            # join only a name cut mid-phrase, whose organization word is on the next line, or whose
            # phrase ends inside the next line (prose wrap; a signature block runs on to its end)
            if not label and (re.search(r"\b(?:for|of|and|&|the|de|du|la)$", m.group("o"))
                              or _ORG_WORDS.search(flat[end:end2])
                              or (nl2 < 0 or m2.end("o") < nl2) and not re.search(r"\d", flat[end:end2])):
                end = end2
            elif not label:
                # the name's last word(s) on the next line before the dates ("... by Society for Ecological
                # Restoration\nEurope 28th and 30th May 2025."): those words, not the dates
                rest = flat[end + 1:end2]
                w = re.match(r"[ \t]*[A-Z][\w'’\-]*(?:[ \t][A-Z][\w'’\-]*){0,2}(?=[ \t]+\d)", rest)
                # not a date's own words nor a line of its own that dates the document ("Issued December 24, 2024")
                if w and _DATE_AFTER.match(rest, w.end()) and not _ISSUED.match(w.group().strip()) and \
                        not any(_DATE_WORD.fullmatch(x) for x in w.group().split()):
                    end = end + 1 + w.end()
        if end == m.end("o"):
            cut = re.search(r"[ \t](?:in|on|at|from|held|and)$", m.group("o"))
            if cut:
                end = start + cut.start()
    low = _LOWER_RUN.search(one, start, end)
    if low and len(one[start:low.start()].split()) >= 2:
        end = low.start()
    end = _chapter_tail(one, end)
    end = _parent_tail(flat, start, end)  # the line breaks kept: a university's name ends at its line's end
    corp = _CORP_TAIL.match(one, end)  # "Hydrology Associates, Inc."
    if corp:
        end = corp.end()
    v, sp = _trim_org(one[start:end], (start, end))
    dated = _DATE_AFTER.search(v)  # "presented by Coastal Marsh Alliance 2025-04-02 through ...": the dates are not the name's
    if dated and dated.start() > 3:
        v, sp = v[:dated.start()], (sp[0], sp[0] + dated.start())
    joint = re.search(r"[ \t]+(?:and|&)$", v)  # "authorized by X and\noffered through Y": the joining word is not the name's
    if joint:
        v, sp = v[:joint.start()], (sp[0], sp[0] + joint.start())
    if len(v.split()) > 9 or len(v) < 3:
        return None
    return v, sp


# periods inside a name ("U.S. Fish and Wildlife Service", "St. Croix River Association", "Acme Inc."):
# read as a dot leader of the same length, so a phrase's name does not end at them
# (a corporate suffix's period at the end of a sentence is the sentence's: "... by Kestrel Training Ltd.")
_ABBR = re.compile(r"\.(?:(?<=\b[A-Z]\.)(?=[A-Z]\.)|(?<=\.[A-Z]\.)|"
                   # the suffix's own period before the sentence's ("... Consulting, Inc..")
                   r"(?<=\b(?:Inc|Ltd)\.)(?=\.)|(?<=\b(?:Corp)\.)(?=\.)|(?<=\bCo\.)(?=\.)|"
                   r"(?<=\b(?:Inc|Ltd)\.)(?=[ \t]+[a-z]|[,;])|(?<=\bCorp\.)(?=[ \t]+[a-z]|[,;])|"
                   r"(?<=\b(?:St|Mt|Ft|Co)\.)(?=[ \t]+[A-Z&]|[ \t]*(?:[,;)]|$)))", re.MULTILINE)
_LEADER = "\u2024"
_CORP_TAIL = re.compile(r",?[ \t]+(?:Inc|LLC|Ltd|Co|Corp|PLC|Pty[ \t]Ltd)\b(?:\.|\u2024)?")


def _protect(text: str) -> str:
    return _ABBR.sub(_LEADER, text)


def _phrases(flat: str, one: str, heads: list[str]) -> list[tuple[Found, bool]]:
    """Organisations named by a by-phrase, "on behalf of" or a partner phrase, in reading order, each
    with whether it names the provider outright (offered / presented / hosted ... by) or only
    beside it (co-sponsored, accepted or certified by, in partnership with). A phrase that names the
    letterhead's organisation (``heads``: its name, or a logo's acronym) is surer."""
    out = []
    flat = _protect(flat)
    one = flat.replace("\n", " ")
    venues: list[tuple[int, bool]] = []  # hosted-by phrases held back: (index in out, names a venue)
    for rx, method in ((_BY_ORG, "by phrase"), (_BEHALF, "behalf phrase"), (_WITH_ORG, "partner phrase")):
        pos = 0
        while (m := rx.search(flat, pos)) is not None:
            pos = m.end()
            got = _phrase_value(rx, m, flat, one)
            if got is None:
                continue
            v, sp = got
            # a later phrase may start inside this match's run past the name ("hosted by the X Center and
            # presented by Y"): look on from the name's end
            pos = max(m.start() + 1, min(pos, sp[1]))
            v = v.replace(_LEADER, ".")
            agree = any(_agrees(h, v) for h in heads)
            dotted = next((h for h in heads if _SUFFIX_DOT.search(h) and h[:-1].lower() == v.lower()), None)
            if dotted is not None:
                # "Offered by Ironwood Ecological Consulting, Inc." at a line's end: the sentence's period or the
                # suffix's; the letterhead prints the name with it
                v, sp, agree = dotted, (sp[0], sp[1] + 1), True
            orgish = bool(_ORG_WORDS.search(v))
            if method == "behalf phrase" and not (orgish or agree or _mentions(one, v) > 1):
                continue  # "On behalf of Dr. Lee", "on behalf of all participants"
            primary = method != "partner phrase" and not _SECONDARY_VERB.match(m.group(0)) and \
                not _CO.search(flat[max(0, m.start() - 8):m.start()]) and \
                not _VENUE_BEFORE.search(flat[max(0, m.start() - 40):m.start()])
            conf = 0.9 if agree else 0.85 if orgish else 0.72  # no organization word: could be a person
            if primary and _HOSTED.match(m.group(0)):
                # who hosted the activity may be the place's ("hosted by the Elkhorn Visitor Center and presented
                # by X", "hosted by Riverside College; offered by X"): a later phrase naming an organisation that
                # presented or offered it wins (a venue's name gives way to any); alone, it stays the phrase's name
                venues.append((len(out), bool(_VENUE_END.search(v))))
                primary = False
            elif primary and venues and not venues[0][1] and not (orgish or agree):
                # a person presenting at an organisation's ("hosted by SER Europe, presented by Dr. Lee"): the host
                out[venues[0][0]] = (*out[venues[0][0]][:2], True)
                venues = []
            out.append((m.start(), Found(v, sp, conf, method), primary))
            if primary:
                break  # later phrases of this kind are not needed: the first that names the provider wins
        if venues and not any(p for _, _, p in out):
            out[venues[0][0]] = (*out[venues[0][0]][:2], True)
        venues = []
    out.sort(key=lambda t: t[0])
    first = next((k for k, (_, _, p) in enumerate(out) if p), len(out))
    return [(f, p) for _, f, p in out[:first + 1]]


_EVENT_NOUN = r"(?:Conference|Meeting|Symposium|Summit|Congress|Convention|Field[ \t]Day|Workshop)"
_CAPW = r"(?:[A-Z][\w'’\-]*|SER)"
# an event named after its organiser: "2024 SER Midwest-Great Lakes Chapter Conference",
# "Native Plant Society of Oregon Annual Meeting", "2024 Annual Conference of the Tallgrass Heartland"
_EVENT_OF = re.compile(
    rf"^(?:(?:19|20)\d{{2}}[ \t])?(?:(?:\d{{1,2}}(?:st|nd|rd|th)|Annual|Biennial|Spring|Fall|Autumn|Winter|Summer)[ \t])*"
    rf"{_EVENT_NOUN}[ \t]of[ \t](?:the[ \t])?(?P<o>{_CAPW}(?:[ \t](?:(?:of|for|the|and|&)[ \t])*{_CAPW}){{0,7}})$")
_ORG_EVENT = re.compile(
    rf"^(?:(?:19|20)\d{{2}}[ \t])?(?P<o>{_CAPW}(?:[ \t](?:(?:of|for|the|and|&)[ \t])*{_CAPW}){{0,7}}?)[ \t]"
    rf"(?:(?:19|20)\d{{2}}[ \t])?(?:(?:Annual|Biennial|Regional|Restoration|Spring|Fall|Winter|Summer)[ \t]){{0,2}}{_EVENT_NOUN}$")


def _event_org(layout: Layout) -> Found | None:
    """The organiser named inside the event's own name, on a line of its own (weak: the name may
    read either way)."""
    lines = layout.lines
    for ln in lines:
        if ln.page != 1:
            break
        s = ln.text.strip()
        nxt = lines[ln.index + 1] if ln.index + 1 < len(lines) else None
        if nxt is not None and nxt.page == ln.page and len(nxt.text.split()) <= 3 and \
                re.search(rf"\b{_EVENT_NOUN}$", nxt.text.strip()) and not re.search(rf"\b{_EVENT_NOUN}$", s):
            s = f"{s} {nxt.text.strip()}"  # the event's name wrapped before its last word ("... Restoration\nSummit")
        m = _EVENT_OF.match(s)
        if m is None:
            m = _ORG_EVENT.match(s)
            # the organiser's name must end in an organisation word ("... Chapter", "... Alliance")
            if m is None or not re.search(rf"\b(?:{ORG_HEADS})(?:[ \t](?:of|for)[ \t](?:the[ \t])?[A-Z][\w'’\-]*"
                                          rf"(?:[ \t][A-Z][\w'’\-]*)?)?$", m.group("o"), re.IGNORECASE):
                continue
        a = ln.start + ln.text.find(s) + m.start("o")
        return Found(m.group("o"), (a, a + len(m.group("o"))), 0.7, "event name")
    return None


def _org_is(flat: str) -> Found | None:
    m = _ORG_IS.search(flat)
    if m and not re.match(r"(?:this|we|it|our|i)\b", m.group("o"), re.IGNORECASE):
        v = m.group("o").strip(" ,")
        return Found(v, m.span("o"), 0.8, "described")
    return None


# a course platform or other intermediary the activity was delivered through ("offered through Coursera")
_THROUGH = re.compile(r"\b(?i:offered|delivered|available|provided|taken|completed)[ \t]+"
                      r"(?:(?i:by)[ \t][^\n,.;]{3,80}?[ \t])?(?i:through|via|on)[ \t]+"
                      r"(?P<o>(?:[A-Z]|[a-z]{1,3}[A-Z])[\w'’\-]*(?:[ \t][A-Z][\w'’\-]*){0,3})")
# the course's own organisation beside its platform ("an online course from Lakehead University, delivered ...")
_FROM_ORG = re.compile(r"\b(?i:course|program(?:me)?|training|workshop|module|certificate)[ \t]+from[ \t]+(?:the[ \t])?"
                       r"(?P<o>[A-Z][^,.;:()\n•]{2,80}?)(?=[,.;:()•]|[ \t](?:delivered|offered|through|via|on)\b|\n|$)")


# marks OCR reads around or inside a name: a rule's or a logo's stroke before it ("-|Kestrel Field School",
# "( SER Southwest Chapter"), a speck read as a period between its words ("Green. Corridors Training Ltd")
_OCR_LEAD = re.compile(r"^(?:[^\w“\"'(]+|\([ \t]+)+(?=\w)")
_OCR_SPECK = re.compile(r"(?<=[a-z]{3})(?<!Inc)(?<!Ltd)(?<!Corp)(?<!Dept)(?<!Univ)(?<!Assn)(?<!Intl)\.(?=[ \t][A-Z][a-z])")


def _ocr_cleaned(layout: Layout, found: Found) -> Found:
    """``found`` with an OCR line's stray marks taken off (method "... ocr-clean", weaker: the reading needed
    a repair); as it is on a text layer or when nothing is stray."""
    ln = layout.line_at(found.span[0])
    if ln is None or not ln.ocr:
        return found
    lead = _OCR_LEAD.match(found.value)
    v = _OCR_SPECK.sub("", found.value[lead.end() if lead else 0:])
    if v == found.value or len(v) < 3:
        return found
    a = found.span[0] + found.value.find(v[:3])
    return Found(v, (a, found.span[1]), min(found.confidence, 0.8), f"{found.method} ocr-clean")


def _ocr_wrapped(layout: Layout, found: Found) -> Found:
    """``found`` read over two OCR lines whose ink heights differ more than a text layer's type sizes of one
    name may (allowed when the body names it whole again, see ``_wrapped_name``): method "... ocr-wrapped",
    priced apart."""
    a, b = layout.line_at(found.span[0]), layout.line_at(max(found.span[1] - 1, found.span[0]))
    if a is None or b is None or a.index == b.index or not (a.ocr and b.ocr) or size_gap(a, b) <= 0.8:
        return found
    return Found(found.value, found.span, min(found.confidence, 0.8), f"{found.method} ocr-wrapped")


def find_provider(layout: Layout, flat: str) -> Found | None:
    found = _find_provider(layout, flat)
    if found is None:
        return None
    found = _ocr_wrapped(layout, _ocr_cleaned(layout, found))
    one = flat.replace("\n", " ")
    through = {m.group("o").strip().lower() for m in _THROUGH.finditer(flat)}  # the platform's name ends with its line
    if found.value.strip().lower() not in through:
        return found
    # the value found is the platform the course was taken through: the organisation the text says
    # offered or authorised the course is its provider
    prot = _protect(flat)
    for m in _BY_ORG.finditer(prot):
        got = _phrase_value(_BY_ORG, m, prot, prot.replace("\n", " "))
        if got is not None and not _SECONDARY_VERB.match(m.group(0)) and got[0].strip().lower() not in through:
            return Found(got[0].replace(_LEADER, "."), got[1], 0.8, "beside platform")
    m = _FROM_ORG.search(one)
    if m and m.group("o").strip().lower() not in through:
        v = m.group("o").strip()
        return Found(v, (m.start("o"), m.start("o") + len(v)), 0.75, "beside platform")
    return found


_SUFFIX_DOT = re.compile(r"\b(?:Inc|Ltd|Corp|Co)\.[ \t]*$")


def _find_provider(layout: Layout, flat: str) -> Found | None:
    one = flat.replace("\n", " ")
    for p in pairs(layout):
        if _PROVIDER_PAIR.search(p.label) and not _NOT_PROVIDER_PAIR.search(p.label) and len(p.label.split()) <= 7 \
                and not _LABEL_WORDS.search(p.value):
            v, sp = _trim_org(p.value, p.span)
            if _SUFFIX_DOT.search(p.value) and p.value.strip().startswith(f"{v}."):
                v, sp = f"{v}.", (sp[0], sp[1] + 1)  # a cell's "Consulting, Inc.": the suffix's period, no sentence's
            if p.kind in ("colon", "side", "over") and v.rstrip(".") == p.value.strip(" .;,"):
                # a name wrapped onto the next line of its column ("Organization: Society for\nEcological Restoration")
                ln = layout.line_at(p.span[0])
                nxt = _next_in_column(layout, ln, p.span[0])
                joined = _wrapped_name(layout, ln, nxt, v) if nxt is not None else None
                if joined is not None:
                    v, sp = joined, (sp[0], nxt.start + len(nxt.text))
            if len(v) >= 3:
                return _spelled_out(Found(v, sp, 0.9, "label"), one)
    m = _kv(layout.text, _PROVIDER_LABELS)
    if m and not _LABEL_WORDS.match(m.group("v")):
        v, sp = _trim_org(m.group("v"), m.span("v"))
        return _spelled_out(Found(v, sp, 0.9, "label"), one)
    for found in (_label_above(layout), _table_provider(layout)):
        if found is not None:
            return _spelled_out(found, one)
    head = _letterhead(layout)
    first = layout.lines[0].text.strip() if layout.lines and layout.lines[0].page == 1 else ""
    logo = first if re.fullmatch(r"[A-Z]{2,6}", first) else None  # a logo set as text ("PRG")
    phrases = _phrases(flat, one, [h for h in (head[0] if head else None, logo) if h])
    for f, primary in phrases:
        if primary:
            return _completed(f, flat) or f
    m = _ORG_VERB.search(flat)
    if m and not re.match(r"(?:this|we|it|our|i)\b", m.group("o"), re.IGNORECASE):
        v = m.group("o").strip(" ,")
        agree = head is not None and _agrees(head[0], v)
        return Found(v, m.span("o"), 0.9 if agree else 0.85 if _ORG_WORDS.search(v) else 0.8, "subject phrase")
    m = _ACRO_VERB.search(flat)
    if m and acronym_org(m.group("o")):
        return _spelled_out(Found(m.group("o"), m.span("o"), 0.75, "subject acronym"), one)
    # an accreditor ("accepted by"), a co-sponsor or a partner named beside a letterhead that reads as an
    # organisation: the letterhead's (the same organisation named in both: surer)
    if head is not None and head[2] and phrases:
        same = next((f for f, _ in phrases if _agrees(head[0], f.value)), None)
        if same is not None:
            return Found(same.value, same.span, 0.9, same.method)
    elif phrases:
        # no letterhead: the organisation printed under the signatures, or said to be the provider or a
        # nonprofit, else the phrase's
        trailer = _trailer(layout, flat) or _org_is(flat)
        if trailer is None:
            f = phrases[0][0]  # named only as a co-sponsor, an accreditor or a partner: weak
            return Found(f.value, f.span, min(f.confidence, 0.75), f.method)
        same = next((f for f, _ in phrases if f.value.lower() == trailer.value.lower()), None)
        return Found(trailer.value, trailer.span, 0.9, "footer") if same is not None else trailer
    acro = _acronym_head(layout)
    if acro is not None and acro[1]:
        # an acronym over its address, or named again: the sender's letterhead, though a thin name
        return _spelled_out(acro[0], one)
    if head is not None and not acronym_org(head[0]):
        s, span, orgish = head
        n = _mentions(one, s)
        if orgish or (n > 1 and not _one_word(s)):  # one word said again ("Restoration") names nothing
            if (n == 1 or not orgish) and not _contact_under(layout, span):
                # a top line named nowhere else, with no address under it, is more likely the event's title
                # ("Restoration Project Management\nWorkshop Agenda") than the organisation over its address
                # and web address in the footer
                foot = _trailer(layout, flat)
                if foot is not None and foot.method in ("footer", "footer contact") and foot.confidence >= 0.85 \
                        and foot.value.lower() != s.lower():
                    return Found(foot.value, foot.span, 0.75, "footer over title")
            line = layout.line_at(span[0])
            two = _two_names(layout, line) if line is not None else None
            if two is not None and two[1] == span and not two[2]:
                # one of two names side by side, the text telling neither apart: a guess (the first logo)
                return Found(s, span, 0.7, "letterhead of two")
            longer = _whole_elsewhere(s, flat, span)
            if longer is not None:
                # a running header's name cut short ("Society for ..., Midwest-Great Lakes" over the whole name
                # printed elsewhere, "... Midwest-Great Lakes Chapter"): the whole name
                return Found(longer[0], longer[1], 0.8, "letterhead")
            return Found(s, span, 0.85 if (orgish and n > 1) else 0.8, "letterhead")
    trailer = _trailer(layout, flat) or _org_is(flat)
    if trailer is not None:
        return trailer
    # letterhead: an organization-like line near the top of page 1
    subject = _subject(layout)
    for ln in _head_lines(layout, 3):
        s = _LONE_SEP.sub("", ln.text.strip())
        if subject and subject in _letters(s):
            continue
        if 4 <= len(s) <= 90 and _ORG_WORDS.search(s) and not re.search(r"\d|:", s) and not _BOILER.match(s) \
                and not _UNIT.fullmatch(s) and not _DOC_KIND_END.search(s):  # nor labelled details, nor a title
            return Found(s, (ln.start, ln.start + len(ln.text)), 0.78, "letterhead")
    if acro is not None:
        return _spelled_out(acro[0], one)  # an acronym alone at the top, with no address under it
    event = _event_org(layout)
    if event is not None:
        return event
    # the first "of / with / to the X" that is not an aside ("for submission to the Society ...")
    m = next((m for m in _OF_ORG.finditer(flat) if not _ASIDE.search(flat[max(0, m.start("o") - 40):m.start("o")])
              and not _BODY.match(m.group("o"))), None)
    if m and _ORG_WORDS.search(m.group("o")):
        named = org_at(layout, m.start("o"))  # the name, read over a line break, without what follows it
        if named is not None and _ORG_WORDS.search(named[0]):
            return Found(named[0], named[1], 0.7, "of phrase")
        return Found(m.group("o").strip(), m.span("o"), 0.7, "of phrase")
    org = org_anywhere(layout)
    if head is not None and layout.lines and layout.lines[0].height >= layout.body_height and \
            (org is None or _ORG_WORDS.search(head[0])):
        return Found(head[0], head[1], 0.6, "first line")
    return org
