"""Who the document is about (participant), who taught (instructors), who signed.

The participant is found by general cues ("this certifies that", "awarded to", labelled
"Participant:", "Dear ...", "X attended / volunteered / served") and then checked against
the roster's expected name with ``name_similarity``; the value is always the printed name
(without honorifics and post-nominals), never the roster's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cecintake.domain import InstructorInfo

from ..text.names import _strip_accents as strip_accents
from ..text.names import name_similarity, normalise_name, split_credentials
from .common import renamed

__all__ = ["name_similarity", "split_credentials"]

_UP = r"A-ZÀ-ÖØ-Þ"
_NAME_TOKEN = rf"[{_UP}][\w'’.\-]{{0,30}}"
_PARTICLE = r"(?:van|von|der|den|de|la|da|del|di|le|du|dos|das|ter|ten)\b"
# a name may start with its particles ("van der Berg, Sofía"); a particle is a whole word ("der", not "de")
NAME = (rf"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?[ \t]{{1,3}})?(?:(?<![\w'’\-]){_PARTICLE}[ \t](?:{_PARTICLE}[ \t])?(?=[{_UP}]))?"
        rf"{_NAME_TOKEN}(?:,?[ \t]{{1,3}}(?:{_NAME_TOKEN}|{_PARTICLE})){{1,5}}"
        r"(?:,?[ \t]{1,3}(?:Jr\.?|Sr\.?|II|III|IV))?")
_NOT_NAME_WORDS = re.compile(
    r"\b(?:program|programme|society|committee|university|college|institute|network|alliance|center|centre|"
    r"department|office|certification|restoration|chapter|board|trust|foundation|association|council|"
    r"colleague|sir|madam|whom|team|members?|participants?|friends?|conference|symposium|workshop|course|"
    r"certificate|completion|attendance|training|contact|hours?|date|the|and|of|for|to|in)\b",
    re.IGNORECASE,
)
_LEADS = re.compile(
    r"(?:this[ \t]is[ \t]to[ \t]certify[ \t]that|this[ \t]certifies[ \t]that|(?:is[ \t])?(?:hereby[ \t])?"
    r"(?:presented|awarded)[ \t]to|certify[ \t]that|confirms?[ \t]that|confirm[ \t]that|show[s]?[ \t]that|"
    r"course[ \t]completed[ \t]by|completed[ \t]by|congratulations,?|service[ \t]of|thanks|thank[ \t]you,|verify[ \t]that|"
    r"records[ \t]of[^.\n]{0,60}?show[ \t]that)[ \t:\n]{1,4}",
    re.IGNORECASE,
)
_LABELS = re.compile(
    r"(?:^|\n)[ \t]{0,4}(?:participant(?:[ \t]name)?|name(?:[ \t]of[ \t]participant)?|attendee|student(?:[ \t]name)?|"
    r"volunteer(?:[ \t]name)?|recipient|registrant|instructor|awarded[ \t]to|presented[ \t]to|member|author)"
    r"[ \t]{0,3}[:\-]?[ \t]{1,4}",
    re.IGNORECASE,
)
_SUBJECT_VERBS = re.compile(
    rf"(?:^|\n|\.[ \t])(?P<name>{NAME})(?:[ \t]\([^)\n]{{1,60}}\))?[ \t]{{1,3}}(?:has[ \t]|have[ \t]|attended|volunteered|"
    r"served|organized|completed|delivered|contributed|was[ \t]|co-instructed|personally)",
)
_DEAR = re.compile(rf"\bDear[ \t]{{1,3}}(?P<name>{NAME})[,:]")


@dataclass(frozen=True, slots=True)
class NameCandidate:
    name: str  # printed, cleaned
    span: tuple[int, int]
    confidence: float
    method: str


def clean_name(raw: str) -> str:
    raw = " ".join(raw.split()).strip(" ,.;:")
    raw = re.sub(r"^(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?[ ]+", "", raw)
    # a sentence ends inside the match ("by Peter O'Brien. It will ..."): a word of three letters or more
    # closed by a full stop ends the name (initials "A.", "Jr." and "St." do not)
    toks = raw.split(" ")
    for i, t in enumerate(toks[:-1]):
        if t.endswith(".") and len(t.rstrip(".")) >= 3 and t.lower() not in ("prof.", "mrs.", "sgt.", "hon.") \
                and toks[i + 1][:1].isupper():
            raw = " ".join(toks[: i + 1]).rstrip(".")
            break
    name, _ = split_credentials(raw)
    # "MOLINA, JOEL JR. Aug 26, 2025": a month name that follows on the same line is not a name part
    # (whole month words only: "Marcus", "Martinez", "Janet", "Octavia" are names)
    cut = re.sub(r"(?:[ ]+(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
                 r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?)+$", "", name)
    if len(cut.replace(",", " ").split()) >= 2:  # "Lee, June": a given name, not a month
        name = cut
    return name.strip(" ,;:")


def looks_like_name(s: str) -> bool:
    tokens = s.replace(",", " ").split()
    if not 2 <= len(tokens) <= 6 or len(s) > 60:
        return False
    if _NOT_NAME_WORDS.search(s.replace("De la", "").replace("de la", "")):
        lowered = [t for t in tokens if t.lower() in ("de", "la", "van", "von", "der", "da", "del", "di", "le", "du")]
        if not lowered or _NOT_NAME_WORDS.search(re.sub(r"\b(?:de|la)\b", "", s, flags=re.IGNORECASE)):
            return False
    return sum(1 for t in tokens if t[:1].isupper()) >= 2 and not any(c.isdigit() for c in s)


def _candidate(text: str, start: int, conf: float, method: str) -> NameCandidate | None:
    m = re.compile(NAME).match(text, start)
    if not m:
        return None
    raw = m.group(0)
    if len(raw.split()) > 2 and method != "salutation" and re.match(r"[ \t]*:|[ \t]+[a-z]+(?:[ \t][a-z]+){0,2}[ \t]*:", text[m.end():m.end() + 40]):
        # the word before a colon is the next cell's label ("Name: Ana Ruiz    Format: Online",
        # "Student: Ana Ruiz    Instructional hours: 30"); not a salutation's own colon ("Dear Prof. Kai M. Zielinski:",
        # which _DEAR asks for right after the name)
        raw = raw[: raw.rstrip().rfind(" ")].rstrip()
    # a credential list may follow: "Dana Whitfield, PhD, CERP"
    name = clean_name(raw)
    if not looks_like_name(name):
        return None
    begin = m.start() + raw.find(name.split()[0]) if name.split()[0] in raw else m.start()
    return NameCandidate(name, (begin, begin + len(name)), conf, method)


def _on_its_line(text: str, flat: str, start: int, conf: float, method: str) -> NameCandidate | None:
    """The name at ``start`` as printed on its line ("Dear Mateo van der Berg,\nThank you" is not
    "Mateo van der Berg, Thank"); the joined lines only when the line breaks inside the name (it
    ends on a particle, a comma or after one word)."""
    c = _candidate(text, start, conf, method)
    if c is not None:
        rest = text[c.span[1]:].split("\n", 1)[0].strip()
        raw_end = text[c.span[1]:].split("\n", 1)[0]
        last = (c.name.split()[-1] + raw_end.strip()).lower()
        initial = re.fullmatch(r"[a-zà-þ]\.?", last) is not None  # "Mr. Aisha T.\nMoreau"
        if rest and not initial or "\n" not in text[c.span[1]:] or \
                last not in ("van", "von", "der", "den", "de", "la", "da", "del") and not initial:
            return c
    return _candidate(flat, start, conf, method)


def participant_candidates(text: str) -> list[NameCandidate]:
    out: list[NameCandidate] = []
    flat = text.replace("\n", " ")
    for m in _LABELS.finditer(text):
        c = _candidate(text, m.end(), 0.93, "label")
        if c:
            out.append(c)
    for m in _LEADS.finditer(flat):
        c = _on_its_line(text, flat, m.end(), 0.9, "lead:" + " ".join(m.group(0).split()).lower())
        if c:
            out.append(c)
    for m in _SUBJECT_VERBS.finditer(text):
        c = _on_its_line(text, flat, m.start("name"), 0.85, "subject")
        if c:
            out.append(c)
    for m in _DEAR.finditer(flat):
        c = _on_its_line(text, flat, m.start("name"), 0.8, "salutation")
        if c:
            out.append(c)
    return out


def _head(token: str) -> str:
    return strip_accents(token.strip(",.;:'’")).lower()[:2]


def expected_name_windows(text: str, expected: str) -> list[NameCandidate]:
    """Printed stretches of ``text`` that read as the expected (roster) name."""
    n = len(expected.split())
    out: list[NameCandidate] = []
    # a window starts at a word that begins like a word of the expected name (cheap, before fuzzy matching)
    heads = {_head(t) for t in expected.replace(",", " ").split() if len(t.strip(".")) > 1}
    for m in re.finditer(NAME, text):
        raw = m.group(0)
        toks = raw.split()
        starts = [i for i in range(max(1, len(toks) - 1)) if _head(toks[i]) in heads]
        if not starts:
            continue
        best: tuple[float, int, int, str] | None = None
        # a word before the name may be caught with it ("Dear Mateo van der Berg"): try each start
        for first in starts:
            for size in range(2, min(len(toks) - first, n + 2) + 1):  # the roster may add a middle initial and a suffix
                cand = clean_name(" ".join(toks[first:first + size]))
                sim = name_similarity(cand, expected) if cand else 0.0
                # the closest reading wins, and of equally close ones the shortest: a word from the next
                # label or salutation ("WALSH, DANA FROM", "Mensah, Sofia To") is not part of the name
                if sim >= 0.85 and (best is None or (sim, -size, -first) > (best[0], -best[1], -best[2])):
                    best = (sim, size, first, cand)
        if best is not None and best[2] > 0 and re.fullmatch(r"(?i:de|la|del|van|von|der|den|da|di|du|le)", toks[best[2] - 1]):
            # "DE LA CRUZ, WEI": particles before the closest window belong to the surname
            first = best[2]
            while first > 0 and re.fullmatch(r"(?i:de|la|del|van|von|der|den|da|di|du|le)", toks[first - 1]):
                first -= 1
            cand = clean_name(" ".join(toks[first:best[2] + best[1]]))
            best = (best[0], best[1] + best[2] - first, first, cand)
        if best is not None:
            cand = best[3]
            begin = m.start() + len(" ".join(toks[:best[2]])) + (1 if best[2] else 0)
            begin += max(0, raw[begin - m.start():].find(cand.split()[0]))
            out.append(NameCandidate(cand, (begin, begin + len(cand)), 0.85, "roster match"))
    return out


def _surname_checked(text: str, c: NameCandidate, expected: str) -> NameCandidate:
    """A name read as the roster's first words without its surname ("Hannah Elizabeth" for "Hannah Elizabeth
    Okafor": the line broke before it, "Dear Kai M." cut at a full stop): when the surname is the next word of the
    text, the name with it, else the name as read; either a reading of its own (``"<method> surname joined"``,
    ``"<method> surname unread"``) below the line until train shows it right."""
    got, want = normalise_name(c.name).split(), normalise_name(expected).split()
    if not got or len(want) < 2 or want[-1] in got or got != want[: len(got)]:
        return c
    m = re.match(r"[ \t.,]*\n?[ \t]*(?P<w>[^\W\d_][\w'’\-]*)", text[c.span[1]:])
    if m and normalise_name(m.group("w")) == want[-1]:
        end = c.span[1] + m.end("w")
        name = clean_name(text[c.span[0]:end].replace("\n", " "))
        return NameCandidate(name, (c.span[0], c.span[0] + len(name)), min(c.confidence, 0.85),
                             renamed(c.method, " surname joined"))
    return NameCandidate(c.name, c.span, min(c.confidence, 0.8), renamed(c.method, " surname unread"))


def choose_participant(flat: str, expected: str | None) -> NameCandidate | None:
    cands = participant_candidates(flat)
    if expected:
        scored = sorted(cands, key=lambda c: (name_similarity(c.name, expected), c.confidence), reverse=True)
        if scored and name_similarity(scored[0].name, expected) >= 0.8:
            best = scored[0]
            agree = sum(1 for c in cands if name_similarity(c.name, best.name) >= 0.9)
            best = NameCandidate(best.name, best.span, min(0.98, best.confidence + 0.04 + 0.01 * agree), best.method)
            return _surname_checked(flat, best, expected)
        # on the lines as printed first (a name ends at its line); joined lines for a name wrapped across two
        windows = expected_name_windows(flat, expected) or expected_name_windows(flat.replace("\n", " "), expected)
        if windows:
            return windows[0]
    if not cands:
        return None
    # agreement between cues: the name most often found wins, then the most confident cue
    def support(c: NameCandidate) -> int:
        return sum(1 for o in cands if name_similarity(o.name, c.name) >= 0.9)

    best = max(cands, key=lambda c: (support(c), c.confidence))
    conf = best.confidence if support(best) > 1 else best.confidence - 0.1
    if expected:
        conf = min(conf, 0.8)  # printed name does not match the roster: let a person look
    return NameCandidate(best.name, best.span, conf, best.method)


# --- instructors -----------------------------------------------------------------------

_INSTRUCTOR_HEAD = re.compile(
    r"(?:^|\n)[ \t•*·\-]{0,4}(?:instructors?|instructor\(s\)|presenters?|speakers?|facilitators?|trainers?|"
    r"taught[ \t]by|led[ \t]by|lecturers?|faculty)[ \t]{0,3}(?::|-|–)?[ \t]{0,3}(?P<rest>[^\n]*)",
    re.IGNORECASE,
)
_BULLET = re.compile(r"^[ \t]*(?:\(cid:\d+\)|[•*·\-–])[ \t]*(?P<item>.+)$")
_PROFESSIONAL_CERTS = {"CERP", "CERPIT", "PE", "PWS", "CPESC", "CWB", "CSE", "AICP", "PG", "CF", "CPSS", "CNRP",
                       "PEng", "RPF", "CPG", "PLA", "RLA"}
_ACADEMIC = re.compile(r"\b(?:university|college|universidad|universit[eé]|polytechnic|school[ \t]of)\b", re.IGNORECASE)


def qualification(credentials: tuple[str, ...], affiliation: str | None) -> tuple[bool | None, str | None]:
    keys = {c.replace(".", "").replace(" ", "").upper() for c in credentials}
    if "CERP" in keys:
        return True, "SER-certified (CERP)"
    certs = sorted(k for k in keys if k.upper() in {p.upper() for p in _PROFESSIONAL_CERTS})
    if certs:
        return True, f"certified ({', '.join(certs)})"
    if affiliation and _ACADEMIC.search(affiliation):
        return True, "employed at a college or university"
    return None, None


def parse_instructor(item: str, confidence: float) -> InstructorInfo | None:
    item = item.strip(" ;.")
    aff = None
    m = re.search(r"\(([^()]{2,80})\)\s*$", item)
    if m:
        aff = m.group(1).strip()
        item = item[: m.start()].strip(" ,")
    name, creds = split_credentials(item)
    name = clean_name(name)
    if not looks_like_name(name):
        return None
    qualified, basis = qualification(tuple(creds), aff)
    return InstructorInfo(name, tuple(creds), aff, qualified, basis, confidence)


def find_instructors(text: str) -> list[InstructorInfo]:
    out: list[InstructorInfo] = []
    lines = text.split("\n")
    for m in _INSTRUCTOR_HEAD.finditer(text):
        rest = m.group("rest").strip()
        items: list[str] = []
        if rest:
            items = [p for p in re.split(r";|[ \t]and[ \t](?=[A-Z])", rest) if p.strip()]
        else:
            # a heading followed by bulleted lines
            line_no = text.count("\n", 0, m.end())
            for ln in lines[line_no + 1 : line_no + 8]:
                b = _BULLET.match(ln)
                if not b:
                    break
                items.append(b.group("item"))
        for it in items:
            info = parse_instructor(it, 0.85)
            if info and all(name_similarity(info.name, o.name) < 0.9 for o in out):
                out.append(info)
    return out


_ROLE_WORDS = re.compile(
    r"^(?:[A-Z][\w&\-]*[ \t]){0,4}(?:President|Director|Chair|Chairperson|Secretary|Treasurer|Manager|Coordinator|"
    r"Editor(?:-in-Chief)?|Registrar|Dean|Officer|Head|Lead|Administrator|Organi[sz]er|Team|Steward|Executive|CEO|"
    r"Founder|Co-Founder|Supervisor|Leader|Advis[oe]r|Principal|Trustee|Specialist|Superintendent|Commissioner|"
    r"Liaison|Convenor|Convener|Captain|Ranger|Curator|Ecologist|Scientist|Planner|Facilitator|Chairman|Chairwoman)"
    r"(?:[ \t](?:of|for)[ \t][\w \-]{2,40})?$"
)


def find_signer_role(text: str) -> tuple[str, int] | None:
    """The role printed under the last signature (a short line of role words)."""
    lines = text.split("\n")
    pos = len(text)
    for ln in reversed(lines):
        pos -= len(ln) + 1
        s = ln.strip()
        if s and len(s) <= 60 and _ROLE_WORDS.match(s):
            return s, pos + 1 + ln.find(s)
    return None
