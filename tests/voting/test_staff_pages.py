"""pb/voting/staff_routes.py: officials import the roll on the web; staff give a voter a new link, in scope and audited."""
from __future__ import annotations

import io
import re

from sqlalchemy import func, select

from pb.audit.models import AuditEvent
from pb.auth.models import Role
from pb.voting.models import Voter

IMPORT = "/staff/afstemning/vaelgerliste"


def _upload(client, csrf_token, content: bytes, mode: str):
    return client.post(
        IMPORT,
        data={"csrf_token": csrf_token(IMPORT), "mode": mode, "file": (io.BytesIO(content), "roll.csv")},
        content_type="multipart/form-data",
    )


def test_official_checks_then_imports_a_roll(client, session, election, make_staff, signed_in, csrf_token):
    """The check lists problems by line and changes nothing; the import adds the valid rows and is audited."""
    e = election()
    signed_in(make_staff(Role.OFFICIAL))
    content = f"e-mail;lokalsamfund\nny@example.org;{e.community.slug}\nforkert;{e.community.slug}\n".encode("cp1252")
    check = _upload(client, csrf_token, content, "check")
    page = check.get_data(as_text=True)
    assert check.status_code == 200
    assert "intet er ændret" in page and "Ugyldig e-mailadresse: forkert" in page and "<td>3</td>" in page
    count = select(func.count()).select_from(Voter).where(Voter.round_id == e.round.id)
    assert session.scalar(count) == 1
    done = _upload(client, csrf_token, content, "import")
    assert done.status_code == 200 and "Vælgerlisten er importeret" in done.get_data(as_text=True)
    assert session.scalar(count) == 2
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "voters.imported"))
    assert event.actor_id is not None and event.details["added"] == 1


def test_a_file_without_columns_is_explained_on_the_field(client, election, make_staff, signed_in, csrf_token):
    """A file missing the required columns gets a Danish error on the file field (422)."""
    election()
    signed_in(make_staff(Role.OFFICIAL))
    response = _upload(client, csrf_token, b"navn\nBo\n", "check")
    assert response.status_code == 422
    assert "Filen mangler kolonnen" in response.get_data(as_text=True)


def test_playmakers_cannot_import(client, election, make_staff, signed_in):
    """The roll import is for officials: a playmaker gets 403."""
    e = election()
    signed_in(make_staff(Role.PLAYMAKER, communities=[e.community]))
    assert client.get(IMPORT).status_code == 403


def test_staff_new_link_is_scoped_and_audited(client, session, election, make_staff, signed_in, csrf_token, link_for):
    """A playmaker finds a voter of their community, makes a new link (old one dies), and it is audited."""
    e = election()
    old = link_for(e.voter)
    user = make_staff(Role.PLAYMAKER, communities=[e.community])
    signed_in(user)
    found = client.get("/staff/afstemning/vaelgere", query_string={"email": e.voter.email})
    assert found.status_code == 302 and found.headers["Location"].endswith(f"/vaelgere/{e.voter.id}")
    path = f"/staff/afstemning/vaelgere/{e.voter.id}"
    response = client.post(f"{path}/nyt-link", data={"csrf_token": csrf_token(path)})
    link = re.search(r"<code>(http://pb\.test/stem/[^<]+)</code>", response.get_data(as_text=True)).group(1)
    assert client.get(old).status_code == 410
    assert client.get(link.removeprefix("http://pb.test")).status_code == 200
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "voter.link_issued"))
    assert event.actor_id == user.id


def test_a_playmaker_cannot_reach_another_communitys_voter(client, election, make_staff, make_community, signed_in):
    """Out of scope: the voter page is 403 and the search does not reveal the voter."""
    e = election()
    signed_in(make_staff(Role.PLAYMAKER, communities=[make_community()]))
    assert client.get(f"/staff/afstemning/vaelgere/{e.voter.id}").status_code == 403
    found = client.get("/staff/afstemning/vaelgere", query_string={"email": e.voter.email})
    assert found.status_code == 200 and "Der er ingen vælger med den e-mailadresse" in found.get_data(as_text=True)


def test_staff_voting_pages_have_sound_structure(client, election, make_staff, signed_in, csrf_token):
    """Import (with a report), voter search and voter pages pass the structural WCAG checks."""
    from tests.test_accessibility import assert_sound_structure

    e = election()
    signed_in(make_staff(Role.OFFICIAL))
    pages = [
        client.get(IMPORT),
        _upload(client, csrf_token, b"email,community\nbad,nowhere\n", "check"),
        client.get("/staff/afstemning/vaelgere"),
        client.get(f"/staff/afstemning/vaelgere/{e.voter.id}"),
        client.get("/staff/afstemning/"),
        client.get(f"/staff/afstemning/papir/{e.community.slug}"),
    ]
    for response in pages:
        assert response.status_code == 200
        assert_sound_structure(response.get_data(as_text=True))
