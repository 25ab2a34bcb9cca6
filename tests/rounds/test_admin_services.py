"""pb/rounds/services.py, round administration: creating, dates, settings, budgets, each audited."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.rounds.models import BallotType, Phase, SelectionRule
from pb.rounds.phases import PhaseClosed
from pb.rounds.services import (
    CategorySetting,
    RoundError,
    RoundSettings,
    create_round,
    plan_budgets_by_formula,
    plan_budgets_directly,
    save_budgets,
    set_phase_windows,
    update_round_settings,
    window_dates,
)


def events(session, action):
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def settings_for(round_, **changes):
    values = dict(
        name=round_.name, fund_name=round_.fund_name, pool_amount=round_.pool_amount or 0,
        ballot_type=round_.ballot_type, selection_rule=round_.selection_rule,
        min_voter_age=round_.min_voter_age, self_registration_open=round_.self_registration_open,
    )
    values.update(changes)
    return RoundSettings(**values)


@pytest.fixture
def official(make_staff):
    return make_staff(name="Mette Hansen")


@pytest.fixture
def two_communities(session, make_community):
    # Only these two exist in this test's transaction, so the formula covers exactly them.
    return make_community("Aby", population=3000), make_community("Bby", population=1000)


def test_create_round_starts_in_draft_and_is_audited(app, session, official):
    """A new round is a draft with its pool, and the log names who made it."""
    with app.test_request_context():
        round_ = create_round(session, "Runde 2028", "Oplandspuljen", 4_770_000, actor=official)
    assert round_.phase is Phase.DRAFT and round_.pool_amount == 4_770_000
    [event] = events(session, "round.create")
    assert event.actor_id == official.id and event.object_label == "Runde 2028"


def test_create_round_refuses_a_taken_name(app, session, official, make_round):
    """Two rounds cannot share a name; the error points at the name field."""
    make_round(name="Runde X")
    with app.test_request_context(), pytest.raises(RoundError) as caught:
        create_round(session, "Runde X", "Oplandspuljen", 1, actor=official)
    assert caught.value.field == "name"


def test_phase_windows_are_whole_days_in_danish_time(app, session, official, make_round):
    """A window saved as first and last day reads back as the same days."""
    round_ = make_round(phase=Phase.DRAFT)
    plan = {Phase.PROPOSALS: (date(2027, 3, 1), date(2027, 3, 31)), Phase.VOTING: (date(2027, 5, 1), date(2027, 5, 14))}
    with app.test_request_context():
        set_phase_windows(session, round_, plan, actor=official)
    assert window_dates(round_.window(Phase.PROPOSALS)) == (date(2027, 3, 1), date(2027, 3, 31))
    assert window_dates(round_.window(Phase.VOTING)) == (date(2027, 5, 1), date(2027, 5, 14))
    assert round_.window(Phase.REVIEW) is None
    assert len(events(session, "round.phase_windows")) == 1


def test_phase_windows_must_follow_each_other(app, session, official, make_round):
    """Voting cannot begin before the proposal phase has ended."""
    round_ = make_round(phase=Phase.DRAFT)
    plan = {Phase.PROPOSALS: (date(2027, 3, 1), date(2027, 3, 31)), Phase.VOTING: (date(2027, 3, 20), date(2027, 4, 5))}
    with app.test_request_context(), pytest.raises(RoundError) as caught:
        set_phase_windows(session, round_, plan, actor=official)
    assert caught.value.field == "voting_starts"
    assert "Afstemning begynder" in str(caught.value)


def test_phase_windows_refuse_an_end_before_the_start(app, session, official, make_round):
    """A phase that ends before it starts is refused, naming the end field."""
    round_ = make_round(phase=Phase.DRAFT)
    with app.test_request_context(), pytest.raises(RoundError) as caught:
        set_phase_windows(session, round_, {Phase.REVIEW: (date(2027, 4, 2), date(2027, 4, 1))}, actor=official)
    assert caught.value.field == "review_ends"


def test_settings_change_is_audited_with_before_and_after(app, session, official, make_round):
    """Changing the ballot type records only what changed."""
    round_ = make_round(phase=Phase.PROPOSALS, pool_amount=100)
    new = settings_for(round_, ballot_type=BallotType.APPROVAL, approval_min_choices=1, approval_max_choices=3)
    with app.test_request_context():
        update_round_settings(session, round_, new, actor=official)
    assert (round_.approval_min_choices, round_.approval_max_choices) == (1, 3)
    [event] = events(session, "round.settings")
    assert event.details["before"]["ballot_type"] == "knapsack"
    assert event.details["after"]["ballot_type"] == "approval"
    assert "name" not in event.details["after"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ballot_type": BallotType.APPROVAL, "approval_min_choices": 3, "approval_max_choices": 2}, "approval_max_choices"),
        ({"ballot_type": BallotType.APPROVAL, "approval_min_choices": None, "approval_max_choices": 2}, "approval_min_choices"),
        ({"ballot_type": BallotType.CUMULATIVE, "cumulative_points": None}, "cumulative_points"),
        ({"categories": (CategorySetting(None, "Natur"), CategorySetting(None, "natur"))}, "categories"),
        ({"categories": (CategorySetting(None, "Natur", 5, 4),)}, "categories"),
        ({"categories": (CategorySetting(None, "Natur", 1000, None),)}, "selection_rule"),
    ],
)
def test_settings_that_do_not_hold_are_refused(app, session, official, make_round, changes, field):
    """Each inconsistent setting is refused with an error on the field to fix."""
    round_ = make_round(phase=Phase.DRAFT, pool_amount=100)
    with app.test_request_context(), pytest.raises(RoundError) as caught:
        update_round_settings(session, round_, settings_for(round_, **changes), actor=official)
    assert caught.value.field == field


def test_category_spend_limits_need_the_max_welfare_rule(app, session, official, make_round):
    """With the ILP rule, a category may carry a minimum and maximum spend."""
    round_ = make_round(phase=Phase.DRAFT, pool_amount=100)
    new = settings_for(
        round_, selection_rule=SelectionRule.MAX_WELFARE,
        categories=(CategorySetting(None, "Natur", 1000, 50_000), CategorySetting(None, "Kultur")),
    )
    with app.test_request_context():
        update_round_settings(session, round_, new, actor=official)
    assert sorted((c.name, c.min_spend, c.max_spend) for c in round_.categories) == [
        ("Kultur", None, None), ("Natur", 1000, 50_000)
    ]


def test_a_category_in_use_cannot_be_removed(app, session, official, make_round, make_community, make_proposal):
    """Removing a category a proposal uses is refused; renaming it keeps the proposal's category."""
    round_ = make_round(phase=Phase.PROPOSALS, pool_amount=100)
    with app.test_request_context():
        update_round_settings(session, round_, settings_for(round_, categories=(CategorySetting(None, "Natur"),)), actor=official)
    category = round_.categories[0]
    proposal = make_proposal(round_, make_community(), category_id=category.id)
    with app.test_request_context(), pytest.raises(RoundError, match="bruges af 1 forslag"):
        update_round_settings(session, round_, settings_for(round_, categories=()), actor=official)
    with app.test_request_context():
        update_round_settings(
            session, round_, settings_for(round_, categories=(CategorySetting(category.id, "Natur og grønt"),)),
            actor=official,
        )
    session.refresh(proposal)
    assert proposal.category.name == "Natur og grønt"


