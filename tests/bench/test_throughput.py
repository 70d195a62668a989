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
    from bench.throughput import bare_on_all_cores, bare_tesseract, page_images

    digital, scans, _ = build_pools(tmp_path / "pool", 2, 1, 5)
    images = page_images(scans, tmp_path / "img", fmt="TIFF")
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
