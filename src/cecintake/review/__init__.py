"""The exception queue: claim with a lease, decide, correct, audit, letters, users.

Pure-ish services over ``storage``; the CLI and the web call these and nothing below.
"""

from .context import ReviewContext, review_context
from .corrections import correction_report, corrections_jsonl, labelled_corrections, parse_assignment
from .decide import decide
from .models import (
    DECISION_DEADLINE,
    Decision,
    DecisionOutcome,
    DecisionRequest,
    HistoryEvent,
    InvalidDecision,
    ItemDetail,
    QueueFilter,
    QueueItem,
    QuorumRule,
    Resolution,
    Role,
)
from .queue import claim, list_queue, overdue, release, show, utcnow
from .users import UserInfo, add_user, authenticate, get_user, list_users

__all__ = [n for n in dir() if not n.startswith("_")]
