"""Issue 7, the inbox and the hostile text: a link leaving the inbox is never read and is
reported; text that is HTML/script or a spreadsheet formula is escaped on the web page and
quoted in the CSV export, end to end from an ingested PDF."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi.testclient import TestClient

from cecintake.review import Role, add_user
from cecintake.storage import BlobStore, open_database
from cecintake.web import create_app

from .corpus import BY_ID, HOSTILE_NAME, write_case
from .harness import hostile_settings, ingest, sqlite_url


def test_symlink_leaving_the_inbox_is_not_read_and_is_reported(tmp_path: Path) -> None:
    secret = tmp_path / "outside" / "secret.pdf"
    secret.parent.mkdir()
    secret.write_bytes(b"%PDF-1.4 not yours\n")
    inbox = tmp_path / "inbox"
    good = write_case(BY_ID["encrypted_owner_only"], inbox)
    (inbox / "escape.pdf").symlink_to(secret)
    (inbox / "escape_dir").symlink_to(secret.parent, target_is_directory=True)
    (inbox / "inside.pdf").symlink_to(good)  # a link within the inbox: the same file, once
    settings = hostile_settings(tmp_path / "home", sqlite_url(tmp_path))
    run = ingest(settings, [inbox], measure=False)
    assert len(run.docs) == 1 and Path(run.docs[0].file).name in (good.name, "inside.pdf")
    assert [(Path(g).name, "outside" in r) for g, r in run.summary.unreadable_paths] == [("escape.pdf", True)]
    store = BlobStore(settings.store_dir)
    blobs = [p.read_bytes() for p in settings.store_dir.rglob("*") if p.is_file()]
    assert secret.read_bytes() not in blobs and store.get(run.docs[0].sha256) == good.read_bytes()


def test_hostile_text_is_escaped_on_the_page_and_quoted_in_the_csv(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    write_case(BY_ID["hostile_text_html_and_formulas"], inbox)
    write_case(BY_ID["name_html"], inbox)
    settings = hostile_settings(tmp_path / "home", sqlite_url(tmp_path))
    run = ingest(settings, [inbox], measure=False)
    assert len(run.docs) == 2 and all(d.status not in ("failed", "pending") for d in run.docs)
    # CSV: no text cell begins with a formula character, and the formulas did reach the export
    cells = [c for d in run.docs for c in d.csv_row.values()]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    raw_fields = [str(f["value"]) for d in run.docs for f in d.record["fields"].values()]
    quoted = [c for c in cells if c.startswith("'") and c[1:2] in ("=", "+", "-", "@")]
    assert quoted or not any(v[:1] in "=+-@" for v in raw_fields), (raw_fields, quoted)
    # web: every page that shows these documents escapes them
    engine = open_database(settings.db_url)
    try:
        add_user(engine, name="alice", role=Role.REVIEWER, password="a long passphrase")
        app = create_app(settings, engine=engine, env={"CECINTAKE_SECRET_KEY": "test-secret"})
        with TestClient(app) as c:
            token = re.search(r'name="csrf_token" value="([^"]+)"', c.get("/login").text).group(1)
            r = c.post("/login", data={"csrf_token": token, "username": "alice", "password": "a long passphrase",
                                       "next": "/queue"}, follow_redirects=False)
            assert r.status_code == 303
            pages = [c.get("/queue").text] + [c.get(f"/items/{d.document_id}").text for d in run.docs]
            for html in pages:
                assert "<script>alert" not in html and "onerror=alert(1)>" not in html
            shown = "".join(pages)
            assert "&lt;script&gt;" in shown or "&lt;img" in shown, "the hostile text is shown, escaped"
    finally:
        engine.dispose()
    assert HOSTILE_NAME  # the corpus keeps the payload in one place
