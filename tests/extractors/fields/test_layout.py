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


# a ruled table of a landscape certificate as Tesseract reads a 200-dpi scan of it: each cell a block of its own
_LABELS = [(700.0, 540.0, "Participant"), (750.0, 540.0, "Training title"), (800.0, 540.0, "Sponsor"),
           (850.0, 540.0, "Date(s)")]
_VALUES = [(701.0, 1050.0, "Ruth M. Adeyemi"), (751.0, 1050.0, "Monitoring Restoration Outcomes with Drones"),
           (799.0, 1050.0, "Coastal Marsh Alliance"), (850.0, 1050.0, "January 13th, 2023")]


def _cells(lines: list[tuple]) -> list[str]:
    """(top, (x, text), (x, text)...) -> one reader line each holding its cells at their x (as ``_page``);
    the texts of the Layout's lines."""
    words = []
    for i, (top, *cells) in enumerate(lines):
        for x, text in cells:
            for tok in text.split():
                words.append(Word(tok, (x, top, x + 14.0 * len(tok), top + 28.0), 0.96, i))
                x += 14.0 * len(tok) + 29.0
    doc = ReadDocument(MediaType.TIFF, (Page(1, 2000.0, 2600.0, TextSource.OCR, tuple(words), 0.95),))
    return [ln.text for ln in Layout(doc).lines]


def _one(spec) -> tuple:
    top, x, text = spec
    return (top, (x, text))


def test_table_cells_tesseract_reads_as_lines_apart_are_joined_row_by_row():
    # the labels' column came out before the values' column: no label was on its value's line
    texts = _cells([(500.0, (800.0, "Confirmation of Completion"))] + [_one(c) for c in _LABELS + _VALUES])
    assert "Sponsor Coastal Marsh Alliance" in texts
    assert "Training title Monitoring Restoration Outcomes with Drones" in texts
    assert texts.index("Participant Ruth M. Adeyemi") < texts.index("Date(s) January 13th, 2023")
    # one row read apart, in a table whose other rows Tesseract read as lines: the table shows in them
    rows = [(t, (x, a), (xv, b)) for (t, x, a), (_, xv, b) in zip(_LABELS[1:], _VALUES[1:])]
    assert "Participant Ruth M. Adeyemi" in _cells(rows + [_one(_LABELS[0]), _one(_VALUES[0])])


def test_short_lines_facing_each_other_without_a_table_stay_apart():
    # a centred panel's lines beside a certificate's: at the same heights, but no column starts at one x
    panel = [(700.0, 120.0, "Coastal Marsh"), (750.0, 170.0, "Alliance"), (800.0, 90.0, "1200 Harbor Drive")]
    body = [(700.0, 900.0, "This certifies that"), (750.0, 760.0, "RUTH M. ADEYEMI"),
            (800.0, 700.0, "completed the training")]
    texts = _cells([_one(c) for c in panel + body])
    assert "Coastal Marsh" in texts and "Alliance" in texts and "RUTH M. ADEYEMI" in texts
    # one facing row is no table
    assert "Sponsor" in _cells([_one(c) for c in _LABELS[2:3] + _VALUES[2:3]])


def test_a_header_rows_columns_join_cells_tesseract_reads_as_lines_apart():
    # 'Training  Sponsor  Date(s)' over 'Beaver-Based Stream Restoration | Coastal Marsh Alliance | 2025-06-02'
    # with the last cell a line of its own: under the header's third column, it is the row's
    header = (600.0, (250.0, "Training"), (900.0, "Sponsor"), (1300.0, "Date(s)"))
    texts = _cells([header, (660.0, (250.0, "Beaver-Based Stream Restoration"), (900.0, "Coastal Marsh Alliance")),
                    (661.0, (1300.0, "2025-06-02 to 2025-06-03"))])
    assert "Beaver-Based Stream Restoration Coastal Marsh Alliance 2025-06-02 to 2025-06-03" in texts
    # the header read apart too, each line under or over a cell of the other row
    texts = _cells([(600.0, (250.0, "Volunteer")), (602.0, (900.0, "Organization"), (1300.0, "Period")),
                    (660.0, (250.0, "Renee van der Berg")),
                    (661.0, (900.0, "Peatland Recovery Partnership"), (1300.0, "22 May 2025"))])
    assert texts[:2] == ["Volunteer Organization Period",
                         "Renee van der Berg Peatland Recovery Partnership 22 May 2025"]


def test_a_letters_prose_beside_a_sidebar_is_not_read_as_a_tables_rows():
    body = ["This letter confirms that Elena Smith-Jones served as a member of",
            "the Board of Directors of the chapter from April 2024", "to March 2026 and chaired its events."]
    side = ["Board of Directors", "Ana Lopez, Chair", "Tom Reed, Treasurer"]
    texts = _cells([(700.0 + 60 * k, (200.0, b)) for k, b in enumerate(body)]
                   + [(700.0 + 60 * k, (1500.0, t)) for k, t in enumerate(side)])
    assert body[1] in texts and side[1] in texts


def test_the_gap_right_of_a_tables_labels_is_no_side_panels():
    # an OCR page: the panel's lines (its web address makes it a panel) and the table's rows are lines apart,
    # and the widest gap down the page is the table's; read column by column there, every label lost its value
    panel = [(690.0, 110.0, "Coastal Marsh"), (735.0, 150.0, "Alliance"), (800.0, 120.0, "1200 Harbor Drive"),
             (830.0, 90.0, "Charleston, SC 29401"), (860.0, 130.0, "www.cma.net")]
    title = [(300.0, 820.0, "Confirmation of Completion"), (420.0, 1100.0, "Training or Activity")]
    rows = [(t, (x, a), (xv, b)) for (t, x, a), (_, xv, b) in zip(_LABELS, _VALUES)]
    texts = _cells([_one(c) for c in panel + title] + rows)
    assert "Sponsor Coastal Marsh Alliance" in texts and "Participant Ruth M. Adeyemi" in texts
    assert "1200 Harbor Drive" in texts
