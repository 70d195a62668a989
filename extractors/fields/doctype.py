"""Document type by rule-based scoring over spaCy cue spans and layout features.

Each cue phrase found adds its weight to its type (once per phrase, a second time at half
weight); a schedule of timed lines favours syllabi/agendas; ``not_evidence`` cues
(announcements, flyers, review forms, letters of thanks, registration confirmations) pull
the document to ``unknown``. Confidence comes from the margin between the best and the
second-best score.

Besides cue phrases, what a document *states* counts: a past-tense statement that someone
completed, attended or took part in an activity ("We are pleased to confirm that Jane Doe
completed our workshop ...", "for completing ...", "earned 6 contact hours"), and a record of
credit (a participant's name, the activity and its hours, each under its own field label, dated)
are evidence of completion (of conference attendance when the activity is a conference),
whatever the document is titled. A statement of completion also keeps a stray deadline or fee
line from turning the document into an announcement.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from cecintake.domain.vocab import DocType

from .cues import CUES, NOT_EVIDENCE

_WEIGHTS = {str(group): {p.lower(): w for p, w in phrases} for group, phrases in CUES.items()}


# a completion verb in the past (or "for completing"), the start of what follows it
_DONE = re.compile(
    r"\b(?:(?P<past>completed|attended|finished|participated[ \t]in|took[ \t]part[ \t]in|was[ \t]present[ \t](?:at|for))"
    r"|for[ \t](?:successfully[ \t])?(?P<ger>completing|attending|participating[ \t]in|taking[ \t]part[ \t]in))"
    r"[ \t]+(?P<obj>[^.;\n]{1,120})", re.IGNORECASE)
# what makes the statement not (yet) a fact: a future, a condition, a requirement, a relative clause
_NOT_DONE_BEFORE = re.compile(
    r"(?:\b(?:who|will|would|to|must|should|shall|can|may|not|never|once|after|when|until|before|if|upon|"
    r"unless|cannot|be)|n't|thank[ \t]you|thanks)[ \t]+(?:(?:have|has|had|be|been|successfully|fully|all)[ \t]+){0,3}$",
    re.IGNORECASE)
_ACTIVITY = re.compile(
    r"^(?:[^ \t]+[ \t]+){0,5}?(?:conference|symposium|congress|summit|convention|annual[ \t]meeting|forum"
    r"|course|workshop|webinar|training|seminar|program|programme|session|class|module|field[ \t]day|"
    r"lecture|tutorial|institute|boot[ \t]?camp|practicum|clinic|the[ \t]following)s?\b"
    r"|^[ \t]*(?:our[ \t]|the[ \t])?[\"\u201c\u2018']", re.IGNORECASE)
# a conference among the first words of the object (not a venue's name: "Hotel and Conference Center")
_CONFERENCE = re.compile(r"\b(?:conference|symposium|congress|summit|convention|annual[ \t]meeting|forum)\b"
                         r"(?![ \t]+(?:cent(?:er|re)|room|hall|facility|venue))", re.IGNORECASE)
_TITLE_START = re.compile(r"(?:[A-Z][\w\-\u2019']*[ \t]+){2}")
# hours earned or awarded, stated as a fact
_EARNED = re.compile(
    r"\b(?:earned|(?:was|were|has[ \t]been|have[ \t]been|is|are)[ \t]awarded|received|completed|accrued)[ \t]+"
    r"(?:a[ \t]total[ \t]of[ \t]+)?(?:\d+(?:\.\d+)?|[a-z\-]+[ \t]\(\d+(?:\.\d+)?\))[ \t]+"
    r"(?:[A-Za-z\-]+[ \t]+){0,3}?(?:hours?|hrs?|credits?|ceus?|pdhs?|cecs?|units)\b", re.IGNORECASE)
# a record of credit: field labels at the start of a line (or of a "; "-separated field)
_FIELD = r"(?:^|\n|;[ \t])[ \t]*"
_PARTICIPANT_LABEL = re.compile(
    _FIELD + r"(?:participant|attendee|learner|trainee|name[ \t]of[ \t](?:participant|attendee|learner|trainee))"
    r"(?:'s)?(?:[ \t]name)?(?:[ \t]*:|[ \t]*\n|[ \t]+(?=[A-Z\u00c0-\u024f]))", re.IGNORECASE)
_ACTIVITY_LABEL = re.compile(
    r"\b(?:course|activity|program|programme|training|workshop|webinar|event|session|module)[ \t](?:title|name)\b"
    r"|" + _FIELD + r"(?:course|activity|program|programme|training|workshop|webinar|event|session)[ \t]*:",
    re.IGNORECASE)
_CREDIT_LINE = re.compile(
    r"(?:^|\n|;[ \t])[^\n;]*\b(?:credits?|hours?|hrs?|ceus?|pdhs?|duration|minutes?)\b[^\n;]*(?:\n[^\n]*)?",
    re.IGNORECASE)  # with the next line: a label over its value, or a header row over the table's row
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}/\d{1,2}/\d\d\b")
# what only an academic record carries: a grade (or GPA, a final result), a semester, term or quarter, a student
# (by name label or number), a course code, credit of a degree programme
_ACADEMIC = re.compile(
    r"(?i:\bgrades?\b|\bgpa\b|grade[ \t]point|\bfinal[ \t](?:result|mark)\b|\b(?:semester|trimester|quarter)\b"
    r"|\bterm\b(?![ \t]+(?:and|&|of)\b)|\bacademic\b|\bstudent\b|\bdegree\b|\bmatriculat|\bcumulative\b"
    r"|\bcourse[ \t]code\b)"
    # a course code before its title ("ENVS 4410 Restoration Ecology"): not "SER 2024", nor a postcode ("QLD 4000,")
    r"|(?<![\w-])[A-Z]{2,5}[ \t]?(?!(?:19|20)\d\d\b)\d{3,4}[A-Z]?[ \t]*[\u2013\u2014:-]?[ \t]*[A-Z][a-z]")
# a document that calls itself a record (not a letter that names a university in passing)
_RECORD_WORD = re.compile(r"(?i)\b(?:transcripts?|records?|registrar)\b")
# what a continuing-education record carries: CE wording, hours of attendance, a participant, a training provider
_CE_RECORD = re.compile(
    r"(?i:\bcontinuing[ \t]education\b|\bce[ \t](?:hours?|credits?|units?|transcript|record|verification|certificate)\b"
    r"|\bceus?\b|\bpdhs?\b|\bpdus?\b|\b(?:contact|clock|instructional)[ \t]hours?\b|\bhours[ \t]of[ \t](?:credit|instruction|training)\b"
    r"|\bprofessional[ \t]development\b|\bparticipant\b|\battendee\b|\btraining[ \t]provider\b|\bprovider\b"
    r"|\bapproved[ \t]for\b|\bapproval[ \t](?:code|number|no\.?)\b)")


def _completion_statement(flat: str) -> str | None:
    """``"completion"`` or ``"conference"`` when the text states, in the past, that someone
    completed, attended or took part in an activity (or earned its hours); else None."""
    for m in _DONE.finditer(flat):
        if _NOT_DONE_BEFORE.search(flat[max(0, m.start() - 40) : m.start()]):
            continue
        a = _ACTIVITY.match(m.group("obj"))
        # "for completing X" names an activity whatever X is; "completed X" when X is its title
        if a or m.group("ger") or _TITLE_START.match(m.group("obj")):
            return "conference" if _CONFERENCE.search(" ".join(m.group("obj").split()[:8])) else "completion"
    for m in _EARNED.finditer(flat):
        if not _NOT_DONE_BEFORE.search(flat[max(0, m.start() - 40) : m.start()]):
            return "completion"
    return None


def _credit_record(text: str, has_hours: bool) -> bool:
    """A participant, the activity and its hours under field labels, and a date: a record of credit."""
    if not (_PARTICIPANT_LABEL.search(text) and _ACTIVITY_LABEL.search(text) and _YEAR.search(text)):
        return False
    return has_hours or any(re.search(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve)\b",
                                      m.group(), re.IGNORECASE) for m in _CREDIT_LINE.finditer(text))


def _ce_transcript(text: str) -> bool:
    """A transcript or record of continuing-education credit rather than an academic one: it calls itself a
    transcript or record (or is a registrar's), carries what a CE record does (CE wording, contact or clock
    hours, a participant, a provider) and nothing only an academic record carries (a grade, a term or
    semester, a student, a course code)."""
    return (_RECORD_WORD.search(text) is not None and _ACADEMIC.search(text) is None
            and _CE_RECORD.search(text) is not None)


@dataclass(frozen=True, slots=True)
class DocTypeResult:
    doc_type: DocType
    confidence: float
    scores: dict[str, float]
    not_evidence: bool = False


def score(doc: Doc, *, schedule_items: int = 0, has_hours: bool = False, text: str | None = None) -> dict[str, float]:
    """Cue weights per group, plus what the document states (``text``: its lines, else the doc's text)."""
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
    lines = doc.text if text is None else text
    stated = _completion_statement(lines.replace("\n", " "))
    if stated == "conference":
        scores[DocType.CONFERENCE_ATTENDANCE] += _STATED
    elif stated == "completion":
        scores[DocType.COMPLETION_CERTIFICATE] += _STATED
    if _credit_record(lines, has_hours):
        scores[DocType.COMPLETION_CERTIFICATE] += _RECORD
    if scores[DocType.COLLEGE_TRANSCRIPT] > 0 and _ce_transcript(lines):
        # "Continuing Education Transcript ... Registrar": a transcript of CE credit is a record of completion
        scores[DocType.COMPLETION_CERTIFICATE] += scores[DocType.COLLEGE_TRANSCRIPT]
        scores[DocType.COLLEGE_TRANSCRIPT] = 0.0
    scores[_STATED_KEY] = 1.0 if stated else 0.0
    return scores


_STATED, _RECORD = 2.5, 2.5
_STATED_KEY = "_stated"  # not a group: whether a statement of completion was read


def classify(doc: Doc, *, schedule_items: int = 0, has_hours: bool = False, text: str | None = None) -> DocTypeResult:
    scores = score(doc, schedule_items=schedule_items, has_hours=has_hours, text=text)
    stated = scores.pop(_STATED_KEY) > 0
    ne = scores[NOT_EVIDENCE]
    typed = sorted(((s, g) for g, s in scores.items() if g != NOT_EVIDENCE), reverse=True)
    (best, best_group), (second, _) = typed[0], typed[1]
    if best < 2.0:
        return DocTypeResult(DocType.UNKNOWN, 0.6 if ne >= 3 else 0.4, scores, ne >= 3)
    # an announcement's cues outweigh the evidence's; a stated completion needs them to outweigh it fully
    if ne >= 4 and ne >= (1.0 if stated else 0.6) * best:
        conf = min(0.95, 0.55 + 0.1 * (ne - 0.6 * best))
        return DocTypeResult(DocType.UNKNOWN, round(conf, 3), scores, True)
    margin = (best - second) / best
    conf = 0.5 + 0.48 * min(1.0, margin * 1.6)
    conf *= min(1.0, 0.6 + best / 15)
    if ne >= 3:
        conf *= 0.8
    return DocTypeResult(DocType(best_group), round(conf, 3), scores, False)
