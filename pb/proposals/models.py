from __future__ import annotations

import enum
from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from pb.db import Base, UTCDateTime, enum_type, utcnow

if TYPE_CHECKING:
    from pb.communities.models import Community
    from pb.rounds.models import Category, Round


class ProposalStatus(enum.Enum):
    SUBMITTED = "submitted"
    NEEDS_CHANGES = "needs_changes"
    APPROVED = "approved"
    REJECTED = "rejected"
    MERGED = "merged"
    WITHDRAWN = "withdrawn"


class Proposal(Base):
    """A resident's project proposal for their own community."""

    __tablename__ = "proposal"
    __table_args__ = (
        CheckConstraint("estimated_cost > 0", name="estimated_cost_positive"),
        CheckConstraint("final_cost IS NULL OR final_cost > 0", name="final_cost_positive"),
        CheckConstraint(
            "status != 'rejected' OR rejection_reason IS NOT NULL", name="rejection_has_reason"
        ),
        CheckConstraint(
            "(status = 'merged') = (merged_into_id IS NOT NULL)", name="merged_has_target"
        ),
        CheckConstraint("merged_into_id IS NULL OR merged_into_id != id", name="not_merged_into_self"),
        CheckConstraint(
            "final_cost IS NULL OR final_cost_note IS NOT NULL", name="final_cost_has_note"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("round.id", ondelete="CASCADE"), index=True)
    community_id: Mapped[int] = mapped_column(
        ForeignKey("community.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(400))
    description: Mapped[str] = mapped_column(Text)
    #: The proposer's own estimate, whole kroner; kept even after a playmaker sets ``final_cost``.
    estimated_cost: Mapped[int]
    #: The cost a playmaker set after a feasibility check, whole kroner.
    final_cost: Mapped[Optional[int]]
    category_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("category.id", ondelete="SET NULL")
    )
    location: Mapped[Optional[str]] = mapped_column(String(200))
    proposer_name: Mapped[str] = mapped_column(String(120))
    proposer_email: Mapped[str] = mapped_column(String(254))
    proposer_phone: Mapped[Optional[str]] = mapped_column(String(40))
    #: The proposer agreed that their name may be shown with the proposal.
    consent_to_publish: Mapped[bool] = mapped_column(default=False)
    status: Mapped[ProposalStatus] = mapped_column(
        enum_type(ProposalStatus), default=ProposalStatus.SUBMITTED, index=True
    )
    rejection_reason: Mapped[Optional[str]] = mapped_column(Text)
    #: Why the final cost differs from the estimate; required whenever ``final_cost`` is set.
    final_cost_note: Mapped[Optional[str]] = mapped_column(Text)
    #: When the proposer clicked the confirmation link; unconfirmed proposals are not moderated and expire.
    confirmed_at: Mapped[Optional[datetime]] = mapped_column(UTCDateTime)
    #: The language the proposer wrote in ("da" or "en"): the language of every mail they get.
    language: Mapped[str] = mapped_column(String(2), default="da")
    #: Proposals sharing a label exclude each other (e.g. two uses of the same site); the ILP funds at most one.
    exclusive_group: Mapped[Optional[str]] = mapped_column(String(80))
    #: Funded whatever the votes (e.g. a legal obligation); honoured by the max-welfare rule.
    must_fund: Mapped[bool] = mapped_column(default=False)
    merged_into_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("proposal.id", ondelete="RESTRICT")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    round: Mapped[Round] = relationship()
    community: Mapped[Community] = relationship()
    category: Mapped[Optional[Category]] = relationship()
    merged_into: Mapped[Optional[Proposal]] = relationship(remote_side=[id])

    @property
    def cost(self) -> int:
        """The cost that counts on the ballot: the playmaker's figure when there is one."""
        return self.final_cost if self.final_cost is not None else self.estimated_cost

    def __repr__(self) -> str:
        return f"<Proposal {self.id} {self.title!r} {self.status.value}>"
