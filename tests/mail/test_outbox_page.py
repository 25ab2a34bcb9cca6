"""/staff/udbakke: the officials' outbox page, and its audited "send the failed ones again"."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select, update

from pb.audit.models import AuditEvent
from pb.auth.models import Role
from pb.mail.models import MailStatus, OutboundEmail
from pb.mail.services import enqueue
from tests.mail.probe import PROBE, probe_params
from tests.mail.signed import signed_tokens
from tests.test_accessibility import _structure


@pytest.fixture
def outbox(app, session):
    """Five messages: two sent invitations, one failed invitation, one failed reminder, one queued receipt."""
    with app.app_context():
        rows = [
            enqueue(session, to=f"p{n}@example.dk", purpose=purpose, template=PROBE, params=probe_params(n))
            for n, purpose in enumerate(["invitation", "invitation", "invitation", "reminder", "receipt"])
        ]
    session.flush()
    for row, status, error in zip(
        rows,
        [MailStatus.SENT, MailStatus.SENT, MailStatus.FAILED, MailStatus.FAILED, MailStatus.QUEUED],
        [None, None, "550 5.1.1 No such user", "Gav op efter 8 forsøg. Sidste svar: 451 4.3.0 Later", None],
    ):
        session.execute(
            update(OutboundEmail).where(OutboundEmail.id == row.id)
            .values(status=status, last_error=error, attempts=1 if error else 0, sent_at=row.created_at if status is MailStatus.SENT else None)
        )
    session.commit()
    return rows


def test_officials_see_counts_by_purpose_and_status_and_the_failures(app, client, session, make_staff, signed_in, outbox) -> None:
    """The page counts every purpose in every status, lists the failed ones with the server's answer, and shows no live link."""
    signed_in(make_staff(Role.OFFICIAL))
    response = client.get("/staff/udbakke")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    invitation_row = re.search(r"<th scope=\"row\">Invitation til at stemme</th>(.*?)</tr>", html, re.S).group(1)
    assert re.findall(r">(\d+)<", invitation_row) == ["0", "0", "2", "1", "3"]
    assert "550 5.1.1 No such user" in html and "p2@example.dk" in html and "p3@example.dk" in html
    assert "p0@example.dk" not in html  # sent messages are only counted
    with app.app_context():
        assert signed_tokens(html) == []
    assert "http://pb.test/?t=" not in html


def test_the_page_is_for_officials_and_admins_only(client, make_staff, signed_in, make_community) -> None:
    """A playmaker gets 403; someone not signed in is sent to the sign-in page."""
    assert client.get("/staff/udbakke").status_code == 302
    signed_in(make_staff(Role.PLAYMAKER, communities=[make_community()]))
    assert client.get("/staff/udbakke").status_code == 403
    assert client.post("/staff/udbakke/send-igen").status_code in (400, 403)


def test_retry_failed_requeues_them_and_is_audited(client, session, make_staff, signed_in, csrf_token, outbox) -> None:
    """"Send alle fejlede igen" queues every failed message, due now with a fresh count of attempts, and writes an audit event."""
    official = make_staff(Role.OFFICIAL)
    signed_in(official)
    response = client.post("/staff/udbakke/send-igen", data={"csrf_token": csrf_token("/staff/udbakke")}, follow_redirects=True)
    assert "2 e-mails er sat i kø igen" in response.get_data(as_text=True)
    statuses = dict(session.execute(select(OutboundEmail.recipient, OutboundEmail.status)).all())
    assert statuses["p2@example.dk"] is MailStatus.QUEUED and statuses["p3@example.dk"] is MailStatus.QUEUED
    assert session.scalar(select(OutboundEmail.attempts).where(OutboundEmail.recipient == "p2@example.dk")) == 0
    event = session.scalars(select(AuditEvent).where(AuditEvent.action == "mail.retry_failed")).one()
    assert event.actor_id == official.id and event.details == {"purpose": "alle", "count": 2}


def test_retry_can_be_limited_to_one_purpose(client, session, make_staff, signed_in, csrf_token, outbox) -> None:
    """With a purpose, only that purpose's failed messages are queued again."""
    signed_in(make_staff(Role.ADMIN))
    client.post("/staff/udbakke/send-igen", data={"csrf_token": csrf_token("/staff/udbakke"), "purpose": "reminder"})
    statuses = dict(session.execute(select(OutboundEmail.recipient, OutboundEmail.status)).all())
    assert statuses["p3@example.dk"] is MailStatus.QUEUED and statuses["p2@example.dk"] is MailStatus.FAILED


def test_retry_without_a_csrf_token_is_refused(client, session, make_staff, signed_in, outbox) -> None:
    """A POST without the form's token changes nothing."""
    signed_in(make_staff(Role.OFFICIAL))
    assert client.post("/staff/udbakke/send-igen", data={}).status_code == 400
    assert session.scalar(select(OutboundEmail.status).where(OutboundEmail.recipient == "p2@example.dk")) is MailStatus.FAILED


def test_the_dashboard_links_to_the_outbox_for_officials_only(client, make_staff, signed_in, make_community) -> None:
    """Officials find "Udbakke" on the staff dashboard; playmakers do not."""
    signed_in(make_staff(Role.OFFICIAL))
    assert 'href="/staff/udbakke"' in client.get("/staff/").get_data(as_text=True)
    client.post("/staff/logout", data={})
    client.delete_cookie("pb_session")
    signed_in(make_staff(Role.PLAYMAKER, communities=[make_community()]))
    assert 'href="/staff/udbakke"' not in client.get("/staff/").get_data(as_text=True)


def test_the_outbox_page_has_sound_structure(client, make_staff, signed_in, outbox) -> None:
    """One h1, no skipped heading levels, landmarks, unique ids, labelled regions."""
    signed_in(make_staff(Role.OFFICIAL))
    html = client.get("/staff/udbakke").get_data(as_text=True)
    page = _structure(html)
    assert page.headings.count(1) == 1 and all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:]))
    assert {"header", "main", "footer", "nav"} <= set(page.tags)
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids))
