"""The ``send-mail`` worker: claim due messages, render them, send them over one SMTP connection per batch.

Crash safety, step by step:

1. A batch is *claimed* in its own committed transaction: status ``sending``,
   ``claimed_at`` now, ``claimed_by`` this run, ``attempts + 1``. On PostgreSQL
   the rows are picked with ``FOR UPDATE SKIP LOCKED``, so concurrent workers
   take different rows; SQLite's ``BEGIN IMMEDIATE`` serialises claims.
2. Each message is rendered (links are signed now) and sent; right after the
   server accepts it, the row is marked ``sent`` and committed on its own. A kill
   between the server's "250" and that commit is the only way a message goes
   out twice, so duplicates are at most one per kill, with the same Message-ID.
3. A claim older than ``PB_MAIL_LEASE_SECONDS`` counts as abandoned (its worker
   died) and is claimed again. A worker stops using its own claims once half the
   lease has passed, handing back what it has not sent, so a live worker's claim
   never goes stale under it.

Failures: 4xx answers, refused connections and timeouts are retried later with
exponential backoff, up to ``max_attempts``; 5xx answers mark the message failed
with the server's answer; a bad setting stops the run with one line naming it.
"""
from __future__ import annotations

import signal
import smtplib
import socket
import ssl
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.utils import parseaddr
from typing import Any

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pb.config import ConfigError, Settings
from pb.db import utcnow
from pb.mail.models import MailStatus, OutboundEmail
from pb.mail.registry import MailObsolete, UnknownTemplate
from pb.mail.render import build_email, render_message


@dataclass(frozen=True)
class WorkerOptions:
    host: str
    port: int
    user: str | None
    password: str | None
    starttls: bool
    mail_from: str
    lease_seconds: int
    batch_size: int = 50
    max_attempts: int = 8
    #: First retry after this long, doubling per attempt up to ``backoff_cap``.
    backoff_base: timedelta = timedelta(minutes=1)
    backoff_cap: timedelta = timedelta(hours=6)
    timeout: float = 30.0

    @classmethod
    def from_settings(cls, settings: Settings, **overrides: Any) -> WorkerOptions:
        """The worker's options from the ``PB_*`` settings; raises ConfigError naming a bad one."""
        if not settings.smtp_host:
            raise ConfigError("PB_SMTP_HOST must be set to send mail")
        name, address = parseaddr(settings.mail_from)
        if not address or "@" not in address or address.startswith("@") or address.endswith("@"):
            raise ConfigError(f"PB_MAIL_FROM must be an address like 'Oplandspuljen <noreply@example.dk>', not {settings.mail_from!r}")
        if bool(settings.smtp_user) != bool(settings.smtp_password):
            missing = "PB_SMTP_PASSWORD" if settings.smtp_user else "PB_SMTP_USER"
            raise ConfigError(f"{missing} must be set too: PB_SMTP_USER and PB_SMTP_PASSWORD go together")
        values: dict[str, Any] = {
            "host": settings.smtp_host,
            "port": settings.smtp_port,
            "user": settings.smtp_user,
            "password": settings.smtp_password,
            "starttls": settings.smtp_starttls,
            "mail_from": settings.mail_from,
            "lease_seconds": settings.mail_lease_seconds,
        }
        values.update(overrides)
        return cls(**values)


@dataclass
class Summary:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    #: Why the SMTP server could not be reached, if it could not.
    unreachable: str | None = None

    def add(self, other: Summary) -> None:
        self.sent += other.sent
        self.retried += other.retried
        self.failed += other.failed
        self.unreachable = other.unreachable or self.unreachable

    @property
    def handled(self) -> int:
        return self.sent + self.retried + self.failed

    def describe(self) -> str:
        return f"Sent {self.sent}, retried {self.retried}, failed {self.failed}."


class TemporaryFailure(Exception):
    """The server or the network said "not now" (4xx, refused, timeout)."""


class ServerUnreachable(TemporaryFailure):
    """No connection could be made at all: every message waits, not just one."""


class PermanentFailure(Exception):
    """The server refused this message for good (5xx)."""


class ConnectionLost(Exception):
    """The server closed the connection; reconnect and try the message again."""


def _answer(code: int, message: bytes | str) -> str:
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    return f"{code} {' '.join(text.split())}".strip()


