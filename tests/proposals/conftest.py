from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from pb.communities.models import Community
from pb.db import utcnow
from pb.rounds.models import Category, Phase, PhaseWindow, Round


@dataclass
class Setting:
    round: Round
    community: Community
    category: Category


@pytest.fixture
def setting(session: Session, make_community, make_round) -> Setting:
    """A round in its proposal phase: one community with 200.000 kr., two categories."""
    community = make_community("Sabro", slug="sabro-test")
    round_ = make_round(phase=Phase.PROPOSALS, budgets={community: 200_000})
    now = utcnow()
    round_.phase_windows.append(
        PhaseWindow(phase=Phase.PROPOSALS, starts_at=now - timedelta(days=3), ends_at=now + timedelta(days=20))
    )
    round_.categories = [Category(name="Natur"), Category(name="Kultur")]
    session.commit()
    return Setting(round_, community, round_.categories[0])


@pytest.fixture
def submit(client: FlaskClient, csrf_token: Callable[[str], str], setting: Setting):
    """Post the new-proposal form as a browser would, with a fresh CSRF token."""
    from tests.proposals.helpers import proposal_form

    def post(**overrides):
        data = proposal_form(**{"community": setting.community.slug, "category": str(setting.category.id), **overrides})
        data["csrf_token"] = csrf_token("/forslag/nyt")
        return client.post("/forslag/nyt", data=data)

    return post


@pytest.fixture
def outbox(app, session):
    """``outbox(purpose)``: the queued mails of that purpose, rendered."""
    from tests.proposals.helpers import mails

    return lambda purpose: mails(app, session, purpose)
