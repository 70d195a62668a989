"""The text layer's glyphs, lean.

pdfplumber's ``Page.chars`` turns every pdfminer ``LTChar`` into a dict of some
twenty resolved attributes (colours, colour spaces, graphics state, marked
content, matrix). Reading needs six of them, and building the rest was 40 % of
the time of reading a typical certificate. ``page_chars`` walks the same layout
that pdfplumber's interpreter produced (``page.layout``: same fonts, same
/Rotate and MediaBox handling, same errors wrapped in ``PdfminerException``)
and keeps only what ``pdfplumber.utils.text.extract_words`` and the reader use:
``text``, ``x0``, ``x1``, ``top``, ``bottom``, ``doctop``, ``upright``, ``size``,
with pdfplumber's own coordinate conventions (a test compares the two on real
and generated PDFs), and one of its own, ``slanted`` (see ``_slanted``).
"""

from __future__ import annotations

from collections.abc import Iterator

import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTItem


def page_chars(page: pdfplumber.page.Page) -> list[dict]:
    """The page's glyphs as pdfplumber would give them, with only the keys reading uses."""
    mb_x0, mb_top = float(page.mediabox[0]), float(page.mediabox[1])
    height = float(page.height)
    doctop0 = float(page.initial_doctop)
    norm = page.pdf.unicode_norm
    out: list[dict] = []
    append = out.append
    for obj in _iter_chars(page.layout._objs):
        text = obj.get_text()
        if norm is not None:
            from pdfplumber.utils.text import normalize_unicode  # noqa: PLC0415 - rare

            text = normalize_unicode(norm, text)
        top = (height - obj.y1) + mb_top
        append({
            "text": text,
            "x0": obj.x0 + mb_x0,
            "x1": obj.x1 + mb_x0,
            "top": top,
            "bottom": (height - obj.y0) + mb_top,
            "doctop": doctop0 + top,
            "upright": obj.upright,
            "size": obj.size,
            "slanted": bool(obj.matrix[1]) and _slanted(obj.matrix),  # a level glyph (nearly all) stops at b == 0
        })
    return out


_TAN_10 = 0.1763  # tan(10 degrees)


def _slanted(matrix: tuple) -> bool:
    """Set at a steep angle, between 10 and 80 degrees off level or upright: a watermark or a
    stamp across the page, not a line of the text. A glyph turned 90 degrees is a vertical line
    of its own, a sheared (italic) one keeps its baseline level (``b`` is 0), and the text layer
    of a slightly skewed scan (a few degrees) is read as lines as before."""
    a, b = matrix[0], matrix[1]
    if not b:
        return False  # level: upright, italic, or mirrored
    return abs(b) > _TAN_10 * abs(a) and abs(a) > _TAN_10 * abs(b)


def _iter_chars(objs: list[LTItem]) -> Iterator[LTChar]:
    """Glyphs in pdfplumber's order (depth first, containers' children in place)."""
    for obj in objs:
        if isinstance(obj, LTChar):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from _iter_chars(obj._objs)
