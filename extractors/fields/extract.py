"""``extract_evidence``: classify the document, then extract each field with confidence and
provenance (page, union box of the words, source text, how it was found)."""

from __future__ import annotations

import re
from dataclasses import replace

from cecintake.domain import Evidence, ExtractedField, InstructorInfo, ReadDocument
from cecintake.domain.vocab import DocType, FieldName, TextSource

from ..api import ExtractionContext
from ..text.hours import find_hours
from ..text.schedule import schedule_hours
from cecintake.errors import ParseError
from . import people, values
from .calibrate import calibrated
from .ocr_gate import evidence as _ocr_evidence
from .ocr_gate import gated as _ocr_gated
from .common import trim_edges
from .corroborate import corroborated_name, corroborated_provider
from .doctype import classify
from .hours import join_wrapped_hours
from .layout import Layout, pairs, table_rows
from .nlp import analyse
from .values import Found

F = FieldName
_HOURS_TYPES = {DocType.COMPLETION_CERTIFICATE, DocType.CONFERENCE_ATTENDANCE, DocType.COLLEGE_TRANSCRIPT,
                DocType.INSTRUCTION_LETTER, DocType.COURSE_SYLLABUS}

# the most the hours an announcement, a flyer or a booking states may carry: they say what an activity is to
# offer, not what anyone completed
_ANNOUNCED_HOURS = 0.6

_TEXT_FIELDS = {F.ACTIVITY_TITLE, F.PROVIDER, F.TASK_DESCRIPTION}


class _Builder:
    def __init__(self, layout: Layout, flat: str, ocr: bool) -> None:
        self.layout, self.flat, self.ocr = layout, flat, ocr
        self.fields: dict[FieldName, ExtractedField] = {}

    def put(self, name: FieldName, found: Found | None) -> None:
        if found is None or found.value in (None, ""):
            return
        if name in _TEXT_FIELDS and isinstance(found.value, str):
            found = replace(found, value=trim_edges(found.value, ocr=self.ocr))
        if found.span == (0, 0) or found.span[0] >= found.span[1]:
            conf = calibrated(str(name), found.method, found.confidence)
            if self.ocr:  # nothing read under it to vouch for it: the page's OCR quality (ocr_gate)
                conf = _ocr_gated(str(name), found.method, conf, _ocr_evidence(self.layout, None))
            self.fields[name] = ExtractedField(name, found.value, round(conf, 3), None, None,
                                               None, found.method)
            return
        loc = self.layout.locate(found.span)
        conf = calibrated(str(name), found.method, found.confidence)
        if self.ocr:  # OCR evidence under the value decides whether it may stay at >= 0.9 (ocr_gate)
            conf = _ocr_gated(str(name), found.method, conf, _ocr_evidence(self.layout, found.span))
        self.fields[name] = ExtractedField(name, found.value, round(max(0.0, min(conf, 0.99)), 3), loc.page,
                                           loc.bbox, loc.text, found.method)


def _instruction_self(flat: str, name: str, conf: float) -> InstructorInfo | None:
    """The instructor an instruction letter is about: credentials and affiliation near the name."""
    creds: tuple[str, ...] = ()
    aff = None
    i = flat.find(name)
    if i >= 0:
        tail = flat[i : i + 200].replace("\n", " ")
        m = re.match(r"[^,(]{2,60}?((?:,[ \t]?[A-Za-z.\-]{2,8})+)?[ \t]*\((?P<aff>[^()]{3,80})\)", tail)
        if m:
            _, c = people.split_credentials(tail[: m.start("aff") - 1].strip())
            creds = tuple(c)
            aff = m.group("aff").strip()
    m = re.search(r"credentials(?:[ \t]on[ \t]file)?[ \t]{0,2}:[ \t]*(?P<c>[^;\n.]{2,60})", flat, re.IGNORECASE)
    if m and not creds and not re.search(r"none|not[ \t]stated", m.group("c"), re.IGNORECASE):
        creds = tuple(c.strip() for c in m.group("c").split(",") if c.strip())
    m = re.search(r"affiliation[ \t]{0,2}:?[ \t]+(?P<a>[^;\n.]{3,80})", flat, re.IGNORECASE)
    if m and aff is None:
        aff = m.group("a").strip()
    qualified, basis = people.qualification(creds, aff)
    return InstructorInfo(name, creds, aff, qualified, basis, round(conf, 3))


def _schedule_items(layout: Layout) -> int:
    try:
        return len(schedule_hours(layout.text.split("\n")).items)
    except ParseError:
        return 0


