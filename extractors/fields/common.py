"""What every field finder shares: ``Found`` (value, span in the text, base confidence,
method), labelled values ``kv``, and the organization/boilerplate vocabularies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

@dataclass(frozen=True, slots=True)
class Found:
    value: Any
    span: tuple[int, int]
    confidence: float
    method: str


def kv(flat: str, labels: str) -> re.Match[str] | None:
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


_BOILER = re.compile(
    r"^(?:certificate|confirmation|verification|record|letter|continuing|professional|grade|academic|"
    r"conference[ \t]attendance|volunteer[ \t]service|re:|to:|from:|date|subject|page\b)",
    re.IGNORECASE,
)
# one vocabulary of organisation head nouns ("... Society", "... Trust", "... Ltd"): the name finder
# (``orgnames``) builds names around them; ``_ORG_WORDS`` adds words that mark a line as an
# organisation's or an event's without heading a name themselves (Forum, Program, Group, Science;
# Service(s), which also names an activity: "Certificate of Volunteer Service")
ORG_HEADS = (r"society|association|university|universidad|universit[eéà]|college|institute|instituto|istituto|"
             r"network|alliance|center|centre|centro|council|department|foundation|fundaci[oó]n|stiftung|verein|"
             r"soci[eé]t[eé]|trust|collaborative|collective|cooperative|consortium|conservancy|agency|chapter|press|"
             r"journal|letters|quarterly|inc|llc|ltd|corporation|company|academy|commission|district|club|league|"
             r"partnership|coalition|federation|school|publishers|SER|skills|authority|bureau|ministry|board|"
             r"museum|garden|gardens|laboratory|lab|corps|project|partners|guild|associates")
_ORG_WORDS = re.compile(rf"\b(?:{ORG_HEADS}|service|services|forum|symposium|program|group|practice|science)\b", re.IGNORECASE)

_kv = kv

# a token with no letter or digit ("|", "_", "—", "©", "@)") at either end of a value is a rule,
# a border or a speck read by OCR, not part of a title or a name
def _junk(token: str) -> bool:
    return not any(ch.isalnum() for ch in token) and not any(ch in "\"“”'‘’" for ch in token)


def trim_edges(value: str, *, ocr: bool = False) -> str:
    """Drop junk tokens at the ends of a text value; an unbalanced closing bracket at the end goes
    too ("Soil Reclamation )"). On OCR text a word broken at a hyphen is joined ("Midwest- Great")."""
    tokens = value.split(" ")
    while len(tokens) > 1 and _junk(tokens[0]):
        tokens.pop(0)
    while len(tokens) > 1 and _junk(tokens[-1]):
        tokens.pop()
    v = " ".join(tokens)
    if v.endswith((")", "]")) and v.count("(") + v.count("[") < v.count(")") + v.count("]"):
        v = v[:-1].rstrip()
    if ocr:
        v = re.sub(r"(?<=[a-z])- (?=[A-Z])", "-", v)
    return v if re.search(r"[^\W\d_]{2}", v) else value


def _list_item(line: str) -> bool:
    """A line that runs to a number or date with no prose before it: a list's item ("Spring Field Tour,
    2022-09-05"), where a title's part goes on in prose to its date ("Substrates and Seeding, held
    2022-11-14 in Tucson", "Strategies That Work on Jan. 24, 2025")."""
    d = re.search(r"\d", line.split("\n", 1)[0])
    return d is not None and not re.search(r"\b(?:on|held|from|during|between|dated)[ \t]+(?:the[ \t]+)?"
                                           r"(?:[A-Z][a-z]+\.?[ \t]+)?$", line[:d.start()])


_HEADER_LINE = re.compile(r"[ \t]*(?i:re|subject|from|to|cc|date|reference|ref|our[ \t]ref|your[ \t]ref)[ \t]*:")
_SALUTATION = re.compile(r"[ \t]*(?:Dear\b|To[ \t]whom\b|Hello\b|Good[ \t](?:morning|afternoon)\b)")


def prose_joined(text: str) -> str:
    """``text`` with the line breaks inside running prose made spaces (same length, same offsets):
    a break after a line of six words or more that does not end a sentence or a label. A name
    wrapped in a sentence ("attended the 2023 Coastal Resilience\nSummit, which ...") reads whole,
    while headings and label rows keep their breaks."""
    out = list(text)
    pos = 0
    for line in text.split("\n")[:-1]:
        pos += len(line)
        s = line.rstrip()
        words = s.split()
        # prose, not a title-case heading: several words in lower case ("2025 World Conference on
        # Ecological Restoration" above its dates is a heading)
        prose = len(words) >= 6 and sum(w[:1].islower() for w in words) >= 3
        # (a letter's header line, "Subject: Your attendance at ...", and the salutation under it are apart)
        if prose and (_HEADER_LINE.match(s) or _SALUTATION.match(text, pos + 1)):
            prose = False
        if prose and not s.endswith((".", ":", ";", "!", "?")):
            out[pos] = " "
        elif prose and s.endswith(":") and words[-1][:1].isupper() and words[-2][:1].isupper() and \
                re.match(r"[ \t]*[A-Z][a-z]+[ \t][A-Za-z]", text[pos + 1:pos + 40]) and \
                not _list_item(text[pos + 1:pos + 60]):
            # a title's colon at the end of a prose line ("completed the course Wetland Delineation:\nField
            # Methods and Practice, offered by ..."), not a list's or a label's colon
            out[pos] = " "
        pos += 1
    return "".join(out)


def renamed(method: str, suffix: str) -> str:
    """``method`` as a reading of its own: ``suffix`` on the finder's name, before any ":detail" (the
    calibration and the OCR gate key a finder by what comes before the colon)."""
    head, colon, rest = method.partition(":")
    return f"{head}{suffix}{colon}{rest}"
