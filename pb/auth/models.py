from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pb.db import Base, UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from pb.communities.models import Community


class Role(enum.Enum):
    ADMIN = "admin"
    OFFICIAL = "official"
    PLAYMAKER = "playmaker"


#: The roles that run the round and reach every community ("admin or official").
OFFICIAL_ROLES = frozenset({Role.ADMIN, Role.OFFICIAL})


staff_community = Table(
    "staff_community",
    Base.metadata,
    Column("staff_user_id", ForeignKey("staff_user.id", ondelete="CASCADE"), primary_key=True),
    Column("community_id", ForeignKey("community.id", ondelete="CASCADE"), primary_key=True),
)


class StaffUser(Base):
    """A municipal official, admin or playmaker who signs in with a password."""

    __tablename__ = "staff_user"
    __table_args__ = (
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        CheckConstraint("session_generation >= 1", name="session_generation_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-cased.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[Optional[str]] = mapped_column(String(120))
    #: werkzeug scrypt hash.
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(enum_type(Role))
    is_active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    #: Bumped at sign-out; sessions signed with an older value stop working.
    session_generation: Mapped[int] = mapped_column(default=1)

    #: The communities a playmaker works for; admins and officials reach every community.
    communities: Mapped[list[Community]] = relationship(
        secondary=staff_community, order_by="Community.name"
    )

    @property
    def is_official(self) -> bool:
        """Admin or official: runs the round and reaches every community. The one place this is decided."""
        return self.role in OFFICIAL_ROLES

    def __repr__(self) -> str:
        return f"<StaffUser {self.email} {self.role.value}>"


class LoginAttempt(Base):
    """One sign-in attempt, kept to throttle guessing per account and per IP address."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        Index("ix_login_attempt_email_time", "email", "attempted_at"),
        Index("ix_login_attempt_ip_time", "ip_address", "attempted_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    #: The client's address as the throttle counts it: an IPv4 address, or an IPv6 /64 network.
    ip_address: Mapped[str] = mapped_column(String(45))
    #: The id from the known-device cookie of this account, when the browser sent a valid one.
    device: Mapped[Optional[str]] = mapped_column(String(32))
    succeeded: Mapped[bool]
    attempted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
