"""The last resort for the provider: the most prominent organisation-like name anywhere on the
page, for layouts that print no letterhead, no by-line and no label (the organisation named only
in a sentence, under the signatures or in a corner).

A name is a run of capitalised words around an organisation *head noun* (Society, Institute,
University, Trust, Chapter, Ltd, ...): capitalised words before the head ("Pacific Northwest
Wetland Trust"), and after it words joined by of / for / de ("Society for Ecological
Restoration", "University of the Uplands", "SER Mid-Atlantic Chapter"). Among the names found, the
one named most often, in the largest type and earliest wins; a name in brackets or after an
"Affiliation" label (an instructor's employer) or one the letter is addressed to ("Dear SER
Certification Program") is passed over.

Its confidence stays below 0.85 (the calibration's ``lo`` band, never lifted), so a value found
this way can never auto-accept on its own.
"""

from __future__ import annotations

import re

from .common import ORG_HEADS, Found, prose_joined
from .layout import Layout

HEADS = ORG_HEADS
# "Services" heads a name only after two capitalised words ("Oakleaf Ecological Services"): "Volunteer
# Service", "Member Services" name an activity or a unit
_HEAD = re.compile(rf"(?:{HEADS}|services?)\.?$", re.IGNORECASE)
_NEEDS_TWO = {"service", "services"}
_CAP = re.compile(r"^(?:[A-Z][\w'’&\-.]*|&)$")
_JOIN = {"of", "for", "the", "and", "&", "de", "del", "la", "du", "des", "on", "y"}
# words that open a sentence or a heading, not a name ("This Certificate", "Dear", "Thank")
_STOP = re.compile(r"^(?:the|this|that|these|dear|re|we|our|i|at|in|on|by|from|to|for|with|thank|thanks|certificate|"
                   r"letter|confirmation|verification|record|attendance|completion|program|programme|date|dates|"
                   r"january|february|march|april|may|june|july|august|september|october|november|december|"
                   r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|ms|mr|mrs|dr|prof|as|and|of|"
                   r"sincerely|regards|congratulations|presented|awarded|issued|signed|hours?|total)\.?$",
                   re.IGNORECASE)
_STOP_AFTER = re.compile(r"^(?:the|this|dear|re|we|our|i|january|february|march|april|may|june|july|august|"
                         r"september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|"
                         r"sunday)\.?$", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,;:()\[\]“”\"]+")
# board / committee as a head only with a proper name before it ("Chesapeake Watershed Board"),
# never the body a person sat on ("Board of Directors")
_WEAK = {"board", "project", "partners", "department", "garden", "gardens"}


