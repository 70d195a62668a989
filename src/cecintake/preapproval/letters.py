"""Letters to sponsors: approval (with the code and the sponsor's obligations), denial, termination."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..domain import Offering
from .model import CONFIRMATION_DAYS, RECORDS_YEARS, Application, Termination

SIGNATURE = "Certification Program Coordinator\nSociety for Ecological Restoration - Certification Program"


@dataclass(frozen=True, slots=True)
class Letter:
    to: str
    email: str | None
    subject: str
    body: str

    def as_text(self) -> str:
        head = [f"To: {self.to}" + (f" <{self.email}>" if self.email else ""), f"Subject: {self.subject}", ""]
        return "\n".join(head) + self.body.rstrip() + "\n"


def _to(app: Application) -> str:
    return app.sponsor or "Sponsor"


def approval_letter(app: Application, offering: Offering, *, today: date, note: str | None = None) -> Letter:
    body = f"""Dear {_to(app)},

We are pleased to inform you that your application {app.application_id} for pre-approval of
continuing education credits has been approved by the SER Continuing Education Committee.

  Offering:       {offering.title}
  Approval code:  {offering.approval_code}
  Category:       {int(offering.category)} ({offering.category.label})
  CECs granted:   {offering.cecs:g}
  Valid:          {offering.valid_from} to {offering.valid_to}

The offering has been added to the SER Continuing Education calendar.

As a sponsor of a pre-approved offering you agree to the following:

1. Confirmation of Completion. Attendance and completion of all activity requirements must be
   confirmed by you. Provide a Confirmation of Completion form or similar documentation to each
   participant who successfully completes the activity within {CONFIRMATION_DAYS} days of course completion.
   The confirmation must include the approval code {offering.approval_code}.
2. Record Maintenance. Attendance records, grades (if assigned) and confirmations of completion
   for all participants must be provided to SER and/or kept by you for at least {RECORDS_YEARS} years.
3. Use of the SER Certification Program logo. You may market the offering as eligible for SER
   continuing education credits. The logo, provided with this approval, may be used only to promote
   this pre-approved offering.
4. Monitoring. SER may verify the quality of pre-approved offerings and reserves the right to monitor
   the training and instruction. Pre-approval may be terminated if the offering does not meet SER's
   educational criteria, guidelines or Code of Ethics.
"""
    if note:
        body += f"\nNote from the committee: {note}\n"
    body += f"\nDate: {today}\n\n{SIGNATURE}\n"
    return Letter(_to(app), app.contact_email, f"Pre-approval granted: {offering.approval_code} - {offering.title}",
                  body)


def denial_letter(app: Application, *, today: date, note: str, reasons: list[str]) -> Letter:
    why = "\n".join(f"  - {r}" for r in reasons) or "  - see the committee's note"
    body = f"""Dear {_to(app)},

The SER Continuing Education Committee has reviewed your application {app.application_id}
for pre-approval of "{app.title or 'the proposed offering'}" and cannot approve it.

Reasons:
{why}

Committee's note: {note}

You may submit a new application addressing these points.

Date: {today}

{SIGNATURE}
"""
    return Letter(_to(app), app.contact_email, f"Pre-approval not granted: application {app.application_id}", body)


def termination_letter(offering: Offering, termination: Termination, *, email: str | None = None) -> Letter:
    body = f"""Dear {offering.sponsor or 'Sponsor'},

SER has terminated the pre-approval of "{offering.title}" (approval code {offering.approval_code})
effective {termination.terminated_on}.

Reason: {termination.reason}

Certificates carrying this code for activities on or after that date will not be credited
automatically. You may appeal this termination to the Review and Appeals Committee within 30 days
of this notification, that is until {termination.appeal_until}. The majority decision of the
Committee will be final.

{SIGNATURE}
"""
    return Letter(offering.sponsor or "Sponsor", email,
                  f"Pre-approval terminated: {offering.approval_code} - {offering.title}", body)
