from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pb.db import Base, UTCDateTime, enum_type, utcnow
from pb.rounds.models import SelectionRule

if TYPE_CHECKING:
    from pb.communities.models import Community
    from pb.rounds.models import Round


class Result(Base):
    """The outcome of one tally for one community; immutable once published."""

    __tablename__ = "result"
    __table_args__ = (
        UniqueConstraint("round_id", "community_id", "version"),
        CheckConstraint("version >= 1", name="version_positive"),
        CheckConstraint("spent >= 0 AND leftover >= 0", name="money_not_negative"),
        CheckConstraint(
            "version = 1 OR correction_reason IS NOT NULL", name="correction_has_reason"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"))
    community_id: Mapped[int] = mapped_column(ForeignKey("community.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(default=1)
    rule: Mapped[SelectionRule] = mapped_column(enum_type(SelectionRule))
    #: Which ILP solver (or "none" for greedy and Equal Shares) produced it.
    solver: Mapped[str] = mapped_column(String(40))
    #: Proposal ids in the order they were chosen.
    selected_proposal_ids: Mapped[list[int]] = mapped_column(JSON)
    #: ``{"proposal id": score}``.
    scores: Mapped[dict[str, int]] = mapped_column(JSON)
    spent: Mapped[int]
    leftover: Mapped[int]
    #: The tie-break used: order kind, seed and every tie decided.
    tie_break: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: Per-proposal explanation records, as the solver returned them.
    explanations: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    ballot_file_sha256: Mapped[str] = mapped_column(String(64))
    computed_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_by_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("staff_user.id", ondelete="SET NULL")
    )
    published_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    correction_reason: Mapped[Optional[str]] = mapped_column(Text)

    round: Mapped[Round] = relationship()
    community: Mapped[Community] = relationship()

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
