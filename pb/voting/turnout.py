"""Turnout per community: voters, invited, ballots cast. Never counts per proposal.

The service decides what a staff user may see: officials every community, a
playmaker only their own.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pb.auth.access import can_access_community
from pb.auth.models import StaffUser
from pb.communities.models import Community
from pb.rounds.models import Round
from pb.voting.models import Ballot, Voter


@dataclass(frozen=True)
class TurnoutRow:
    community: Community
    voters: int
    invited: int
    ballots: int

    @property
    def percent(self) -> float | None:
        """Ballots as a share of the roll, in per cent; none for an empty roll."""
        return 100 * self.ballots / self.voters if self.voters else None


@dataclass(frozen=True)
class Turnout:
    rows: list[TurnoutRow]

    @property
    def total(self) -> TurnoutRow | None:
        if len(self.rows) < 2:
            return None
        return TurnoutRow(
            community=None,  # type: ignore[arg-type]
            voters=sum(r.voters for r in self.rows),
            invited=sum(r.invited for r in self.rows),
            ballots=sum(r.ballots for r in self.rows),
        )


def turnout_for(session: Session, round_: Round, user: StaffUser) -> Turnout:
    """Turnout of each community ``user`` may see, by community name."""
    voters = {
        community_id: (count, invited)
        for community_id, count, invited in session.execute(
            select(Voter.community_id, func.count(), func.count(Voter.invited_at))
            .where(Voter.round_id == round_.id)
            .group_by(Voter.community_id)
        )
    }
    ballots = {
        community_id: count
        for community_id, count in session.execute(
            select(Ballot.community_id, func.count()).where(Ballot.round_id == round_.id).group_by(Ballot.community_id)
        )
    }
    rows = [
        TurnoutRow(community, *voters.get(community.id, (0, 0)), ballots.get(community.id, 0))
        for community in session.scalars(select(Community).order_by(Community.name))
        if can_access_community(user, community)
    ]
    return Turnout(rows)
