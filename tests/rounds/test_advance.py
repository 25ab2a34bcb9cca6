"""pb/rounds/advance.py and `advance-phase`: forward moves only, checks to confirm, audited, seed drawn."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.auth.models import Role
from pb.errors import NotAllowed
from pb.proposals.models import ProposalStatus
from pb.rounds.advance import NeedsConfirmation, PhaseMoveRefused, advance_phase, check_phase_move
from pb.rounds.models import Phase
from pb.rounds.phases import PhaseClosed
from pb.rounds.services import set_budget


def _last_event(session) -> AuditEvent:
    return session.scalar(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(1))


def test_forward_move_is_audited(app, session, make_round, make_staff) -> None:
    """Draft to proposals moves the phase and records who did it, before and after."""
    official = make_staff(Role.OFFICIAL)
    round_ = make_round(Phase.DRAFT)
    with app.test_request_context():
        assert advance_phase(session, round_, Phase.PROPOSALS, actor=official) == []
    assert round_.phase is Phase.PROPOSALS
    event = _last_event(session)
    assert event.action == "round.advance_phase" and event.actor_id == official.id
    assert event.details["before"] == {"phase": "draft"} and event.details["after"] == {"phase": "proposals"}


@pytest.mark.parametrize(
    ("start", "to", "message"),
    [
        (Phase.VOTING, Phase.PROPOSALS, "kun flyttes frem, til: Optælling"),
        (Phase.DRAFT, Phase.VOTING, "kun flyttes frem, til: Forslagsfase"),
        (Phase.PROPOSALS, Phase.PROPOSALS, "til: Behandling, Afstemning"),
        (Phase.ARCHIVED, Phase.DRAFT, "Afsluttet og kan ikke flyttes videre"),
        (Phase.TALLYING, Phase.PUBLISHED, "når stemmerne er talt op"),
    ],
)
def test_backward_skipping_and_early_publishing_are_refused(app, session, make_round, start, to, message) -> None:
    """Only forward moves to the next phase are allowed, and the refusal says which are."""
    round_ = make_round(start)
    with app.test_request_context(), pytest.raises(PhaseMoveRefused, match=message):
        advance_phase(session, round_, to, actor=None, actor_label="cli", confirm=True)
    assert round_.phase is start


def test_opening_voting_needs_confirmation_of_the_warnings(
    app, session, make_round, make_community, make_proposal
) -> None:
    """Waiting proposals and a community without approved proposals must be confirmed first."""
    ready, empty = make_community("Ready"), make_community("Tomby")
    round_ = make_round(Phase.REVIEW, budgets={ready: 100_000, empty: 100_000})
    make_proposal(round_, ready, status=ProposalStatus.APPROVED)
    make_proposal(round_, ready, status=ProposalStatus.SUBMITTED)
    with app.test_request_context():
        warnings = [str(w) for w in check_phase_move(session, round_, Phase.VOTING)]
        assert any("1 forslag venter stadig på at blive behandlet" in w for w in warnings)
        assert any("ingen godkendte forslag at stemme om: Tomby" in w for w in warnings)
        with pytest.raises(NeedsConfirmation) as refused:
            advance_phase(session, round_, Phase.VOTING, actor=None, actor_label="cli")
        assert [str(w) for w in refused.value.warnings] == warnings
        assert round_.phase is Phase.REVIEW and round_.tie_break_seed is None
        advance_phase(session, round_, Phase.VOTING, actor=None, actor_label="cli", confirm=True)
    assert round_.phase is Phase.VOTING
    assert _last_event(session).details["confirmed_warnings"] == warnings


def test_opening_voting_draws_the_tie_break_seed(app, session, make_round, make_community, make_proposal) -> None:
    """A round ready for voting opens without warnings and gets a seed from `secrets`."""
    community = make_community()
    round_ = make_round(Phase.REVIEW, budgets={community: 100_000})
    make_proposal(round_, community)
    with app.test_request_context():
        assert check_phase_move(session, round_, Phase.VOTING) == []
        advance_phase(session, round_, Phase.VOTING, actor=None, actor_label="cli")
    assert isinstance(round_.tie_break_seed, int) and 0 <= round_.tie_break_seed < 2**31
    assert _last_event(session).details["after"]["tie_break_seed"] == round_.tie_break_seed


def test_a_playmaker_cannot_move_the_phase(app, session, make_round, make_staff, make_community) -> None:
    """Only admins and officials move phases; a playmaker gets NotAllowed."""
    playmaker = make_staff(Role.PLAYMAKER, communities=[make_community()])
    round_ = make_round(Phase.DRAFT)
    with app.test_request_context(), pytest.raises(NotAllowed):
        advance_phase(session, round_, Phase.PROPOSALS, actor=playmaker)
    assert round_.phase is Phase.DRAFT


def test_budgets_are_frozen_once_voting_begins(app, session, make_round, make_community) -> None:
    """set_budget asks the phase gate and refuses during voting."""
    community = make_community()
    round_ = make_round(Phase.VOTING)
    with app.test_request_context(), pytest.raises(PhaseClosed, match="før afstemningen begynder"):
        set_budget(session, round_, community.id, 1000)


def test_cli_refuses_warnings_without_yes_and_moves_with_it(runner, session, make_round, make_community, make_proposal) -> None:
    """`advance-phase --to voting` stops on warnings in one line; `--yes` moves and audits as cli."""
    community = make_community()
    round_ = make_round(Phase.REVIEW, budgets={community: 1000})
    make_proposal(round_, community, status=ProposalStatus.SUBMITTED)
    refused = runner.invoke(args=["advance-phase", "--to", "voting", "--round", str(round_.id)])
    assert refused.exit_code == 1 and "--yes" in refused.output and "venter stadig" in refused.output
    assert round_.phase is Phase.REVIEW
    moved = runner.invoke(args=["advance-phase", "--to", "voting", "--round", str(round_.id), "--yes"])
    assert moved.exit_code == 0, moved.output
    session.refresh(round_)
    assert round_.phase is Phase.VOTING and round_.tie_break_seed is not None
    assert _last_event(session).actor_label == "cli"


def test_cli_acts_on_the_current_round_and_reports_refusals_in_one_line(runner, session, make_round) -> None:
    """Without --round the newest unarchived round moves; a backward move is one Danish line."""
    round_ = make_round(Phase.DRAFT)
    assert runner.invoke(args=["advance-phase", "--to", "proposals"]).exit_code == 0
    session.refresh(round_)
    assert round_.phase is Phase.PROPOSALS
    back = runner.invoke(args=["advance-phase", "--to", "draft"])
    assert back.exit_code == 1 and "kun flyttes frem" in back.output
    assert len(back.output.strip().splitlines()) == 1
    assert runner.invoke(args=["advance-phase", "--to", "later"]).exit_code == 2
    assert "no round with id 999999" in runner.invoke(args=["advance-phase", "--to", "review", "--round", "999999"]).output
