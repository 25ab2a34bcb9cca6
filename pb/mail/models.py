from __future__ import annotations

import enum
from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, CheckConstraint, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pb.db import Base, UTCDateTime, enum_type, utcnow


class MailStatus(enum.Enum):
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class OutboundEmail(Base):
    """A message in the transactional outbox; a CLI worker renders and sends it, never a request.

    The row holds what is needed to render the message at send time (a template
    name and its parameters: ids and plain values), never the rendered text and
    never a signed link, so whoever reads the database cannot vote for anyone.
    """

    __tablename__ = "outbound_email"
    __table_args__ = (
        CheckConstraint("attempts >= 0", name="attempts_not_negative"),
        CheckConstraint("status != 'sent' OR sent_at IS NOT NULL", name="sent_has_time"),
        CheckConstraint("status != 'sending' OR claimed_at IS NOT NULL", name="sending_has_claim"),
        CheckConstraint("language IN ('da', 'en')", name="language_known"),
        #: The worker's query: what is queued and due, or claimed long ago.
        Index("ix_outbound_email_status_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    recipient: Mapped[str] = mapped_column(String(254))
    #: Why it is sent, e.g. ``invitation``, ``reminder``, ``proposal_confirmation``.
    purpose: Mapped[str] = mapped_column(String(40))
    #: A name registered with ``pb.mail.registry.mail_template``, e.g. ``voting/invitation``.
    template: Mapped[str] = mapped_column(String(80))
    #: The template's parameters: ids and plain values, never a rendered or signed link.
    params: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: The language the message is rendered in (``da`` or ``en``).
    language: Mapped[str] = mapped_column(String(5), default="da")
    #: Made when the message is enqueued and kept on every attempt, so a resent copy is recognisably the same.
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    #: Makes enqueueing idempotent: the same key is never queued twice.
    dedup_key: Mapped[Optional[str]] = mapped_column(String(200), unique=True)
    status: Mapped[MailStatus] = mapped_column(enum_type(MailStatus), default=MailStatus.QUEUED)
    #: Delivery attempts begun (a claim counts as one).
    attempts: Mapped[int] = mapped_column(default=0)
    #: The SMTP server's answer or the reason of the last failure.
    last_error: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Not sent before this time (backoff after a temporary failure).
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: When a worker claimed it; a claim older than PB_MAIL_LEASE_SECONDS is taken again.
    claimed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    #: Which worker run holds the claim (random per run).
    claimed_by: Mapped[Optional[str]] = mapped_column(String(40))
    sent_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
