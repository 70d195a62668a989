"""The reviewers' web interface: an app factory and thin routes over ``cecintake.review``.

Errors of our family become pages with their HTTP status in one handler; templates are
Jinja with autoescaping on, so text read from documents is always escaped.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import jinja2
from fastapi import FastAPI, Request, Response
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from ..config import Settings
from ..domain import Category, FieldName, ReasonCode
from ..errors import CecintakeError, PermissionDenied
from ..review import ReviewContext, Role, UserInfo, get_user, review_context, utcnow
from ..storage import open_database
from .auth import NotLoggedIn, Session, Sessions, check_csrf, secret_key

HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
                               " form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


class WebState:
    """What the routes share: engine, review context, sessions, templates."""

    def __init__(self, settings: Settings, engine: Engine, ctx: ReviewContext, sessions: Sessions) -> None:
        self.settings = settings
        self.engine = engine
        self.ctx = ctx
        self.sessions = sessions
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                                 undefined=jinja2.StrictUndefined)
        env.filters["day"] = lambda d: "" if d is None else f"{d:%Y-%m-%d}"
        env.filters["num"] = lambda x: "-" if x is None else f"{x:g}"
        env.filters["urlq"] = lambda s: quote(str(s), safe="")
        self.templates = Jinja2Templates(env=env)

    def page(self, request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
        session: Session = request.state.session
        user = getattr(request.state, "user", None)
        base = {"csrf": session.csrf, "user": user, "now": utcnow(), "Role": Role}
        return self.templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def create_app(settings: Settings, *, engine: Engine | None = None, env: dict[str, str] | None = None) -> FastAPI:
    """The app for ``settings`` (the engine is opened and migrated here unless given)."""
    engine = engine or open_database(settings.db_url)
    state = WebState(settings, engine, review_context(settings, env=env),
                     Sessions(secret_key(settings.home, env)))
    app = FastAPI(title="cecintake review", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.web = state
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.middleware("http")
    async def sessions_and_headers(request: Request, call_next):  # noqa: ANN001, ANN202
        session = state.sessions.read(request)
        request.state.session = session
        request.state.cookie_written = False
        response: Response = await call_next(request)
        if session.fresh and not request.state.cookie_written:
            state.sessions.write(request, response, session)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    @app.exception_handler(CecintakeError)
    async def our_errors(request: Request, exc: CecintakeError) -> Response:
        if isinstance(exc, NotLoggedIn):
            return RedirectResponse(f"/login?next={quote(request.url.path, safe='/')}", status_code=303)
        return state.page(request, "error.html", status_code=exc.http_status, message=exc.message, hint=exc.hint)

    from .routes import router

    app.include_router(router)
    return app


def web(request: Request) -> WebState:
    return request.app.state.web


async def current_user(request: Request) -> UserInfo:
    """The logged-in, still active user (else a redirect to the login page)."""
    session: Session = request.state.session
    if not session.user:
        raise NotLoggedIn("log in first")
    user = await run_in_threadpool(get_user, web(request).engine, session.user)
    if user is None or not user.active:
        raise NotLoggedIn("log in again")
    request.state.user = user
    return user


async def coordinator(request: Request) -> UserInfo:
    user = await current_user(request)
    if user.role is not Role.COORDINATOR:
        raise PermissionDenied("coordinators only")
    return user


async def posted_form(request: Request) -> dict[str, Any]:
    """The form, after its CSRF token is checked."""
    form = await request.form()
    check_csrf(request.state.session, form.get("csrf_token"))
    return {k: form.getlist(k) if len(form.getlist(k)) > 1 else form.get(k) for k in form.keys()}


CHOICES = {"reasons": list(ReasonCode), "categories": list(Category), "fields": list(FieldName)}


def parse_when(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None
