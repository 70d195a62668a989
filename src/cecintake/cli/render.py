"""Console output helpers shared by the commands (text from documents is never markup)."""

from __future__ import annotations

from rich.console import Console

out = Console(highlight=False, soft_wrap=False)


def escape(text: object) -> str:
    from rich.markup import escape as _escape

    return _escape(str(text))
