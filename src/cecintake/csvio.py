"""Reading the contract's input CSVs (ROSTER, OFFERINGS, MANIFEST) into domain
objects. A bad row raises ``CsvRowError`` with its line number; nothing partial
is returned, so an import writes all rows or none."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TypeVar

from .domain import Category, Certificant, CertificantLevel, Offering
from .errors import CsvRowError, InputFileError

T = TypeVar("T")
MAX_CSV_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ManifestRow:
    file: Path  # resolved against the manifest's folder
    given: str  # as written in the manifest
    certificant_id: str | None
    submitted_at: datetime | None
    application_id: str | None = None  # optional column: files of one pre-approval application


def _rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputFileError(f"cannot read {path}: {exc.strerror}") from exc
    if len(raw) > MAX_CSV_BYTES:
        raise InputFileError(f"{path} is larger than {MAX_CSV_BYTES // 2**20} MiB")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CsvRowError(str(path), text_line(raw, exc.start), "not UTF-8 text") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [h.strip() for h in (reader.fieldnames or [])]
    reader.fieldnames = header
    missing = [c for c in required if c not in header]
    if missing:
        raise CsvRowError(str(path), 1, f"missing column(s): {', '.join(missing)}")
    for row in reader:
        if None in row:
            raise CsvRowError(str(path), reader.line_num, "more values than columns")
        yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}


def text_line(raw: bytes, offset: int) -> int:
    return raw[:offset].count(b"\n") + 1


def _parse(path: Path, required: tuple[str, ...], build: Callable[[dict[str, str]], T], key: Callable[[T], str]) -> list[T]:
    out: list[T] = []
    seen: dict[str, int] = {}
    for line, row in _rows(path, required):
        if not any(row.values()):
            continue
        try:
            item = build(row)
        except (ValueError, KeyError) as exc:
            raise CsvRowError(str(path), line, str(exc)) from exc
        k = key(item)
        if k in seen:
            raise CsvRowError(str(path), line, f"{k!r} appears again (first on line {seen[k]})")
        seen[k] = line
        out.append(item)
    return out


def _required(row: dict[str, str], col: str) -> str:
    value = row.get(col, "")
    if not value:
        raise ValueError(f"{col} is required")
    return value


def _date(row: dict[str, str], col: str) -> date:
    value = _required(row, col)
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{col} must be a date like 2024-01-31, not {value!r}") from None


def _certificant(row: dict[str, str]) -> Certificant:
    level = row.get("level") or "CERP"
    try:
        lvl = CertificantLevel(level.upper())
    except ValueError:
        raise ValueError(f"level must be CERP or CERPIT, not {level!r}") from None
    return Certificant(certificant_id=_required(row, "certificant_id"), full_name=_required(row, "full_name"),
                       level=lvl, cycle_start=_date(row, "cycle_start"), email=row.get("email") or None)


def _offering(row: dict[str, str]) -> Offering:
    try:
        category = Category(int(_required(row, "category")))
    except ValueError:
        raise ValueError(f"category must be a number from 1 to 7, not {row.get('category')!r}") from None
    if not category.pre_approvable:
        raise ValueError(f"category {int(category)} cannot be pre-approved (only 1 to 4)")
    try:
        cecs = float(_required(row, "cecs"))
    except ValueError:
        raise ValueError(f"cecs must be a number, not {row.get('cecs')!r}") from None
    if cecs < 0:
        raise ValueError("cecs must not be negative")
    valid_from, valid_to = _date(row, "valid_from"), _date(row, "valid_to")
    if valid_to < valid_from:
        raise ValueError("valid_to is before valid_from")
    return Offering(approval_code=_required(row, "approval_code"), title=row.get("title", ""),
                    sponsor=row.get("sponsor", ""), category=category, cecs=cecs,
                    valid_from=valid_from, valid_to=valid_to)


def read_roster(path: Path) -> list[Certificant]:
    return _parse(path, ("certificant_id", "full_name", "cycle_start"), _certificant, lambda c: c.certificant_id)


def read_offerings(path: Path) -> list[Offering]:
    return _parse(path, ("approval_code", "category", "cecs", "valid_from", "valid_to"), _offering,
                  lambda o: o.approval_code)


def parse_timestamp(value: str) -> datetime:
    """ISO 8601; naive values are taken as UTC. Returned aware, in UTC."""
    try:
        ts = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"submitted_at must be an ISO 8601 time like 2025-03-14T09:12:00Z, not {value!r}") from None
    if ts.tzinfo is None:
        return ts.replace(tzinfo=timezone.utc)
    return ts.astimezone(timezone.utc)


def read_manifest(path: Path) -> list[ManifestRow]:
    base = path.resolve().parent

    def build(row: dict[str, str]) -> ManifestRow:
        given = _required(row, "file")
        submitted = row.get("submitted_at") or ""
        return ManifestRow(file=(base / given).resolve(), given=given,
                           certificant_id=row.get("certificant_id") or None,
                           submitted_at=parse_timestamp(submitted) if submitted else None,
                           application_id=row.get("application_id") or None)

    return _parse(path, ("file",), build, lambda m: str(m.file))