def extract_evidence(doc: ReadDocument, *, context: ExtractionContext) -> Evidence:
    layout = Layout(doc)
    flat = layout.text.replace("\n", " ")
    text = layout.text
    ocr = doc.text_source in (TextSource.OCR, TextSource.MIXED)
    if not text.strip():
        return Evidence(DocType.UNKNOWN, 0.0, doc.text_source, {}, (), doc.ocr_confidence, ("no text",))
    # cue phrases may wrap across lines; a sidebar's board list or links say nothing of the document's kind
    spacy_doc = analyse(layout.main_text().replace("\n", " ") if layout.margin_lines else flat)
    labelled = [p for p in pairs(layout) if p.line not in layout.margin_lines]
    cells = [p.label for p in labelled if p.kind == "cells"]  # label cells beside their values, no colon
    dt = classify(spacy_doc, schedule_items=_schedule_items(layout), has_hours=bool(find_hours(join_wrapped_hours(text))),
                  text=layout.main_text() if layout.margin_lines else text, labels=cells)
    b = _Builder(layout, text, ocr)
    notes: list[str] = []
    # participant (not for agendas: they name no participant)
    participant = None
    if dt.doc_type is not DocType.COURSE_SYLLABUS:
        cand = people.choose_participant(text, context.expected_name)
        if cand is not None:
            participant = cand.name
            # an OCR reading spelt near but not as the roster's name: a letter likely misread (corroborate.py)
            b.put(F.PARTICIPANT_NAME, corroborated_name(Found(cand.name, cand.span, cand.confidence, cand.method),
                                                        context.expected_name, ocr=ocr))
    provider = values.find_provider(layout, text)
    # another reading naming another organisation as the provider: not auto-accepted (corroborate.py)
    b.put(F.PROVIDER, corroborated_provider(layout, text, provider))
    b.put(F.ACTIVITY_TITLE, values.find_title(layout, flat, dt.doc_type, participant,
                                                       provider.value if provider else None))
    dates = values.find_dates_field(layout, text, dt.doc_type)
    if dates:
        b.put(F.START_DATE, dates[0])
        b.put(F.END_DATE, dates[1])
        if dates[0].method == "ambiguous date":
            notes.append("activity date is an ambiguous numeric date")
    b.put(F.APPROVAL_CODE, values.find_code(text))
    instructors: list[InstructorInfo] = []
    if dt.doc_type in _HOURS_TYPES or dt.doc_type is DocType.UNKNOWN:
        hours, conflict = values.find_contact_hours(layout, text, dt.doc_type)
        if dt.doc_type is DocType.UNKNOWN and hours is not None:
            # the hours a document of no recognised kind states are read all the same (a reviewer sees them), under
            # a method of their own (calibrated apart: what they count is less sure); the doc type, not the hours,
            # keeps such a document from credit (rules: unsupported doc type, whatever the document states)
            if dt.not_evidence:  # an announcement's promised hours, a booking's length: stated, not completed
                hours = replace(hours, confidence=min(hours.confidence, _ANNOUNCED_HOURS),
                                method=f"announced {hours.method}")
            else:
                hours = replace(hours, method=f"untyped {hours.method}")
        b.put(F.CONTACT_HOURS, hours)
        if conflict:
            notes.append("hours_conflict: the document states different hour counts")
    # labels the layout sets apart from their values: beside, over them, or a table's header over its cell
    set_apart = [(p.label, p.value, p.span) for p in labelled] + [
        (head, v, sp) for row in table_rows(layout) for head, (v, sp) in row.items()]
    if dt.doc_type in _HOURS_TYPES:
        b.put(F.DELIVERY_MODE, values.find_delivery(text, cells=set_apart))
        instructors = people.find_instructors(text)
    if dt.doc_type is DocType.COLLEGE_TRANSCRIPT:
        b.put(F.GRADE, values.find_grade(text, cells=set_apart))
    if dt.doc_type is DocType.INSTRUCTION_LETTER and participant:
        me = _instruction_self(text, participant, b.fields[F.PARTICIPANT_NAME].confidence)
        if me is not None:
            instructors = [me] + [i for i in instructors if people.name_similarity(i.name, me.name) < 0.9]
    if dt.doc_type is DocType.PUBLICATION_ACCEPTANCE:
        kind, status = values.find_publication(text)
        b.put(F.PUBLICATION_KIND, kind)
        b.put(F.PUBLICATION_STATUS, status)
    if dt.doc_type is DocType.SERVICE_LETTER:
        svc = values.find_service(text, provider.value if provider else None)
        b.put(F.SERVICE_ROLE, svc.get("role"))
        b.put(F.ORG_LEVEL, svc.get("level"))
        if svc.get("role") and svc["role"].value == "event_organizer":
            b.put(F.EVENTS_ORGANIZED, values.count_events(flat, text))
        else:
            b.put(F.SERVICE_YEARS, svc.get("years") or values.years_from_dates(dates))
    if dt.doc_type is DocType.VOLUNTEER_LETTER:
        b.put(F.VOLUNTEER_HOURS, values.find_volunteer_hours(text, layout))
        b.put(F.TASK_DESCRIPTION, values.find_task(text, flat))
        b.put(F.NONPROFIT, values.find_nonprofit(text, provider.value if provider else None))
    if dt.doc_type in (DocType.SERVICE_LETTER, DocType.VOLUNTEER_LETTER):
        role = people.find_signer_role(text)
        if role:
            b.put(F.SIGNER_ROLE, Found(role[0], (role[1], role[1] + len(role[0])), 0.85, "signature block"))
    if dt.not_evidence:
        notes.append("not evidence of completion (announcement, flyer, form, thanks or registration)")
    return Evidence(dt.doc_type, dt.confidence, doc.text_source, b.fields, tuple(instructors),
                    doc.ocr_confidence, tuple(notes))
