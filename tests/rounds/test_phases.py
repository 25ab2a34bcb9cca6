"""The phase gate: one table says which action each phase allows."""
from __future__ import annotations

import pytest

from pb.rounds.models import Phase, Round
from pb.rounds.phases import ALLOWED_PHASES, REFUSALS, Action, PhaseClosed, is_allowed, require_phase


def test_every_action_has_phases_and_a_refusal():
    """No action can be added without saying when it is allowed and how a refusal reads."""
    assert set(ALLOWED_PHASES) == set(Action)
    assert set(REFUSALS) == set(Action)


@pytest.mark.parametrize("phase", list(Phase))
def test_casting_a_ballot_only_in_voting(phase):
    """Ballots are accepted in the voting phase and refused in every other."""
    round_ = Round(name="r", fund_name="f", phase=phase)
    assert is_allowed(round_, Action.CAST_BALLOT) == (phase is Phase.VOTING)


def test_refusal_is_a_domain_error_with_a_danish_message(app):
    """A closed phase raises PhaseClosed, whose message is the Danish refusal."""
    round_ = Round(name="r", fund_name="f", phase=Phase.DRAFT)
    with app.test_request_context(), pytest.raises(PhaseClosed) as caught:
        require_phase(round_, Action.SUBMIT_PROPOSAL)
    assert "forslag" in str(caught.value)
    assert caught.value.status == 409
