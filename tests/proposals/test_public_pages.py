"""pb/proposals and pb/home: the public community page and proposal page."""
from __future__ import annotations

import pytest

from pb.proposals.models import ProposalStatus
from pb.rounds.models import Phase


def test_community_page_cards_filter_by_category_without_javascript(client, session, setting, make_proposal) -> None:
    """Approved proposals show as cards; ?kategori= narrows them to one category."""
    nature, culture = setting.round.categories
    make_proposal(setting.round, setting.community, title="Shelter", category_id=nature.id, estimated_cost=80_000)
    make_proposal(setting.round, setting.community, title="Koncert", category_id=culture.id)
    make_proposal(setting.round, setting.community, title="Venter", status=ProposalStatus.SUBMITTED)
    html = client.get("/lokalsamfund/sabro-test").get_data(as_text=True)
    assert "Shelter" in html and "Koncert" in html and "Venter" not in html
    assert html.count('class="card"') == 2 and "80.000 kr." in html and "200.000 kr." in html
    filtered = client.get(f"/lokalsamfund/sabro-test?kategori={culture.id}").get_data(as_text=True)
    assert "Koncert" in filtered and "Shelter" not in filtered
    # A NUL byte in the filter is refused by the central guard (pb/web.py) with the friendly 400, never a 500.
    assert client.get("/lokalsamfund/sabro-test?kategori=x%00").status_code == 400


@pytest.mark.parametrize(
    ("phase", "shown", "hidden"),
    [
        (Phase.PROPOSALS, "Indsend et forslag", "Sådan stemmer du"),
        (Phase.VOTING, "Sådan stemmer du", "Indsend et forslag"),
        (Phase.REVIEW, "Godkendte forslag", "Indsend et forslag"),
    ],
)
def test_community_page_says_what_to_do_in_each_phase(client, session, setting, phase, shown, hidden) -> None:
    """The call to action follows the phase: submit in the proposal phase, how to vote in voting."""
    setting.round.phase = phase
    session.commit()
    html = client.get("/lokalsamfund/sabro-test").get_data(as_text=True)
    assert shown in html and hidden not in html


def test_proposal_page_shows_final_cost_with_estimate_and_name_only_with_consent(client, session, setting, make_proposal) -> None:
    """The proposal page shows the final cost and the proposer's estimate, and hides a name without consent."""
    shown = make_proposal(setting.round, setting.community, estimated_cost=80_000, final_cost=95_000,
                          final_cost_note="Fundament", proposer_name="Mette Hansen", consent_to_publish=True,
                          location="Ved søen", description="Lang\nbeskrivelse")
    hidden = make_proposal(setting.round, setting.community, proposer_name="Hemmelig Person", consent_to_publish=False)
    html = client.get(f"/forslag/{shown.id}").get_data(as_text=True)
    assert "95.000 kr." in html and "80.000 kr." in html and "Mette Hansen" in html and "Ved søen" in html
    assert "Lang\nbeskrivelse" in html
    assert "Hemmelig Person" not in client.get(f"/forslag/{hidden.id}").get_data(as_text=True)


@pytest.mark.parametrize("status", [ProposalStatus.SUBMITTED, ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN, ProposalStatus.NEEDS_CHANGES])
def test_proposals_not_approved_are_not_public(client, setting, make_proposal, status) -> None:
    """Only approved (and merged, pointing on) proposals have a public page."""
    proposal = make_proposal(setting.round, setting.community, status=status, rejection_reason="Nej")
    assert client.get(f"/forslag/{proposal.id}").status_code == 404


def test_merged_proposal_points_to_the_survivor(client, setting, make_proposal) -> None:
    """A merged proposal's page links to the proposal it was merged into."""
    survivor = make_proposal(setting.round, setting.community, title="Den samlede legeplads")
    merged = make_proposal(setting.round, setting.community, status=ProposalStatus.MERGED, merged_into_id=survivor.id)
    html = client.get(f"/forslag/{merged.id}").get_data(as_text=True)
    assert f'href="/forslag/{survivor.id}"' in html and "Den samlede legeplads" in html


def test_pages_escape_what_residents_wrote(client, setting, make_proposal) -> None:
    """A script in a title or description comes back as text, never as markup."""
    payload = '<script>alert("x")</script>'
    proposal = make_proposal(setting.round, setting.community, title=payload, summary=payload, description=payload)
    for path in (f"/forslag/{proposal.id}", "/lokalsamfund/sabro-test"):
        html = client.get(path).get_data(as_text=True)
        assert payload not in html and "&lt;script&gt;" in html


def test_no_page_shows_vote_counts_before_publication(client, session, setting, make_proposal) -> None:
    """In voting, neither page mentions votes counted (stemmer as a count)."""
    proposal = make_proposal(setting.round, setting.community)
    setting.round.phase = Phase.VOTING
    session.commit()
    for path in (f"/forslag/{proposal.id}", "/lokalsamfund/sabro-test"):
        html = client.get(path).get_data(as_text=True)
        assert "data-votes" not in html and " stemmer<" not in html
