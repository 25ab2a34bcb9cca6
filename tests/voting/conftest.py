"""Fixtures for the voting tests: a knapsack round with a voter, and the voter's link."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pytest
from flask import Flask

from pb.communities.models import Community
from pb.proposals.models import Proposal
from pb.rounds.models import Round
from pb.voting.identity import ballot_credential
from pb.voting.models import Voter


@dataclass
class Election:
    round: Round
    community: Community
    voter: Voter
    proposals: list[Proposal]


@pytest.fixture
def link_for(app: Flask) -> Callable[[Voter], str]:
    """The path of a voter's personal ballot link."""

    def link(voter: Voter) -> str:
        with app.app_context():
            return f"/stem/{ballot_credential(voter)}"

    return link


@pytest.fixture
def election(make_community, make_round, make_proposal, make_voter) -> Callable[..., Election]:
    """A round in voting with one community (budget 100.000 kr.), three proposals and one voter."""

    def make(costs: tuple[int, ...] = (40_000, 50_000, 70_000), **round_fields) -> Election:
        community = make_community()
        round_ = make_round(budgets={community: 100_000}, **round_fields)
        proposals = [
            make_proposal(round_, community, title=f"Forslag {chr(65 + n)}", estimated_cost=cost)
            for n, cost in enumerate(costs)
        ]
        voter = make_voter(round_, community, name="Ida Holm")
        return Election(round_, community, voter, proposals)

    return make
