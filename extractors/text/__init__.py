"""Pure text parsers (no spaCy): dates, hours, schedules, approval codes, names.

Every public parser either returns a value or raises :class:`cecintake.errors.ParseError`;
all regular expressions are bounded (no nested unbounded quantifiers) so that no input
can make them backtrack catastrophically.
"""

from .codes import ApprovalCodeMention, find_approval_codes
from .dates import DateMention, find_dates, parse_date, resolve_ambiguous
from .hours import HoursKind, HoursMention, HoursUnit, find_hours, parse_duration
from .names import name_similarity, normalise_name, split_credentials
from .schedule import ScheduleItem, ScheduleResult, schedule_hours

__all__ = [
    "ApprovalCodeMention",
    "DateMention",
    "HoursKind",
    "HoursMention",
    "HoursUnit",
    "ScheduleItem",
    "ScheduleResult",
    "find_approval_codes",
    "find_dates",
    "find_hours",
    "name_similarity",
    "normalise_name",
    "parse_date",
    "parse_duration",
    "resolve_ambiguous",
    "schedule_hours",
    "split_credentials",
]
