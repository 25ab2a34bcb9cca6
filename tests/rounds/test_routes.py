"""The officials' round pages: create, settings, dates, budgets; each saves, audits and keeps typed input on errors."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.rounds.models import BallotType, Phase, Round
from pb.auth.models import Role


def token(page: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)


@pytest.fixture
def official_client(make_staff, signed_in):
    return signed_in(make_staff(role=Role.OFFICIAL, name="Mette Hansen"))


def test_official_creates_a_round(official_client, session):
    """The create form makes a draft round and leads to its page."""
    page = official_client.get("/staff/runder/ny").get_data(as_text=True)
    response = official_client.post(
        "/staff/runder/ny",
        data={"name": "Oplandspuljen 2029", "fund_name": "Oplandspuljen", "pool": "4.770.000 kr.", "csrf_token": token(page)},
    )
    assert response.status_code == 302
    round_ = session.scalar(select(Round).where(Round.name == "Oplandspuljen 2029"))
    assert round_.phase is Phase.DRAFT and round_.pool_amount == 4_770_000
    assert response.headers["Location"].endswith(f"/staff/runder/{round_.id}")
    assert "Oplandspuljen 2029" in official_client.get(response.headers["Location"]).get_data(as_text=True)


def test_create_form_keeps_what_was_typed_and_explains(official_client):
    """A bad amount gets a Danish error linked from the summary; the typed name stays."""
    page = official_client.get("/staff/runder/ny").get_data(as_text=True)
    response = official_client.post(
        "/staff/runder/ny", data={"name": "Min runde", "fund_name": "Oplandspuljen", "pool": "mange penge", "csrf_token": token(page)}
    )
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'value="Min runde"' in body and 'value="mange penge"' in body
    assert 'href="#pool"' in body and "hele kroner" in body
    assert 'aria-invalid="true"' in body


def test_settings_save_ballot_type_and_categories(official_client, session, make_round):
    """Approval limits and a new category are saved and audited."""
    round_ = make_round(phase=Phase.PROPOSALS, pool_amount=1000)
    url = f"/staff/runder/{round_.id}/indstillinger"
    page = official_client.get(url).get_data(as_text=True)
    data = {
        "csrf_token": token(page), "name": round_.name, "fund_name": "Oplandspuljen", "pool": "1.000",
        "ballot_type": "approval", "approval_min_choices": "1", "approval_max_choices": "3",
        "selection_rule": "greedy", "min_voter_age": "16", "self_registration_open": "y",
        "cat_0_name": "Natur", "cat_0_min": "", "cat_0_max": "",
    }
    response = official_client.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    session.refresh(round_)
    assert round_.ballot_type is BallotType.APPROVAL and round_.approval_max_choices == 3
    assert round_.min_voter_age == 16 and [c.name for c in round_.categories] == ["Natur"]
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "round.settings")) is not None


def test_settings_error_keeps_input_and_points_at_the_field(official_client, make_round):
    """A max below the min is refused on that field; everything typed stays."""
    round_ = make_round(phase=Phase.DRAFT, pool_amount=1000)
    url = f"/staff/runder/{round_.id}/indstillinger"
    page = official_client.get(url).get_data(as_text=True)
    response = official_client.post(url, data={
        "csrf_token": token(page), "name": round_.name, "fund_name": "Oplandspuljen", "pool": "1.000",
        "ballot_type": "approval", "approval_min_choices": "4", "approval_max_choices": "2",
        "selection_rule": "greedy", "min_voter_age": "15", "cat_0_name": "Kultur og fællesskab",
    })
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#approval_max_choices"' in body and "mindre end det laveste" in body
    assert 'value="Kultur og fællesskab"' in body and 'value="4"' in body


def test_settings_in_voting_are_read_only_and_a_post_is_refused(official_client, make_round):
    """During voting the page shows the settings without a save button; a POST gets the friendly 409."""
    round_ = make_round(phase=Phase.VOTING, pool_amount=1000)
    url = f"/staff/runder/{round_.id}/indstillinger"
    page = official_client.get(url).get_data(as_text=True)
    assert "Gem indstillingerne" not in page
    response = official_client.post(url, data={
        "csrf_token": token(page), "name": round_.name, "fund_name": "Oplandspuljen", "pool": "1.000",
        "ballot_type": "knapsack", "selection_rule": "greedy", "min_voter_age": "15",
    })
    assert response.status_code == 409
    assert "før afstemningen begynder" in response.get_data(as_text=True)


def test_dates_are_saved_and_shown(official_client, session, make_round):
    """Typed Danish dates are saved as the phase plan and shown on the round's page."""
    round_ = make_round(phase=Phase.DRAFT)
    url = f"/staff/runder/{round_.id}/datoer"
    page = official_client.get(url).get_data(as_text=True)
    response = official_client.post(url, data={
        "csrf_token": token(page), "proposals_starts": "01-03-2027", "proposals_ends": "2027-03-31",
        "voting_starts": "1.5.2027", "voting_ends": "14-05-2027",
    })
    assert response.status_code == 302, response.get_data(as_text=True)
    shown = official_client.get(f"/staff/runder/{round_.id}").get_data(as_text=True)
    assert "1. marts 2027 til 31. marts 2027" in shown and "14. maj 2027" in shown


