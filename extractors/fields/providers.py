"""Provider: the sponsor, institution or publisher (labels, "offered/issued by ...",
letterhead, "of the ...")."""

from __future__ import annotations

import re

from .common import _BOILER, _ORG_WORDS, Found, _kv
from .layout import Layout, pairs

_PROVIDER_LABELS = (r"sponsor(?:ing[ \t]organi[sz]ation)?|provider|organi[sz]ation|offered[ \t]by|institution|"
                    r"issued[ \t]by|hosted[ \t]by|organi[sz]er|publisher|journal")
_BY_ORG = re.compile(
    r"\b(?i:offered|presented|issued|provided|hosted|organi[sz]ed|sponsored|published|accepted|granted|awarded|"
    r"delivered|conducted|run|certified)[ \t](?i:by)[ \t]{1,3}"
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
                                r"participant|student|approval|location)\b", re.IGNORECASE)
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


def _chapter_tail(flat: str, end: int) -> int:
    """"Society for Ecological Restoration, Midwest-Great Lakes Chapter": keep a unit after the comma."""
    m = re.match(r",[ \t]+(?:[A-Z][\w'’\-]*[ \t]){0,4}(?:Chapter|Branch|Section|Region|Division|Office)\b", flat[end:])
    return end + m.end() if m else end


def _mentions(flat: str, value: str) -> int:
    return len(re.findall(re.escape(value), flat, re.IGNORECASE)) if value else 0


def _letterhead(layout: Layout) -> tuple[str, tuple[int, int], bool] | None:
    """The first line of page 1 when it reads as a name (no digits, not boilerplate, not a date)."""
    for ln in layout.lines[:2]:
        s = ln.text.strip()
        if ln.page != 1 or not 4 <= len(s) <= 90 or re.search(r"\d|@|www\.|:", s) or _BOILER.match(s):
            continue
        if re.match(r"(?:certificate|this|dear|presented|awarded|congratulations)\b", s, re.IGNORECASE):
            continue
        nxt = layout.lines[ln.index + 1] if ln.index + 1 < len(layout.lines) else None
        if nxt is not None and nxt.page == ln.page and abs(nxt.height - ln.height) <= 0.8 and \
                re.fullmatch(r"(?:[A-Z][\w'’\-]*[ \t]){0,3}(?i:chapter|branch|section|region|division)", nxt.text.strip()):
            # a name wrapped before its unit ("SOCIETY FOR ECOLOGICAL RESTORATION, MIDWEST-GREAT LAKES\nCHAPTER")
            s = f"{s} {nxt.text.strip()}"
            return s, (ln.start, nxt.start + len(nxt.text)), True
        return s, (ln.start, ln.start + len(ln.text)), bool(_ORG_WORDS.search(s))
    return None


def find_provider(layout: Layout, flat: str) -> Found | None:
    one = flat.replace("\n", " ")
    for p in pairs(layout):
        if _PROVIDER_PAIR.search(p.label) and not _NOT_PROVIDER_PAIR.search(p.label) and len(p.label.split()) <= 7:
            v, sp = _trim_org(p.value, p.span)
            if len(v) >= 3:
                return Found(v, sp, 0.9, "label")
    m = _kv(layout.text, _PROVIDER_LABELS)
    if m:
        v, sp = _trim_org(m.group("v"), m.span("v"))
        return Found(v, sp, 0.9, "label")
    head = _letterhead(layout)
    for rx, method in ((_BY_ORG, "by phrase"), (_WITH_ORG, "partner phrase")):
        # on the text with its line breaks: a name ends at its line (the signature below is not part of it);
        # a wrapped name ("... by the Society for\nEcological Restoration") is joined when the line ends mid-phrase
        m = rx.search(flat)
        if not m:
            continue
        start, end = m.start("o"), m.end("o")
        if flat[end:end + 1] == "\n":
            m2 = rx.search(one, m.start())  # a wrapped name: allow one line break, never two
            if m2 and m2.start("o") == start:
                nl2 = flat.find("\n", end + 1)
                end2 = min(m2.end("o"), nl2 if nl2 >= 0 else len(flat))
                # join only a name cut mid-phrase, whose organization word is on the next line, or whose
                # phrase ends inside the next line (prose wrap; a signature block runs on to its end)
                if re.search(r"\b(?:for|of|and|&|the|de|du|la)$", m.group("o")) or _ORG_WORDS.search(flat[end:end2]) \
                        or (nl2 < 0 or m2.end("o") < nl2) and not re.search(r"\d", flat[end:end2]):
                    end = end2
            if end == m.end("o"):
                cut = re.search(r"[ \t](?:in|on|at|from|held|and)$", m.group("o"))
                if cut:
                    end = start + cut.start()
        end = _chapter_tail(one, end)
        v, sp = _trim_org(one[start:end], (start, end))
        if len(v.split()) > 9:
            continue
        agree = head is not None and head[0].lower() == v.lower()
        if _ORG_WORDS.search(v) or agree:
            return Found(v, sp, 0.9 if agree else 0.85, method)
        # a capitalized name after "issued by" with no organization word: could be a person
        return Found(v, sp, 0.72, method)
    if head is not None:
        s, span, orgish = head
        n = _mentions(one, s)
        if orgish or n > 1:
            return Found(s, span, 0.85 if (orgish and n > 1) else 0.8, "letterhead")
    # letterhead: an organization-like line near the top of page 1
    for ln in layout.lines[:3]:
        s = ln.text.strip()
        if 4 <= len(s) <= 90 and _ORG_WORDS.search(s) and not re.search(r"\d", s) and not _BOILER.match(s):
            return Found(s, (ln.start, ln.start + len(ln.text)), 0.78, "letterhead")
    m = _OF_ORG.search(flat)
    if m and _ORG_WORDS.search(m.group("o")):
        return Found(m.group("o").strip(), m.span("o"), 0.7, "of phrase")
    if head is not None and layout.lines and layout.lines[0].height >= layout.body_height:
        return Found(head[0], head[1], 0.6, "first line")
    return None
