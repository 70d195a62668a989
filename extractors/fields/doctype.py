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
line from turning the document into an announcement. The statement may be in other letter language
("We were pleased to welcome X to our training", "X joined us for", "we confirm attendance at our
workshop"), in the past only and as a participant (not "we look forward to welcoming you", "the upcoming
course", "welcomed you as guest speaker"). When what was attended is a conference, a certificate's wording
of attendance or participation counts for conference attendance. A department heading the letter
("Volunteer Services – ...") says which office writes, not what kind of document it is: its cues do not count.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from cecintake.domain.vocab import DocType
from cecintake.extractors.text.names import name_similarity

from .cues import ATTENDANCE, CUES, NOT_EVIDENCE
from .layout import UNIT_LINE

_WEIGHTS = {str(group): {p.lower(): w for p, w in phrases} for group, phrases in CUES.items()}


# a completion verb in the past (or "for completing"), the start of what follows it
_DONE = re.compile(
    r"\b(?:(?P<past>completed|attended|finished|participated[ \t]in|took[ \t]part[ \t]in|was[ \t]present[ \t](?:at|for))"
    r"|for[ \t](?:successfully[ \t])?(?P<ger>completing|attending|participating[ \t]in|taking[ \t]part[ \t]in))"
    r"[ \t]+(?P<obj>[^.;\n]{1,120})", re.IGNORECASE)
# someone named (a title, initials with their full stop, lower-case particles), or "you"
_WHO = (r"(?:you|him|her|them|(?:(?:Mr|Ms|Mx|Mrs|Dr|Prof)\.?[ \t]+)?[A-Z\u00c0-\u024f][\w'\u2019\-]*\.?"
        r"(?:,?[ \t]+(?:(?:van|von|der|den|de|del|della|da|di|du|la|le|bin|al|ter|ten)[ \t]+)*"
        r"[A-Z\u00c0-\u024f][\w'\u2019\-]*\.?){0,4})")
# the same statement in other letter language: someone welcomed to, joined us for, was with us for, was a
# participant in the activity; a confirmation of someone's attendance, participation or completion. Only in the
# past ("we were pleased to welcome X to", not "we are pleased to welcome you" nor "look forward to welcoming")
_DONE_OTHER = re.compile(
    r"(?:\b(?i:(?:we|i)[ \t]+(?:were|was)[ \t]+(?:(?:very|so|most|truly)[ \t]+)?(?:pleased|glad|delighted|happy|"
    r"honou?red|proud|thrilled)[ \t]+to[ \t]+welcome|it[ \t]+was[ \t]+(?:a|our)[ \t]+(?:(?:great|real)[ \t]+)?"
    r"(?:pleasure|privilege)[ \t]+to[ \t]+welcome|(?<!\bbe[ \t])(?<!\bis[ \t])(?<!\bare[ \t])welcomed)"
    r"[ \t]+" + _WHO + r"[ \t]+(?i:to|at|on|into)"
    r"|\b" + _WHO + r"[ \t]+(?i:joined[ \t]+us|(?:was|were)[ \t]+with[ \t]+us|(?:was|were)[ \t]+(?:a|an|one[ \t]+of[ \t]+the|"
    r"among[ \t]+the)[ \t]+(?:participant|attendee|delegate|trainee)s?)[ \t]+(?i:for|at|in|on|of|during)"
    r"|\b(?i:(?:confirm|certify|verify|attest)(?:s|ed)?(?:[ \t]+to)?[ \t]+(?:the[ \t]+|his[ \t]+|her[ \t]+|their[ \t]+)?"
    r"(?:successful[ \t]+|full[ \t]+)?(?:attendance|participation|completion))"
    r"(?:[ \t]+(?i:of|by)[ \t]+" + _WHO + r")?[ \t]+(?i:at|in|of|for))"
    r"[ \t]+(?P<obj>[^.;\n]{1,120})")
# what makes the statement not (yet) a fact: a future, a condition, a requirement, a relative clause
_NOT_DONE_BEFORE = re.compile(
    r"(?:\b(?:who|will|would|to|must|should|shall|can|may|not|never|once|after|when|until|before|if|upon|"
    r"unless|cannot|be|please|kindly)|n't|thank[ \t]you|thanks)[ \t]+(?:(?:have|has|had|be|been|successfully|fully|all)[ \t]+){0,3}$",
    re.IGNORECASE)
# an object that is no past attendance: an activity still to come, one the person taught or spoke at, or gave
# their time to ("joined us for our spring planting program, volunteering 40 hours")
_NOT_ATTENDED = re.compile(
    r"^(?:(?:the|our|this|your|an?)[ \t]+)?(?:upcoming|forthcoming|next|future|coming)\b"
    r"|\bas[ \t]+an?[ \t]+volunteer\b|(?<!\band[ \t])(?<!\bthen[ \t])(?<!\balso[ \t])\bvolunteer(?:ing|ed)\b"
    r"|\bas[ \t]+(?:(?:an?|our|the)[ \t]+)?(?:(?:guest|keynote|invited|lead|co-?)[ \t-]*)?(?:instructor|speaker|presenter|"
    r"trainer|lecturer|facilitator|teacher|panell?ist|moderator|organi[sz]er)s?\b", re.IGNORECASE)
# the person addressed gave a talk at the event (a keynote or plenary address, a talk as an invited speaker): the
# event's conference cues say where they spoke, not that they attended ("Thank you for delivering the keynote address
# at the 2024 Great Lakes Restoration Conference"). Speaking is no attendance (policy category 3); a conference talk is
# no instruction of specialised training (category 4) either, so such a letter is left to review
_SPOKE = re.compile(
    r"\b(?:deliver(?:ed|ing)|gav(?:e|ing)|giv(?:e|ing)|present(?:ed|ing)|your)[ \t]+(?:(?:the|a|an|our|this|year's|"
    r"opening|closing|inspiring|excellent|insightful|invited|featured|conference|morning|afternoon)[ \t]+){0,3}"
    r"(?:keynote|plenary)(?:[ \t]+(?:address|talk|lecture|speech|presentation|session))?\b"
    r"|\b(?:as|being|was|were)[ \t]+(?:(?:the|a|an|our|one[ \t]+of[ \t]+(?:the|our))[ \t]+)?(?:keynote|plenary|invited|"
    r"featured|guest)[ \t]+speakers?\b", re.IGNORECASE)
_CONF_NOUN = (r"(?<![\w-])(?:conference|symposium|congress|summit|convention|annual[ \t]meeting|forum)s?\b"
              r"(?![ \t]+(?:cent(?:er|re)|room|hall|facility|venue))")
_ACTIVITY_NOUN = (_CONF_NOUN + r"|\b(?:course|workshop|webinar|training|seminar|program|programme|session|class|"
                  r"module|field[ \t]day|lecture|tutorial|institute|boot[ \t]?camp|practicum|clinic|the[ \t]following)s?\b")
_ACTIVITY = re.compile(
    r"^(?:[^ \t]+[ \t]+){0,5}?(?:" + _ACTIVITY_NOUN + r")"
    r"|^[ \t]*(?:our[ \t]|the[ \t])?[\"\u201c\u2018']", re.IGNORECASE)
# the first activity noun among the object's first words says what was attended: a conference (not a venue's
# name, "Hotel and Conference Center", nor a pre-conference workshop) or another activity
_FIRST_NOUN = re.compile(_ACTIVITY_NOUN, re.IGNORECASE)
_CONFERENCE = re.compile(_CONF_NOUN, re.IGNORECASE)
# a title: two capitalised words (one may end in a colon or comma: "Post-Wildfire Revegetation: Seed ..."), after
# "the" or "our" and a year ("the 2023 Gulf Coast Restoration Summit")
_TITLE_START = re.compile(r"(?:(?:the|our)[ \t]+)?(?:(?:19|20)\d\d[ \t]+)?(?:[A-Z][\w\-\u2019']*[:,]?[ \t]+){2}")
# hours earned or awarded, stated as a fact
_EARNED = re.compile(
    r"\b(?:earned|(?:was|were|has[ \t]been|have[ \t]been|is|are)[ \t]awarded|received|completed|accrued)[ \t]+"
    r"(?:a[ \t]total[ \t]of[ \t]+)?(?:\d+(?:\.\d+)?|[a-z\-]+[ \t]\(\d+(?:\.\d+)?\))[ \t]+"
    r"(?:[A-Za-z\-]+[ \t]+){0,3}?(?:hours?|hrs?|credits?|ceus?|pdhs?|cecs?|units)\b", re.IGNORECASE)
# a record of credit: field labels at the start of a line (or of a "; " or " | "-separated field)
_FIELD = r"(?:^|\n|[;|][ \t])[ \t]*"
_PARTICIPANT_LABEL = re.compile(
    _FIELD + r"(?:participant|attendee|learner|trainee|name[ \t]of[ \t](?:participant|attendee|learner|trainee))"
    r"(?:'s)?(?:[ \t]name)?(?:[ \t]*:|[ \t]*\n|[ \t]+(?=[A-Z\u00c0-\u024f]))", re.IGNORECASE)
_ACTIVITY_LABEL = re.compile(
    r"\b(?:course|activity|program|programme|training|workshop|webinar|event|session|module)[ \t](?:title|name)\b"
    r"|" + _FIELD + r"(?:name[ \t]of[ \t](?:the[ \t])?)?(?:course|activity|program|programme|training|workshop|webinar|"
    r"event|session)[ \t]*:",
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


# a department heading the first line ("Volunteer Services – Prairie Restoration Guild", "MEMBER SERVICES" over the
# organisation's name): which office writes says nothing of what the letter states
_DEPARTMENT_HEAD = re.compile(
    r"[ \t]*(?P<unit>" + UNIT_LINE.pattern + r")(?:[\u2013\u2014|\u00b7:,][ \t]*|-[ \t]+|[ \t]*(?:\n|$))",
    re.IGNORECASE)
_DEPARTMENT_WORD = re.compile(r"(?i)\b(?:office|department|dept|division|unit|programs?|services?)\b")


def _department_head_end(text: str) -> int:
    """Where a department's name that opens the document ends (0 when none does)."""
    m = _DEPARTMENT_HEAD.match(text)
    return m.end("unit") if m and _DEPARTMENT_WORD.search(m.group("unit")) else 0


# whom the letter is written to, and whom a field label names as the one who taught
_ADDRESSEE = re.compile(r"(?im)^(?:dear|to[ \t]*:)[ \t]+(?:(?:mr|ms|mx|mrs|dr|prof)\.?[ \t]+)?(?P<name>[^,:;\n]{3,60})")
_TEACHER_LABEL = re.compile(
    r"(?im)^(?:(?:lead|course|guest)[ \t]+)?(?:instructor|presenter|speaker|trainer|lecturer|teacher)(?:'s)?(?:[ \t]+name)?"
    r"[ \t]*:[ \t]*(?:(?:mr|ms|mx|mrs|dr|prof)\.?[ \t]+)?(?P<name>[^,;(\n]{3,60})")


def _written_to_the_teacher(text: str) -> bool:
    """A letter written to the person its instructor (presenter, speaker) label names: a record of their teaching,
    not of someone's attendance ("TO: Andres Thompson ... Instructor: Andres Thompson ... Hours of instruction")."""
    to = [m.group("name").strip() for m in _ADDRESSEE.finditer(text)]
    return any(name_similarity(t.group("name").strip(), a) >= 0.9 for t in _TEACHER_LABEL.finditer(text) for a in to)


# someone stated to have organised an event: "for serving as lead organizer of Fall Volunteer Planting Day", "acted as
# co-organiser for". What the event is named ("... Volunteer Planting Day") says nothing of the letter's kind
_ORGANIZED = re.compile(
    r"\b(?:serv(?:ed|ing|es)|act(?:ed|ing|s))[ \t]+as[ \t]+(?:(?:the|a|an|our)[ \t]+)?(?:(?:lead|chief|principal|co)[ \t-]*)?"
    r"organi[sz]er[ \t]+(?:of|for)\b", re.IGNORECASE)


# a count's column heading before a past verb ("Hours attended", "Sessions completed", "Days attended")
_COUNT_HEAD = re.compile(r"(?i)\b(?:hours?|hrs|days|sessions|modules|units)[ \t]+$")


def _completion_statement(flat: str) -> str | None:
    """``"completion"`` or ``"conference"`` when the text states, in the past, that someone
    completed, attended or took part in an activity (or earned its hours); else None."""
    found = sorted([*_DONE.finditer(flat), *_DONE_OTHER.finditer(flat)], key=lambda m: m.start())
    for m in found:
        if _NOT_DONE_BEFORE.search(flat[max(0, m.start() - 40) : m.start()]):
            continue
        if m.re is _DONE and m.group("past") and _COUNT_HEAD.search(flat[max(0, m.start() - 20) : m.start()]):
            continue  # "Day    Hours attended" over a table's rows: a column's heading, no statement
        obj = m.group("obj")
        if _NOT_ATTENDED.search(obj):
            continue
        a = _ACTIVITY.match(obj)
        # "for completing X" names an activity whatever X is; "completed X" when X is its title
        if a or m.groupdict().get("ger") or _TITLE_START.match(obj):
            first = _FIRST_NOUN.search(" ".join(obj.split()[:10]))
            return "conference" if first and _CONFERENCE.fullmatch(first.group()) else "completion"
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


# the same labels as a layout reads them, a label cell set apart from its value cell with no colon ("Attendee
# Dr. Grace Schäfer", "Training    Wetland Delineation"): the whole label
_PARTICIPANT_CELL = re.compile(
    r"(?i)(?:name[ \t]of[ \t])?(?:the[ \t])?(?:participant|attendee|learner|trainee)(?:'s)?(?:[ \t]name)?")
_ACTIVITY_CELL = re.compile(
    r"(?i)(?:name[ \t]of[ \t](?:the[ \t])?)?(?:course|activity|program|programme|training|workshop|webinar|event|session|"
    r"module)(?:[ \t](?:title|name|attended|completed))?")


def _labelled_record(labels: list[str], text: str, has_hours: bool) -> bool:
    """A record of credit whose labels are cells beside their values (``labels``, from the layout): a participant
    and an activity label, a date, and its hours."""
    if not (any(_PARTICIPANT_CELL.fullmatch(lab.strip()) for lab in labels)
            and any(_ACTIVITY_CELL.fullmatch(lab.strip()) for lab in labels) and _YEAR.search(text)):
        return False
    return has_hours or any(re.search(r"\d", m.group()) for m in _CREDIT_LINE.finditer(text))


def _ce_transcript(text: str) -> bool:
    """A transcript or record of continuing-education credit rather than an academic one: it calls itself a
    transcript or record (or is a registrar's), carries what a CE record does (CE wording, contact or clock
    hours, a participant, a provider) and nothing only an academic record carries (a grade, a term or
    semester, a student, a course code)."""
    return (_RECORD_WORD.search(text) is not None and _ACADEMIC.search(text) is None
            and _CE_RECORD.search(text) is not None)


_COLLEGE = re.compile(r"(?i)\b(?:university|college|registrar)\b")


def _college_record(text: str) -> bool:
    """A record (transcript) from a university or college that carries what only an academic record does (a course
    code, a grade, a term)."""
    return bool(_RECORD_WORD.search(text) and _ACADEMIC.search(text) and _COLLEGE.search(text))


@dataclass(frozen=True, slots=True)
class DocTypeResult:
    doc_type: DocType
    confidence: float
    scores: dict[str, float]
    not_evidence: bool = False


def score(doc: Doc, *, schedule_items: int = 0, has_hours: bool = False, text: str | None = None,
          labels: list[str] | None = None) -> dict[str, float]:
    """Cue weights per group, plus what the document states (``text``: its lines, else the doc's text; ``labels``:
    the label cells a layout sets beside their values, without colons)."""
    seen: Counter[tuple[str, str]] = Counter()
    scores: dict[str, float] = {str(g): 0.0 for g in CUES}
    attendance = 0.0  # what the generic wording of attendance adds to completion
    lines = doc.text if text is None else text
    head = _department_head_end(lines)
    for span in doc.spans.get("cues", []):
        if span.start_char < head:
            continue
        group, phrase = span.label_, span.text.lower()
        seen[(group, phrase)] += 1
        n = seen[(group, phrase)]
        if n <= 2:
            w = _WEIGHTS[group].get(phrase, 0.0) * (1.0 if n == 1 else 0.5)
            scores[group] += w
            if group == DocType.COMPLETION_CERTIFICATE and phrase in ATTENDANCE:
                attendance += w
    if schedule_items >= 4:
        scores[DocType.COURSE_SYLLABUS] += 2.0 + min(schedule_items, 20) * 0.4
    if not has_hours:
        # a letter of thanks or an announcement rarely states hours of credit
        scores[NOT_EVIDENCE] += 0.5
    stated = _completion_statement(lines.replace("\n", " "))
    if stated == "conference":
        # "Certificate of Attendance ... attended the 2025 Chapter Conference": what was attended is a conference,
        # so the certificate's wording of attendance or participation is a conference's record of attendance
        scores[DocType.CONFERENCE_ATTENDANCE] += _STATED + attendance
        scores[DocType.COMPLETION_CERTIFICATE] -= attendance
    elif stated == "completion":
        scores[DocType.COMPLETION_CERTIFICATE] += _STATED
    elif _SPOKE.search(lines.replace("\n", " ")):
        # a talk given at a conference, not attended: its conference cues are the venue of the talk
        scores[DocType.CONFERENCE_ATTENDANCE] = 0.0
    if _ORGANIZED.search(lines.replace("\n", " ")):
        scores[DocType.SERVICE_LETTER] += _STATED
    if _written_to_the_teacher(lines):
        scores[DocType.INSTRUCTION_LETTER] += _STATED
    if _credit_record(lines, has_hours) or labels and _labelled_record(labels, lines, has_hours):
        # a college's record (a transcript of course numbers and grades from a registrar) is college coursework,
        # whatever it calls the credit ("Continuing Education Transcript ... RES 410 ... B+"; policy category 1)
        college = scores[DocType.COLLEGE_TRANSCRIPT] > 0 and _college_record(lines)
        scores[DocType.COLLEGE_TRANSCRIPT if college else DocType.COMPLETION_CERTIFICATE] += _RECORD
    if scores[DocType.COLLEGE_TRANSCRIPT] > 0 and _ce_transcript(lines):
        # "Continuing Education Transcript ... Registrar": a transcript of CE credit is a record of completion
        scores[DocType.COMPLETION_CERTIFICATE] += scores[DocType.COLLEGE_TRANSCRIPT]
        scores[DocType.COLLEGE_TRANSCRIPT] = 0.0
    scores[_STATED_KEY] = 1.0 if stated else 0.0
    return scores


_STATED, _RECORD = 2.5, 2.5
_STATED_KEY = "_stated"  # not a group: whether a statement of completion was read


def classify(doc: Doc, *, schedule_items: int = 0, has_hours: bool = False, text: str | None = None,
             labels: list[str] | None = None) -> DocTypeResult:
    scores = score(doc, schedule_items=schedule_items, has_hours=has_hours, text=text, labels=labels)
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
