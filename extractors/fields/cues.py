"""Cue phrases and their weights, per document type (data, not code).

Cues are general wording of each kind of evidence, not one template's. ``not_evidence``
marks announcements, flyers, review forms, letters of thanks and registration
confirmations, which never prove completion.
"""

from __future__ import annotations

from cecintake.domain.vocab import DocType

NOT_EVIDENCE = "not_evidence"

# completion wording that records attendance or participation without saying at what: when the document states
# that what was attended is a conference, these count for conference attendance instead
ATTENDANCE = frozenset({
    "certificate of participation", "certificate of attendance", "attendance certificate", "participation certificate",
    "for attending", "has participated in", "participated in the", "confirmation of attendance", "has attended",
    "attended", "taking part in", "were present for", "was present for", "verification of attendance",
    "successful participation in", "for successful participation",
})

CUES: dict[str, list[tuple[str, float]]] = {
    DocType.COMPLETION_CERTIFICATE: [
        ("certificate of completion", 3), ("has successfully completed", 2.5), ("successfully completed", 2),
        ("has satisfactorily completed", 2.5), ("confirmation of completion", 3), ("course completed by", 3),
        ("certificate of achievement", 2), ("professional development certificate", 3),
        ("in recognition of completing", 2.5), ("this certifies that", 1), ("this is to certify that", 1),
        ("certificate of participation", 2), ("certificate of attendance", 2), ("training", 0.5),
        ("attendance certificate", 2.5), ("participation certificate", 2), ("completion certificate", 3),
        ("for attending", 1.5), ("has participated in", 1.5), ("participated in the", 1),
        ("confirmation of attendance", 2.5), ("this letter confirms that", 1), ("has attended", 1),
        ("successfully completed our", 1.5), ("of instruction", 1), ("of training", 1), ("course", 0.5),
        ("course length", 1.5), ("total hours", 1), ("credit earned", 1.5), ("ceus", 1), ("pdus", 1),
        ("continuing education units", 1.5), ("seminar", 0.5), ("field course", 1),
        ("successful completion of", 2.5), ("educational credits", 1.5), ("is proud to award", 1),
        ("has successfully completed the online course", 1),
        ("workshop", 0.5), ("webinar", 0.5), ("short course", 1), ("contact hours", 0.5),
        ("has completed", 1), ("completed the", 0.5), ("attended", 1), ("for a total of", 1), ("pre-approved training", 2), ("awarded to", 0.5),
        ("continuing education record", 1.5), ("verification of course completion", 1),
        # general completion wording (validation round 3): credentials of attendance in other words
        ("continuing education certificate", 3), ("certificate of training", 3), ("training certificate", 3),
        ("training record", 2), ("completed the following", 2), ("for successful participation", 2),
        ("successful participation in", 2), ("were present for", 2), ("was present for", 2),
        ("our records show that", 1.5), ("we confirm that", 1), ("ce hours", 1), ("ce credits", 1.5),
        ("credits awarded", 1.5), ("date issued", 0.5), ("duration", 0.5), ("taking part in", 1),
        ("completed the course", 1.5), ("course completion certificate", 3),
        # general completion wording: requirements fulfilled, awards and records of credit
        ("fulfilled the requirements", 3), ("has fulfilled", 2.5), ("award of completion", 3), ("completion award", 3),
        ("continuing education credit", 2.5), ("professional development record", 3), ("of training in", 2),
        ("certifies that", 1), ("date of issue", 0.5), ("completed", 0.5),
        # records of continuing-education credit a provider or a CE tracking system issues (not academic ones)
        ("continuing education transcript", 3), ("ce transcript", 3), ("continuing education verification", 3),
        ("ce verification", 2.5), ("verification of attendance", 2.5), ("training provider", 1),
    ],
    DocType.CONFERENCE_ATTENDANCE: [
        ("conference", 1.5), ("symposium", 1.5), ("annual meeting", 1.5), ("congress", 1),
        ("conference attendance", 3), ("record of attendance", 1.5), ("sessions attended", 3),
        ("attendance report", 1.5), ("plenary", 1), ("concurrent session", 1.5), ("attended the", 1),
        ("summit", 1), ("world conference", 1.5), ("forum", 1.5), ("session time", 2),
        ("conference programme", 2.5), ("conference program", 2.5), ("delegate", 2),
        # general conference wording: sessions, meetings and gatherings of many talks
        ("conference sessions", 2.5), ("sessions", 1), ("keynote", 1), ("poster session", 1.5), ("colloquium", 1.5),
        ("annual conference", 1.5), ("convention", 1.5), ("regional meeting", 1.5), ("conference dates", 2),
    ],
    DocType.COLLEGE_TRANSCRIPT: [
        ("transcript", 3), ("academic transcript", 3), ("grade report", 3), ("student id", 2.5),
        ("final grade", 2.5), ("registrar", 1), ("semester credits", 2.5), ("credit hours", 1),
        ("university registrar", 2), ("course completion", 0.5), ("term", 0.5), ("gpa", 2),
        ("certificate of course completion", 2), ("university", 0.5), ("college", 0.5),
        ("academic record", 3), ("awarded the grade", 2.5), ("credits", 1), ("final result", 2),
    ],
    DocType.INSTRUCTION_LETTER: [
        ("served as an instructor", 4), ("instructor of record", 4), ("thank you for teaching", 3),
        ("co-instructed", 4), ("hours of instruction", 1.5), ("verification of instruction", 4),
        ("personally taught", 4), ("of instruction delivered", 3), ("delivered", 0.5),
        ("instruction of", 1), ("taught", 1.5), ("participants", 0.5), ("as instructor", 3),
        ("presenter", 0.5), ("classroom instruction", 0.5), ("has delivered a webinar", 3),
        ("delivered a talk", 3), ("delivered a lecture", 3), ("as a resource person", 3), ("guest speaker", 2),
        ("as a speaker", 2),
        # general wording of teaching: who taught, trained, led or lectured
        ("lead trainer", 3.5), ("led the training", 3.5), ("of teaching", 2.5), ("trainer for", 2.5), ("as trainer", 3),
        ("sharing their expertise", 2), ("sharing his expertise", 2), ("sharing her expertise", 2),
        ("was the instructor", 4), ("instructor for", 3), ("taught the", 2), ("teaching", 1.5), ("lecturer", 1.5),
        ("guest lecture", 2.5), ("facilitated the", 2.5), ("led the course", 3), ("led the workshop", 3),
        ("taught our", 3), ("taught a", 2),
    ],
    DocType.COURSE_SYLLABUS: [
        ("syllabus", 4), ("agenda", 3), ("outline", 1.5), ("webinar information", 2), ("presenters", 1), ("course schedule", 3), ("program schedule", 2),
        ("learning objectives", 1.5), ("course outline", 2.5), ("class schedule", 2.5),
        ("day 1", 1.5), ("day 2", 1.5), ("schedule", 1), ("coffee break", 1), ("lunch", 0.5),
        ("office hours", 1.5), ("week 1", 1.5), ("readings", 1), ("assignments", 1), ("break", 0.5),
    ],
    DocType.PUBLICATION_ACCEPTANCE: [
        ("manuscript", 2.5), ("accepted for publication", 4), ("publication", 1.5), ("editor-in-chief", 2),
        ("published", 1.5), ("under review", 2), ("peer review", 2), ("copyright", 1.5), ("journal", 1.5),
        ("edited volume", 2.5), ("publication type", 3), ("publication decision", 3), ("acquisitions editor", 2),
        ("volume editor", 2), ("book manuscript", 2.5), ("manuscript id", 2.5), ("publication status", 3),
        ("acknowledges receipt", 1.5), ("for publication", 2),
        # general publishing wording: kinds of publication and who publishes
        ("fact sheet", 2), ("technical report", 2), ("book chapter", 2), ("monograph", 2), ("was published", 1.5),
        ("publications department", 2), ("practitioner guide", 1.5), ("extension bulletin", 2), ("proceedings", 1),
        ("co-author", 1.5), ("doi", 1.5), ("research article", 3), ("your article", 2.5), ("your paper", 2),
        ("managing editor", 2), ("series editor", 2), ("publications officer", 2), ("editorial board", 1),
        ("will not be published", 3), ("the author", 1), ("dear author", 2.5),
    ],
    DocType.SERVICE_LETTER: [
        ("board of directors", 2.5), ("committee", 1.5), ("years of service", 2), ("verification of service", 3),
        ("confirmation of service", 3), ("served on the", 3), ("as a member of the", 2.5), ("organized", 2),
        ("lead organizer", 3), ("planned and organized", 3), ("event organization", 3), ("board", 1),
        ("chapter", 1), ("term", 0.5), ("served", 1), ("position", 0.5), ("of service", 1),
        # general wording of organizing events
        ("organized the following", 3), ("following events", 1.5), ("events organized", 2), ("organizing committee", 2),
        ("organizer of", 2.5), ("organiser of", 2.5), ("in organizing", 2), ("in organising", 2),
        ("organizing the following", 3), ("organising the following", 3),
        ("served as chair", 2), ("treasurer", 1.5), ("secretary", 1),
        # general wording of membership: who sat on which body, for how long
        ("was a member of", 2.5), ("member of the", 1.5), ("held a seat on", 3), ("seat on the", 2.5),
        ("sat on the", 3), ("a term of", 1.5), ("elected to the", 2.5), ("appointed to the", 2.5),
    ],
    DocType.VOLUNTEER_LETTER: [
        ("volunteer", 2), ("volunteered", 3), ("volunteer service", 3), ("volunteer hours", 3),
        ("hours of volunteer", 3), ("volunteer appreciation", 2), ("not-for-profit", 1), ("501(c)(3)", 1),
        ("registered charity", 1), ("non-profit", 1), ("tasks", 1), ("task description", 2),
        # general wording of donated time
        ("you gave", 1.5), ("donated", 1.5), ("hours to", 1), ("time and energy", 1.5), ("volunteering", 2.5),
        ("contributed", 0.5), ("of your time", 1.5), ("stewardship", 0.5), ("nonprofit", 1),
    ],
    NOT_EVIDENCE: [
        ("register now", 4), ("registration confirmation", 5), ("thank you for registering", 5),
        ("you are registered", 5), ("your registration", 3), ("save the date", 4), ("call for", 3),
        ("call for abstracts", 4), ("call for papers", 4), ("join us", 2.5), ("registration deadline", 2.5),
        ("registration fee", 2.5), ("early bird", 3), ("register by", 3), ("register at", 3),
        ("review form", 5), ("reviewer comments", 4), ("reviewer's comments", 4), ("recommendation", 1),
        ("comments to the author", 4), ("letter of thanks", 4), ("speaker appreciation", 3),
        ("thank you for your presentation", 4), ("thank you for speaking", 4), ("thank you for presenting", 4),
        ("announcement", 3), ("announcing", 3), ("upcoming", 2), ("will be held", 2), ("seats are limited", 3),
        ("limited seats", 3), ("spaces are limited", 3), ("rsvp", 3), ("tickets", 2), ("invitation", 1.5),
        ("you are invited", 3), ("confirmation number", 3), ("order number", 3), ("receipt", 1.5),
        ("evaluation form", 4), ("course evaluation", 3), ("please rate", 3), ("learn more", 1.5),
        ("flyer", 3), ("sign up", 2), ("what you will learn", 2), ("who should attend", 3),
        ("we look forward to seeing you", 3), ("payment", 1.5), ("will be presented", 1.5),
        ("acceptance of your abstract", 3), ("has been accepted for presentation", 3), ("camera-ready", 3),
        ("registration", 0.5),
        # peer review of someone's paper (the reviewer's report, a review form, an invitation to review)
        ("referee", 2), ("referee report", 4), ("reviewer", 1.5), ("assigned reviewer", 3),
        ("reviewer assessment", 4), ("manuscript evaluation", 4), ("paper review form", 5), ("review status", 3),
        ("overall rating", 3), ("overall recommendation", 4), ("recommendation :", 1.5),
        ("minor revision", 3), ("major revision", 3), ("minor revisions", 2), ("major revisions", 2),
        ("reject and resubmit", 4), ("revise and resubmit", 4), ("accepted with modification", 2),
        ("comments to the editor", 4), ("comments for the author", 4), ("comments for the authors", 4),
        ("comments to the authors", 4), ("confidential comments", 4), ("willing to review", 4),
        ("invitation to review", 4), ("agree to review", 3), ("decline to review", 3), ("review the submission", 3),
        ("review this manuscript", 3), ("your report", 1.5),
        # a referee's report in other words: the reviewer's assessment and recommendation to the editor
        ("reviewer report", 4), ("reviewer's report", 4), ("review report", 3), ("peer review report", 4),
        ("report to the editor", 3), ("recommendation to the editor", 4), ("reviewer recommendation", 3),
        ("reviewer's recommendation", 3), ("peer review assessment", 4), ("assessment of the manuscript", 3),
        ("reviewer's assessment", 4), ("manuscript assessment", 4), ("referee's report", 4), ("reviewer name", 3),
        # calls for contributions and invitations to a future event
        ("invite you to", 3), ("pleasure to invite", 3), ("cordially invited", 3), ("to be held", 2),
        ("will take place", 2), ("if you could attend", 3), ("confirm your attendance", 3),
        ("hope you will be able to", 2.5), ("hope to see you", 2.5), ("submission deadline", 3),
        ("abstract submission", 3), ("submit your abstract", 4), ("submit your", 2), ("we welcome submissions", 3),
        ("proposals are invited", 3), ("abstracts are invited", 3), ("will be notified", 2),
        # bookings and enrolments (before the activity)
        ("booking reference", 4), ("booking confirmation", 5), ("your booking", 3), ("joining instructions", 3),
        ("please arrive", 2.5), ("amount paid", 2.5), ("registration confirmed", 5), ("enrollment confirmed", 5),
        ("enrolment confirmed", 5), ("your enrollment", 3), ("your enrolment", 3), ("your place on", 3),
        ("we hope to see you again", 3),
        # announcements: registration open, credits promised rather than awarded
        ("registration now open", 4), ("registration is open", 4), ("registration opens", 3), ("register :", 3),
        ("register online", 3), ("register today", 3), ("space is limited", 3), ("early-bird", 3),
        ("earn up to", 3), ("credits available", 2.5), ("approval pending", 2),
        ("registration closes", 3), ("before the start", 2), ("upcoming course", 3), ("upcoming workshop", 3),
        ("places available", 3), ("book your place", 3), ("enrol now", 3), ("enroll now", 3), ("apply now", 3),
        ("coming soon", 3), ("apply by", 2.5),
        # calls for volunteers, course catalogues and reminders before an event
        ("volunteers needed", 5), ("volunteers wanted", 5), ("call for volunteers", 5), ("help us", 2),
        ("shifts of", 2.5), ("tools provided", 2.5), ("sign up with", 3), ("save your seat", 4),
        ("credit available", 2.5), ("free webinar", 3), ("course catalogue", 5), ("course catalog", 5),
        ("next offering", 3), ("apply online", 3), ("places are limited", 3), ("this is a reminder", 4),
        ("please bring", 3), ("look forward to welcoming", 3),
        # thanks to a speaker or helper (not a record of instruction or attendance)
        ("thank you for delivering", 3), ("thank you for conducting", 3), ("feedback from participants", 1.5),
        ("future events", 1.5),
    ],
}
