"""Sponsor pre-approval: applications in, approval codes and the offerings register out.

Pure modules (``model``, ``extract``, ``checks``, ``codes``, ``letters``, ``calendar``) import no
storage; ``service`` (the intake hook, the committee decision, termination, the register) runs
over storage and is imported explicitly by the edges.
"""

from .calendar import CalendarEntry, register_csv, register_html
from .checks import evaluate, max_valid_to, validity
from .codes import next_code, render, validate_pattern
from .extract import PacketPart, extract_application, parse_instructor, role_of
from .letters import Letter, approval_letter, denial_letter, termination_letter
from .model import (
    APPEAL_DAYS,
    DECISION_WEEKS,
    DEFAULT_CODE_PATTERN,
    Application,
    ApplicationRecord,
    ApplicationStatus,
    DocumentRole,
    PreapprovalConfig,
    PreapprovalProposal,
    Termination,
)

__all__ = [n for n in dir() if not n.startswith("_")]
