"""Numbers as printed on evidence: 6.5, 6,5, 5 1/2, 5½, "six", "one and a half", "twenty-four"."""

from __future__ import annotations

import re

from cecintake.errors import ParseError

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "a": 1, "an": 1,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "one-half": 0.5, "one half": 0.5,
                   "one-quarter": 0.25, "one quarter": 0.25,
                   "three quarters": 0.75, "three-quarters": 0.75, "three quarter": 0.75}
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}

_UNIT_WORDS = "|".join(sorted((k for k in _UNITS if k not in ("a", "an")), key=len, reverse=True))
_TEN_WORDS = "|".join(_TENS)
_FRAC = r"(?:half|quarter|one[- ]half|one[- ]quarter|three[- ]quarters?)"

WORD_NUMBER = (
    rf"(?:(?:(?:{_TEN_WORDS})(?:[- ](?:{_UNIT_WORDS}))?|{_UNIT_WORDS}|an?)"
    rf"(?:(?:[ \t]{{1,3}}and[ \t]{{1,3}}(?:a[ \t]{{1,3}})?|-and-(?:a-)?){_FRAC})?"
    rf"|(?:a[ \t]{{1,3}})?half(?:[ \t]{{1,3}}an?)?)"
)
DIGIT_NUMBER = (
    r"(?:\d{1,4}(?:[.,]\d{1,3})?(?:[ \t]{0,2}[½¼¾⅓⅔⅛]|[ \t]{1,2}[1-7]/(?:2|3|4|8))?"
    r"|\.\d{1,3}|[½¼¾⅓⅔⅛]|[1-7]/(?:2|3|4|8))"
)
NUMBER = rf"(?:{DIGIT_NUMBER}|\b{WORD_NUMBER})"

_FRACTION_RE = re.compile(r"^(?:(\d{1,4})[ \t]{1,2})?([1-7])/(2|3|4|8)$")


def parse_number(text: str) -> float:
    """A printed number as a float; ``ParseError`` when it is not one."""
    s = " ".join(text.strip().lower().split())
    if not s:
        raise ParseError("empty number")
    if s in _VULGAR:
        return _VULGAR[s]
    if s[-1] in _VULGAR:
        head = s[:-1].strip()
        return (parse_number(head) if head else 0.0) + _VULGAR[s[-1]]
    m = _FRACTION_RE.match(s)
    if m:
        whole = float(m.group(1)) if m.group(1) else 0.0
        return whole + int(m.group(2)) / int(m.group(3))
    if re.fullmatch(r"\d{1,4}(?:[.,]\d{1,3})?|\.\d{1,3}", s):
        if "," in s:
            whole, frac = s.split(",")
            if len(frac) == 3:  # thousands separator: 1,000
                return float(whole + frac)
            s = f"{whole}.{frac}"
        return float(s)
    return _parse_words(s)


def _parse_words(s: str) -> float:
    if s in ("half", "a half", "half a", "half an"):
        return 0.5
    frac = 0.0
    s = re.sub(r"-and-(?:a-)?", lambda m: " and a " if m.group().endswith("a-") else " and ", s)  # "two-and-a-half"
    m = re.match(r"^(.*?)\s+and\s+(?:a\s+)?(.+)$", s)
    if m:
        if m.group(2) not in _FRACTION_WORDS:
            raise ParseError(f"not a number: {s!r}")
        frac = _FRACTION_WORDS[m.group(2)]
        s = m.group(1)
    parts = re.split(r"[- ]", s)
    if len(parts) == 1 and parts[0] in _UNITS:
        return _UNITS[parts[0]] + frac
    if len(parts) == 1 and parts[0] in _TENS:
        return _TENS[parts[0]] + frac
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _UNITS and _UNITS[parts[1]] < 10:
        return _TENS[parts[0]] + _UNITS[parts[1]] + frac
    raise ParseError(f"not a number: {s!r}")
