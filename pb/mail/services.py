"""The outbox: features enqueue messages here, inside the transaction that makes the change.

Enqueueing only adds a row (no rendering, no SMTP). The row names a registered
template and its parameters; the worker (``pb.mail.worker``) renders and sends it.
"""
from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from email.utils import parseaddr
from functools import lru_cache
from typing import Any

from flask import current_app, has_app_context
from sqlalchemy import Insert, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.auth.models import StaffUser
from pb.db import utcnow
from pb.mail.models import MailStatus, OutboundEmail
from pb.mail.registry import is_registered

LANGUAGES = ("da", "en")
#: Rows per INSERT statement in ``enqueue_many``.
CHUNK = 1000


def enqueue(
    session: Session,
    *,
    to: str,
    purpose: str,
    template: str,
    params: Mapping[str, Any],
    language: str = "da",
    dedup_key: str | None = None,
) -> OutboundEmail:
    """Queue one message; with a ``dedup_key`` already queued (by anyone, even concurrently) return that row instead.

    Raises ValueError for a programming mistake: an unregistered template, an
    unknown language, parameters that are not plain JSON, or a link in them.
    """
    values = _row_values(to, purpose, template, params, language, dedup_key, utcnow())
    if dedup_key is None:
        row = OutboundEmail(**values)
        session.add(row)
        return row
    # INSERT ... ON CONFLICT DO NOTHING: a concurrent enqueue of the same key waits for the
    # other transaction and then adds nothing, instead of failing on the unique constraint.
    statement = _insert_for(session).values(**values).on_conflict_do_nothing(index_elements=["dedup_key"])
    inserted = session.scalars(statement.returning(OutboundEmail)).first()
    if inserted is not None:
        return inserted
    existing = session.scalars(select(OutboundEmail).where(OutboundEmail.dedup_key == dedup_key)).one()
    return existing


def enqueue_many(session: Session, messages: Iterable[Mapping[str, Any]]) -> int:
    """Queue many messages (each a mapping of ``enqueue``'s keyword arguments) in a few statements.

    For bulk sends such as invitations and reminders. Messages whose ``dedup_key``
    is already queued are skipped; returns how many were added.
    """
    now = utcnow()
    table = OutboundEmail.__table__
    added = 0
    chunk: list[dict[str, Any]] = []

    def flush_chunk() -> int:
        statement = _insert_for(session, table).on_conflict_do_nothing(index_elements=["dedup_key"])
        # RETURNING counts the rows really added (drivers disagree on executemany's rowcount).
        added_ids = session.execute(statement.returning(table.c.id), chunk).all()
        chunk.clear()
        return len(added_ids)

    for message in messages:
        chunk.append(
            _row_values(
                message["to"], message["purpose"], message["template"], message["params"],
                message.get("language", "da"), message.get("dedup_key"), now,
            )
        )
        if len(chunk) >= CHUNK:
            added += flush_chunk()
    if chunk:
        added += flush_chunk()
    return added


def _insert_for(session: Session, target: Any = OutboundEmail) -> Insert:
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        return postgresql.insert(target)
    if dialect == "sqlite":
        return sqlite.insert(target)
    raise RuntimeError(f"the outbox supports SQLite and PostgreSQL, not {dialect}")


def _row_values(
    to: str,
    purpose: str,
    template: str,
    params: Mapping[str, Any],
    language: str,
    dedup_key: str | None,
    now: datetime,
) -> dict[str, Any]:
    recipient = (to or "").strip()
    if not recipient or len(recipient) > 254 or "@" not in recipient or "\n" in recipient:
        raise ValueError(f"not an e-mail address: {to!r}")
    if not purpose or len(purpose) > 40:
        raise ValueError(f"purpose must be a short word, not {purpose!r}")
    if not is_registered(template):
        raise ValueError(f"no mail template is registered as {template!r}")
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {LANGUAGES}, not {language!r}")
    if dedup_key is not None and not 0 < len(dedup_key) <= 200:
        raise ValueError("dedup_key must be 1 to 200 characters")
    plain = _plain_params(params)
    return {
        "recipient": recipient,
        "purpose": purpose,
        "template": template,
        "params": plain,
        "language": language,
        "message_id": new_message_id(),
        "dedup_key": dedup_key,
        "status": MailStatus.QUEUED,
        "attempts": 0,
        "created_at": now,
        "next_attempt_at": now,
    }


