"""Classification and field extraction: ``extract_evidence(doc, context=...) -> Evidence``."""

from .extract import extract_evidence

__all__ = ["extract_evidence"]
