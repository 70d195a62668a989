"""Layout on OCR text: word boxes tight to the ink (smaller heights, wider gaps than a text layer's),
a table's cells read by OCR as lines of their own, and the type size of lines compared relative
to the ink's height. Pages built word by word as Tesseract gives them on a 200-dpi scan."""

from __future__ import annotations

from cecintake.domain import Page, ReadDocument, Word
from cecintake.domain.vocab import FieldName as F
from cecintake.domain.vocab import MediaType, TextSource
from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
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


def test_ocr_cells_set_far_apart_are_still_a_label_and_value():
    doc = _page([(300.0, 90.0, "Provider"), (300.0, 700.0, "Green Corridors Training Ltd")])
    # Tesseract gives the two cells as lines of their own; on one row they are a label and its value
    got = [(p.label, p.value) for p in pairs(Layout(doc))]
    assert ("Provider", "Green Corridors Training Ltd") in got


def test_ocr_table_cells_read_as_lines_of_their_own_come_back_as_rows():
    doc = _page([(565.0, 186.0, "Registrant"), (565.0, 746.0, "Event"), (566.0, 1306.0, "Date(s)"),
                 (625.0, 187.0, "Mr. Camille O'Brien"), (626.0, 748.0, "Monitoring Restoration Outcomes"),
                 (667.0, 746.0, "with Drones"), (628.0, 1306.0, "July 19-20, 2024")])
    layout = Layout(doc)
    assert [ln.text for ln in layout.lines][:2] == [
        "Registrant Event Date(s)", "Mr. Camille O'Brien Monitoring Restoration Outcomes July 19-20, 2024"]
    assert any(r.get("event", ("",))[0] == "Monitoring Restoration Outcomes with Drones" for r in layout.tables)


def test_a_logos_strokes_read_as_letters_stay_off_the_letterhead_line():
    doc = _page([(194.0, 300.0, "Gulf Coast University"), (190.0, 1340.0, "tl", 0.43),
                 (260.0, 300.0, "12 Harbor Road, Mobile, AL 36602")])
    assert "Gulf Coast University" in [ln.text for ln in Layout(doc).lines]


def test_a_tilted_photos_lines_are_left_as_ocr_read_them():
    # on a photo's perspective a line's right end stands as high as the next line's left: the reader's own
    # lines are the surer, nothing is put together by height
    doc = _page([(534.0, 300.0, "Re: Invasive Grasses in Arid Lands"), (560.0, 300.0, "Dear Leila O'Brien,"),
                 (590.0, 1500.0, "landscapes")], rise=0.03)
    assert [ln.text for ln in Layout(doc).lines] == ["Re: Invasive Grasses in Arid Lands", "Dear Leila O'Brien,",
                                                     "landscapes"]


def test_text_layer_lines_are_never_put_together():
    doc = _page([(565.0, 186.0, "Registrant"), (565.0, 746.0, "Event")], source=TextSource.TEXT_LAYER)
    assert [ln.text for ln in Layout(doc).lines] == ["Registrant", "Event"]


def test_type_size_of_ocr_lines_is_compared_relative_to_the_ink():
    layout = Layout(_page([(194.0, 300.0, "Society for Ecological Restoration"), (256.0, 700.0, "Europe")]))
    a, b = layout.lines
    assert a.height != b.height and size_gap(a, b) <= 0.8  # 30 px and 28 px of ink: the same type
    digital = Layout(_page([(194.0, 300.0, "Society for Ecological Restoration"), (256.0, 700.0, "Europe")],
                           source=TextSource.TEXT_LAYER))
    assert size_gap(*digital.lines) == abs(digital.lines[0].height - digital.lines[1].height)


def test_registration_confirmations_event_is_read_from_an_ocr_table():
    doc = _page([(144.0, 1319.0, "EcoRestore Consulting LLC"), (240.0, 1604.0, "77 Commerce Park"),
                 (277.0, 1612.0, "Raleigh, NC 27601"), (475.0, 174.0, "Registration Confirmation"),
                 (565.0, 186.0, "Registrant"), (565.0, 746.0, "Event"), (566.0, 1306.0, "Date(s)"),
                 (625.0, 187.0, "Mr. Camille O'Brien"), (626.0, 748.0, "Monitoring Restoration Outcomes"),
                 (667.0, 746.0, "with Drones"), (628.0, 1306.0, "July 19-20, 2024"),
                 (906.0, 179.0, "Please bring this confirmation to the registration desk.")])
    ev = extract_evidence(doc, context=ExtractionContext(expected_name="Camille O'Brien"))
    assert ev.value(F.ACTIVITY_TITLE) == "Monitoring Restoration Outcomes with Drones"


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


def test_a_logos_tall_stroke_on_a_footer_line_does_not_pull_the_next_line_into_its_row():
    words = [Word("(", (266.0, 2000.0, 288.0, 2093.0), 0.3, 0)]
    x = 351.0
    for tok in "SER Southwest Chapter".split():
        words.append(Word(tok, (x, 2018.0, x + 14.0 * len(tok), 2046.0), 0.96, 0))
        x += 14.0 * len(tok) + 25.0
    x = 951.0
    for tok in "Tel. +44 12 9065 172".split():
        words.append(Word(tok, (x, 2078.0, x + 14.0 * len(tok), 2092.0), 0.95, 1))
        x += 14.0 * len(tok) + 20.0
    doc = ReadDocument(MediaType.TIFF, (Page(1, 2500.0, 3500.0, TextSource.OCR, tuple(words), 0.9),))
    assert [ln.text for ln in Layout(doc).lines] == ["( SER Southwest Chapter", "Tel. +44 12 9065 172"]
