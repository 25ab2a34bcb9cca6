"""pb/voting/routes.py: a voter opens the link, chooses, confirms, gets a receipt, and can change their mind."""
from __future__ import annotations

import hashlib
import re

import pytest
from sqlalchemy import select

from pb.rounds.models import BallotType, Phase
from pb.voting.models import Ballot, BallotRevision, LinkRequest

RECEIPT = re.compile(r'data-receipt="([^"]+)"')


def _cast(client, csrf_token, path, choices, field="proposal"):
    """Review and then cast ``choices`` through the two POSTs a browser sends."""
    token = csrf_token(path)
    data = {"csrf_token": token, field: choices} if field == "proposal" else {"csrf_token": token, **choices}
    review = client.post(path, data=data)
    assert review.status_code == 200, review.get_data(as_text=True)
    assert "Tjek dine valg" in review.get_data(as_text=True)
    return client.post(f"{path}/afgiv", data=data)


def test_the_ballot_lists_the_proposals_with_costs_inside_labels(client, election, link_for):
    """Each choice is a checkbox whose label carries its title and cost; the tally is a polite live region."""
    e = election()
    page = client.get(link_for(e.voter)).get_data(as_text=True)
    for proposal in e.proposals:
        assert re.search(rf'<label class="form-label" for="choice-{proposal.id}">.*{proposal.title}.*kr\.</span></label>', page)
    assert 'aria-live="polite"' in page and "Tilbage: 100.000 kr." in page
    assert "js/ballot.js" in page and "<script>" not in page


def test_full_knapsack_flow_with_receipt_and_change(client, session, election, link_for, csrf_token):
    """Vote, get a receipt whose sha256 is stored, then change the vote: version 2, version 1 kept."""
    e = election()
    path = link_for(e.voter)
    response = _cast(client, csrf_token, path, [str(e.proposals[0].id), str(e.proposals[1].id)])
    assert response.status_code == 200
    code = RECEIPT.search(response.get_data(as_text=True)).group(1)
    ballot = session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id))
    assert ballot.receipt_hash == hashlib.sha256(code.encode()).hexdigest()
    assert code not in str(ballot.__dict__)

    again = client.get(path).get_data(as_text=True)
    assert "Du har stemt" in again
    assert re.search(rf'value="{e.proposals[0].id}"[^>]*checked', again)

    changed = _cast(client, csrf_token, path, [str(e.proposals[2].id)])
    new_code = RECEIPT.search(changed.get_data(as_text=True)).group(1)
    assert new_code != code
    session.expire_all()
    ballot = session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id))
    assert ballot.version == 2 and [i.proposal_id for i in ballot.items] == [e.proposals[2].id]
    assert session.scalar(select(BallotRevision.version).where(BallotRevision.ballot_id == ballot.id)) == 1


def test_over_budget_is_refused_and_keeps_the_choices(client, session, election, link_for, csrf_token):
    """The server re-checks the budget, explains in Danish, and the chosen boxes stay ticked."""
    e = election()
    path = link_for(e.voter)
    chosen = [str(p.id) for p in e.proposals]
    response = client.post(path, data={"csrf_token": csrf_token(path), "proposal": chosen})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Dine valg koster 160.000 kr., men budgettet er kun 100.000 kr." in page
    assert 'data-module="error-summary"' in page and f'href="#choice-{e.proposals[0].id}"' in page
    assert len(re.findall(r"checked", page)) == 3
    cast = client.post(f"{path}/afgiv", data={"csrf_token": csrf_token(path), "proposal": chosen})
    assert cast.status_code == 422
    assert session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id)) is None


