"""Sessions and CSRF.

The session is a signed, timestamped cookie (itsdangerous) holding the user's name and a
CSRF token; it expires after ``SESSION_HOURS`` and is HttpOnly, SameSite=Lax, and Secure
when the request came over https. Every visitor (even before login) has a CSRF token, and
every form posts it back; a POST without the session's token is refused.
"""

from __future__ import annotations

import hmac
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import Request, Response
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..errors import CecintakeError, PermissionDenied

COOKIE = "cecintake_session"
SESSION_HOURS = 8


class NotLoggedIn(CecintakeError):
    http_status = 401


@dataclass(frozen=True, slots=True)
class Session:
    user: str | None
    csrf: str
    fresh: bool = False  # the cookie must be (re)written


def secret_key(home: Path, env: dict[str, str] | None = None) -> str:
    """``CECINTAKE_SECRET_KEY``, else a random key kept (mode 0600) under the data directory."""
    env = dict(os.environ) if env is None else env
    if env.get("CECINTAKE_SECRET_KEY"):
        return env["CECINTAKE_SECRET_KEY"]
    path = home / "web-secret"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(48))
    return path.read_text().strip()


class Sessions:
    def __init__(self, key: str, *, max_age_s: int = SESSION_HOURS * 3600) -> None:
        self.serializer = URLSafeTimedSerializer(key, salt="cecintake-session")
        self.max_age_s = max_age_s

    def read(self, request: Request) -> Session:
        raw = request.cookies.get(COOKIE)
        if raw:
            try:
                data: dict[str, Any] = self.serializer.loads(raw, max_age=self.max_age_s)
                return Session(user=data.get("u"), csrf=str(data["c"]))
            except (BadSignature, SignatureExpired, KeyError, TypeError):
                pass
        return Session(user=None, csrf=secrets.token_urlsafe(32), fresh=True)

    def write(self, request: Request, response: Response, session: Session) -> None:
        response.set_cookie(
            COOKIE, self.serializer.dumps({"u": session.user, "c": session.csrf}), max_age=self.max_age_s,
            httponly=True, samesite="lax", secure=request.url.scheme == "https", path="/")

    def login(self, request: Request, response: Response, user: str) -> Session:
        session = Session(user=user, csrf=secrets.token_urlsafe(32))  # new token on privilege change
        self.write(request, response, session)
        return session

    def logout(self, request: Request, response: Response) -> None:
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="lax",
                               secure=request.url.scheme == "https")


def check_csrf(session: Session, submitted: object) -> None:
    if not isinstance(submitted, str) or not hmac.compare_digest(submitted, session.csrf) or session.fresh:
        raise PermissionDenied("the form has expired or did not come from this site: reload the page and retry")
