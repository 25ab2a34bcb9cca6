"""The audit log page: Danish sentences, filters, pages, and a CSV export Excel reads."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from pb.audit.models import AuditEvent
from pb.audit.queries import PAGE_SIZE
from pb.auth.models import Role


@pytest.fixture
def official(make_staff):
    return make_staff(role=Role.OFFICIAL, name="Mette Hansen")


def add_event(session, action="round.create", **fields):
    fields.setdefault("actor_label", "system")
    event = AuditEvent(action=action, details=fields.pop("details", {}), **fields)
    session.add(event)
    session.commit()
    return event


def test_events_read_as_danish_sentences(session, official, signed_in, make_community, make_round):
    """Each event is a sentence with the person's name and the object, never the action code."""
    tranbjerg = make_community("Tranbjerg")
    add_event(session, "round.create", actor_id=official.id, actor_label=official.email, object_label="Oplandspuljen 2029")
    add_event(session, "round.budgets", actor_id=official.id, actor_label=official.email, object_label="R", community_id=tranbjerg.id)
    body = signed_in(official).get("/staff/log").get_data(as_text=True)
    assert "Mette Hansen oprettede runden »Oplandspuljen 2029«." in body
    assert "round.create" not in body.split("<main", 1)[1].split("<form", 1)[0]
    assert "<table" not in body  # a list that reads on a phone, not a table hiding columns


def test_filters_by_action_community_actor_and_date(session, official, signed_in, make_community, make_staff):
    """Each filter narrows the list; the filter keeps what was chosen."""
    other = make_staff(role=Role.OFFICIAL, name="Ole Olsen")
    aby = make_community("Aby")
    old = datetime.now(timezone.utc) - timedelta(days=40)
    add_event(session, "round.create", actor_id=official.id, actor_label="x", object_label="Gammel runde", occurred_at=old)
    add_event(session, "round.create", actor_id=other.id, actor_label="y", object_label="Oles runde")
    add_event(session, "round.budgets", actor_id=official.id, actor_label="x", object_label="Aby-runde", community_id=aby.id)
    client = signed_in(official)

    def sentences(query):
        body = client.get(f"/staff/log?{query}").get_data(as_text=True)
        return {name for name in ("Gammel runde", "Oles runde", "Aby-runde") if f"»{name}«" in body}

    assert sentences("action=round.budgets") == {"Aby-runde"}
    assert sentences(f"community={aby.id}") == {"Aby-runde"}
    assert sentences(f"actor={other.id}") == {"Oles runde"}
    recent = (datetime.now(timezone.utc) - timedelta(days=2)).strftime("%d-%m-%Y")
    assert sentences(f"date_from={recent}") == {"Oles runde", "Aby-runde"}
    assert sentences(f"date_to={(old + timedelta(days=1)).strftime('%Y-%m-%d')}") == {"Gammel runde"}
    body = client.get(f"/staff/log?actor={other.id}").get_data(as_text=True)
    assert f'<option selected value="{other.id}">Ole Olsen</option>' in body


def test_tampered_filters_show_everything_rather_than_fail(session, official, signed_in):
    """Nonsense in the query string is ignored (no 500), and a bad date says how to write it."""
    add_event(session, "round.create", object_label="Runde A")
    client = signed_in(official)
    response = client.get("/staff/log?actor=abc&community=x9&action=DROP&date_from=32-13-2027&side=-4")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "»Runde A«" in body and "dag-måned-år" in body


def test_log_is_paginated(session, official, signed_in):
    """More events than a page fill several pages, newest first."""
    for number in range(PAGE_SIZE + 3):
        add_event(session, "round.create", object_label=f"Runde nr. {number}")
    client = signed_in(official)
    first = client.get("/staff/log").get_data(as_text=True)
    assert f"»Runde nr. {PAGE_SIZE + 2}«" in first and "»Runde nr. 0«" not in first
    assert "Side 1 af 2" in first
    second = client.get("/staff/log?side=2").get_data(as_text=True)
    assert "»Runde nr. 0«" in second and "Side 2 af 2" in second


def test_csv_export_is_excel_friendly_and_filtered(session, official, signed_in):
    """UTF-8 with a BOM, semicolons, Danish sentences; the filter applies; formulas are neutralised."""
    add_event(session, "round.create", actor_id=official.id, actor_label="x", object_label="Sø og å")
    add_event(session, "round.budgets", object_label="=HYPERLINK(1)")
    client = signed_in(official)
    response = client.get("/staff/log.csv?action=round.create")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    raw = response.get_data()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("Tidspunkt;Hvem;Handling;Hændelse")
    assert len(lines) == 2 and "Mette Hansen oprettede runden »Sø og å«." in lines[1]
    assert "attachment" in response.headers["Content-Disposition"]
    everything = client.get("/staff/log.csv").get_data().decode("utf-8-sig")
    assert ";'Systemet ændrede" not in everything and "=HYPERLINK" in everything


def test_playmakers_cannot_see_the_log(make_staff, make_community, signed_in):
    """The log is for officials and admins only."""
    client = signed_in(make_staff(role=Role.PLAYMAKER, communities=[make_community()]))
    assert client.get("/staff/log").status_code == 403
    assert client.get("/staff/log.csv").status_code == 403
