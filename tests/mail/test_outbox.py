"""pb/mail: enqueueing, rendering at send time, the message headers and /dev/mail."""
from __future__ import annotations

import threading
import time
from email import message_from_bytes, policy

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from pb import create_app
from pb.db import SESSION_OVERRIDE
from pb.mail.models import MailStatus, OutboundEmail
from pb.mail.render import build_email, render_message
from pb.mail.services import enqueue, enqueue_many
from tests.mail.probe import PROBE, add_probe_templates, probe_params


def _enqueue(session, n: int, **kwargs):
    values = {"to": f"person{n}@example.dk", "purpose": "invitation", "template": PROBE, "params": probe_params(n)}
    values.update(kwargs)
    return enqueue(session, **values)


def test_enqueue_adds_a_queued_row_with_a_message_id_and_no_rendering(app, session) -> None:
    """enqueue stores template, params and language, a Message-ID on the sender's domain, and is due at once."""
    with app.app_context():
        row = _enqueue(session, 1, language="en")
        session.flush()
    assert row.status is MailStatus.QUEUED
    assert row.template == PROBE and row.params == {"n": 1} and row.language == "en"
    assert row.message_id.startswith("<") and row.message_id.endswith("@localhost>")
    assert row.attempts == 0 and row.claimed_at is None and row.next_attempt_at is not None
    assert not hasattr(row, "body_text") and not hasattr(row, "subject")


def test_enqueue_with_the_same_dedup_key_returns_the_existing_row(app, session) -> None:
    """Enqueueing the same dedup key twice adds nothing and returns the first row."""
    with app.app_context():
        first = _enqueue(session, 1, dedup_key="invitation:1:1")
        second = _enqueue(session, 1, dedup_key="invitation:1:1")
        other = _enqueue(session, 2, dedup_key="invitation:2:1")
    assert second.id == first.id and other.id != first.id
    assert session.scalar(select(func.count()).select_from(OutboundEmail)) == 2


def test_enqueue_many_skips_keys_already_queued(app, session) -> None:
    """enqueue_many adds each new key once and reports how many it added."""
    with app.app_context():
        _enqueue(session, 1, dedup_key="invitation:1:1")
        messages = [
            {"to": f"p{n}@example.dk", "purpose": "invitation", "template": PROBE, "params": {"n": n}, "dedup_key": f"invitation:{n}:1"}
            for n in (1, 2, 3, 3)
        ]
        assert enqueue_many(session, messages) == 2
        assert enqueue_many(session, messages) == 0
    keys = session.scalars(select(OutboundEmail.dedup_key).order_by(OutboundEmail.dedup_key)).all()
    assert keys == ["invitation:1:1", "invitation:2:1", "invitation:3:1"]


@pytest.mark.parametrize(
    "change, words",
    [
        ({"template": "nobody/unknown"}, "no mail template"),
        ({"language": "de"}, "language"),
        ({"to": "not an address"}, "e-mail address"),
        ({"params": {"link": "http://pb.test/stem/abc"}}, "never a link"),
        ({"params": {"when": object()}}, "plain JSON"),
    ],
)
def test_enqueue_refuses_programming_mistakes(app, session, change, words) -> None:
    """Unknown templates and languages, bad addresses, links and non-JSON params are refused at once."""
    with app.app_context(), pytest.raises(ValueError, match=words):
        _enqueue(session, 1, **change)


def test_concurrent_enqueue_of_one_key_adds_one_row(app, engine) -> None:
    """Two transactions enqueueing the same key at once: the second waits, then gets the first's row."""
    key = f"concurrent:{time.monotonic_ns()}"
    results: dict[str, int] = {}
    try:
        with app.app_context(), Session(engine) as first:
            row = _enqueue(first, 1, dedup_key=key)

            def second_transaction() -> None:
                with app.app_context(), Session(engine) as second:
                    results["second"] = _enqueue(second, 1, dedup_key=key).id
                    second.commit()

            thread = threading.Thread(target=second_transaction)
            thread.start()
            time.sleep(0.5)  # the second enqueue is now waiting for the first transaction
            assert thread.is_alive()
            first.commit()
            results["first"] = row.id
            thread.join(timeout=20)
        assert results["first"] == results["second"]
        with Session(engine) as check:
            assert check.scalar(select(func.count()).where(OutboundEmail.dedup_key == key)) == 1
    finally:
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM outbound_email WHERE dedup_key = :key"), {"key": key})


