"""pb/proposals: the public form, double opt-in, the edit link and withdrawal."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.db import utcnow
from pb.proposals.models import Proposal, ProposalStatus
from pb.forms import parse_kroner
from pb.proposals.services import expire_unconfirmed
from pb.rounds.models import Phase
from tests.proposals.helpers import link_in


@pytest.mark.parametrize(
    ("text", "kroner"),
    [("85.000", 85000), ("85000", 85000), ("85.000 kr.", 85000), ("85 000", 85000), ("85\u00a0000 kr", 85000),
     ("kr. 1.250.000,-", 1250000), ("DKK 900", 900), ("85.000,00", 85000)],
)
def test_cost_accepts_the_ways_danes_write_amounts(text, kroner) -> None:
    """Amounts with dots, spaces, "kr." or ",-" all parse to whole kroner."""
    assert parse_kroner(text) == kroner


@pytest.mark.parametrize("text", ["", "85,5", "85.5", "8.50.000", "tusind", "85.000 euro", "-5", "١٢٣"])
def test_cost_refuses_what_is_not_whole_kroner(text) -> None:
    """Decimals, stray dots, words and non-ASCII digits are not amounts."""
    assert parse_kroner(text) is None


def _only_proposal(session) -> Proposal:
    return session.scalars(select(Proposal)).one()


def test_submission_waits_for_confirmation_then_enters_the_queue(client, session, submit, setting, outbox) -> None:
    """Submit → mail with a link → confirm → status page says it waits for review, and it is audited."""
    response = submit()
    assert response.status_code == 302 and response.headers["Location"].endswith("/forslag/sendt")
    proposal = _only_proposal(session)
    assert proposal.confirmed_at is None and proposal.estimated_cost == 85_000
    assert proposal.proposer_email == "mette@example.org" and proposal.consent_to_publish
    (mail,) = outbox("proposal_confirmation")
    assert "Shelter ved søen" in mail.subject
    confirm_path = link_in(mail)
    page = client.get(confirm_path)
    assert page.status_code == 200 and "Bekræft forslaget" in page.get_data(as_text=True)
    assert proposal.confirmed_at is None  # opening the link alone confirms nothing (mail scanners open links)
    from tests.proposals.helpers import LINK  # noqa: F401
    token = confirm_path.rsplit("/", 1)[1]
    html = client.get(confirm_path).get_data(as_text=True)
    import re

    csrf = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post(confirm_path, data={"csrf_token": csrf}, follow_redirects=True)
    html = response.get_data(as_text=True)
    session.refresh(proposal)
    assert proposal.confirmed_at is not None
    assert "venter på at blive gennemgået" in html
    assert outbox("proposal_received")
    actions = list(session.scalars(select(AuditEvent.action).where(AuditEvent.object_id == str(proposal.id))))
    assert actions == ["proposal.submit", "proposal.confirm"]
    # A second click changes nothing and still lands on the status page.
    again = client.get(confirm_path, follow_redirects=True)
    assert again.status_code == 200 and len(outbox("proposal_received")) == 1
    assert token


@pytest.mark.parametrize(
    ("overrides", "field_error"),
    [
        ({"title": "x" * 101}, "Titlen må højst være 100 tegn."),
        ({"summary": "x" * 301}, "Resuméet må højst være 300 tegn."),
        ({"cost": "85,5"}, "Skriv beløbet i hele kroner"),
        ({"cost": "0"}, "Beløbet skal være mere end 0 kr."),
        ({"cost": "200.001"}, "Forslaget må højst koste 200.000 kr."),
        ({"email": "mette@"}, "Det ligner ikke en e-mailadresse"),
        ({"phone": "ring til mig"}, "Skriv telefonnummeret med tal"),
        ({"category": ""}, "Vælg den kategori"),
        ({"category": "99999"}, "Vælg en af kategorierne"),
        ({"community": "atlantis"}, "Vælg et lokalsamfund på listen."),
        ({"description": ""}, "Beskriv forslaget"),
    ],
)
def test_a_refused_field_keeps_what_was_typed_and_says_what_to_fix(session, submit, overrides, field_error) -> None:
    """Each bad field gets a Danish message in the error summary and on the field; the other values stay."""
    response = submit(**overrides)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert field_error in html and "Ret det, der er markeret" in html
    assert "Mette Hansen" in html and 'value="Ved søen"' in html
    assert session.scalar(select(Proposal.id)) is None


def test_the_cost_may_equal_the_whole_budget(session, submit) -> None:
    """A proposal may cost exactly the community's budget."""
    assert submit(cost="200 000").status_code == 302
    assert _only_proposal(session).estimated_cost == 200_000


