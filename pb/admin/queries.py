"""Read-only views of the data for staff pages."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pb.audit.models import AuditEvent
from pb.communities.models import Community
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.models import CommunityBudget, Round
from pb.auth.models import StaffUser
from pb.voting.models import Ballot, Voter


@dataclass(frozen=True)
class CommunityOverview:
    community: Community
    budget: int | None
    proposals_by_status: dict[ProposalStatus, int]
    voters: int
    ballots: int


def communities_for(session: Session, user: StaffUser) -> list[Community]:
    if not user.is_official:
        return list(user.communities)
    return list(session.scalars(select(Community).order_by(Community.name)))


def community_overview(session: Session, round_: Round | None, community: Community) -> CommunityOverview:
    if round_ is None:
        return CommunityOverview(community, None, {}, 0, 0)
    budget = session.scalar(
        select(CommunityBudget.amount).where(
            CommunityBudget.round_id == round_.id, CommunityBudget.community_id == community.id
        )
    )
    rows = session.execute(
        select(Proposal.status, func.count(Proposal.id))
        .where(Proposal.round_id == round_.id, Proposal.community_id == community.id)
        .group_by(Proposal.status)
    )
    counts = {status: count for status, count in rows}
    voters = session.scalar(
        select(func.count(Voter.id)).where(Voter.round_id == round_.id, Voter.community_id == community.id)
    ) or 0
    ballots = session.scalar(
        select(func.count(Ballot.id)).where(Ballot.round_id == round_.id, Ballot.community_id == community.id)
    ) or 0
    return CommunityOverview(community, budget, counts, voters, ballots)


def recent_audit_events(session: Session, limit: int = 100) -> list[AuditEvent]:
    return list(session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
