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
_ORG_WORDS = re.compile(
    r"\b(?:society|association|university|college|institute|network|alliance|center|centre|council|service|"
    r"department|foundation|trust|collaborative|conservancy|agency|chapter|press|journal|letters|quarterly|"
    r"forum|symposium|inc|llc|ltd|corporation|company|academy|program|commission|district|club|league|"
    r"partnership|coalition|group|federation|school|SER|practice|science|publishers|instituto|universidad|"
    r"fundaci[oó]n|centro|soci[eé]t[eé]|verein|stiftung|universit[eéà]|istituto|skills)\b",
    re.IGNORECASE,
)

_kv = kv
