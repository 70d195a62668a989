"""SER approval codes: "SER-PA-2024-0137", "Approval code: SER 2024-137", "CEC approval #2024-0137".

OCR often reads 0 as O and 1 as I or l in the numeric part; such characters are corrected
there (never in the letters) and the confidence lowered.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cecintake.errors import ParseError

MAX_TEXT = 2_000_000
_DIGITISH = "0-9OoIlSB|"
_OCR_FIX = str.maketrans({"O": "0", "o": "0", "I": "1", "l": "1", "|": "1", "S": "5", "B": "8"})

_SER_RE = re.compile(
    rf"(?<![A-Za-z0-9])(?P<code>SER[ \t]?[-–][ \t]?(?:(?P<prog>[A-Z]{{2,4}})[ \t]?[-–][ \t]?)?"
    rf"(?P<year>(?:2|Z)[{_DIGITISH}]{{3}})[ \t]?[-–][ \t]?(?P<num>[{_DIGITISH}]{{2,5}})"
    rf"|SER[ \t](?:(?P<prog2>[A-Z]{{2,4}})[ \t])?(?P<year2>(?:2|Z)[{_DIGITISH}]{{3}})[ \t]?[-–][ \t]?(?P<num2>[{_DIGITISH}]{{2,5}}))"
    r"(?![A-Za-z0-9])"
)
_LABEL_RE = re.compile(
    r"(?:(?:SER|CEC)[ \t]{1,3})?(?:approval|approved)[ \t]{1,3}(?:code|no\.?|number|#|id)?[ \t]{0,3}(?:#|no\.?)?"
    r"[ \t]{0,3}[:#]?[ \t]{0,3}(?P<code>[A-Z0-9][A-Z0-9Ol|]{0,5}(?:[ \t]?[-–][ \t]?[A-Z0-9Ol|]{1,6}){0,4})(?![A-Za-z0-9])",
    re.IGNORECASE,
)


_SPLIT_TAIL = re.compile(rf"[ \t]([{_DIGITISH}]{{2}})(?![A-Za-z0-9])")


@dataclass(frozen=True, slots=True)
class ApprovalCodeMention:
    code: str  # as printed, with OCR confusions in its numeric parts corrected
    raw: str  # exactly as printed
    span: tuple[int, int]
    confidence: float
    corrected: bool = False
    labelled: bool = False


def _fix_numeric(part: str) -> str:
    return part.translate(_OCR_FIX)


def _normalise(raw: str) -> tuple[str, bool]:
    """Correct OCR confusions in the digit groups only (letters of the prefix stay)."""
    pieces = re.split(r"([ \t]?[-–][ \t]?|[ \t])", raw)
    out = []
    for i, piece in enumerate(pieces):
        if i % 2 == 1 or not piece:
            out.append(piece)
            continue
        digits = sum(c.isdigit() for c in piece)
        if digits and digits >= len(piece) / 2:
            out.append(_fix_numeric(piece))
        else:
            out.append(piece)
    fixed = "".join(out).replace("–", "-")
    return fixed, fixed != raw.replace("–", "-")


def find_approval_codes(text: str) -> list[ApprovalCodeMention]:
    if not isinstance(text, str):
        raise ParseError(f"expected text, got {type(text).__name__}")
    text = text[:MAX_TEXT]
    found: list[ApprovalCodeMention] = []
    for m in _SER_RE.finditer(text):
        raw = m.group("code")
        span = m.span("code")
        code, corrected = _normalise(raw)
        num = m["num"] or m["num2"] or ""
        split = _SPLIT_TAIL.match(text, m.end())
        if split and len(num) == 2:
            # OCR broke the four-digit number in two ("SER-PA-2020- 01 18"): join, trust it less
            raw = text[span[0] : split.end()]
            code, _ = _normalise(raw[: -len(split.group(0))] + split.group(1))
            code = re.sub(r"[ \t]", "", code)
            span, corrected = (span[0], split.end()), True
        year = int(re.sub(r"\D", "0", (m["year"] or m["year2"]).translate(_OCR_FIX)))
        if not 2000 <= year <= 2099:
            continue
        labelled = bool(re.search(r"approv|code|CEC", text[max(0, m.start() - 30) : m.start()], re.IGNORECASE))
        conf = (0.97 if labelled else 0.93) - (0.2 if corrected else 0.0)
        found.append(ApprovalCodeMention(code, raw, span, conf, corrected, labelled))
    for m in _LABEL_RE.finditer(text):
        span = m.span("code")
        if any(f.span[0] <= span[0] < f.span[1] or span[0] <= f.span[0] < span[1] for f in found):
            continue
        raw = m.group("code")
        if not re.search(r"\d", raw) or len(re.sub(r"\W", "", raw)) < 4:
            continue
        code, corrected = _normalise(raw)
        found.append(ApprovalCodeMention(code, raw, span, 0.85 - (0.2 if corrected else 0.0), corrected, True))
    found.sort(key=lambda f: f.span)
    return found


def parse_approval_code(text: str) -> ApprovalCodeMention:
    found = find_approval_codes(text)
    if not found:
        raise ParseError(f"no approval code in {text[:60]!r}")
    return found[0]
