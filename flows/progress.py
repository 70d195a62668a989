"""A progress hook the CLI sets around a flow call (flows cannot take callables as
parameters: they are recorded by the API)."""

from __future__ import annotations

from contextvars import ContextVar

from cecintake.intake import ProgressHook

_HOOK: ContextVar[ProgressHook | None] = ContextVar("cecintake_progress", default=None)


def current_hook() -> ProgressHook | None:
    return _HOOK.get()


def set_hook(hook: ProgressHook | None):  # noqa: ANN201 - returns a contextvars Token
    return _HOOK.set(hook)


def reset_hook(token) -> None:  # noqa: ANN001
    _HOOK.reset(token)