class Connection:
    """One SMTP connection, opened on first use and reopened when the server drops it."""

    def __init__(self, options: WorkerOptions) -> None:
        self.options = options
        self.smtp: smtplib.SMTP | None = None

    def open(self) -> smtplib.SMTP:
        if self.smtp is not None:
            return self.smtp
        options = self.options
        try:
            smtp = smtplib.SMTP(options.host, options.port, timeout=options.timeout)
        except socket.gaierror as error:
            raise ConfigError(f"PB_SMTP_HOST {options.host!r} cannot be found: {error.strerror}") from None
        except (OSError, smtplib.SMTPException) as error:
            raise ServerUnreachable(f"cannot connect to {options.host}:{options.port}: {error}") from None
        try:
            smtp.ehlo()
            if options.starttls:
                if not smtp.has_extn("starttls"):
                    raise ConfigError(f"PB_SMTP_STARTTLS is true, but {options.host}:{options.port} does not offer STARTTLS")
                smtp.starttls(context=ssl.create_default_context())
                smtp.ehlo()
            if options.user:
                smtp.login(options.user, options.password or "")
        except smtplib.SMTPAuthenticationError as error:
            smtp.close()
            raise ConfigError(f"PB_SMTP_USER/PB_SMTP_PASSWORD: the server refused the login ({_answer(error.smtp_code, error.smtp_error)})") from None
        except smtplib.SMTPNotSupportedError:
            smtp.close()
            raise ConfigError("PB_SMTP_USER is set, but the server offers no login (AUTH); set PB_SMTP_STARTTLS=true or leave PB_SMTP_USER empty") from None
        except ssl.SSLError as error:
            smtp.close()
            raise ConfigError(f"PB_SMTP_STARTTLS: the TLS handshake with {options.host} failed: {error}") from None
        except (OSError, smtplib.SMTPException) as error:
            smtp.close()
            raise ServerUnreachable(f"the SMTP greeting failed: {error}") from None
        except BaseException:
            smtp.close()
            raise
        self.smtp = smtp
        return smtp

    def send(self, message: Any, sender: str, recipient: str) -> None:
        """Send one message; raises TemporaryFailure, PermanentFailure or ConnectionLost."""
        smtp = self.open()
        try:
            smtp.send_message(message, from_addr=sender, to_addrs=[recipient])
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            self._raise_for(code, text)
        except smtplib.SMTPResponseException as error:  # sender refused, data refused, others
            self._raise_for(error.smtp_code, error.smtp_error)
        except (smtplib.SMTPServerDisconnected, ConnectionError) as error:
            self.close()
            raise ConnectionLost(str(error) or "the server closed the connection") from None
        except (OSError, smtplib.SMTPException) as error:  # timeouts and the rest
            self.close()
            raise TemporaryFailure(f"{type(error).__name__}: {error}") from None

    def _raise_for(self, code: int, text: bytes | str) -> None:
        answer = _answer(code, text)
        if code == 421:  # "service closing": the connection is gone
            self.close()
            raise ConnectionLost(answer)
        if code == 530:  # "authentication required" is a setting, not this message's fault
            self.close()
            raise ConfigError(f"PB_SMTP_USER/PB_SMTP_PASSWORD: the server wants a login ({answer})")
        if 400 <= code < 500:
            raise TemporaryFailure(answer)
        if code >= 500:
            raise PermanentFailure(answer)
        raise TemporaryFailure(answer)

    def close(self) -> None:
        if self.smtp is None:
            return
        smtp, self.smtp = self.smtp, None
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            smtp.close()


