"""What the public pages show: the public round (``public_round``) and its communities."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session, selectinload

from pb.communities.models import Community
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.models import Round
from pb.rounds.services import budget_by_community, public_round


@dataclass(frozen=True)
class CommunityCard:
    community: Community
    budget: int | None


@dataclass(frozen=True)
class FrontPage:
    round: Round | None
    cards: list[CommunityCard]
    total_budget: int


def front_page(session: Session) -> FrontPage:
    round_ = public_round(session)
    communities = list(session.scalars(select(Community).order_by(Community.name)))
    budgets = budget_by_community(round_) if round_ else {}
    cards = [CommunityCard(c, budgets.get(c.id)) for c in communities]
    return FrontPage(round_, cards, sum(budgets.values()))


def ballot_proposals(session: Session, round_: Round, community: Community) -> list[Proposal]:
    """The approved proposals of a community: what stands on its ballot."""
    return list(
        session.scalars(
            select(Proposal)
            .where(
                Proposal.round_id == round_.id,
                Proposal.community_id == community.id,
                Proposal.status == ProposalStatus.APPROVED,
            )
            .options(selectinload(Proposal.category))
            .order_by(Proposal.title, Proposal.id)
        )
    )


def database_is_up(session: Session) -> bool:
    try:
        session.execute(text("SELECT 1"))
    except Exception:  # any driver error means "down" here; /healthz reports it, not raises it
        session.rollback()
        return False
    return True
