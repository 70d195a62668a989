"""Field finders, one module per family (kept as one import for callers)."""

from __future__ import annotations

from .common import Found, kv
from .hours import find_contact_hours, find_volunteer_hours
from .misc import (count_events, find_code, find_delivery, find_grade, find_nonprofit, find_publication,
                   find_service, find_task, years_from_dates)
from .providers import find_provider
from .titles import find_events, find_title
from .when import find_dates_field

__all__ = ["Found", "kv", "find_contact_hours", "find_volunteer_hours", "count_events", "find_code",
           "find_delivery", "find_grade", "find_nonprofit", "find_publication", "find_service", "find_task",
           "years_from_dates",
           "find_provider", "find_events", "find_title", "find_dates_field"]
