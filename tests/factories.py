"""Factory fixtures: each returns a function that makes one object with sensible defaults.

Factories commit, so the data survives the rollback a request does at its end
(inside the test, a commit only releases a SAVEPOINT).
"""
from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any, Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from pb.communities.models import Community
from pb.db import utcnow
from pb.proposals.models import Proposal, ProposalStatus
from pb.rounds.models import CommunityBudget, Phase, PhaseWindow, Round
from pb.auth.models import Role, StaffUser
from pb.auth.services import hash_password
from pb.voting.models import Voter, VoterSource

_counter = itertools.count(1)
DEFAULT_PASSWORD = "correct horse battery"


@pytest.fixture
def make_community(session: Session) -> Callable[..., Community]:
    def make(name: str | None = None, **fields: Any) -> Community:
        n = next(_counter)
        name = name or f"Landsby {n}"
        fields.setdefault("slug", f"landsby-{n}")
        fields.setdefault("population", 1000)
        community = Community(name=name, **fields)
        session.add(community)
        session.commit()
        return community

    return make


@pytest.fixture
def make_round(session: Session) -> Callable[..., Round]:
    def make(phase: Phase = Phase.VOTING, budgets: dict[Community, int] | None = None, **fields: Any) -> Round:
        fields.setdefault("name", f"Runde {next(_counter)}")
        fields.setdefault("fund_name", "Oplandspuljen")
        round_ = Round(phase=phase, **fields)
        now = utcnow()
        round_.phase_windows = [
            PhaseWindow(phase=Phase.VOTING, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=7))
        ]
        round_.budgets = [CommunityBudget(community=c, amount=amount) for c, amount in (budgets or {}).items()]
        session.add(round_)
        session.commit()
        return round_

    return make


@pytest.fixture
def make_proposal(session: Session) -> Callable[..., Proposal]:
    def make(round_: Round, community: Community, **fields: Any) -> Proposal:
        fields.setdefault("title", f"Forslag {next(_counter)}")
        fields.setdefault("summary", "Et kort resumé.")
        fields.setdefault("description", "En længere beskrivelse.")
        fields.setdefault("estimated_cost", 50_000)
        fields.setdefault("proposer_name", "Anna Jensen")
        fields.setdefault("proposer_email", "anna@example.org")
        fields.setdefault("status", ProposalStatus.APPROVED)
        fields.setdefault("confirmed_at", utcnow())
        proposal = Proposal(round=round_, community=community, **fields)
        session.add(proposal)
        session.commit()
        return proposal

    return make


@pytest.fixture
def make_voter(session: Session) -> Callable[..., Voter]:
    def make(round_: Round, community: Community, **fields: Any) -> Voter:
        fields.setdefault("email", f"voter{next(_counter)}@example.org")
        fields.setdefault("source", VoterSource.ROLL)
        voter = Voter(round=round_, community=community, **fields)
        session.add(voter)
        session.commit()
        return voter

    return make


@pytest.fixture
def make_staff(session: Session) -> Callable[..., StaffUser]:
    def make(
        role: Role = Role.OFFICIAL,
        communities: list[Community] | None = None,
        password: str = DEFAULT_PASSWORD,
        **fields: Any,
    ) -> StaffUser:
        fields.setdefault("email", f"staff{next(_counter)}@aarhus.example")
        user = StaffUser(role=role, password_hash=hash_password(password), **fields)
        user.communities = communities or []
        session.add(user)
        session.commit()
        return user

    return make


@pytest.fixture
def signed_in(client: FlaskClient, csrf_token: Callable[[str], str]) -> Callable[[StaffUser], FlaskClient]:
    """Sign a staff user in through the real login form."""

    def sign_in(user: StaffUser, password: str = DEFAULT_PASSWORD) -> FlaskClient:
        response = client.post(
            "/staff/login",
            data={"email": user.email, "password": password, "csrf_token": csrf_token("/staff/login")},
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return client

    return sign_in