def test_settings_are_locked_once_voting_begins(app, session, official, make_round):
    """In the voting phase the settings cannot change."""
    round_ = make_round(phase=Phase.VOTING, pool_amount=100)
    with app.test_request_context(), pytest.raises(PhaseClosed):
        update_round_settings(session, round_, settings_for(round_, min_voter_age=16), actor=official)


def test_formula_plan_explains_its_rounding(app, session, official, make_round, two_communities):
    """Base plus a population share; the kroner left by rounding down are counted."""
    aby, bby = two_communities
    round_ = make_round(phase=Phase.DRAFT, pool_amount=1_000_001)
    with app.test_request_context():
        plan = plan_budgets_by_formula(session, round_, 100_000)
    amounts = dict((c.slug, a) for c, a in plan.amounts)
    assert plan.total == 1_000_001 and plan.difference == 0
    assert amounts == {aby.slug: 700_001, bby.slug: 300_000}
    assert plan.per_resident * 4000 == 800_001
    assert plan.rounding_kroner == 1


def test_formula_refuses_base_amounts_above_the_pool(app, session, make_round, two_communities):
    """When the base amounts alone exceed the pool, the base amount field is blamed."""
    round_ = make_round(phase=Phase.DRAFT, pool_amount=100_000)
    with app.test_request_context(), pytest.raises(RoundError) as caught:
        plan_budgets_by_formula(session, round_, 60_000)
    assert caught.value.field == "base_amount"


def test_saving_budgets_is_audited_and_must_match_the_pool(app, session, official, make_round, two_communities):
    """Budgets that do not add up to the pool are refused; ones that do are saved and logged."""
    aby, bby = two_communities
    round_ = make_round(phase=Phase.REVIEW, pool_amount=500)
    with app.test_request_context():
        short = plan_budgets_directly(session, round_, {aby.id: 200, bby.id: 200})
        with pytest.raises(RoundError, match="Fordel 100 kr. mere"):
            save_budgets(session, round_, short, actor=official)
        save_budgets(session, round_, plan_budgets_directly(session, round_, {aby.id: 300, bby.id: 200}), actor=official)
    assert {b.community.slug: b.amount for b in round_.budgets} == {aby.slug: 300, bby.slug: 200}
    [event] = events(session, "round.budgets")
    assert event.details["method"] == "direct" and event.details["after"] == {aby.slug: 300, bby.slug: 200}


def test_budgets_are_locked_once_voting_begins(app, session, official, make_round, two_communities):
    """In the voting phase budgets cannot change."""
    aby, bby = two_communities
    round_ = make_round(phase=Phase.VOTING, pool_amount=500)
    with app.test_request_context(), pytest.raises(PhaseClosed):
        save_budgets(session, round_, plan_budgets_directly(session, round_, {aby.id: 500}), actor=official)
