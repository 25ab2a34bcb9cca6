from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pb.db import Base, UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from pb.communities.models import Community


class Phase(enum.Enum):
    """A round's phases, in the order officials move through them."""

    DRAFT = "draft"
    PROPOSALS = "proposals"
    REVIEW = "review"
    VOTING = "voting"
    TALLYING = "tallying"
    PUBLISHED = "published"
    ARCHIVED = "archived"

    @property
    def position(self) -> int:
        return list(Phase).index(self)


class BallotType(enum.Enum):
    KNAPSACK = "knapsack"
    APPROVAL = "approval"
    CUMULATIVE = "cumulative"


class SelectionRule(enum.Enum):
    GREEDY = "greedy"
    GREEDY_NO_SKIP = "greedy-no-skip"
    MAX_WELFARE = "max-welfare"
    EQUAL_SHARES = "equal-shares"
    EQUAL_SHARES_ADD1 = "equal-shares-add1"


class Round(Base):
    """One yearly edition of the fund, e.g. "Oplandspuljen 2027"."""

    __tablename__ = "round"
    __table_args__ = (
        CheckConstraint("min_voter_age >= 0", name="min_voter_age_not_negative"),
        CheckConstraint(
            "approval_min_choices IS NULL OR approval_min_choices >= 0",
            name="approval_min_not_negative",
        ),
        CheckConstraint(
            "approval_max_choices IS NULL OR approval_min_choices IS NULL"
            " OR approval_max_choices >= approval_min_choices",
            name="approval_max_not_below_min",
        ),
        CheckConstraint(
            "cumulative_points IS NULL OR cumulative_points > 0", name="cumulative_points_positive"
        ),
        CheckConstraint("min_score IS NULL OR min_score >= 0", name="min_score_not_negative"),
        CheckConstraint("pool_amount IS NULL OR pool_amount >= 0", name="pool_amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: The fund this round spends, e.g. "Oplandspuljen".
    fund_name: Mapped[str] = mapped_column(String(120))
    name: Mapped[str] = mapped_column(String(120), unique=True)
    phase: Mapped[Phase] = mapped_column(enum_type(Phase), default=Phase.DRAFT)
    ballot_type: Mapped[BallotType] = mapped_column(
        enum_type(BallotType), default=BallotType.KNAPSACK
    )
    selection_rule: Mapped[SelectionRule] = mapped_column(
        enum_type(SelectionRule), default=SelectionRule.GREEDY
    )
    min_voter_age: Mapped[int] = mapped_column(default=15)
    #: Limits for approval ballots; ignored for other ballot types.
    approval_min_choices: Mapped[Optional[int]]
    approval_max_choices: Mapped[Optional[int]]
    #: Points each voter distributes on a cumulative ballot.
    cumulative_points: Mapped[Optional[int]]
    #: Votes (or points) a proposal needs to be eligible for funding; none means no threshold.
    min_score: Mapped[Optional[int]]
    #: Seed of the lot that breaks ties; drawn when voting opens and published with the result.
    tie_break_seed: Mapped[Optional[int]]
    self_registration_open: Mapped[bool] = mapped_column(default=True)
    #: The whole pool of the round in kroner; the communities' budgets must add up to it. None until set.
    pool_amount: Mapped[Optional[int]]
    #: Whom residents contact with questions about voting; shown on the help page.
    contact_email: Mapped[Optional[str]] = mapped_column(String(254))
    contact_phone: Mapped[Optional[str]] = mapped_column(String(40))
    #: Paper ballots count only after a second playmaker confirms them.
    paper_four_eyes: Mapped[bool] = mapped_column(default=False)
    #: Set when an official pins this round as the one the public pages show (see ``public_round``).
    pinned_public_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    phase_windows: Mapped[list[PhaseWindow]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="PhaseWindow.starts_at"
    )
    budgets: Mapped[list[CommunityBudget]] = relationship(
        back_populates="round", cascade="all, delete-orphan"
    )
    categories: Mapped[list[Category]] = relationship(
        back_populates="round", cascade="all, delete-orphan", order_by="Category.name"
    )

    def window(self, phase: Phase) -> PhaseWindow | None:
        return next((w for w in self.phase_windows if w.phase is phase), None)

    def __repr__(self) -> str:
        return f"<Round {self.name!r} {self.phase.value}>"


class PhaseWindow(Base):
    """The dates one phase of a round is planned to run."""

    __tablename__ = "phase_window"
    __table_args__ = (
        UniqueConstraint("round_id", "phase"),
        CheckConstraint("ends_at > starts_at", name="ends_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    phase: Mapped[Phase] = mapped_column(enum_type(Phase))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)

    round: Mapped[Round] = relationship(back_populates="phase_windows")


class CommunityBudget(Base):
    """The amount one community may spend in one round, in whole kroner."""

    __tablename__ = "community_budget"
    __table_args__ = (
        UniqueConstraint("round_id", "community_id"),
        CheckConstraint("amount >= 0", name="amount_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id", ondelete="RESTRICT"))
    #: Whole kroner.
    amount: Mapped[int]

    round: Mapped[Round] = relationship(back_populates="budgets")
    community: Mapped[Community] = relationship()


class Category(Base):
    """A project category of a round, e.g. "Natur og grønne områder"."""

    __tablename__ = "category"
    __table_args__ = (
        UniqueConstraint("round_id", "name"),
        CheckConstraint("min_spend IS NULL OR min_spend >= 0", name="min_spend_not_negative"),
        CheckConstraint(
            "max_spend IS NULL OR min_spend IS NULL OR max_spend >= min_spend", name="max_spend_not_below_min"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    #: Whole kroner each community must (at least) / may (at most) spend on this category; ILP only.
    min_spend: Mapped[Optional[int]]
    max_spend: Mapped[Optional[int]]

    round: Mapped[Round] = relationship(back_populates="categories")
