"""Settings, built once at an entry point (CLI, web app, flow) and passed down.

Nothing here is read at import time; ``Settings.from_env`` is called by the edge.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ConfigError
from .rules import RoutingThresholds


@dataclass(frozen=True, slots=True)
class Settings:
    home: Path
    db_url: str
    workers: int = 2
    policy_path: Path | None = None
    thresholds: RoutingThresholds = field(default_factory=RoutingThresholds)
    review_lease_minutes: int = 15
    max_bytes: int = 50 * 1024 * 1024
    max_pages: int = 200
    max_pixels: int = 60_000_000
    document_timeout_s: float = 300.0
    document_memory_mb: int = 2048
    smtp_url: str | None = None

    @property
    def store_dir(self) -> Path:
        return self.home / "store"

    @property
    def outbox_dir(self) -> Path:
        return self.home / "outbox"

    @classmethod
    def from_env(
        cls, *, db_url: str | None = None, home: str | Path | None = None, env: Mapping[str, str] | None = None
    ) -> Settings:
        env = os.environ if env is None else env
        home_path = Path(home or env.get("CECINTAKE_HOME") or "./.cecintake").expanduser().resolve()
        url = db_url or env.get("CECINTAKE_DB_URL") or f"sqlite:///{home_path / 'cecintake.db'}"
        if "://" not in url:
            raise ConfigError(f"--db / CECINTAKE_DB_URL is not a SQLAlchemy URL: {url!r}",
                              hint="e.g. sqlite:///path/to.db or postgresql+psycopg://user@host/db")
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://"):]
        workers = _int(env, "CECINTAKE_WORKERS", os.cpu_count() or 1)
        policy = env.get("CECINTAKE_POLICY")
        thresholds = RoutingThresholds(
            field_confidence=_float(env, "CECINTAKE_FIELD_THRESHOLD", 0.90),
            doc_type_confidence=_float(env, "CECINTAKE_DOCTYPE_THRESHOLD", 0.90),
            name_match=_float(env, "CECINTAKE_NAME_THRESHOLD", 0.85),
            ocr_quality=_float(env, "CECINTAKE_OCR_THRESHOLD", 0.50),
        )
        return cls(
            home=home_path,
            db_url=url,
            workers=max(1, workers),
            policy_path=Path(policy) if policy else None,
            thresholds=thresholds,
            review_lease_minutes=_int(env, "CECINTAKE_LEASE_MINUTES", 15),
            document_timeout_s=_float(env, "CECINTAKE_DOC_TIMEOUT", 300.0),
            # hostile-input limits (issue 7): per upload, per document, per image / rendered page
            max_bytes=_positive(env, "CECINTAKE_MAX_BYTES", 50 * 1024 * 1024),
            max_pages=_positive(env, "CECINTAKE_MAX_PAGES", 200),
            max_pixels=_positive(env, "CECINTAKE_MAX_PIXELS", 60_000_000),
            document_memory_mb=_positive(env, "CECINTAKE_DOC_MEMORY_MB", 2048),
            smtp_url=env.get("CECINTAKE_SMTP_URL") or None,
        )


def _int(env: Mapping[str, str], key: str, default: int) -> int:
    raw = env.get(key)
    if raw in (None, ""):
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ConfigError(f"{key} must be a whole number, not {raw!r}") from exc


def _positive(env: Mapping[str, str], key: str, default: int) -> int:
    value = _int(env, key, default)
    if value <= 0:
        raise ConfigError(f"{key} must be a positive whole number, not {value}")
    return value


def _float(env: Mapping[str, str], key: str, default: float) -> float:
    raw = env.get(key)
    if raw in (None, ""):
        return default
    try:
        return float(raw)
    except ValueError as exc:
        raise ConfigError(f"{key} must be a number, not {raw!r}") from exc