@dataclass
class Worker:
    """One ``send-mail`` run: its own database session, its own claim id, one SMTP connection at a time."""

    engine: Engine
    options: WorkerOptions
    clock: Callable[[], datetime] = utcnow
    on_progress: Callable[[int], None] = lambda handled: None
    worker_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    stopping: bool = False

    def __post_init__(self) -> None:
        self.session = Session(self.engine, expire_on_commit=False)
        self.connection = Connection(self.options)
        self.postgres = self.engine.dialect.name == "postgresql"

    # -- claiming ---------------------------------------------------------------

    def _due(self, now: datetime) -> Any:
        stale = now - timedelta(seconds=self.options.lease_seconds)
        return or_(
            and_(OutboundEmail.status == MailStatus.QUEUED, OutboundEmail.next_attempt_at <= now),
            and_(OutboundEmail.status == MailStatus.SENDING, OutboundEmail.claimed_at < stale),
        )

    def count_due(self) -> int:
        count = self.session.scalar(select(func.count()).select_from(OutboundEmail).where(self._due(self.clock())))
        self.session.rollback()
        return int(count or 0)

    def claim(self) -> list[OutboundEmail]:
        """Take up to a batch of due messages for this run, committed before anything is sent."""
        self.session.expunge_all()  # context functions read fresh data for every batch
        now = self.clock()
        statement = (
            select(OutboundEmail)
            .where(self._due(now))
            .order_by(OutboundEmail.next_attempt_at, OutboundEmail.id)
            .limit(self.options.batch_size)
        )
        if self.postgres:
            statement = statement.with_for_update(skip_locked=True)
        rows = list(self.session.scalars(statement))
        for row in rows:
            row.status = MailStatus.SENDING
            row.claimed_at = now
            row.claimed_by = self.worker_id
            row.attempts += 1
        self.session.commit()
        return rows

    # -- outcomes (each committed on its own) ------------------------------------

    def _finish(self, row: OutboundEmail, **values: Any) -> None:
        self.session.execute(
            update(OutboundEmail)
            .where(OutboundEmail.id == row.id, OutboundEmail.claimed_by == self.worker_id)
            .values(claimed_at=None, claimed_by=None, **values)
            .execution_options(synchronize_session=False)
        )
        self.session.commit()

    def mark_sent(self, row: OutboundEmail) -> None:
        # Not guarded by claimed_by: once the server has it, it is sent, whoever holds the claim.
        self.session.execute(
            update(OutboundEmail)
            .where(OutboundEmail.id == row.id)
            .values(status=MailStatus.SENT, sent_at=self.clock(), claimed_at=None, claimed_by=None, last_error=None)
            .execution_options(synchronize_session=False)
        )
        self.session.commit()

    def mark_failed(self, row: OutboundEmail, reason: str) -> None:
        self._finish(row, status=MailStatus.FAILED, last_error=reason[:2000])

    def retry_later(self, row: OutboundEmail, reason: str) -> bool:
        """Back off, or give up after ``max_attempts``; True when it will be retried."""
        if row.attempts >= self.options.max_attempts:
            self.mark_failed(row, f"Gav op efter {row.attempts} forsøg. Sidste svar: {reason}")
            return False
        delay = min(self.options.backoff_base * (2 ** max(row.attempts - 1, 0)), self.options.backoff_cap)
        self._finish(row, status=MailStatus.QUEUED, next_attempt_at=self.clock() + delay, last_error=reason[:2000])
        return True

    def release(self, rows: list[OutboundEmail]) -> None:
        """Hand back claimed rows that were not tried (the attempt is not counted)."""
        for row in rows:
            self.session.execute(
                update(OutboundEmail)
                .where(OutboundEmail.id == row.id, OutboundEmail.claimed_by == self.worker_id)
                .values(status=MailStatus.QUEUED, claimed_at=None, claimed_by=None, attempts=OutboundEmail.attempts - 1)
                .execution_options(synchronize_session=False)
            )
        self.session.commit()

    def _release_quietly(self, rows: list[OutboundEmail]) -> None:
        try:
            self.session.rollback()
            self.release(rows)
        except Exception:  # noqa: BLE001 - the claim's lease hands them back later anyway
            pass

    # -- sending ------------------------------------------------------------------

    def run_batch(self) -> Summary:
        """Claim one batch and deal with every message in it. An empty summary means nothing was due."""
        summary = Summary()
        rows = self.claim()
        claimed_at = time.monotonic()
        sender = parseaddr(self.options.mail_from)[1]
        for index, row in enumerate(rows):
            if self.stopping or time.monotonic() - claimed_at > self.options.lease_seconds / 2:
                self.release(rows[index:])
                break
            try:
                outcome = self._send_one(row, sender)
            except ServerUnreachable as error:
                # The server cannot be reached at all: this message and the rest of the batch wait.
                summary.unreachable = str(error)
                for waiting in rows[index:]:
                    if self.retry_later(waiting, str(error)):
                        summary.retried += 1
                    else:
                        summary.failed += 1
                    self.on_progress(1)
                break
            except BaseException:
                # A bad setting, a bug or an interrupt: what was not tried goes back at once.
                self._release_quietly(rows[index:])
                raise
            setattr(summary, outcome, getattr(summary, outcome) + 1)
            self.on_progress(1)
        return summary

    def _send_one(self, row: OutboundEmail, sender: str) -> str:
        """"sent", "retried" or "failed"; raises ServerUnreachable when no connection can be made."""
        try:
            rendered = render_message(self.session, row)
            message = build_email(rendered, self.options.mail_from)
        except MailObsolete as obsolete:
            self.session.rollback()
            self.mark_failed(row, obsolete.reason)
            return "failed"
        except (UnknownTemplate, ValueError) as error:
            self.session.rollback()
            self.mark_failed(row, f"Kunne ikke dannes: {error}")
            return "failed"
        # End the reading transaction before talking to the server: on SQLite it holds the write lock.
        self.session.commit()
        for attempt in (1, 2):
            try:
                self.connection.send(message, sender, row.recipient)
            except ConnectionLost as lost:
                if attempt == 2:
                    return "retried" if self.retry_later(row, str(lost)) else "failed"
                continue  # reconnect once and send again
            except ServerUnreachable:
                raise  # the caller backs off the whole batch
            except TemporaryFailure as error:
                return "retried" if self.retry_later(row, str(error)) else "failed"
            except PermanentFailure as error:
                self.mark_failed(row, str(error))
                return "failed"
            self.mark_sent(row)
            return "sent"
        raise AssertionError("unreachable")

    def run_until_empty(self) -> Summary:
        """Send everything that is due now, then return (the connection is closed at the end)."""
        total = Summary()
        try:
            while not self.stopping:
                summary = self.run_batch()
                total.add(summary)
                if summary.handled == 0 or summary.unreachable:
                    break  # nothing due, or the server cannot be reached: stop for now
        finally:
            self.connection.close()
            self.session.rollback()
        return total

    def close(self) -> None:
        self.connection.close()
        self.session.close()

    def stop_on_signals(self) -> None:
        """SIGTERM/SIGINT finish the message in hand and stop (a service manager's stop is clean)."""

        def stop(signum: int, frame: Any) -> None:
            self.stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
