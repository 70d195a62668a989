"""Cheap necessary conditions for costly patterns.

A case-insensitive pattern that starts with a count in figures or words ("six", "a", "2") and needs
a unit and a period further on ("sessions ... hours") has no literal start: the regex engine tries
it at every position of a document's text, and most documents hold none of the words it needs.
``folded`` gives the text in a form where a plain substring test finds an ASCII word exactly where
a case-insensitive pattern (``re.IGNORECASE``) could match it, so a pattern is skipped only when
it could not have matched.
"""

from __future__ import annotations

# besides the other case of an ASCII letter, re.IGNORECASE matches these four characters to one
# (dotted and dotless i, long s, the Kelvin sign); lower() alone would leave them, or (dotted
# capital I) add a combining dot after the i
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def folded(text: str) -> str:
    """``text`` lower-cased so that ``word in folded(text)`` whenever a case-insensitive pattern
    for the ASCII ``word`` finds it in ``text``."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def holds_any(low: str, words: tuple[str, ...]) -> bool:
    """Whether the folded text ``low`` holds one of ``words`` (lower-case ASCII)."""
    return any(w in low for w in words)
