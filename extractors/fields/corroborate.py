"""Corroboration: a value one reading of a document found, checked against the other readings of the
same document that name the same thing.

The provider is read by the first reading that finds one (a label, a by-phrase, a letterhead, a
footer, ...; ``providers.find_provider``). Another reading of the same document may name another
organisation in the provider's place: a second label ("Host:", "Sponsored by:"), an "offered /
presented / hosted by" or "on behalf of" phrase, the organisation printed under the signatures or
a letterhead that reads as an organisation. When one of them names an organisation that is not the
provider found (allowing for OCR noise, an acronym for its name, a name cut short), the document
contradicts itself and the value must not be auto-accepted: it is re-read as a reading of its own,
method ``"<method> contradicted"`` (priced apart by the calibration, so it stays below the 0.9 line
until train shows it right often enough), at most ``CONTRADICTED``. Readings that agree leave the
value as it was.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import lru_cache

from ..text.names import spelling_differs
from .calibrate import calibrated
from .common import Found, renamed
from .layout import Layout, pairs

CONTRADICTED = 0.85
HIGH = 0.9  # the auto-accept line
LOW = 0.85  # the calibration's ``lo`` band (never lifted to the line)
SUFFIX = " contradicted"

# what a by-phrase or an "on behalf of" needs (a cheap look before reading the phrases)
_BY_OR_BEHALF = re.compile(r"(?i)[ \t]by[ \t]|behalf[ \t]of")
_LEGAL = re.compile(r"\b(?:inc|ltd|llc|llp|corp|co|plc|gmbh|the)\b")
_JOIN = {"of", "for", "and", "the", "de", "del", "la", "du", "des", "y", "on", "in", "at"}


@lru_cache(maxsize=512)
def _norm(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower().replace("&", " and ")
    s = re.sub(r"['’]s\b", "", s)
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return " ".join(_LEGAL.sub(" ", s).split())


def _initials(s: str) -> str:
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w'’\-]*", s) if w.lower() not in _JOIN).lower()


def _acronym_in(acro: str, words: list[str]) -> bool:
    """``acro`` ("ser") is the initials of a run of ``words`` ("society for ecological restoration ...")."""
    sig = [(i, w) for i, w in enumerate(words) if w not in _JOIN]
    heads = "".join(w[0] for _, w in sig)
    return len(acro) >= 2 and acro in heads


def _expand(tokens: list[str], other: list[str]) -> list[str]:
    """``tokens`` with an acronym of words of ``other`` replaced by those words ("ser mid atlantic chapter"
    beside "society for ecological restoration mid atlantic chapter")."""
    sig = [w for w in other if w not in _JOIN]
    heads = "".join(w[0] for w in sig)
    out: list[str] = []
    for t in tokens:
        k = heads.find(t) if len(t) >= 2 and t.isalpha() and t not in sig else -1
        out += sig[k:k + len(t)] if k >= 0 else [t]
    return out


def _token_in(t: str, words: list[str]) -> bool:
    return t in words or any(len(t) >= 4 and SequenceMatcher(None, t, w).ratio() >= 0.8 for w in words)


def orgs_agree(a: str, b: str) -> bool:
    """Two printed names of an organisation name the same one: the same words give or take OCR noise, an
    acronym for its words ("SER" and "Society for Ecological Restoration"), or one name inside the other
    (a name cut short, a chapter's parent named with it)."""
    na, nb = _norm(a), _norm(b)
    if not na or not nb:
        return True  # nothing to contradict with
    if na == nb or SequenceMatcher(None, na, nb).ratio() >= 0.85:
        return True
    ta, tb = na.split(), nb.split()
    if len(ta) == 1 and _acronym_in(ta[0], tb) or len(tb) == 1 and _acronym_in(tb[0], ta):
        return True
    if _initials(a) and (_initials(a) == _norm(b).replace(" ", "") or _initials(b) == _norm(a).replace(" ", "")):
        return True
    for short, long_ in ((_expand(ta, tb), tb), (_expand(tb, ta), ta)):
        sig = [w for w in short if w not in _JOIN]
        if sig and all(_token_in(w, long_) for w in sig):
            return True
    return False


def provider_readings(layout: Layout, flat: str, *, skip: str = "") -> Iterator[tuple[str, str]]:
    """(name, reading) of each organisation the document names in the provider's place, the cheaper readings
    first; ``skip``: a reading not to make again (the one that found the value: it agrees with itself)."""
    from . import providers as pv

    for p in pairs(layout):
        if pv._PROVIDER_PAIR.search(p.label) and not pv._NOT_PROVIDER_PAIR.search(p.label) and \
                len(p.label.split()) <= 7 and not pv._LABEL_WORDS.search(p.value):
            v = p.value.strip(" .;,")
            if len(v) >= 3:
                yield v, "label"
    one = flat.replace("\n", " ")
    for f, primary in (pv._phrases(flat, one, []) if _BY_OR_BEHALF.search(one) else ()):
        if primary and f.confidence >= 0.85:  # named outright, with an organisation word
            yield f.value, f.method
    if skip != "footer":
        foot = pv._trailer(layout, flat)
        if foot is not None and foot.method in ("footer", "footer contact", "signature") and \
                pv._ORG_WORDS.search(foot.value):
            yield foot.value, foot.method
    if skip != "letterhead":
        head = pv._letterhead(layout)
        if head is not None and head[2]:
            yield head[0], "letterhead"


def corroborated_provider(layout: Layout, flat: str, found: Found | None) -> Found | None:
    """``found`` as it is when no other reading names another organisation as the provider; else re-read
    as ``"<method> contradicted"`` at most ``CONTRADICTED``."""
    if found is None or not isinstance(found.value, str):
        return found
    cut = _cut_short(layout, flat, found)
    if cut is not None:
        return cut
    if found.confidence < LOW or calibrated("provider", found.method, found.confidence) < HIGH:
        return found  # it does not reach the line as it is: nothing to hold back (and no reading made for it)
    skip = "letterhead" if found.method == "letterhead" else "footer" if found.method in ("footer", "footer contact") \
        else ""
    if all(orgs_agree(found.value, v) for v, _ in provider_readings(layout, flat, skip=skip)):
        return found
    return replace(found, confidence=min(found.confidence, CONTRADICTED), method=renamed(found.method, SUFFIX))


CUT_SHORT = " cut short"
_LONE_LETTER = re.compile(r"[ \t][A-Z]$")


def _cut_short(layout: Layout, flat: str, found: Found) -> Found | None:
    """The provider read as a name cut off inside a word: the same letters go on into a word elsewhere in the text
    ("Great Basin N" over an OCR line break, "Great Basin Native Plant Collaborative field station" further down),
    or the name ends in one capital letter. The longer name printed elsewhere when there is one, else the value,
    as a reading of its own (``"<method> cut short"``) at most ``CONTRADICTED``; None when the value is whole."""
    from .orgnames import org_at

    v = found.value
    lone = bool(_LONE_LETTER.search(v))
    longer = None
    if len(v) >= 4:
        for m in re.finditer(re.escape(v) + r"(?=[a-z])", flat):
            named = org_at(layout, m.start()) or _capitalised_run(flat, m.start())
            if named is not None and named[0].startswith(v) and len(named[0]) > len(v):
                longer = named
                break
            lone = True
    if longer is not None:
        return Found(longer[0], longer[1], min(found.confidence, CONTRADICTED), renamed(found.method, CUT_SHORT))
    if lone:
        return replace(found, confidence=min(found.confidence, CONTRADICTED), method=renamed(found.method, CUT_SHORT))
    return None


_RUN = re.compile(r"[\w'’&.\-]*(?:[ \t](?:[A-Z][\w'’&.\-]*|of|for|the|and|&|de|del|la|y))*")


def _capitalised_run(flat: str, at: int) -> tuple[str, tuple[int, int]] | None:
    """The capitalised words (and the words that join them) from ``at`` on, on one line: a name inside a line
    that starts with other words ("Location Great Basin Native Plant Collaborative field station")."""
    m = _RUN.match(flat, at)
    v = re.sub(r"(?:[ \t](?:of|for|the|and|&|de|del|la|y))+$", "", m.group(0)).rstrip(" .") if m else ""
    return (v, (at, at + len(v))) if v else None


SPELT_UNLIKE = " spelt unlike roster"


def corroborated_name(found: Found | None, expected: str | None, *, ocr: bool) -> Found | None:
    """The participant's name read by OCR with a word spelt near, but not as, the roster's ("Lovland" for
    "Løvland", "WEIL" for "Wei"; ``names.spelling_differs``): the roster, a second reading of the name,
    says a letter was likely misread, a reading of its own (``"<method> spelt unlike roster"``) at most
    ``CONTRADICTED``. On a text layer the letters are the document's own: left as they are."""
    if found is None or not ocr or not expected or not isinstance(found.value, str) or \
            not spelling_differs(found.value, expected):
        return found
    return replace(found, confidence=min(found.confidence, CONTRADICTED), method=renamed(found.method, SPELT_UNLIKE))
