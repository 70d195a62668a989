"""Real documents (``../shared/realworld``, read in place, never copied): none may crash, and
the obvious facts must come out — the document type (announcements, flyers, review forms,
letters of thanks and conference acceptance letters are not completion certificates), and
dates and hours where printed. Expected values were written after reading each document.

A value expected "or held for review" passes when it is right, or when it is absent or below
the 0.9 auto-accept line (the document then goes to a person, which is the honest outcome).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cecintake.extractors.api import ExtractionContext
from cecintake.extractors.fields import extract_evidence
from cecintake.extractors.reading import read_document

ROOT = Path(os.environ.get("CEC_REALWORLD", Path(__file__).resolve().parents[3] / "shared" / "realworld"))
if not ROOT.is_dir():
    ROOT = Path("/work/shared/realworld")
HIGH = 0.9
CERT = "completion_certificate"
NOT_COMPLETION = {"unknown", "instruction_letter", "publication_acceptance", "service_letter", "volunteer_letter"}

# file -> expectations. types: allowed doc types; fields: exact values (must be present);
# review: values that must be right whenever they are stated with confidence >= 0.9;
# error: the reader refuses the file cleanly (DocumentProcessingError).
CASES: dict[str, dict] = {
    "certificates/ama_leadership_ceu_cpe_nasba.pdf": {
        "types": {CERT}, "review": {"start_date": "2021-12-15", "end_date": "2021-12-17", "contact_hours": 18.0}},
    "certificates/amrita_slac_webinar_speaker_appreciation.pdf": {
        "types": {"instruction_letter", "unknown"}, "fields": {"start_date": "2020-11-07", "end_date": "2020-11-08"}},
    "certificates/aws_training_completion_5.5h_browser_print.pdf": {
        "types": {CERT}, "fields": {"start_date": "2020-03-20", "end_date": "2020-03-20", "contact_hours": 5.5,
                                    "activity_title": "AWS Database Offerings"}},
    # encrypted; the text layer holds only the name (the reader may refuse it or OCR it)
    "certificates/ecmwf_mooc_ml_weather_climate_completion.pdf": {"types": {CERT, "unknown"}, "may_error": True,
                                                                  "slow": True},
    "certificates/iei_imeche_two_day_workshop_participation.jpg": {
        "types": {CERT}, "slow": True, "fields": {"start_date": "2021-06-06", "end_date": "2021-06-07"}},
    "certificates/linkedin_learning_3h23m_no_credit.pdf": {
        "types": {CERT}, "fields": {"start_date": "2025-08-26", "contact_hours": 3.38}},
    "certificates/linkedin_learning_iiba_cdu_1.0.pdf": {
        "types": {CERT}, "fields": {"start_date": "2023-08-15", "participant_name": "Moses Osareme Wiysanyuy"},
        "review": {"contact_hours": 1.35}},
    "certificates/linkedin_learning_pmi_pdu_0.75.pdf": {
        "types": {CERT}, "fields": {"start_date": "2023-08-12", "contact_hours": 0.75}},
    "certificates/qa_ltd_certificate_of_attendance.pdf": {
        "types": {CERT}, "fields": {"start_date": "2024-03-28", "activity_title": "Developing on AWS",
                                    "provider": "QA Ltd"}, "absent": {"contact_hours"}},
    "certificates/un_desa_online_course_ddmmyy.pdf": {
        "types": {CERT}, "review": {"start_date": "2023-06-22"}, "absent": {"contact_hours"}},
    "letters/charity_run_volunteer_appreciation.pdf": {"types": {"volunteer_letter", "unknown"}},
    "letters/conference_acceptance_letter_ai4science2026.pdf": {"types": {"publication_acceptance", "unknown"}},
    "letters/conference_acceptance_letter_icrmia2024.pdf": {"types": {"publication_acceptance", "unknown"}},
    "letters/internship_appreciation_letter.jpg": {
        "types": NOT_COMPLETION | {CERT}, "slow": True,
        "review": {"start_date": "2021-05-17", "end_date": "2021-06-27"}},
    "letters/journal_acceptance_letter_sjis.pdf": {"types": {"publication_acceptance"},
                                                   "fields": {"publication_status": "accepted"}},
    "letters/letter_of_thanks_webinar_speaker.pdf": {"types": {"unknown", "instruction_letter"}},
    "letters/nonprofit_volunteer_certificate_make_a_difference.pdf": {
        "types": {"volunteer_letter", "unknown"}, "slow": True, "absent": {"volunteer_hours"}},
    "letters/paper_review_form_accepted_with_modification.pdf": {"types": {"unknown"}},
    "other/owp_wastewater_course_catalog_ceu_contact_hours.md": {"error": True},
    "other/stormwater_asset_management_forum_flyer.pdf": {"types": {"unknown"}},
    "scans/certificate_collage_camscanner.pdf": {"types": None, "slow": True},
    "scans/ict_workshop_participation_photo_rotated_handwritten.pdf": {
        "types": {CERT, "unknown"}, "slow": True, "review": {"start_date": "2018-07-26"}},
    "scans/iub_debate_volunteer_certificate_photo.pdf": {
        "types": {"volunteer_letter", "service_letter", "unknown"}, "slow": True,
        "review": {"start_date": "2018-09-20", "end_date": "2018-09-22"}},
    "scans/muj_winter_school_participation_scan.jpg": {
        "types": {CERT, "unknown"}, "slow": True, "review": {"start_date": "2021-01-25", "end_date": "2021-02-10"}},
    "scans/seminar_workshop_participation_photo_rotated.pdf": {
        "types": {CERT, "service_letter", "unknown"}, "slow": True, "review": {"start_date": "2020-02-17"}},
    "syllabi/ats_operator_training_standards_learning_objectives.pdf": {
        "types": {"course_syllabus", "unknown", CERT}, "review": {"contact_hours": 40.0}},
    "syllabi/bee4750_env_systems_analysis_syllabus.docx": {"types": {"course_syllabus"}},
    "syllabi/bee4750_env_systems_analysis_syllabus.pdf": {"types": {"course_syllabus"}},
    "syllabi/esiil_innovation_summit_2024_agenda.md": {"error": True},
    "syllabi/modex_workshop_2025_agenda.rst": {"error": True},
    "syllabi/spc_fisheries_preassessment_workshop_agenda.pdf": {"types": {"course_syllabus"}},
    "syllabi/us_ghg_center_ams2024_workshop_agenda.md": {"error": True},
    "syllabi/usepa_r_workshop_2019_agenda.pdf": {"types": {"course_syllabus"}},
    "syllabi/usfws_r_webinar_agenda.pdf": {"types": {"course_syllabus"}, "fields": {"start_date": "2020-06-24"}},
    "syllabi/usu_wats5350_spring2023_syllabus.md": {"error": True},
}


def _same(got, want) -> bool:
    if isinstance(want, float):
        try:
            return abs(float(got) - want) < 0.011
        except (TypeError, ValueError):
            return False
    return str(got).strip().lower() == str(want).strip().lower()


def _params():
    out = []
    for rel, exp in CASES.items():
        marks = [pytest.mark.slow] if exp.get("slow") else []
        out.append(pytest.param(rel, exp, id=Path(rel).stem, marks=marks))
    return out


pytestmark = pytest.mark.skipif(not ROOT.is_dir(), reason="realworld documents not present")


def test_every_file_has_a_case() -> None:
    present = {p.relative_to(ROOT).as_posix() for d in ("certificates", "letters", "scans", "syllabi", "other")
               for p in (ROOT / d).glob("*") if p.is_file()}
    assert present - set(CASES) == set(), "realworld files without expectations"


@pytest.mark.parametrize("rel,exp", _params())
def test_realworld(rel: str, exp: dict) -> None:
    from cecintake.errors import DocumentProcessingError

    path = ROOT / rel
    if not path.exists():
        pytest.skip(f"{rel} absent")
    data = path.read_bytes()
    if exp.get("error"):
        with pytest.raises(DocumentProcessingError):
            read_document(data)
        return
    try:
        doc = read_document(data)
    except DocumentProcessingError:
        if exp.get("may_error"):
            return
        raise
    ev = extract_evidence(doc, context=ExtractionContext())
    if exp.get("types") is not None:
        assert str(ev.doc_type) in exp["types"], f"doc type {ev.doc_type} ({ev.doc_type_confidence})"
    for name, want in exp.get("fields", {}).items():
        f = ev.fields.get(name)
        assert f is not None, f"{name} missing, want {want!r}"
        assert _same(f.value, want), f"{name} {f.value!r} ({f.confidence}), want {want!r}"
    for name, want in exp.get("review", {}).items():
        f = ev.fields.get(name)
        if f is not None and f.confidence >= HIGH:
            assert _same(f.value, want), f"{name} {f.value!r} at {f.confidence} would be auto-accepted, want {want!r}"
    for name in exp.get("absent", ()):
        f = ev.fields.get(name)
        assert f is None or f.confidence < HIGH, f"{name} {f.value!r} ({f.confidence}) is not printed"
