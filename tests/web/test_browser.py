"""The reviewers' path in a real browser (Playwright driving Debian's Chromium): log in,
claim an item, correct a field, approve with the keyboard, and see the credit in the
certificant's cycle at once. Screenshots go to artifacts/screenshots/."""

from __future__ import annotations

import socket
import threading
import time
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's Chromium is not at /usr/bin/chromium "
                                                     "(apt-get install chromium); browser test skipped"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def live(tmp_path: Path):
    import uvicorn

    from cecintake.config import Settings
    from cecintake.review import Role, add_user
    from cecintake.storage import open_database
    from cecintake.web import create_app
    from tests.review.factory import add_certificant, queue_document

    settings = Settings(home=tmp_path / "home", db_url=f"sqlite:///{tmp_path / 'browser.db'}")
    engine = open_database(settings.db_url)
    add_user(engine, name="alice", role=Role.REVIEWER, password="a long passphrase")
    cert = add_certificant(engine)
    first = queue_document(engine, settings, certificant=cert, title="Prairie <b>Seed</b> Workshop", hours="6?",
                           hours_confidence=0.4, submitted_at=datetime(2024, 6, 1, tzinfo=timezone.utc))
    queue_document(engine, settings, certificant=cert, title="Wetland Plant ID", hours=4,
                   activity=date(2024, 5, 20), submitted_at=datetime(2024, 6, 2, tzinfo=timezone.utc))
    app = create_app(settings, engine=engine, env={"CECINTAKE_SECRET_KEY": "browser-test"})
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", engine, cert, first.document_id
    server.should_exit = True
    thread.join(10)
    engine.dispose()


def test_login_claim_correct_approve_and_status(live):
    from playwright.sync_api import expect, sync_playwright

    from cecintake.rules import load_policy
    from cecintake.review.views import cycle_for

    base, engine, cert, doc = live
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{base}/queue")
        expect(page).to_have_url(f"{base}/login?next=/queue")
        page.fill("input[name=username]", "alice")
        page.fill("input[name=password]", "a long passphrase")
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_contain_text("Review queue")
        expect(page.locator("table.queue")).to_contain_text(doc)
        page.screenshot(path=str(SHOTS / "queue.png"), full_page=True)

        page.keyboard.press("n")  # claim the next item: the oldest
        expect(page).to_have_url(f"{base}/items/{doc}")
        expect(page.locator("p.meta")).to_contain_text("claimed by alice")
        expect(page.locator("#field-activity_title")).to_have_value("Prairie <b>Seed</b> Workshop")
        expect(page.locator("td.src").filter(has_text="<b>Seed</b>")).to_have_count(1)  # text, not markup
        expect(page.locator("table.fields b")).to_have_count(0)
        image = page.locator("img.page").first
        expect(image).to_be_visible()
        page.wait_for_function("() => document.querySelector('img.page').naturalWidth > 0")
        page.screenshot(path=str(SHOTS / "item.png"), full_page=True)

        page.fill("#field-contact_hours", "6.5")
        page.fill("#note", "agenda confirms 6.5 hours")
        page.locator("h1").click()  # leave the text box so the shortcut applies
        page.keyboard.press("a")  # approve
        expect(page.locator("#doc-status")).to_have_text("approved")
        expect(page.locator("#cycle-earned")).to_contain_text("6.5 of 50 earned")
        page.screenshot(path=str(SHOTS / "item-approved.png"), full_page=True)
        browser.close()
    status = cycle_for(engine, cert.certificant_id, policy=load_policy(), today=date(2024, 7, 1))
    assert status is not None and status.earned_total == 6.5 and status.pending_total == 4.0
    assert (SHOTS / "queue.png").stat().st_size > 0 and (SHOTS / "item.png").stat().st_size > 0
