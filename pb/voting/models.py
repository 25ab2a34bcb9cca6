from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pb.db import Base, UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from pb.communities.models import Community
    from pb.proposals.models import Proposal
    from pb.rounds.models import Round


class VoterSource(enum.Enum):
    ROLL = "roll"
    SELF = "self"
    PAPER = "paper"


class BallotChannel(enum.Enum):
    WEB = "web"
    PAPER = "paper"


class Voter(Base):
    """A resident who may vote in one round, in their own community."""

    __tablename__ = "voter"
    __table_args__ = (
        UniqueConstraint("round_id", "email"),
        # Lets a ballot's (voter, round, community) be checked by one composite foreign key.
        UniqueConstraint("id", "round_id", "community_id"),
        CheckConstraint("email = lower(email)", name="email_lower_case"),
        CheckConstraint("link_version >= 1", name="link_version_positive"),
        CheckConstraint(
            "birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100", name="birth_year_plausible"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    community_id: Mapped[int] = mapped_column(
        ForeignKey("community.id", ondelete="RESTRICT"), index=True
    )
    #: Stored lower-cased, so the unique constraint catches "A@x.dk" and "a@x.dk".
    #: Empty for a paper voter without an address, and after the roll's personal data is erased.
    email: Mapped[Optional[str]] = mapped_column(String(254))
    name: Mapped[Optional[str]] = mapped_column(String(120))
    #: Postal address of a paper voter (who may have no e-mail).
    address: Mapped[Optional[str]] = mapped_column(String(200))
    birth_year: Mapped[Optional[int]]
    source: Mapped[VoterSource] = mapped_column(enum_type(VoterSource))
    #: Bumped when a new link is sent; links carrying an older version stop working.
    link_version: Mapped[int] = mapped_column(default=1)
    #: When the voter first opened a link sent to them (for self-registered voters, the e-mail check).
    verified_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    #: When the invitation was queued for this voter (none: not invited yet).
    invited_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    round: Mapped[Round] = relationship()
    community: Mapped[Community] = relationship()
    ballot: Mapped[Optional[Ballot]] = relationship(back_populates="voter")


class Ballot(Base):
    """A voter's current ballot; earlier versions are kept in ``BallotRevision``."""

    __tablename__ = "ballot"
    __table_args__ = (
        UniqueConstraint("round_id", "voter_id"),
        # The ballot's round and community are always its voter's.
        ForeignKeyConstraint(
            ["voter_id", "round_id", "community_id"],
            ["voter.id", "voter.round_id", "voter.community_id"],
            name="fk_ballot_voter_round_community",
            ondelete="RESTRICT",
        ),
        CheckConstraint("version >= 1", name="version_positive"),
        Index("ix_ballot_round_community", "round_id", "community_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    #: With round_id and community_id, a composite foreign key to the voter (see __table_args__).
    voter_id: Mapped[int]
    #: Copied from the voter so tallies read one table.
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id", ondelete="RESTRICT"))
    channel: Mapped[BallotChannel] = mapped_column(enum_type(BallotChannel))
    version: Mapped[int] = mapped_column(default=1)
    #: sha256 of the receipt code shown once to the voter; the voter id in published files.
    receipt_hash: Mapped[str] = mapped_column(String(64), unique=True)
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    voter: Mapped[Voter] = relationship(back_populates="ballot")
    items: Mapped[list[BallotItem]] = relationship(
        back_populates="ballot", cascade="all, delete-orphan"
    )
    revisions: Mapped[list[BallotRevision]] = relationship(
        back_populates="ballot", cascade="all, delete-orphan", order_by="BallotRevision.version"
    )


class BallotItem(Base):
    """One proposal on a ballot, with its points (1 on knapsack and approval ballots)."""

    __tablename__ = "ballot_item"
    __table_args__ = (
        UniqueConstraint("ballot_id", "proposal_id"),
        CheckConstraint("points > 0", name="points_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"))
    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("proposal.id", ondelete="RESTRICT"), index=True
    )
    points: Mapped[int] = mapped_column(default=1)

    ballot: Mapped[Ballot] = relationship(back_populates="items")
    proposal: Mapped[Proposal] = relationship()


class BallotRevision(Base):
    """A superseded version of a ballot, kept for the audit trail."""

    __tablename__ = "ballot_revision"
    __table_args__ = (UniqueConstraint("ballot_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"))
    version: Mapped[int]
    channel: Mapped[BallotChannel] = mapped_column(enum_type(BallotChannel))
    #: ``{"proposal id": points}`` as it stood in that version.
    items: Mapped[dict[str, Any]] = mapped_column(JSON)
    cast_at: Mapped[datetime] = mapped_column(UTCDateTime)

    ballot: Mapped[Ballot] = relationship(back_populates="revisions")


class LinkRequestKind(enum.Enum):
    NEW_LINK = "new_link"
    SELF_REGISTRATION = "self_registration"


class LinkRequest(Base):
    """One resident's request for a voting link by e-mail, kept only to rate-limit such requests.

    The address is kept as a sha256 hash: the table must not become a list of who asked.
    """

    __tablename__ = "link_request"
    __table_args__ = (
        Index("ix_link_request_email_time", "email_hash", "requested_at"),
        Index("ix_link_request_ip_time", "ip_address", "requested_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[LinkRequestKind] = mapped_column(enum_type(LinkRequestKind))
    #: sha256 hex of the normalised e-mail address asked for.
    email_hash: Mapped[str] = mapped_column(String(64))
    ip_address: Mapped[str] = mapped_column(String(45))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PendingPaperBallot(Base):
    """A paper ballot entered by one playmaker, waiting for a second one to confirm it (four eyes).

    It is not a ``Ballot`` until confirmed, so nothing counts it before then.
    """

    __tablename__ = "pending_paper_ballot"
    __table_args__ = (UniqueConstraint("voter_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    voter_id: Mapped[int] = mapped_column(ForeignKey("voter.id", ondelete="CASCADE"))
    #: ``{"proposal id": points}`` as entered.
    items: Mapped[dict[str, Any]] = mapped_column(JSON)
    entered_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("staff_user.id", ondelete="SET NULL"))
    entered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    voter: Mapped[Voter] = relationship()