def test_cumulative_number_fields_keep_what_was_typed(client, election, link_for, csrf_token):
    """A number field with text gets a field error linked from the summary, and keeps the text."""
    e = election(ballot_type=BallotType.CUMULATIVE, cumulative_points=10)
    path = link_for(e.voter)
    a, b, _ = (p.id for p in e.proposals)
    page = client.get(path).get_data(as_text=True)
    assert f'type="number"' in page and f'id="points-{a}"' in page
    response = client.post(path, data={"csrf_token": csrf_token(path), f"points-{a}": "tre", f"points-{b}": "4"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Skriv et helt tal fra 0 til 10." in page and f'href="#points-{a}"' in page
    assert 'value="tre"' in page and 'value="4"' in page
    confirm = client.post(path, data={"csrf_token": csrf_token(path), f"points-{a}": "6", f"points-{b}": "4"})
    assert f'name="points-{a}" value="6"' in confirm.get_data(as_text=True)
    done = _cast(client, csrf_token, path, {f"points-{a}": "6", f"points-{b}": "4"}, field="points")
    assert RECEIPT.search(done.get_data(as_text=True))


def test_the_confirmation_can_go_back_to_edit(client, election, link_for, csrf_token):
    """"Ret mine valg" shows the ballot again with the choices ticked and nothing stored."""
    e = election()
    path = link_for(e.voter)
    response = client.post(path, data={"csrf_token": csrf_token(path), "proposal": [str(e.proposals[1].id)], "step": "edit"})
    assert response.status_code == 200
    assert re.search(rf'value="{e.proposals[1].id}"[^>]*checked', response.get_data(as_text=True))
    confirm = client.post(path, data={"csrf_token": csrf_token(path), "proposal": [str(e.proposals[1].id)]})
    assert f'name="proposal" value="{e.proposals[1].id}"' in confirm.get_data(as_text=True)


@pytest.mark.parametrize("suffix", ["x", "", "-garbage"])
def test_a_tampered_link_gets_the_friendly_page(client, election, link_for, suffix):
    """A changed token shows a Danish page with a "send me a new link" form, never a 500."""
    e = election()
    path = link_for(e.voter)
    response = client.get(path[:-3] + suffix)
    page = response.get_data(as_text=True)
    assert response.status_code in (400, 404) if suffix == "" else response.status_code == 400
    if response.status_code == 400:
        assert "Linket virker ikke" in page and "Send mig et nyt link" in page


def test_a_closed_round_refuses_politely_after_submit(client, session, election, link_for, csrf_token):
    """A ballot sent after voting closed is not stored, and the page says so."""
    e = election()
    path = link_for(e.voter)
    token = csrf_token(path)
    e.round.phase = Phase.TALLYING
    session.commit()
    response = client.post(f"{path}/afgiv", data={"csrf_token": token, "proposal": [str(e.proposals[0].id)]})
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "Afstemningen er slut" in page and "ikke gemt" in page
    assert session.scalar(select(Ballot).where(Ballot.voter_id == e.voter.id)) is None


def test_opening_the_link_marks_the_voter_as_having_opened_it(client, session, election, link_for):
    """The first visit sets verified_at (reminders word themselves for openers who did not vote)."""
    e = election()
    client.get(link_for(e.voter))
    session.refresh(e.voter)
    assert e.voter.verified_at is not None


def test_new_link_answers_the_same_for_known_and_unknown(client, session, election, csrf_token):
    """Known and unknown addresses get the same page; only the known one queues a mail."""
    from pb.mail.models import OutboundEmail

    e = election()
    known = client.post("/stem/nyt-link", data={"csrf_token": csrf_token("/stem/nyt-link"), "email": e.voter.email.upper()})
    unknown = client.post("/stem/nyt-link", data={"csrf_token": csrf_token("/stem/nyt-link"), "email": "nobody@example.org"})
    assert known.status_code == unknown.status_code == 200
    assert known.get_data(as_text=True) == unknown.get_data(as_text=True)
    rows = session.scalars(select(OutboundEmail).where(OutboundEmail.purpose == "new_link")).all()
    assert [row.recipient for row in rows] == [e.voter.email]


def test_new_link_requests_are_rate_limited(client, session, election, csrf_token):
    """The fourth request for one address within the hour gets a 429, whether known or not."""
    for n in range(4):
        response = client.post("/stem/nyt-link", data={"csrf_token": csrf_token("/stem/nyt-link"), "email": "x@example.org"})
    assert response.status_code == 429
    assert "Vent en time" in response.get_data(as_text=True)
    assert session.scalar(select(LinkRequest.email_hash).limit(1)) != "x@example.org"


def test_a_bad_email_on_the_new_link_form_is_explained(client, csrf_token):
    """An invalid address gets a Danish field error and keeps what was typed."""
    response = client.post("/stem/nyt-link", data={"csrf_token": csrf_token("/stem/nyt-link"), "email": "ikke-en-adresse"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Skriv en gyldig e-mailadresse" in page and 'value="ikke-en-adresse"' in page


def test_every_voter_page_has_sound_structure(client, session, election, link_for, csrf_token):
    """Ballot, confirmation, receipt, link error and new-link pages pass the structural WCAG checks."""
    from tests.test_accessibility import assert_sound_structure

    e = election()
    path = link_for(e.voter)
    data = {"csrf_token": csrf_token(path), "proposal": [str(e.proposals[0].id)]}
    pages = [
        client.get(path),
        client.post(path, data={**data, "proposal": [str(p.id) for p in e.proposals]}),  # refused, with errors
        client.post(path, data=data),  # confirmation
        client.post(f"{path}/afgiv", data=data),  # receipt
        client.get(path),  # "you have voted"
        client.get(path + "x"),  # link error
        client.get("/stem/nyt-link"),
    ]
    for response in pages:
        assert_sound_structure(response.get_data(as_text=True))
