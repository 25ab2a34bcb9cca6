from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from pb.db import Base, UTCDateTime, utcnow


class AuditEvent(Base):
    """An append-only record of something a person (or the system) did."""

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    #: The staff user who acted; empty for residents, failed sign-ins and the system.
    actor_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    #: Who acted, as text that survives the actor's deletion (an email, "system", "cli").
    actor_label: Mapped[str] = mapped_column(String(254))
    #: Dotted verb, e.g. ``staff.login`` or ``proposal.approve``.
    action: Mapped[str] = mapped_column(String(80), index=True)
    object_type: Mapped[Optional[str]] = mapped_column(String(40))
    object_id: Mapped[Optional[str]] = mapped_column(String(40))
    #: The object's name when it happened (a proposal's title, a round's name), for the log's sentence.
    object_label: Mapped[Optional[str]] = mapped_column(String(200))
    #: The community the event concerns, if any; the log filters on it.
    community_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("community.id", ondelete="SET NULL"), index=True
    )
    #: Short before/after summary, e.g. ``{"before": {...}, "after": {...}}``.
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ip_address: Mapped[Optional[str]] = mapped_column(String(45))
