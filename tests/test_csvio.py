"""Input CSVs of contract section 2: good rows, and bad rows reported with their line."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from cecintake.csvio import read_manifest, read_offerings, read_roster
from cecintake.domain import Category, CertificantLevel
from cecintake.errors import CsvRowError


def _write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_roster_reads_accents_and_levels(tmp_path: Path) -> None:
    p = _write(tmp_path, "r.csv", "certificant_id,full_name,level,cycle_start,email\n"
                                  "C-00017,María L. Fernández,CERP,2022-04-01,\nC-00018,Bo Li,cerpit,2023-01-01,b@x.org\n")
    rows = read_roster(p)
    assert rows[0].full_name == "María L. Fernández" and rows[0].cycle_start == date(2022, 4, 1)
    assert rows[1].level is CertificantLevel.CERPIT and rows[1].email == "b@x.org"


@pytest.mark.parametrize(("body", "line", "words"), [
    pytest.param("C-1,A,CERP,2022-01-01\nC-2,B,XX,2022-01-01\n", 3, "level", id="bad-level"),
    pytest.param("C-1,A,CERP,2022-13-01\n", 2, "cycle_start", id="bad-date"),
    pytest.param("C-1,,CERP,2022-01-01\n", 2, "full_name", id="missing-name"),
    pytest.param("C-1,A,CERP,2022-01-01\nC-1,B,CERP,2022-01-01\n", 3, "again", id="duplicate-id"),
    pytest.param("C-1,A,CERP,2022-01-01,x,y\n", 2, "more values", id="extra-values"),
])
def test_bad_roster_row_names_its_line(tmp_path: Path, body: str, line: int, words: str) -> None:
    p = _write(tmp_path, "r.csv", "certificant_id,full_name,level,cycle_start\n" + body)
    with pytest.raises(CsvRowError) as info:
        read_roster(p)
    assert info.value.line == line and words in info.value.message


def test_offerings_only_categories_one_to_four(tmp_path: Path) -> None:
    head = "approval_code,title,sponsor,category,cecs,valid_from,valid_to\n"
    good = _write(tmp_path, "o.csv", head + "SER-PA-2024-0137,Prairie Seed,TRN,2,6,2024-01-01,2025-12-31\n")
    (o,) = read_offerings(good)
    assert o.category is Category.TRAINING and o.cecs == 6.0
    bad = _write(tmp_path, "b.csv", head + "SER-PA-2024-0138,Board,TRN,6,5,2024-01-01,2025-12-31\n")
    with pytest.raises(CsvRowError, match="line 2.*only 1 to 4"):
        read_offerings(bad)


def test_manifest_resolves_files_against_its_folder(tmp_path: Path) -> None:
    p = _write(tmp_path, "m.csv", "file,certificant_id,submitted_at\nuploads/a.pdf,C-1,2025-03-14T09:12:00Z\n"
                                  "b.pdf,,\n")
    rows = read_manifest(p)
    assert rows[0].file == (tmp_path / "uploads" / "a.pdf").resolve()
    assert rows[0].submitted_at == datetime(2025, 3, 14, 9, 12, tzinfo=timezone.utc)
    assert rows[1].certificant_id is None and rows[1].submitted_at is None


def test_non_utf8_csv_is_a_row_error(tmp_path: Path) -> None:
    p = tmp_path / "r.csv"
    p.write_bytes(b"certificant_id,full_name,level,cycle_start\nC-1,Mar\xeda,CERP,2022-01-01\n")
    with pytest.raises(CsvRowError, match="line 2.*UTF-8"):
        read_roster(p)
