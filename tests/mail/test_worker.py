"""pb/mail/worker: sending through a real aiosmtpd on localhost, retries and backoff, leases, bad settings."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from pb.db import get_engine, utcnow
from pb.mail.models import MailStatus, OutboundEmail
from tests.mail.outbox_app import fill, outbox_app, rows, worker_for
from tests.smtp import free_port, running_smtp_server


@pytest.fixture
def mail_app(monkeypatch, fresh_database_url, smtp_server):
    return outbox_app(monkeypatch, fresh_database_url, smtp_server)


def test_worker_sends_what_is_due_over_one_connection(mail_app, smtp_server) -> None:
    """Every queued message arrives once, with its stored Message-ID and the headers, over one connection; rows are sent."""
    message_ids = fill(mail_app, 5)
    with worker_for(mail_app) as worker:
        summary = worker.run_until_empty()
        assert (summary.sent, summary.retried, summary.failed) == (5, 0, 0)
        assert worker.run_until_empty().handled == 0
    assert sorted(smtp_server.message_ids()) == sorted(message_ids)
    assert smtp_server.handler.connections == 1
    received = smtp_server.received[0]
    assert received.mail_from == "noreply@pb.test" and received.rcpt_tos[0].endswith("@example.dk")
    parsed = received.message
    assert parsed["From"].addresses[0].display_name == "Oplandspuljen Århus"
    assert parsed["Auto-Submitted"] == "auto-generated" and parsed["Date"] and parsed["Subject"].startswith("Prøvebesked")
    assert parsed.get_body(("plain",)) is not None and parsed.get_body(("html",)) is not None
    assert all(row.status is MailStatus.SENT and row.sent_at and row.claimed_at is None for row in rows(mail_app))


def test_a_451_is_retried_later_and_then_sent(mail_app, smtp_server) -> None:
    """A 4xx answer puts the message back with backoff and the server's answer; once due again it is sent."""
    [message_id] = fill(mail_app, 1)
    smtp_server.data_answers = ["451 4.3.0 Try again later"]
    with worker_for(mail_app) as worker:
        summary = worker.run_until_empty()
        assert (summary.sent, summary.retried) == (0, 1)
        [row] = rows(mail_app)
        assert row.status is MailStatus.QUEUED and row.attempts == 1 and row.last_error == "451 4.3.0 Try again later"
        assert timedelta(seconds=50) < row.next_attempt_at - utcnow() <= timedelta(minutes=1)
        assert worker.run_until_empty().handled == 0  # not due yet
        worker.clock = lambda: utcnow() + timedelta(minutes=2)
        assert worker.run_until_empty().sent == 1
    assert smtp_server.message_ids() == [message_id]
    [row] = rows(mail_app)
    assert row.status is MailStatus.SENT and row.last_error is None and row.attempts == 2


def test_backoff_doubles_and_gives_up_after_the_limit(mail_app, smtp_server) -> None:
    """Each temporary failure waits twice as long as the one before; at max_attempts the message fails."""
    fill(mail_app, 1)
    smtp_server.data_answers = ["452 4.3.1 Out of space"] * 3
    now = utcnow()
    with worker_for(mail_app, max_attempts=3) as worker:
        delays = []
        for step in range(3):
            worker.clock = lambda: now + timedelta(hours=step)
            worker.run_until_empty()
            [row] = rows(mail_app)
            if row.status is MailStatus.QUEUED:
                delays.append(row.next_attempt_at - (now + timedelta(hours=step)))
    assert delays == [timedelta(minutes=1), timedelta(minutes=2)]
    assert row.status is MailStatus.FAILED and row.last_error.startswith("Gav op efter 3 forsøg") and "452 4.3.1" in row.last_error
    assert smtp_server.received == []


def test_a_550_marks_the_message_failed_and_the_rest_go_on(mail_app, smtp_server) -> None:
    """A 5xx answer fails that message with the server's answer; the others in the batch are sent."""
    fill(mail_app, 3)
    smtp_server.rcpt_answers["person1@example.dk"] = ["550 5.1.1 No such user here"]
    with worker_for(mail_app) as worker:
        summary = worker.run_until_empty()
    assert (summary.sent, summary.failed) == (2, 1)
    by_recipient = {row.recipient: row for row in rows(mail_app)}
    assert by_recipient["person1@example.dk"].status is MailStatus.FAILED
    assert by_recipient["person1@example.dk"].last_error == "550 5.1.1 No such user here"
    assert by_recipient["person0@example.dk"].status is MailStatus.SENT


def test_the_worker_reconnects_when_the_server_drops_the_connection(mail_app, smtp_server) -> None:
    """A server that hangs up after every two messages still gets every message exactly once."""
    message_ids = fill(mail_app, 7)
    smtp_server.handler.drop_after = 2
    with worker_for(mail_app) as worker:
        assert worker.run_until_empty().sent == 7
    assert sorted(smtp_server.message_ids()) == sorted(message_ids)
    assert smtp_server.handler.connections >= 4


def test_a_refused_connection_backs_off_the_whole_batch(monkeypatch, fresh_database_url) -> None:
    """No server listening: every due message is put back with backoff and the error, and nothing is lost."""
    app = outbox_app(monkeypatch, fresh_database_url, None, PB_SMTP_HOST="127.0.0.1", PB_SMTP_PORT=str(free_port()))
    fill(app, 3)
    with worker_for(app) as worker:
        summary = worker.run_until_empty()
    assert summary.retried == 3 and "cannot connect" in summary.unreachable
    assert all(row.status is MailStatus.QUEUED and row.attempts == 1 and "cannot connect" in row.last_error for row in rows(app))


