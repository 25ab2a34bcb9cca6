from __future__ import annotations

from dataclasses import dataclass

import pytest

from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.models import Category, Phase
from pb.auth.models import Role, StaffUser
from tests.proposals.conftest import outbox, setting  # noqa: F401  (shared fixtures)


@dataclass
class Staff:
    playmaker: StaffUser
    other_playmaker: StaffUser
    official: StaffUser


@pytest.fixture
def staff(make_staff, make_community, setting) -> Staff:  # noqa: F811
    elsewhere = make_community("Harlev", slug="harlev-test")
    return Staff(
        playmaker=make_staff(Role.PLAYMAKER, communities=[setting.community]),
        other_playmaker=make_staff(Role.PLAYMAKER, communities=[elsewhere]),
        official=make_staff(Role.OFFICIAL),
    )


@pytest.fixture
def waiting(setting, make_proposal) -> Proposal:  # noqa: F811
    """A confirmed proposal waiting for review."""
    return make_proposal(
        setting.round, setting.community, title="Ny legeplads", status=ProposalStatus.SUBMITTED,
        proposer_email="mette@example.org", estimated_cost=80_000, category_id=setting.category.id,
    )
