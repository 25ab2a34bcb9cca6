"""pb/voting/identity.py: a personal link opens one voter's ballot only while its round is voting."""
from __future__ import annotations

import pytest

from pb.rounds.models import Phase
from pb.signing import LinkInvalid, Purpose, sign
from pb.voting.identity import LinkSuperseded, VotingNotOpen, ballot_credential, ballot_url, issue_new_link, voter_for_credential


def test_a_current_link_gives_its_voter(app, session, election):
    """A freshly made link resolves to the voter it was made for."""
    e = election()
    with app.app_context():
        assert voter_for_credential(session, ballot_credential(e.voter)) is e.voter


def test_a_new_link_supersedes_the_old_one(app, session, election):
    """Issuing a new link bumps the version: the old link is refused, the new one works."""
    e = election()
    with app.app_context():
        old = ballot_credential(e.voter)
        url = issue_new_link(e.voter)
        session.flush()
        with pytest.raises(LinkSuperseded):
            voter_for_credential(session, old)
        assert voter_for_credential(session, url.rsplit("/", 1)[1]) is e.voter


@pytest.mark.parametrize("phase", [Phase.REVIEW, Phase.TALLYING, Phase.PUBLISHED])
def test_a_link_outside_voting_is_refused(app, session, election, phase):
    """The round's phase is read on every use, so a genuine link stops working when voting ends."""
    e = election()
    e.round.phase = phase
    session.flush()
    with app.app_context(), pytest.raises(VotingNotOpen) as refused:
        voter_for_credential(session, ballot_credential(e.voter))
    assert refused.value.closed is (phase.position > Phase.VOTING.position)


def test_a_link_naming_another_round_is_refused(app, session, election):
    """A token whose round id does not match the voter's is invalid."""
    e = election()
    with app.app_context(), pytest.raises(LinkInvalid):
        token = sign(Purpose.BALLOT, {"voter": e.voter.id, "round": e.round.id + 1, "v": 1})
        voter_for_credential(session, token)


@pytest.mark.parametrize("payload", [{"voter": "1", "round": 1, "v": 1}, {"voter": 1}, {}])
def test_a_malformed_payload_is_refused(app, session, payload):
    """A correctly signed token without integer ids is invalid, not a crash."""
    with app.app_context(), pytest.raises(LinkInvalid):
        voter_for_credential(session, sign(Purpose.BALLOT, payload))


def test_ballot_url_is_absolute_on_the_base_url(app, election):
    """The link in mails and CLI output starts with PB_BASE_URL."""
    e = election()
    with app.app_context():
        assert ballot_url(e.voter).startswith("http://pb.test/stem/")
