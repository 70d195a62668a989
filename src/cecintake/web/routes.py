"""Routes: parse the request, call one service, render or redirect. Nothing else."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request, Response
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from ..domain import Category, FieldName, ReasonCode
from ..errors import CecintakeError, NotFoundError
from ..review import (
    Decision,
    DecisionRequest,
    InvalidDecision,
    QueueFilter,
    UserInfo,
    authenticate,
    claim,
    decide,
    list_queue,
    list_users,
    release,
    show,
    utcnow,
)
from ..review.corrections import parse_value
from ..review.views import cycle_for, dashboard, page_source
from .app import CHOICES, coordinator, current_user, posted_form, web
from .pages import page_png

router = APIRouter()


def _see(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)


def _safe_next(target: Any) -> str:
    t = str(target or "/queue")
    return t if t.startswith("/") and not t.startswith("//") else "/queue"


@router.get("/")
async def home() -> RedirectResponse:
    return _see("/queue")


@router.get("/login")
async def login_page(request: Request, next: str = "/queue") -> Response:  # noqa: A002
    return web(request).page(request, "login.html", next=_safe_next(next), error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    form = await posted_form(request)
    w = web(request)
    user = await run_in_threadpool(authenticate, w.engine, name=str(form.get("username", "")),
                                   password=str(form.get("password", "")))
    if user is None:
        return w.page(request, "login.html", status_code=401, next=_safe_next(form.get("next")),
                      error="Unknown user or wrong password.")
    response = _see(_safe_next(form.get("next")))
    w.sessions.login(request, response, user.name)
    request.state.cookie_written = True
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    await posted_form(request)
    response = _see("/login")
    web(request).sessions.logout(request, response)
    request.state.cookie_written = True
    return response


def _filter(reason: str | None, category: str | None, certificant: str | None, min_age: str | None,
            overdue: str | None) -> QueueFilter:
    try:
        return QueueFilter(
            reason=ReasonCode(reason) if reason else None,
            category=Category(int(category)) if category else None,
            certificant_id=certificant or None,
            min_age_days=int(min_age) if min_age else None,
            overdue_only=bool(overdue))
    except ValueError as exc:
        raise InvalidDecision(f"bad filter: {exc}") from exc


@router.get("/queue")
async def queue(request: Request, user: UserInfo = Depends(current_user), reason: str | None = None,
                category: str | None = None, certificant: str | None = None, min_age: str | None = None,
                overdue: str | None = None) -> Response:
    w = web(request)
    filt = _filter(reason, category, certificant, min_age, overdue)
    now = utcnow()
    items = await run_in_threadpool(list_queue, w.engine, filt=filt, now=now, quorum=w.ctx.quorum)
    return w.page(request, "queue.html", items=items, filt=filt, now=now, **CHOICES)


@router.post("/queue/claim")
async def claim_next(request: Request, user: UserInfo = Depends(current_user)) -> Response:
    await posted_form(request)
    w = web(request)
    got = await run_in_threadpool(claim, w.engine, reviewer=user.name, lease_minutes=w.ctx.lease_minutes)
    if got is None:
        return _see("/queue?empty=1")
    return _see(f"/items/{quote(got)}")


@router.get("/items/{document_id}")
async def item(request: Request, document_id: str, user: UserInfo = Depends(current_user)) -> Response:
    w = web(request)
    detail = await run_in_threadpool(show, w.engine, document_id, quorum=w.ctx.quorum)
    cycle = await run_in_threadpool(cycle_for, w.engine, detail.record.certificant_id, policy=w.ctx.policy)
    pages = sorted({f.page for f in detail.record.fields.values() if f.page} or {1})
    return w.page(request, "item.html", d=detail, r=detail.record, cycle=cycle, pages=pages,
                  mine=bool(detail.item and detail.item.claimed(utcnow()) and detail.item.claimed_by == user.name),
                  decisions=list(Decision), **CHOICES)


@router.get("/items/{document_id}/pages/{number}.png")
async def page_image(request: Request, document_id: str, number: int,
                     user: UserInfo = Depends(current_user)) -> Response:
    w = web(request)
    src = await run_in_threadpool(page_source, w.engine, w.settings.store_dir, document_id, number)
    detail = await run_in_threadpool(show, w.engine, document_id)
    png = await run_in_threadpool(page_png, src, list(detail.record.fields.values()))
    return Response(png, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


@router.post("/items/{document_id}/claim")
async def claim_item(request: Request, document_id: str, user: UserInfo = Depends(current_user)) -> Response:
    await posted_form(request)
    w = web(request)
    await run_in_threadpool(claim, w.engine, reviewer=user.name, lease_minutes=w.ctx.lease_minutes,
                            document_id=document_id)
    return _see(f"/items/{quote(document_id)}")


@router.post("/items/{document_id}/release")
async def release_item(request: Request, document_id: str, user: UserInfo = Depends(current_user)) -> Response:
    await posted_form(request)
    from ..review import Role

    await run_in_threadpool(release, web(request).engine, document_id, reviewer=user.name,
                            force=user.role is Role.COORDINATOR)
    return _see("/queue")


def corrections_from(form: dict[str, Any], current: dict[FieldName, Any]) -> dict[FieldName, Any]:
    """Fields whose edited text differs from what is stored; ``new_field``/``new_value`` adds one."""
    out: dict[FieldName, Any] = {}
    for key, raw in form.items():
        if not key.startswith("field:"):
            continue
        try:
            name = FieldName(key[len("field:"):])
        except ValueError as exc:
            raise InvalidDecision(f"unknown field {key!r}") from exc
        shown = "" if current.get(name) is None else str(current[name])
        if str(raw).strip() != shown.strip():
            out[name] = parse_value(name, raw)
    if form.get("new_field") and str(form.get("new_value", "")).strip():
        try:
            name = FieldName(str(form["new_field"]))
        except ValueError as exc:
            raise InvalidDecision(f"unknown field {form['new_field']!r}") from exc
        out[name] = parse_value(name, form["new_value"])
    return out


@router.post("/items/{document_id}/decide")
async def decide_item(request: Request, document_id: str, user: UserInfo = Depends(current_user)) -> Response:
    form = await posted_form(request)
    w = web(request)
    try:
        decision = Decision(str(form.get("decision")))
        detail = await run_in_threadpool(show, w.engine, document_id)
        current = {n: f.value for n, f in detail.record.fields.items()}
        corrections = corrections_from(form, current) if decision is Decision.APPROVE else {}
        category = Category(int(form["category"])) if form.get("category") else None
        if category is not None and detail.record.proposal and detail.record.proposal.category is category:
            category = None  # unchanged
        cecs = float(form["cecs"]) if form.get("cecs") not in (None, "") else None
        if decision is not Decision.APPROVE:
            category, cecs = None, None
        if cecs is not None and detail.record.proposal and abs(cecs - detail.record.proposal.cecs) < 1e-9 \
                and not corrections and category is None:
            cecs = None  # unchanged
        reason = ReasonCode(form["reason_code"]) if form.get("reason_code") else None
    except (ValueError, KeyError) as exc:
        raise InvalidDecision(f"the form could not be read: {exc}") from exc
    req = DecisionRequest(document_id=document_id, reviewer=user.name, decision=decision,
                          note=str(form.get("note", "")), category=category, cecs=cecs, corrections=corrections,
                          reason_code=reason)
    await run_in_threadpool(decide, w.engine, req, ctx=w.ctx)
    if form.get("then") == "next":
        nxt = await run_in_threadpool(claim, w.engine, reviewer=user.name, lease_minutes=w.ctx.lease_minutes)
        if nxt is not None:
            return _see(f"/items/{quote(nxt)}")
    return _see(f"/items/{quote(document_id)}?decided=1")


@router.get("/dashboard")
async def dashboard_page(request: Request, user: UserInfo = Depends(coordinator)) -> Response:
    w = web(request)
    board = await run_in_threadpool(dashboard, w.engine)
    return w.page(request, "dashboard.html", board=board)


@router.get("/users")
async def users_page(request: Request, user: UserInfo = Depends(coordinator)) -> Response:
    w = web(request)
    users = await run_in_threadpool(list_users, w.engine)
    return w.page(request, "users.html", users=users)


__all__ = ["router", "CecintakeError", "NotFoundError"]
