"""pb/home: the public front page, community pages and /healthz."""
from __future__ import annotations

import pytest

from pb.demo.seed import seed_demo
from pb.rounds.models import Phase


def test_front_page_shows_round_phase_and_the_19_communities(client, session) -> None:
    """The front page names the round, its phase and dates, and links all 19 communities with budgets."""
    seed_demo(session)
    session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Oplandspuljen 2027 (demo)" in html and "Afstemning" in html
    assert "4.770.000 kr." in html
    assert html.count('class="card"') == 19
    assert '/lokalsamfund/tranbjerg' in html and "Se forslagene, du kan stemme på" in html


@pytest.mark.parametrize(
    ("phase", "call"),
    [
        (Phase.PROPOSALS, "Se hvordan du indsender et forslag"),
        (Phase.VOTING, "Se forslagene, du kan stemme på"),
        (Phase.PUBLISHED, "Se hvilke forslag der får støtte"),
    ],
)
def test_call_to_action_follows_the_phase(client, make_community, make_round, phase, call) -> None:
    """Each community card's button fits the round's phase."""
    community = make_community("Elev", slug="elev-test")
    make_round(phase=phase, budgets={community: 250_000})
    html = client.get("/").get_data(as_text=True)
    assert call in html and "250.000 kr." in html


def test_front_page_without_a_round(client, make_community) -> None:
    """With no round yet, the front page says so instead of failing."""
    make_community("Borum", slug="borum-test")
    html = client.get("/").get_data(as_text=True)
    assert "Der er ingen runde i gang" in html and "Borum" in html


def test_community_page_lists_approved_proposals_only(client, make_community, make_round, make_proposal) -> None:
    """A community page shows its budget and the approved proposals, not those under review."""
    from pb.proposals.models import ProposalStatus

    community = make_community("Sabro", slug="sabro-test", population=2700)
    round_ = make_round(budgets={community: 180_000})
    make_proposal(round_, community, title="Shelter ved søen", estimated_cost=120_000)
    make_proposal(round_, community, title="Hemmeligt forslag", status=ProposalStatus.SUBMITTED)
    html = client.get("/lokalsamfund/sabro-test").get_data(as_text=True)
    assert "180.000 kr." in html and "Shelter ved søen" in html and "120.000 kr." in html
    assert "Hemmeligt forslag" not in html and "2.700" in html


def test_unknown_community_is_404(client) -> None:
    """An unknown community slug gets the Danish 404 page."""
    response = client.get("/lokalsamfund/atlantis")
    assert response.status_code == 404 and "Siden findes ikke" in response.get_data(as_text=True)
