"""Decision letters: an RFC 5322 message per decision, written to the outbox and sent by
SMTP when ``smtp_url`` is set (a failed send leaves the letter in the outbox)."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from urllib.parse import unquote, urlparse

from .models import Decision

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class LetterFacts:
    document_id: str
    certificant_id: str | None
    full_name: str | None
    email: str | None
    file: str
    decision: Decision
    category: int | None
    cecs: float
    note: str
    at: datetime


def compose(facts: LetterFacts, *, sender: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = facts.email or "certification-office@ser.org"
    msg["Date"] = format_datetime(facts.at)
    msg["Message-ID"] = make_msgid(domain="cecintake.local")
    msg["X-Cecintake-Document"] = facts.document_id
    subject = {Decision.APPROVE: "Continuing education credit approved",
               Decision.DENY: "Continuing education credit not approved",
               Decision.SEND_BACK: "More information needed for your continuing education evidence"}
    msg["Subject"] = f"{subject[facts.decision]} ({facts.file})"
    hello = f"Dear {facts.full_name}," if facts.full_name else "Dear certificant,"
    if facts.decision is Decision.APPROVE:
        body = (f"The evidence you submitted ({facts.file}) has been reviewed and approved for "
                f"{facts.cecs:g} CECs in category {facts.category}. The credit now counts toward your "
                "current certification cycle.")
    elif facts.decision is Decision.DENY:
        body = (f"The evidence you submitted ({facts.file}) has been reviewed and cannot be credited "
                "under the continuing education policy.")
    else:
        body = (f"The evidence you submitted ({facts.file}) could not be decided as it stands. Please send "
                "the additional documentation described below so that we can complete the review.")
    note = f"\n\nReviewer's note: {facts.note}" if facts.note else ""
    footer = (f"\n\nCertificant: {facts.certificant_id or 'unknown'}\nDocument: {facts.document_id}\n\n"
              "Society for Ecological Restoration - Certification Program")
    if not facts.email:
        footer += "\n\n(No email address is on file for this certificant: forward by hand.)"
    msg.set_content(f"{hello}\n\n{body}{note}{footer}\n")
    return msg


def write_outbox(msg: EmailMessage, outbox: Path, *, document_id: str, decision: Decision, at: datetime) -> Path:
    outbox.mkdir(parents=True, exist_ok=True)
    path = outbox / f"{at:%Y%m%dT%H%M%S%f}-{document_id}-{decision.value}.eml"
    tmp = path.with_suffix(".partial")
    tmp.write_bytes(bytes(msg))
    tmp.replace(path)
    return path


def send(msg: EmailMessage, smtp_url: str) -> bool:
    """Send via ``smtp://[user:pass@]host[:port]`` or ``smtps://``; False (logged) on failure."""
    u = urlparse(smtp_url)
    try:
        cls = smtplib.SMTP_SSL if u.scheme == "smtps" else smtplib.SMTP
        with cls(u.hostname or "localhost", u.port or (465 if u.scheme == "smtps" else 25), timeout=15) as smtp:
            if u.username:
                smtp.login(unquote(u.username), unquote(u.password or ""))
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        log.warning("letter %s kept in the outbox, sending failed: %s", msg["Message-ID"], exc)
        return False
    return True


def deliver(facts: LetterFacts, *, outbox: Path, smtp_url: str | None, sender: str) -> Path:
    msg = compose(facts, sender=sender)
    path = write_outbox(msg, outbox, document_id=facts.document_id, decision=facts.decision, at=facts.at)
    if smtp_url and facts.email:
        send(msg, smtp_url)
    return path
