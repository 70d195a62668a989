"""Layout on OCR text: word boxes tight to the ink (smaller heights, wider gaps than a text layer's),
and the type size of lines compared relative to the ink's height. Pages built word by word as
Tesseract gives them on a 200-dpi scan."""

from __future__ import annotations

from cecintake.domain import Page, ReadDocument, Word
from cecintake.domain.vocab import MediaType, TextSource
from cecintake.extractors.fields.layout import Layout, pairs, size_gap


def _page(lines: list[tuple], *, source=TextSource.OCR, gap: float = 29.0,
          rise: float = 0.0, conf: float = 0.96) -> ReadDocument:
    """(top, left, text[, word confidence]) -> one reader line each, words of 14 px a letter, ink 28 px high (30 with
    a descender), ``gap`` px apart; ``rise``: px the line climbs per px across (a photo's tilt)."""
    words = []
    for i, (top, x, text, *sure) in enumerate(lines):
        x0 = x
        for tok in text.split():
            w = 14.0 * len(tok)
            h = 30.0 if any(c in "gjpqy," for c in tok) else 28.0
            t = top - rise * (x - x0)
            words.append(Word(tok, (x, t, x + w, t + h), sure[0] if sure else conf, i))
            x += w + gap
    return ReadDocument(MediaType.TIFF if source is TextSource.OCR else MediaType.PDF,
                        (Page(1, 2000.0, 2600.0, source, tuple(words), 0.95 if source is TextSource.OCR else None),))


_PROSE = [(400.0, 90.0, "The SER Mid-Atlantic Chapter thanks Elena Hernandez for serving as lead"),
          (450.0, 90.0, "organizer of Annual Chapter Meeting, 07/26/2024 to 07/27/2024.")]


def test_ocr_prose_with_the_inks_wide_word_gaps_is_no_label_and_value():
    # a gap as wide as the ink's height is a word space on a scan (at 0.8 of it the line split into a
    # "label" "organizer" and its "value" "of Annual Chapter Meeting, ...")
    assert not [p for p in pairs(Layout(_page(_PROSE))) if p.label == "organizer"]


def test_type_size_of_ocr_lines_is_compared_relative_to_the_ink():
    layout = Layout(_page([(194.0, 300.0, "Society for Ecological Restoration"), (256.0, 700.0, "Europe")]))
    a, b = layout.lines
    assert a.height != b.height and size_gap(a, b) <= 0.8  # 30 px and 28 px of ink: the same type
    digital = Layout(_page([(194.0, 300.0, "Society for Ecological Restoration"), (256.0, 700.0, "Europe")],
                           source=TextSource.TEXT_LAYER))
    assert size_gap(*digital.lines) == abs(digital.lines[0].height - digital.lines[1].height)


def test_ocr_name_in_large_type_beside_a_form_number_in_small_type_is_one_cell():
    # the line's median height is the small type's; the gaps inside the name are its own type's
    words = []
    for tok, x0, x1, h in [("Riparian", 346, 586, 40), ("Futures", 618, 823, 31), ("Institute", 859, 1125, 34),
                           ("Form", 1846, 1926, 19), ("PD-57", 1948, 2043, 22), ("(rev.", 2073, 2158, 22),
                           ("2025)", 2190, 2278, 24)]:
        words.append(Word(tok, (float(x0), 225.0, float(x1), 225.0 + h), 0.96, 0))
    doc = ReadDocument(MediaType.TIFF, (Page(1, 2500.0, 3500.0, TextSource.OCR, tuple(words), 0.95),))
    ln = Layout(doc).lines[0]
    from cecintake.extractors.fields.layout import _segments

    assert [" ".join(w.text for w in ln.words[a:b]) for a, b in _segments(ln)] == [
        "Riparian Futures Institute", "Form PD-57 (rev. 2025)"]