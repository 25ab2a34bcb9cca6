"""pb/rounds/services.py: the public round is chosen explicitly, and officials may pin one."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.auth.models import Role
from pb.errors import NotAllowed
from pb.rounds.models import Phase
from pb.rounds.services import PinRefused, current_round, pin_public_round, public_round, unpin_public_round


def test_a_new_draft_round_never_hides_the_published_one(session, make_round) -> None:
    """Next year's draft round stays off the public pages; this year's result stays on."""
    published = make_round(Phase.PUBLISHED, name="Oplandspuljen 2027")
    draft = make_round(Phase.DRAFT, name="Oplandspuljen 2028")
    assert public_round(session) == published
    assert current_round(session) == draft  # staff and the CLI work on the new one


def test_the_newest_round_past_draft_is_public(session, make_round) -> None:
    """Once the new round opens for proposals it becomes the public one; archived rounds count too."""
    assert public_round(session) is None
    old = make_round(Phase.ARCHIVED)
    assert public_round(session) == old
    new = make_round(Phase.PROPOSALS)
    assert public_round(session) == new


def test_an_official_pins_another_round_and_unpins_it(app, session, make_round, make_staff) -> None:
    """A pinned round is public even when a newer one is open; unpinning goes back; both are audited."""
    official = make_staff(Role.OFFICIAL)
    old = make_round(Phase.PUBLISHED)
    new = make_round(Phase.PROPOSALS)
    with app.test_request_context():
        pin_public_round(session, old, actor=official)
        assert public_round(session) == old
        pin_public_round(session, new, actor=official)  # a second pin replaces the first
        assert public_round(session) == new and old.pinned_public_at is None
        unpin_public_round(session, actor=official)
    assert public_round(session) == new and new.pinned_public_at is None
    actions = list(session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == official.id)))
    assert actions == ["round.pin_public", "round.pin_public", "round.unpin_public"]


def test_pinning_is_for_officials_and_never_a_draft(app, session, make_round, make_staff, make_community) -> None:
    """A playmaker may not pin; a draft round cannot be pinned."""
    playmaker = make_staff(Role.PLAYMAKER, communities=[make_community()])
    with app.test_request_context():
        with pytest.raises(NotAllowed):
            pin_public_round(session, make_round(Phase.VOTING), actor=playmaker)
        with pytest.raises(PinRefused, match="under forberedelse"):
            pin_public_round(session, make_round(Phase.DRAFT), actor=make_staff(Role.ADMIN))


def test_front_page_shows_the_public_round_not_the_new_draft(client, make_round, make_community) -> None:
    """The front page and community pages keep showing the published round while a draft is prepared."""
    community = make_community()
    make_round(Phase.PUBLISHED, name="Runde i år", budgets={community: 123_000})
    make_round(Phase.DRAFT, name="Runde næste år")
    front = client.get("/").get_data(as_text=True)
    assert "Runde i år" in front and "Runde næste år" not in front
    page = client.get(f"/lokalsamfund/{community.slug}").get_data(as_text=True)
    assert "Runde i år" in page and "123.000 kr." in page
