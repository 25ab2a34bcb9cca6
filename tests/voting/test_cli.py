"""The voting commands: voter-link, and the voter links seed-demo prints."""
from __future__ import annotations

import re

from sqlalchemy import select

from pb.audit.models import AuditEvent
from pb.demo.seed import seed_demo


def test_voter_link_prints_a_fresh_link_and_retires_the_old(runner, client, session, election, link_for):
    """voter-link bumps the link version, prints a working absolute link, and is audited."""
    e = election()
    old = link_for(e.voter)
    result = runner.invoke(args=["voter-link", e.voter.email.upper(), "--round", str(e.round.id)])
    assert result.exit_code == 0, result.output
    link = result.output.strip()
    assert link.startswith("http://pb.test/stem/")
    assert client.get(link.removeprefix("http://pb.test")).status_code == 200
    assert client.get(old).status_code == 410
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "voter.link_issued"))
    assert event.actor_label == "cli" and event.object_id == str(e.voter.id)


def test_voter_link_for_an_unknown_address_is_one_line(runner, election):
    """An address not on the roll ends the command with a one-line Danish error."""
    e = election()
    result = runner.invoke(args=["voter-link", "nobody@example.org", "--round", str(e.round.id)])
    assert result.exit_code == 1
    assert "Der er ingen vælger med den e-mailadresse i runden." in result.output
    assert "Traceback" not in result.output


def test_seed_demo_prints_working_voter_links(runner, client, session):
    """seed-demo prints full voter links on PB_BASE_URL that open a ballot."""
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    links = re.findall(r"http://pb\.test/stem/\S+", result.output)
    assert len(links) >= 3
    for link in links:
        page = client.get(link.removeprefix("http://pb.test"))
        assert page.status_code == 200 and "Stem om forslagene" in page.get_data(as_text=True)
    assert runner.invoke(args=["seed-demo"]).exit_code == 0
    # Printing links again retires nothing: the first ones still open their ballots.
    assert all(client.get(link.removeprefix("http://pb.test")).status_code == 200 for link in links)
