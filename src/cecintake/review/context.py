"""What the review services need, built once at an edge (CLI, web) from Settings."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..rules import RoutingThresholds, load_policy
from .models import QuorumRule


@dataclass(frozen=True)
class ReviewContext:
    policy: Any
    thresholds: RoutingThresholds
    outbox_dir: Path
    smtp_url: str | None = None
    lease_minutes: int = 15
    quorum: QuorumRule = field(default_factory=QuorumRule)
    mail_from: str = "certification@ser.org"


def review_context(settings: Settings, *, env: Mapping[str, str] | None = None) -> ReviewContext:
    """``CECINTAKE_REVIEW_QUORUM`` (e.g. ``instructor_unqualified=3``) sets the optional quorum;
    ``CECINTAKE_MAIL_FROM`` the letters' sender."""
    env = os.environ if env is None else env
    return ReviewContext(
        policy=load_policy(settings.policy_path), thresholds=settings.thresholds, outbox_dir=settings.outbox_dir,
        smtp_url=settings.smtp_url, lease_minutes=settings.review_lease_minutes,
        quorum=QuorumRule.parse(env.get("CECINTAKE_REVIEW_QUORUM")),
        mail_from=env.get("CECINTAKE_MAIL_FROM") or "certification@ser.org")
