"""The text layer's glyphs, lean.

pdfplumber's ``Page.chars`` comes from ``Page.layout``: pdfminer's interpreter drives a
layout device that builds an ``LTChar`` object for every glyph (and an object for every
path and image), and pdfplumber then turns each glyph into a dict of some twenty resolved
attributes (colours, colour spaces, graphics state, marked content, matrix). Reading needs
eight of them. ``page_chars`` runs the same interpreter over the same page (pdfplumber's
resource manager and page object: same fonts, same /Rotate and MediaBox handling, errors
wrapped in ``PdfminerException`` as pdfplumber wraps them) with a device of its own,
``_GlyphRecorder``, which works out each glyph's box exactly as ``LTChar`` does and keeps
only what ``pdfplumber.utils.text.extract_words`` and the reader use: ``text``, ``x0``,
``x1``, ``top``, ``bottom``, ``doctop``, ``upright``, ``size``, with pdfplumber's own
coordinate conventions (a test compares the two on real and generated PDFs), and one of its
own, ``slanted`` (see ``_slanted``). Paths and images are not built at all; the few pages
that need them (``pdf._image_cover``, ``pdf._has_graphics``) ask pdfplumber.
"""

from __future__ import annotations

import pdfplumber
from pdfminer.pdfdevice import PDFTextDevice
from pdfminer.pdffont import PDFUnicodeNotDefined
from pdfminer.pdfinterp import PDFPageInterpreter
from pdfminer.utils import apply_matrix_rect
from pdfplumber.utils.exceptions import PdfminerException


class _GlyphRecorder(PDFTextDevice):
    """A pdfminer device that records each glyph as ``pdfminer.converter.PDFLayoutAnalyzer``
    would make an ``LTChar`` of it (same text, box, ``upright`` and ``size``), in the order
    pdfplumber lists them, and draws nothing else."""

    def __init__(self, rsrcmgr, out: list, *, x_shift: float, height: float, top_shift: float,  # noqa: ANN001
                 doctop0: float, norm) -> None:  # noqa: ANN001
        super().__init__(rsrcmgr)
        self._out = out
        self._x_shift, self._height, self._top_shift = x_shift, height, top_shift
        self._doctop0, self._norm = doctop0, norm
        self._fonts: dict = {}  # font -> (its glyphs {cid: (text, width)}, vertical, descent)

    def render_char(self, matrix, font, fontsize, scaling, rise, cid, ncs, graphicstate) -> float:  # noqa: ANN001, PLR0913 - pdfminer's signature
        known = self._fonts.get(font)
        if known is None:  # the font's constants, and its glyphs as they come (a page repeats a few dozen)
            known = self._fonts[font] = ({}, font.is_vertical(), font.get_descent())
        glyphs, vertical, font_descent = known
        glyph = glyphs.get(cid)
        if glyph is None:
            glyph = glyphs[cid] = (self._text(font, cid), font.char_width(cid))
        text, width = glyph
        adv = width * fontsize * scaling
        if vertical:
            vx, vy = font.char_disp(cid)
            vx = fontsize * 0.5 if vx is None else vx * fontsize * 0.001
            vy = (1000 - vy) * fontsize * 0.001
            bbox = (-vx, vy + rise + adv, -vx + fontsize, vy + rise)
        else:
            descent = font_descent * fontsize
            bbox = (0, descent + rise, adv, descent + rise + fontsize)
        a, b, c, d, e, f = matrix
        if b or c:  # turned or sheared: the box around the turned box
            x0, y0, x1, y1 = apply_matrix_rect(matrix, bbox)
        else:  # level (nearly every glyph): apply_matrix_rect's arithmetic without its corners
            x0, x1 = a * bbox[0] + e, a * bbox[2] + e
            y0, y1 = d * bbox[1] + f, d * bbox[3] + f
        if x1 < x0:
            x0, x1 = x1, x0
        if y1 < y0:
            y0, y1 = y1, y0
        top = (self._height - y1) + self._top_shift  # pdfplumber's arithmetic, to the last bit
        self._out.append({
            "text": text,
            "x0": x0 + self._x_shift,
            "x1": x1 + self._x_shift,
            "top": top,
            "bottom": (self._height - y0) + self._top_shift,
            "doctop": self._doctop0 + top,
            "upright": a * d * scaling > 0 and b * c <= 0,
            "size": (x1 - x0) if vertical else (y1 - y0),
            "slanted": bool(b) and _slanted(matrix),  # a level glyph (nearly all) stops at b == 0
        })
        return adv

    def _text(self, font, cid: int) -> str:  # noqa: ANN001
        try:
            text = font.to_unichr(cid)
        except PDFUnicodeNotDefined:
            text = f"(cid:{cid})"  # PDFLayoutAnalyzer.handle_undefined_char
        if not isinstance(text, str):
            raise TypeError(f"glyph text of type {type(text).__name__}")
        if self._norm is not None:
            from pdfplumber.utils.text import normalize_unicode  # noqa: PLC0415 - rare

            text = normalize_unicode(self._norm, text)
        return text


def page_chars(page: pdfplumber.page.Page) -> list[dict]:
    """The page's glyphs as pdfplumber would give them, with only the keys reading uses."""
    out: list[dict] = []
    device = _GlyphRecorder(page.pdf.rsrcmgr, out, x_shift=float(page.mediabox[0]), height=float(page.height),
                            top_shift=float(page.mediabox[1]), doctop0=float(page.initial_doctop),
                            norm=page.pdf.unicode_norm)
    try:
        PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    except Exception as exc:  # noqa: BLE001 - as pdfplumber's Page.layout wraps pdfminer's failures
        raise PdfminerException(exc) from exc
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