def test_a_stale_claim_is_sent_again_with_the_same_message_id(mail_app, smtp_server) -> None:
    """A message claimed by a worker that died (claim older than the lease) is sent; a fresh claim is left alone."""
    stale_id, fresh_id = fill(mail_app, 2)
    with mail_app.app_context(), Session(get_engine()) as session:
        for message_id, age in ((stale_id, 301), (fresh_id, 10)):
            session.execute(
                update(OutboundEmail).where(OutboundEmail.message_id == message_id)
                .values(status=MailStatus.SENDING, claimed_at=utcnow() - timedelta(seconds=age), claimed_by="dead", attempts=1)
            )
        session.commit()
    with worker_for(mail_app, lease_seconds=300) as worker:
        assert worker.run_until_empty().sent == 1
    assert smtp_server.message_ids() == [stale_id]


def test_an_obsolete_message_fails_with_its_reason_and_is_not_sent(mail_app, smtp_server) -> None:
    """A context function raising MailObsolete marks the message failed with the reason."""
    fill(mail_app, 1, params={"n": 1, "obsolete": True})
    with worker_for(mail_app) as worker:
        assert worker.run_until_empty().failed == 1
    [row] = rows(mail_app)
    assert row.status is MailStatus.FAILED and row.last_error == "Modtageren findes ikke længere"
    assert smtp_server.received == []


def test_login_is_used_when_configured(monkeypatch, fresh_database_url) -> None:
    """With PB_SMTP_USER and PB_SMTP_PASSWORD the worker logs in before sending."""
    with running_smtp_server(login=("relay-user", "relay-secret")) as server:
        app = outbox_app(monkeypatch, fresh_database_url, server, PB_SMTP_USER="relay-user", PB_SMTP_PASSWORD="relay-secret")
        fill(app, 2)
        with worker_for(app) as worker:
            assert worker.run_until_empty().sent == 2
        assert len(server.received) == 2


def test_send_mail_prints_a_one_line_summary(mail_app, smtp_server) -> None:
    """Off a terminal, send-mail prints one line: sent, retried, failed."""
    fill(mail_app, 3)
    smtp_server.rcpt_answers["person2@example.dk"] = ["550 5.1.1 No such user"]
    result = mail_app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 0, result.output
    assert result.output == "Sent 2, retried 0, failed 1.\n"
    with mail_app.app_context():
        get_engine().dispose()


@pytest.mark.parametrize(
    "environ, words",
    [
        ({"PB_MAIL_FROM": "nobody"}, "Error: PB_MAIL_FROM must be an address"),
        ({"PB_SMTP_HOST": ""}, "Error: PB_SMTP_HOST must be set"),
        ({"PB_SMTP_USER": "someone"}, "Error: PB_SMTP_PASSWORD must be set too"),
        ({"PB_SMTP_STARTTLS": "true"}, "Error: PB_SMTP_STARTTLS is true, but"),
    ],
)
def test_a_bad_smtp_setting_stops_with_one_line_naming_it(monkeypatch, fresh_database_url, smtp_server, environ, words) -> None:
    """A missing or wrong PB_SMTP_*/PB_MAIL_FROM setting ends send-mail with one line, and no mail is lost."""
    app = outbox_app(monkeypatch, fresh_database_url, smtp_server, **environ)
    fill(app, 2)
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 1
    assert result.output.startswith(words) and result.output.count("\n") == 1, result.output
    assert all(row.status is MailStatus.QUEUED and row.attempts == 0 for row in rows(app))
    with app.app_context():
        get_engine().dispose()


@pytest.mark.parametrize(
    "environ, words",
    [
        ({}, "Error: PB_SMTP_USER/PB_SMTP_PASSWORD: the server wants a login"),
        ({"PB_SMTP_USER": "relay-user", "PB_SMTP_PASSWORD": "wrong"}, "Error: PB_SMTP_USER/PB_SMTP_PASSWORD: the server refused the login"),
    ],
)
def test_a_missing_or_wrong_login_stops_with_one_line(monkeypatch, fresh_database_url, environ, words) -> None:
    """A relay that wants a login the settings do not give stops the worker with one line; the mail stays queued."""
    with running_smtp_server(login=("relay-user", "relay-secret")) as server:
        app = outbox_app(monkeypatch, fresh_database_url, server, **environ)
        fill(app, 2)
        result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 1
    assert result.output.startswith(words) and result.output.count("\n") == 1, result.output
    assert all(row.status is MailStatus.QUEUED and row.attempts == 0 for row in rows(app))
    with app.app_context():
        get_engine().dispose()


def test_an_unreachable_server_ends_send_mail_with_an_error_after_the_summary(monkeypatch, fresh_database_url) -> None:
    """Nothing listening: send-mail reports the retries and exits 1 with one line saying why."""
    app = outbox_app(monkeypatch, fresh_database_url, None, PB_SMTP_HOST="127.0.0.1", PB_SMTP_PORT=str(free_port()))
    fill(app, 1)
    result = app.test_cli_runner().invoke(args=["send-mail"])
    assert result.exit_code == 1
    assert result.output.startswith("Sent 0, retried 1, failed 0.\nError: the SMTP server could not be reached")
    with app.app_context():
        get_engine().dispose()
