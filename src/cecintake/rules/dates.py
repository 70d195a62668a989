"""Date arithmetic of the cycle: whole years from a start date."""

from __future__ import annotations

from datetime import date, timedelta


def add_years(d: date, n: int) -> date:
    """``d`` plus ``n`` years; 29 February becomes 1 March in a non-leap year."""
    try:
        return d.replace(year=d.year + n)
    except ValueError:
        return d.replace(year=d.year + n, day=28) + timedelta(days=1)


def cycle_end(start: date, years: int) -> date:
    """Last day of a cycle of ``years`` years that starts on ``start``."""
    return add_years(start, years) - timedelta(days=1)