def _names(line: str) -> list[tuple[int, int]]:
    """(start, end) of each organisation-like name in one line of text."""
    toks = [(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(line)]
    out = []
    i = 0
    while i < len(toks):
        a, b, w = toks[i]
        word = w.rstrip(".")
        if not (_HEAD.match(word) and (w[:1].isupper() or w.isupper())):
            i += 1
            continue
        # left: capitalised words right before the head, in the same run (no punctuation between)
        s = i
        while s > 0 and _CAP.match(toks[s - 1][2]) and not _STOP.match(toks[s - 1][2]) and \
                line[toks[s - 1][1]:toks[s][0]].strip() == "" and not toks[s - 1][2].endswith("."):
            s -= 1
        # right: capitalised words, or joining words followed by a capitalised word
        e = i
        k = i + 1
        while k < len(toks) and line[toks[k - 1][1]:toks[k][0]].strip() == "" and not toks[k - 1][2].endswith("."):
            w2 = toks[k][2]
            if _CAP.match(w2) and not _STOP_AFTER.match(w2) or w2.isupper() and len(w2) > 1:
                e = k
                k += 1
            elif w2.lower() in _JOIN and k + 1 < len(toks) and line[toks[k][1]:toks[k + 1][0]].strip() == "":
                k += 1
            else:
                break
        if word.lower() in _WEAK and s == i or word.lower() in _NEEDS_TWO and i - s < 2:
            i += 1  # "Board of Directors of the Society ...": look on for a head after it
            continue
        if e > s or word.upper() not in ("SER",):
            out.append((toks[s][0], toks[e][1]))
        i = e + 1
    return out


# a signer's role that starts with an organisation word ("Chapter President", "Society Secretary")
_ROLE_END = re.compile(r"(?:president|director|chair|chairperson|secretary|treasurer|manager|coordinator|officer|"
                       r"registrar|dean|editor|head|lead|administrator|organi[sz]er|trustee|founder|liaison)$",
                       re.IGNORECASE)


def _cells_cut(layout: Layout, pos: int, a: int, b: int) -> tuple[int, int]:
    """(a, b) of a line starting at ``pos`` cut to the cell of the line that holds the name's last
    word: a label set apart in its own column ("Location      EcoRestore Consulting LLC") is not
    part of the name."""
    from .layout import _segments

    ln = layout.line_at(pos + a)
    if ln is None or ln.start > pos + a:
        return a, b
    for sa, _ in _segments(ln)[1:]:
        cut = ln.start + ln.offsets[sa] - pos
        if a < cut < b:
            a = cut
    return a, b


# what an organisation named right after it did not do: offer the activity ("approved by the Society for
# Ecological Restoration", "a grant from the X Foundation", "held at the Y Center", "in partnership with Z")
_ASIDE = re.compile(r"(?:approved|accredited|accepted|recogni[sz]ed|endorsed|funded|supported|co-?sponsored|"
                    r"certified)[ \t](?:in[ \t]part[ \t])?by(?:[ \t]the)?[ \t]*$|"
                    # (not "submitted to": a paper submitted to a journal names its publisher)
                    r"(?:submission|registered)[ \t](?:to|with)(?:[ \t]the)?[ \t]*$|"
                    r"grant[ \t]from(?:[ \t]the)?[ \t]*$|"
                    r"(?:partnership|collaboration)[ \t]with(?:[ \t]the)?[ \t]*$|partners[ \t]at(?:[ \t]the)?[ \t]*$|"
                    r"(?:held|hosted|took[ \t]place)[ \t](?:at|in)(?:[ \t]the)?[ \t]*$|"
                    r"(?:venue|location|facility|employer|co-?sponsor|accrediting[ \t]body)[ \t]*:?[ \t]*$")


_DOC_KIND_TAIL = re.compile(r"(?:[ \t]+(?i:continuing|professional)[ \t]+(?i:education|development))?[ \t]+"
                            r"(?i:record|certificate|form|transcript|verification)$")


def org_anywhere(layout: Layout) -> Found | None:
    text = prose_joined(layout.text)
    lines = text.split("\n")
    addressed = {m.group(1).strip().lower() for m in re.finditer(r"(?im)^(?:dear|to|attn\.?|attention)[ \t:]+([^,\n]+)", text)}
    cands: dict[str, dict] = {}
    pos = 0
    for k, line in enumerate(lines):
        for a, b in _names(line):
            a, b = _cells_cut(layout, pos, a, b)
            v = re.sub(r"['’]s$", "", line[a:b].strip(" ."))  # "the Society for Ecological Restoration's program"
            v = _DOC_KIND_TAIL.sub("", v)  # "X Continuing Education Record": the organisation, not the form
            if len(v) < 4 or len(v.split()) > 10 or re.search(r"\d", v) or _ROLE_END.search(v):
                continue
            before = line[max(0, a - 16):a].lower()
            context = line[max(0, a - 40):a].lower()
            key = v.lower()
            c = cands.setdefault(key, {"value": v, "span": (pos + a, pos + a + len(v)), "n": 0, "score": 0.0,
                                       "order": pos + a})
            c["n"] += 1
            ln = layout.line_at(pos + a)
            height = ln.height if ln is not None else 0.0
            c["score"] = max(c["score"], height / max(layout.body_height, 1.0) + (b - a == len(line.strip())))
            if "(" in before[-2:] or "affiliation" in before:
                c["aside"] = c.get("aside", 0) + 1  # an instructor's employer, in brackets or labelled
            elif _ASIDE.search(context):
                c["beside"] = c.get("beside", 0) + 1  # an accreditor, a funder, a partner, a venue
            if any(key in a for a in addressed):
                c["bad"] = True
        pos += len(line) + 1
    ok = [c for c in cands.values() if not c.get("bad") and c["n"] > c.get("aside", 0) + c.get("beside", 0)]
    if not ok:
        # only organisations named beside the activity (a venue, an accreditor): the likeliest, weakly
        ok = [c for c in cands.values() if not c.get("bad") and c["n"] > c.get("aside", 0)]
        if not ok:
            return None
        best = max(ok, key=lambda c: (c["n"] - c.get("aside", 0) + c["score"], -c["order"]))
        return Found(best["value"], best["span"], 0.7, "org name")
    best = max(ok, key=lambda c: (c["n"] - c.get("aside", 0) + c["score"], -c["order"]))
    good = best["n"] - best.get("aside", 0)
    return Found(best["value"], best["span"], 0.8 if good > 1 or best["score"] >= 2 else 0.7, "org name")


def org_at(layout: Layout, offset: int) -> tuple[str, tuple[int, int]] | None:
    """The organisation-like name that starts at ``offset`` of ``layout.text`` (read across a prose
    line break, up to its last capitalised word): "the SER Mid-Atlantic\\nChapter for three years"
    gives "SER Mid-Atlantic Chapter", "the Great Basin Native Plant Collaborative training room"
    gives the name without the room."""
    text = prose_joined(layout.text)
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:end if end >= 0 else len(text)]
    for a, b in _names(line):
        if start + a == offset:
            v = re.sub(r"['’]s$", "", line[a:b].strip(" ."))  # "the Society for Ecological Restoration's program"
            v = _DOC_KIND_TAIL.sub("", v)  # "X Continuing Education Record": the organisation, not the form
            return v, (offset, offset + len(v))
    return None


