"""The throughput benchmark's corpus: generated once per --work folder, reused after."""

from __future__ import annotations

from bench.throughput import build_pools, link_corpus


def test_a_kept_work_folder_reuses_its_generated_corpus(tmp_path) -> None:  # noqa: ANN001
    digital, scans, roster = build_pools(tmp_path / "pool", 3, 1, 5)
    stamps = {f: f.stat().st_mtime_ns for f in [*digital, *scans, roster]}
    again = build_pools(tmp_path / "pool", 3, 1, 5)
    assert again == (digital, scans, roster)
    assert {f: f.stat().st_mtime_ns for f in stamps} == stamps  # not written again
    other = build_pools(tmp_path / "pool", 4, 1, 5)  # other arguments: generated anew
    assert len(other[0]) == 4


def test_a_corpus_is_linked_again_over_an_old_one(tmp_path) -> None:  # noqa: ANN001
    digital, _, _ = build_pools(tmp_path / "pool", 2, 0, 5)
    link_corpus(tmp_path / "corpus", digital)
    link_corpus(tmp_path / "corpus", digital[:1])
    assert len([p for p in (tmp_path / "corpus").rglob("*") if p.is_file()]) == 1


def test_the_bare_engines_run_over_every_core_on_pdfs_and_page_images(tmp_path) -> None:  # noqa: ANN001
    from bench.throughput import bare_on_all_cores, bare_pixels, bare_tesseract, page_images, page_pixels

    digital, scans, _ = build_pools(tmp_path / "pool", 2, 1, 5)
    images = page_images(scans, tmp_path / "img", fmt="TIFF")
    assert len(images) == sum(len(page_pixels(f)) for f in scans) and bare_pixels(scans) > 0
    spread = bare_on_all_cores(digital + scans, images)
    assert images and spread > 0
    # one page's Tesseract run cannot be split over the cores: the spread run takes at least about that long
    assert spread >= 0.5 * bare_tesseract(images[:1])


def test_the_flow_time_is_read_to_the_millisecond_from_the_run_record(tmp_path) -> None:  # noqa: ANN001
    from bench.throughput import recorded_flow_seconds
    from cecintake.intake import IntakeSummary, finish_run, start_run
    from cecintake.storage import open_database

    engine = open_database(f"sqlite:///{tmp_path / 'c.db'}")
    try:
        start_run(engine, run_id="R-1", kind="bulk")
        assert recorded_flow_seconds(tmp_path / "c.db") is None  # not finished: no figure
        summary = IntakeSummary(run_id="R-1")
        summary.seconds = 1.0837
        finish_run(engine, summary)
        assert recorded_flow_seconds(tmp_path / "c.db") == 1.084
        start_run(engine, run_id="R-2", kind="bulk")
        finish_run(engine, IntakeSummary(run_id="R-2"))
        assert recorded_flow_seconds(tmp_path / "c.db") is None  # two runs: which one?
    finally:
        engine.dispose()


def test_each_figure_is_the_best_of_its_rounds_and_each_round_keeps_its_own_ratio() -> None:
    from bench.throughput import CORES, Row, _ratios, _spread

    row = Row(corpus="10% scanned", size=100, scans=10)
    row.runs = [  # a slow spell hit the flow in round 1 and the bare Tesseract in round 2
        {"flow_s": 9.0, "wall_s": 20.0, "bare_pdfplumber_s": 2.0, "bare_tesseract_s": 8.0,
         "bare_tesseract_tiff_s": 7.5, "bare_all_cores_s": 5.5, "bare_pixels_s": 1.0},
        {"flow_s": 6.0, "wall_s": 18.0, "bare_pdfplumber_s": 2.2, "bare_tesseract_s": 9.8,
         "bare_tesseract_tiff_s": 7.0, "bare_all_cores_s": 5.0, "bare_pixels_s": 1.2},
    ]
    _ratios(row)
    assert (row.flow_s, row.wall_s, row.bare_pdfplumber_s, row.bare_tesseract_s) == (6.0, 18.0, 2.0, 8.0)
    assert row.bare_per_core_s == 10.0 / CORES
    assert row.ratio_flow_vs_bare == 6.0 / (10.0 / CORES)
    assert row.ratio_flow_vs_bare_tiff == 6.0 / (9.0 / CORES)
    assert row.ratio_flow_vs_all_cores == 6.0 / 5.0
    assert row.ratio_flow_vs_bare_with_pixels == 6.0 / (11.0 / CORES)  # the scans' page images made, too
    assert row.round_ratios == [round(9.0 / (10.0 / CORES), 3), round(6.0 / (12.0 / CORES), 3)]
    assert _spread(row.round_ratios) == f"{min(row.round_ratios):.2f}-{max(row.round_ratios):.2f}"
    assert _spread([1.1]) == "-"


def test_growth_is_measured_against_the_bare_engines_growth_on_the_same_documents() -> None:
    from bench.throughput import Row, _growth

    a = Row(corpus="digital", size=1000, scans=0, flow_s=8.0, bare_per_core_s=9.0)
    b = Row(corpus="digital", size=5000, scans=0, flow_s=45.0, bare_per_core_s=57.0)  # heavier later documents
    line = _growth("digital", a, b)
    assert "the flow took 5.62x the time, the bare engines 6.33x" in line
    assert f"grew {(45.0 / 8.0) / (57.0 / 9.0):.2f}x as fast as the engines' work" in line