def test_honeypot_filled_in_keeps_nothing(session, submit, outbox) -> None:
    """A robot that fills the hidden field sees the usual thanks, but nothing is stored or mailed."""
    response = submit(website="http://spam.example")
    assert response.status_code == 302
    assert session.scalar(select(Proposal.id)) is None and not outbox("proposal_confirmation")


def test_at_most_five_proposals_per_email_per_round(session, submit) -> None:
    """The sixth proposal from one address (however it is capitalised) is refused in Danish."""
    for n in range(5):
        assert submit(title=f"Forslag {n}", email="Mette@Example.org").status_code == 302
    response = submit(title="Forslag 6", email="mette@example.org ")
    assert response.status_code == 422 and "allerede indsendt 5 forslag" in response.get_data(as_text=True)


def test_email_is_normalised_to_nfc_lower_case(session, submit) -> None:
    """An address typed in decomposed Unicode is stored composed and in lower case."""
    submit(email="Se\u0301bastien@Example.org")
    assert _only_proposal(session).proposer_email == "s\u00e9bastien@example.org"


def test_per_address_rate_limit_is_friendly(session, submit) -> None:
    """The 11th submission within an hour from one address gets the Danish 429 page with Retry-After."""
    for n in range(10):
        submit(title=f"Forslag {n}", email=f"p{n}@example.org")
    response = submit(title="Forslag 11", email="p11@example.org")
    assert response.status_code == 429
    assert "For mange forsøg" in response.get_data(as_text=True) and response.headers.get("Retry-After")


@pytest.mark.parametrize("phase", [p for p in Phase if p is not Phase.PROPOSALS])
def test_outside_the_proposal_phase_the_form_gives_way_to_an_explanation(client, session, setting, csrf_token, phase) -> None:
    """In every other phase, GET and POST show why, with the proposal phase's dates, and store nothing."""
    setting.round.phase = phase
    session.commit()
    html = client.get("/forslag/nyt").get_data(as_text=True)
    assert "Du kan ikke indsende forslag lige nu" in html and 'name="title"' not in html
    assert str(utcnow().year) in html or phase is Phase.ARCHIVED
    response = client.post("/forslag/nyt", data={"title": "x"})
    assert response.status_code in (200, 400) and session.scalar(select(Proposal.id)) is None


def test_no_round_explains_itself(client) -> None:
    """Without any round the form page says so instead of failing."""
    assert "Der er ingen runde i gang" in client.get("/forslag/nyt").get_data(as_text=True)


def test_unconfirmed_proposals_expire_after_seven_days(session, submit, runner) -> None:
    """expire-proposals deletes unconfirmed proposals older than 7 days, keeps the rest, and audits it."""
    submit(title="Gammelt")
    submit(title="Nyt", email="ny@example.org")
    old = session.scalars(select(Proposal).where(Proposal.title == "Gammelt")).one()
    old.created_at = utcnow() - timedelta(days=8)
    session.commit()
    assert expire_unconfirmed(session, utcnow() - timedelta(days=2)) == 0
    result = runner.invoke(args=["expire-proposals"])
    assert result.exit_code == 0, result.output
    assert "1" in result.output
    assert [p.title for p in session.scalars(select(Proposal))] == ["Nyt"]
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "proposal.expire")) is not None


def test_confirmation_link_of_an_expired_proposal_is_friendly(client, session, submit, outbox) -> None:
    """Once an unconfirmed proposal is deleted, its link explains that instead of failing."""
    submit()
    path = link_in(outbox("proposal_confirmation")[0])
    proposal = _only_proposal(session)
    proposal.created_at = utcnow() - timedelta(days=8)
    session.commit()
    expire_unconfirmed(session)
    session.commit()
    response = client.get(path)
    assert response.status_code == 400 and "slettet" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/forslag/bekraeft/abc", "/forslag/ret/abc", "/forslag/bekraeft/" + "x" * 300])
def test_tampered_links_get_the_friendly_page(client, path) -> None:
    """A broken or made-up link is a Danish 400 page, never a 500."""
    response = client.get(path)
    assert response.status_code == 400 and "Linket virker ikke" in response.get_data(as_text=True)


def test_a_confirmation_token_does_not_open_the_edit_page(client, session, submit, outbox) -> None:
    """Links are signed per purpose: the confirmation token is refused as an edit token."""
    submit()
    token = link_in(outbox("proposal_confirmation")[0]).rsplit("/", 1)[1]
    assert client.get(f"/forslag/ret/{token}").status_code == 400