def test_render_message_renders_in_the_rows_language_with_a_fresh_link(app, session) -> None:
    """The subject, text and HTML come from the template; the link is signed at render time; English footer for en."""
    with app.app_context():
        danish = _enqueue(session, 7, params=probe_params(7, name="Åse"))
        english = _enqueue(session, 8, language="en")
        session.flush()
        da = render_message(session, danish)
        en = render_message(session, english)
    assert da.subject == "Prøvebesked 7 – æøå"
    assert "Hej Åse" in da.text and "http://pb.test/?t=" in da.text
    assert "Du kan ikke svare på den." in da.text and '<html lang="da">' in da.html
    assert "http://pb.test/?t=" in da.html and "Hej Åse" in da.html
    assert "You cannot reply to it." in en.text and '<html lang="en">' in en.html


def test_built_email_has_the_headers_and_both_parts(app, session) -> None:
    """From, To, an encoded non-ASCII subject, Date, the stable Message-ID, Auto-Submitted; text and HTML parts."""
    with app.app_context():
        row = _enqueue(session, 3, to="Søren Ærø <soren@example.dk>")
        session.flush()
        raw = build_email(render_message(session, row), "Oplandspuljen Århus <noreply@example.dk>").as_bytes()
    assert b"=?utf-8?" in raw.split(b"\n\n", 1)[0]  # headers are plain ASCII with encoded words
    parsed = message_from_bytes(raw, policy=policy.default)
    assert parsed["Subject"] == "Prøvebesked 3 – æøå"
    assert parsed["From"].addresses[0].display_name == "Oplandspuljen Århus"
    assert parsed["To"].addresses[0].addr_spec == "soren@example.dk"
    assert parsed["Message-ID"] == row.message_id
    assert parsed["Auto-Submitted"] == "auto-generated" and parsed["Date"]
    assert parsed.get_content_type() == "multipart/alternative"
    assert "prøvebesked nummer 3" in parsed.get_body(("plain",)).get_content()
    assert "prøvebesked nummer 3" in parsed.get_body(("html",)).get_content()


def test_dev_mail_lists_newest_first_with_working_links(app, client, session) -> None:
    """/dev/mail shows every message rendered as sent, newest first, and its links open."""
    with app.app_context():
        _enqueue(session, 1)
        _enqueue(session, 2)
        _enqueue(session, 3, params={"n": 3, "obsolete": True})
        session.commit()
    page = client.get("/dev/mail").get_data(as_text=True)
    assert page.index("Modtageren findes ikke længere") < page.index("Prøvebesked 2") < page.index("Prøvebesked 1")
    link = page.split('<a href="http://pb.test', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    assert client.get(link).status_code == 200
    html_link = page.split('href="/dev/mail/', 1)[1].split('"', 1)[0]
    html = client.get(f"/dev/mail/{html_link}")
    assert html.status_code == 200 and "style-src 'unsafe-inline'" in html.headers["Content-Security-Policy"]


def test_dev_mail_json_has_the_contract_shape(app, client, session) -> None:
    """?format=json gives [{to, subject, text, purpose, status}, ...] newest first."""
    with app.app_context():
        _enqueue(session, 1, purpose="receipt")
        _enqueue(session, 2)
        session.commit()
    listed = client.get("/dev/mail?format=json").get_json()
    assert [m["subject"] for m in listed] == ["Prøvebesked 2 – æøå", "Prøvebesked 1 – æøå"]
    assert {"to", "subject", "text", "purpose", "status"} <= set(listed[0])
    assert listed[1]["purpose"] == "receipt" and listed[1]["status"] == "queued" and listed[1]["to"] == "person1@example.dk"
    assert "http://pb.test/?t=" in listed[0]["text"]


def test_dev_mail_is_not_found_in_production(session, engine, monkeypatch) -> None:
    """With PB_ENV=production /dev/mail and its JSON answer 404."""
    monkeypatch.setenv("PB_ENV", "production")
    monkeypatch.setenv("PB_SECRET_KEY", "production-secret-key-that-is-long-enough-0123")
    monkeypatch.setenv("PB_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("PB_BASE_URL", "https://pb.test")
    app = add_probe_templates(create_app({"TESTING": True}))
    app.extensions[SESSION_OVERRIDE] = session
    client = app.test_client()
    assert client.get("/dev/mail").status_code == 404
    assert client.get("/dev/mail?format=json").status_code == 404
    assert client.get("/dev/mail/1.html").status_code == 404
    app.extensions["pb.engine"].dispose()
