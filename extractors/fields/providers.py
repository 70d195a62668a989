"""Provider: the sponsor, institution or publisher (labels, "offered/issued by ...",
letterhead, "of the ...")."""

from __future__ import annotations

import re

from .common import _BOILER, _ORG_WORDS, Found, _kv
from .layout import Layout

_PROVIDER_LABELS = (r"sponsor(?:ing[ \t]organi[sz]ation)?|provider|organi[sz]ation|offered[ \t]by|institution|"
                    r"issued[ \t]by|hosted[ \t]by|organi[sz]er|publisher|journal")
_BY_ORG = re.compile(
    r"\b(?:offered|presented|issued|provided|hosted|organi[sz]ed|sponsored|published|accepted)[ \t]by[ \t]{1,3}"
    r"(?:the[ \t])?(?P<o>[A-Z][^,.;:()\n]{2,80}?)(?=[,.;:()]|[ \t]on(?:[ \t]|$)|[ \t]in[ \t]|\n|$)"
)
_OF_ORG = re.compile(
    r"\b(?:on[ \t]behalf[ \t]of|records[ \t]of|of[ \t]the|with|to|submitted[ \t]to|published[ \t]in|"
    r"at)[ \t]{1,3}(?:the[ \t])?(?P<o>[A-Z][^,.;:()\n]{2,80}?)(?=[,.;:()]|[ \t]on[ \t]|[ \t]has[ \t]|[ \t]show|\n|$)"
)

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

