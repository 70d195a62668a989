"""The web interface through Starlette's test client: login, sessions, CSRF, escaping,
queue, item, decisions, dashboard, page images."""

from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from cecintake.config import Settings
from cecintake.domain import FieldName, Status
from cecintake.review import Role, add_user, show
from cecintake.storage import open_database
from cecintake.web import create_app
from cecintake.web.auth import COOKIE, Sessions
from tests.review.factory import add_certificant, queue_document

XSS = "<script>alert(1)</script>"
PASSWORD = "a long passphrase"


@pytest.fixture
def site(tmp_path: Path):
    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'web.db'}")
    engine = open_database(settings.db_url)
    add_user(engine, name="alice", role=Role.REVIEWER, password=PASSWORD)
    add_user(engine, name="carol", role=Role.COORDINATOR, password=PASSWORD)
    cert = add_certificant(engine)
    docs = [queue_document(engine, settings, certificant=cert, title=XSS, hours=6,
                           submitted_at=datetime(2024, 6, 1, tzinfo=timezone.utc)),
            queue_document(engine, settings, certificant=cert, title="Second workshop", hours=4,
                           submitted_at=datetime(2024, 6, 2, tzinfo=timezone.utc))]
    app = create_app(settings, engine=engine, env={"CECINTAKE_SECRET_KEY": "test-secret"})
    yield settings, engine, app, docs
    engine.dispose()


def _csrf(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert m, html[:500]
    return m.group(1)


def login(client: TestClient, user: str = "alice", password: str = PASSWORD) -> str:
    token = _csrf(client.get("/login").text)
    r = client.post("/login", data={"csrf_token": token, "username": user, "password": password, "next": "/queue"},
                    follow_redirects=False)
    assert r.status_code == 303, r.text
    return _csrf(client.get("/queue").text)


def test_login_required_and_wrong_password(site):
    _, _, app, _ = site
    with TestClient(app) as c:
        r = c.get("/queue", follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
        token = _csrf(c.get("/login").text)
        r = c.post("/login", data={"csrf_token": token, "username": "alice", "password": "nope"})
        assert r.status_code == 401 and "wrong password" in r.text
        r = c.post("/login", data={"username": "alice", "password": PASSWORD})  # no CSRF token
        assert r.status_code == 403
        r = c.post("/login", data={"csrf_token": token, "username": "alice", "password": PASSWORD,
                                   "next": "//evil.example"}, follow_redirects=False)
        assert r.headers["location"] == "/queue"


def test_cookie_flags_and_expiry(site):
    _, _, app, _ = site
    with TestClient(app) as c:
        token = _csrf(c.get("/login").text)
        r = c.post("/login", data={"csrf_token": token, "username": "alice", "password": PASSWORD},
                   follow_redirects=False)
        cookie = r.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
        assert "Max-Age=28800" in cookie
    with TestClient(app, base_url="https://review.example") as c:
        cookie = c.get("/login").headers["set-cookie"]
        assert "Secure" in cookie
    # a session older than its max age is no longer honoured
    from starlette.requests import Request

    value = Sessions("test-secret").serializer.dumps({"u": "alice", "c": "x"})
    scope = {"type": "http", "headers": [(b"cookie", f"{COOKIE}={value}".encode())], "method": "GET",
             "path": "/", "query_string": b""}
    assert Sessions("test-secret").read(Request(scope)).user == "alice"
    assert Sessions("test-secret", max_age_s=-1).read(Request(scope)).user is None


def test_queue_filters_and_escaping(site):
    _, _, app, docs = site
    with TestClient(app) as c:
        login(c)
        html = c.get("/queue").text
        assert docs[0].document_id in html and docs[1].document_id in html and "overdue" in html
        assert docs[0].document_id not in c.get("/queue?reason=name_mismatch").text
        assert docs[0].document_id in c.get("/queue?reason=low_confidence&category=2&certificant=C-00017").text
        assert "Nothing to review" in c.get("/queue?min_age=100000").text
        item = c.get(f"/items/{docs[0].document_id}").text
        assert XSS not in item and "&lt;script&gt;alert(1)&lt;/script&gt;" in item
        assert "Content-Security-Policy" in c.get("/queue").headers
        assert 'id="cycle-earned"' in item and "rule" in item.lower()
        png = c.get(f"/items/{docs[0].document_id}/pages/1.png")
        assert png.status_code == 200 and png.headers["content-type"] == "image/png"
        assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
        assert c.get("/items/D-nope").status_code == 404


def test_claim_correct_approve_then_status(site):
    _, engine, app, docs = site
    doc = docs[0].document_id
    with TestClient(app) as c:
        token = login(c)
        r = c.post("/queue/claim", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == f"/items/{doc}"
        page = c.get(f"/items/{doc}").text
        assert "claimed by <strong>alice</strong>" in page
        form = {"csrf_token": _csrf(page), "decision": "approve", "note": "agenda shows 7 hours",
                f"field:{FieldName.CONTACT_HOURS.value}": "7", f"field:{FieldName.ACTIVITY_TITLE.value}": XSS}
        assert c.post(f"/items/{doc}/decide", data={**form, "csrf_token": "forged"}).status_code == 403
        r = c.post(f"/items/{doc}/decide", data=form, follow_redirects=False)
        assert r.status_code == 303, r.text
        page = c.get(r.headers["location"]).text
        assert "approved" in page and "7 of 50 earned" in page
    d = show(engine, doc)
    assert d.record.status is Status.APPROVED and d.record.fields[FieldName.CONTACT_HOURS].value == 7
    assert d.record.fields[FieldName.ACTIVITY_TITLE].value == XSS  # unchanged text is not a correction


def test_deny_needs_note_and_decided_twice_conflicts(site):
    _, _, app, docs = site
    doc = docs[1].document_id
    with TestClient(app) as c:
        token = login(c)
        r = c.post(f"/items/{doc}/decide", data={"csrf_token": token, "decision": "deny", "note": " "})
        assert r.status_code == 422
        r = c.post(f"/items/{doc}/decide", data={"csrf_token": token, "decision": "deny", "note": "not evidence",
                                                 "reason_code": "not_evidence"}, follow_redirects=False)
        assert r.status_code == 303
        r = c.post(f"/items/{doc}/decide", data={"csrf_token": token, "decision": "approve", "note": "x"})
        assert r.status_code == 409


def test_dashboard_is_for_coordinators(site):
    _, _, app, docs = site
    with TestClient(app) as c:
        login(c, "alice")
        assert c.get("/dashboard").status_code == 403
    with TestClient(app) as c:
        token = login(c, "carol")
        html = c.get("/dashboard").text
        assert "<svg" in html and 'id="credits-chart"' in html and "low_confidence" in html
        assert docs[0].document_id in html  # the oldest item
        assert "alice" in c.get("/users").text
        r = c.post("/logout", data={"csrf_token": token}, follow_redirects=False)
        assert r.status_code == 303
        assert c.get("/queue", follow_redirects=False).status_code == 303
