"""Document type by rule-based scoring over spaCy cue spans and layout features.

Each cue phrase found adds its weight to its type (once per phrase, a second time at half
weight); a schedule of timed lines favours syllabi/agendas; ``not_evidence`` cues
(announcements, flyers, review forms, letters of thanks, registration confirmations) pull
the document to ``unknown``. Confidence comes from the margin between the best and the
second-best score.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from cecintake.domain.vocab import DocType

from .cues import CUES, NOT_EVIDENCE

_WEIGHTS = {str(group): {p.lower(): w for p, w in phrases} for group, phrases in CUES.items()}


@dataclass(frozen=True, slots=True)
class DocTypeResult:
    doc_type: DocType
    confidence: float
    scores: dict[str, float]
    not_evidence: bool = False


def score(doc: Doc, *, schedule_items: int = 0, has_hours: bool = False) -> dict[str, float]:
    seen: Counter[tuple[str, str]] = Counter()
    scores: dict[str, float] = {str(g): 0.0 for g in CUES}
    for span in doc.spans.get("cues", []):
        group, phrase = span.label_, span.text.lower()
        seen[(group, phrase)] += 1
        n = seen[(group, phrase)]
        if n <= 2:
            scores[group] += _WEIGHTS[group].get(phrase, 0.0) * (1.0 if n == 1 else 0.5)
    if schedule_items >= 4:
        scores[DocType.COURSE_SYLLABUS] += 2.0 + min(schedule_items, 20) * 0.4
    if not has_hours:
        # a letter of thanks or an announcement rarely states hours of credit
        scores[NOT_EVIDENCE] += 0.5
    return scores


def classify(doc: Doc, *, schedule_items: int = 0, has_hours: bool = False) -> DocTypeResult:
    scores = score(doc, schedule_items=schedule_items, has_hours=has_hours)
    ne = scores[NOT_EVIDENCE]
    typed = sorted(((s, g) for g, s in scores.items() if g != NOT_EVIDENCE), reverse=True)
    (best, best_group), (second, _) = typed[0], typed[1]
    if best < 2.0:
        return DocTypeResult(DocType.UNKNOWN, 0.6 if ne >= 3 else 0.4, scores, ne >= 3)
    if ne >= 4 and ne >= 0.6 * best:
        conf = min(0.95, 0.55 + 0.1 * (ne - 0.6 * best))
        return DocTypeResult(DocType.UNKNOWN, round(conf, 3), scores, True)
    margin = (best - second) / best
    conf = 0.5 + 0.48 * min(1.0, margin * 1.6)
    conf *= min(1.0, 0.6 + best / 15)
    if ne >= 3:
        conf *= 0.8
    return DocTypeResult(DocType(best_group), round(conf, 3), scores, False)
