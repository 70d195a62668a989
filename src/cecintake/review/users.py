"""Web users and roles; passwords hashed with Argon2id (argon2-cffi's defaults)."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine

from ..storage import session_scope
from ..storage.repo import review as rq
from .models import InvalidDecision, Role

MIN_PASSWORD = 10
_hasher = PasswordHasher()
# verified against when the user does not exist, so timing does not tell names apart
_DUMMY_HASH = _hasher.hash("not-a-real-password")


@dataclass(frozen=True, slots=True)
class UserInfo:
    name: str
    role: Role
    active: bool


def add_user(engine: Engine, *, name: str, role: Role, password: str) -> bool:
    """Create (or reset the password and role of) a user; True when created."""
    name = name.strip()
    if not name or len(name) > 120 or any(c.isspace() for c in name):
        raise InvalidDecision("a user name is 1 to 120 characters, without spaces")
    if len(password) < MIN_PASSWORD:
        raise InvalidDecision(f"the password must be at least {MIN_PASSWORD} characters")
    with session_scope(engine) as s:
        return rq.put_user(session=s, name=name, role=role.value, password_hash=_hasher.hash(password))


def authenticate(engine: Engine, *, name: str, password: str) -> UserInfo | None:
    with session_scope(engine) as s:
        user = rq.get_user(session=s, name=name.strip())
    try:
        _hasher.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    return UserInfo(user.name, Role(user.role), user.active)


def get_user(engine: Engine, name: str) -> UserInfo | None:
    with session_scope(engine) as s:
        user = rq.get_user(session=s, name=name)
    return None if user is None else UserInfo(user.name, Role(user.role), user.active)


def list_users(engine: Engine) -> list[UserInfo]:
    with session_scope(engine) as s:
        return [UserInfo(u.name, Role(u.role), u.active) for u in rq.list_users(session=s)]