# an organisation printed by its acronym only ("NRCS", "WWF", "SERCAL", a chapter "SER-MAR"): all capitals,
# 2-8 letters, an optional chapter part after a hyphen
_ACRONYM = re.compile(r"[A-Z]{2,8}(?:[\-–][A-Z]{2,8})?")
# capitals that are no organisation: US state and Canadian province codes (an address), units of credit,
# credential letters after a name, and words set in capitals (a heading, a stamp, a label)
_STATES = ("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND "
           "OH OK OR PA PR RI SC SD TN TX UT VT VA WA WV WI WY AB BC MB NB NL NS NT NU ON PE QC SK YT")
_UNITS = "CE CEU CEUS CEC CECS CEH CME CPD PDH PDHS PDU PDUS HR HRS AM PM GPA USD CAD AUD GBP EUR"
_CREDENTIALS = ("PHD PE CERP CERPIT MS MA BS BA BSC MSC MD JD DVM PWS PMP CWB CWS CPESC CPSS CSE RN PG PH AICP LEED AP "
                "EIT MBA MPA MPH MEM MF MLA RLA CF CPG CEP CSP CIH QEP FAAAS FRS FLS MBE OBE CBE II III IV JR SR ESQ")
_CAPS_WORDS = ("CERTIFICATE CERTIFICATION CERTIFIED ATTENDANCE COMPLETION PARTICIPATION ACHIEVEMENT APPRECIATION "
               "RECOGNITION AWARD AWARDED DIPLOMA LETTER RECORD TRANSCRIPT STATEMENT VERIFICATION CONFIRMATION AGENDA "
               "PROGRAM PROGRAMME SCHEDULE SYLLABUS WORKSHOP COURSE TRAINING WEBINAR SEMINAR CONFERENCE SYMPOSIUM "
               "SUMMIT MEETING NOTICE RECEIPT INVOICE TOTAL DATE DATES NAME HOURS HOUR TITLE SIGNATURE SIGNED "
               "PRESIDENT DIRECTOR CHAIR MEMBER WELCOME THANK THANKS CONGRATULATIONS PAID VOID SAMPLE PAGE COPY "
               "ORIGINAL OFFICIAL DRAFT CONFIDENTIAL APPROVED VERIFIED PENDING PASS FAIL YES NO NA TBD TBA ID REF "
               "RE CC PO FROM TO DEAR AND THE FOR OF IN ON AT BY WITH THIS THAT PRESENTED ISSUED ONLINE VIRTUAL "
               "USA US UK EU")
_NOT_ACRONYM = frozenset(f"{_STATES} {_UNITS} {_CREDENTIALS} {_CAPS_WORDS}".split())


def acronym_org(s: str, *, min_len: int = 3) -> bool:
    """``s`` is shaped like an organisation's acronym ("NRCS", "SER-MAR"), with at least ``min_len``
    capitals before any hyphen: not a state or province code, a unit (CEU, PDH), a credential (PhD,
    PE, CERP) nor a word set in capitals (CERTIFICATE). Only the place it stands in (a letterhead,
    a by-phrase, a signer's role) makes it the provider."""
    s = s.strip(" .,;:")
    if not _ACRONYM.fullmatch(s):
        return False
    head = re.split(r"[\-–]", s)[0]
    # (a chapter part may be a state's code: "SER-CA")
    return len(head) >= min_len and s not in _NOT_ACRONYM and head not in _NOT_ACRONYM
