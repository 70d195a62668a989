"""Approval codes from a configurable pattern (default ``SER-PA-{year}-{seq:04d}``)."""

from __future__ import annotations

import string
from collections.abc import Container

from ..errors import ConfigError

ALLOWED = {"year", "seq"}
MAX_SEQ = 10**7


def validate_pattern(pattern: str) -> None:
    """A pattern must use ``{seq}`` (so codes are unique) and only ``{year}`` and ``{seq}``."""
    try:
        names = {name for _, name, _, _ in string.Formatter().parse(pattern) if name is not None}
    except ValueError as exc:
        raise ConfigError(f"approval code pattern {pattern!r} is not a format string: {exc}") from exc
    if "seq" not in names:
        raise ConfigError(f"approval code pattern {pattern!r} must contain {{seq}} so that codes are unique",
                          hint="e.g. SER-PA-{year}-{seq:04d}")
    unknown = names - ALLOWED
    if unknown:
        raise ConfigError(f"approval code pattern {pattern!r} uses unknown field(s): {', '.join(sorted(unknown))}",
                          hint="only {year} and {seq} are available")
    try:
        a, b = render(pattern, year=2025, seq=1), render(pattern, year=2025, seq=2)
    except (ValueError, KeyError, IndexError) as exc:
        raise ConfigError(f"approval code pattern {pattern!r} cannot be rendered: {exc}") from exc
    if a == b or not a.strip() or len(a) > 64:
        raise ConfigError(f"approval code pattern {pattern!r} does not give distinct codes of at most 64 characters")


def render(pattern: str, *, year: int, seq: int) -> str:
    return pattern.format(year=year, seq=seq)


def next_code(pattern: str, *, year: int, after: int, taken: Container[str]) -> tuple[str, int]:
    """The first code after sequence number ``after`` that is not ``taken``: (code, its sequence number)."""
    seq = after + 1
    while seq < MAX_SEQ:
        code = render(pattern, year=year, seq=seq)
        if code not in taken:
            return code, seq
        seq += 1
    raise ConfigError(f"approval code pattern {pattern!r} ran out of sequence numbers for {year}")