def test_dates_half_filled_are_refused(official_client, make_round):
    """A first day without a last day is an error on the missing field; a bad date says how to write it."""
    round_ = make_round(phase=Phase.DRAFT)
    url = f"/staff/runder/{round_.id}/datoer"
    page = official_client.get(url).get_data(as_text=True)
    response = official_client.post(url, data={
        "csrf_token": token(page), "proposals_starts": "01-03-2027", "review_starts": "32-13-2027", "review_ends": "2027-04-20",
    })
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'href="#proposals_ends"' in body and "både første og sidste dag" in body
    assert 'href="#review_starts"' in body and 'value="32-13-2027"' in body


def test_budgets_by_formula_preview_then_save(official_client, session, make_round, make_community):
    """The formula first shows the split and its rounding without saving; then it is saved and logged."""
    a, b = make_community("Aby", population=2), make_community("Bby", population=1)
    round_ = make_round(phase=Phase.REVIEW, pool_amount=1000)
    page = official_client.get(f"/staff/runder/{round_.id}/budgetter").get_data(as_text=True)
    url = f"/staff/runder/{round_.id}/budgetter/formel"
    preview = official_client.post(url, data={"csrf_token": token(page), "base_amount": "100", "intent": "preview"})
    body = preview.get_data(as_text=True)
    assert preview.status_code == 200
    assert "Gem denne fordeling" in body and "rundes ned til hele kroner" in body
    # 800 split 2:1 is 533⅓ and 266⅔; rounded down that leaves 1 krone, which goes to Bby (the larger loss).
    assert "633 kr." in body and "367 kr." in body and "1 krone" in body
    assert "kr.." not in body  # an amount ending a sentence takes one full stop
    session.refresh(round_)
    assert round_.budgets == []
    saved = official_client.post(url, data={"csrf_token": token(page), "base_amount": "100", "intent": "save"})
    assert saved.status_code == 302
    session.refresh(round_)
    assert {x.community.name: x.amount for x in round_.budgets} == {"Aby": 633, "Bby": 367}
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "round.budgets"))
    assert event.details["method"] == "formula" and event.details["base_amount"] == 100


def test_direct_budgets_must_add_up_to_the_pool(official_client, session, make_round, make_community):
    """Amounts that miss the pool are refused with the difference; the typed amounts stay."""
    a = make_community("Aby", population=2)
    round_ = make_round(phase=Phase.DRAFT, pool_amount=1000)
    url = f"/staff/runder/{round_.id}/budgetter"
    page = official_client.get(url).get_data(as_text=True)
    response = official_client.post(url, data={"csrf_token": token(page), f"amount_{a.id}": "900"})
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Fordel 100 kr. mere" in body and 'value="900"' in body


def test_playmakers_cannot_reach_round_administration(make_staff, make_community, signed_in, make_round):
    """A playmaker gets 403 on the round pages."""
    round_ = make_round()
    client = signed_in(make_staff(role=Role.PLAYMAKER, communities=[make_community()]))
    assert client.get("/staff/runder/").status_code == 403
    assert client.get(f"/staff/runder/{round_.id}/budgetter").status_code == 403