def _plain_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """A copy that survives JSON unchanged; refuses a link to this site (links are made at send time)."""
    if not isinstance(params, Mapping):
        raise ValueError("params must be a mapping of ids and plain values")
    try:
        encoded = json.dumps(dict(params), allow_nan=False)
    except (TypeError, ValueError) as error:
        raise ValueError(f"params must be plain JSON values: {error}") from None
    base_url = current_app.config["BASE_URL"] if has_app_context() else ""
    if base_url and base_url.split("://", 1)[-1] in encoded:
        raise ValueError("params must hold ids and plain values, never a link: links are made when the mail is sent")
    return json.loads(encoded)


def new_message_id() -> str:
    """A globally unique Message-ID on the sender's domain, e.g. ``<3f2a...@example.dk>``."""
    return f"<{uuid.uuid4().hex}@{_domain(_mail_from())}>"


def _mail_from() -> str:
    if has_app_context():
        return current_app.config["PB_SETTINGS"].mail_from
    return ""


@lru_cache(maxsize=8)
def _domain(mail_from: str) -> str:
    address = parseaddr(mail_from)[1]
    domain = address.rpartition("@")[2].strip().lower()
    return domain or "oplandspuljen.invalid"


def counts_by_purpose_and_status(session: Session) -> dict[tuple[str, MailStatus], int]:
    """How many messages there are of each purpose in each status."""
    rows = session.execute(
        select(OutboundEmail.purpose, OutboundEmail.status, func.count()).group_by(OutboundEmail.purpose, OutboundEmail.status)
    )
    return {(purpose, status): count for purpose, status, count in rows}


@dataclass(frozen=True)
class PurposeCounts:
    purpose: str
    counts: dict[MailStatus, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class FailedMessage:
    """What the officials' page shows of a failed message: never its parameters or its rendered text."""

    id: int
    recipient: str
    purpose: str
    attempts: int
    last_error: str | None
    created_at: datetime


@dataclass(frozen=True)
class OutboxOverview:
    statuses: tuple[MailStatus, ...]
    purposes: list[PurposeCounts]
    failed: list[FailedMessage]
    failed_total: int
    failed_purposes: list[str]
    #: Queued after a temporary failure, waiting for their next attempt.
    waiting_retry: int

    @property
    def totals(self) -> dict[MailStatus, int]:
        totals: dict[MailStatus, int] = {}
        for line in self.purposes:
            for status, count in line.counts.items():
                totals[status] = totals.get(status, 0) + count
        return totals

    @property
    def total(self) -> int:
        return sum(line.total for line in self.purposes)


def outbox_overview(session: Session, failed_limit: int = 100) -> OutboxOverview:
    """Counts by purpose and status, and the newest failed messages with their errors (no links, no bodies)."""
    by_purpose: dict[str, dict[MailStatus, int]] = {}
    for (purpose, status), count in sorted(counts_by_purpose_and_status(session).items(), key=lambda item: item[0][0]):
        by_purpose.setdefault(purpose, {})[status] = count
    failed_rows = session.execute(
        select(
            OutboundEmail.id, OutboundEmail.recipient, OutboundEmail.purpose,
            OutboundEmail.attempts, OutboundEmail.last_error, OutboundEmail.created_at,
        )
        .where(OutboundEmail.status == MailStatus.FAILED)
        .order_by(OutboundEmail.id.desc())
        .limit(failed_limit)
    )
    waiting = session.scalar(
        select(func.count()).select_from(OutboundEmail)
        .where(OutboundEmail.status == MailStatus.QUEUED, OutboundEmail.attempts > 0)
    )
    return OutboxOverview(
        statuses=tuple(MailStatus),
        purposes=[PurposeCounts(purpose, counts) for purpose, counts in by_purpose.items()],
        failed=[FailedMessage(*row) for row in failed_rows],
        failed_total=sum(counts.get(MailStatus.FAILED, 0) for counts in by_purpose.values()),
        failed_purposes=[purpose for purpose, counts in by_purpose.items() if counts.get(MailStatus.FAILED)],
        waiting_retry=int(waiting or 0),
    )


def retry_failed(session: Session, actor: StaffUser, purpose: str | None = None) -> int:
    """Put every failed message (of ``purpose``, if given) back in the queue, due now, and audit it; returns how many."""
    statement = (
        update(OutboundEmail)
        .where(OutboundEmail.status == MailStatus.FAILED)
        .values(status=MailStatus.QUEUED, attempts=0, next_attempt_at=utcnow(), claimed_at=None, claimed_by=None)
        .execution_options(synchronize_session=False)
    )
    if purpose is not None:
        statement = statement.where(OutboundEmail.purpose == purpose)
    count = session.execute(statement).rowcount
    record(session, "mail.retry_failed", actor=actor, details={"purpose": purpose or "alle", "count": count})
    return count
