"""The flaws probing found: NUL bytes, huge ids, bad X-Forwarded-For, caching, 413, language links, sign-out."""
from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb import create_app
from pb.audit.models import AuditEvent
from pb.auth.models import LoginAttempt, Role
from pb.clientaddress import canonical_address, throttle_key
from pb.db import SESSION_OVERRIDE
from tests.factories import DEFAULT_PASSWORD


@pytest.mark.parametrize("path", ["/lokalsamfund/%00", "/staff/lokalsamfund/%00", "/%00", "/staff/login%00"])
def test_nul_in_a_path_is_a_404_on_every_backend(client, signed_in, make_staff, path) -> None:
    """A NUL byte in a path never reaches the database: a 404, signed in or not."""
    assert client.get(path).status_code == 404
    signed_in(make_staff(Role.ADMIN))
    assert client.get(path).status_code == 404


def test_nul_in_a_query_or_form_is_a_400(client, csrf_token) -> None:
    """A NUL byte in a query value or a form field is refused before any view reads it."""
    assert client.get("/?lang=da%00").status_code == 400
    response = client.post(
        "/staff/login", data={"email": "a\x00@example.org", "password": "x", "csrf_token": csrf_token()}
    )
    assert response.status_code == 400 and "Noget gik galt" in response.get_data(as_text=True)


def test_an_id_beyond_the_database_integer_is_not_a_route(app) -> None:
    """<int:...> stops at 2**31-1, so a huge id is a 404 and never an 'integer out of range'."""
    adapter = app.url_map.bind("localhost")
    app.add_url_rule("/probe/<int:item>", "probe", lambda item: str(item))
    adapter = app.url_map.bind("localhost")
    assert adapter.match("/probe/2147483647")[1] == {"item": 2147483647}
    with pytest.raises(Exception):
        adapter.match("/probe/2147483648")


@pytest.fixture
def proxied_client(session: Session, engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[FlaskClient]:
    """A client of an app that trusts one proxy (PB_TRUSTED_PROXIES=1)."""
    monkeypatch.setenv("PB_SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789")
    monkeypatch.setenv("PB_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("PB_TRUSTED_PROXIES", "1")
    app: Flask = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False})
    app.extensions[SESSION_OVERRIDE] = session
    yield app.test_client()
    app.extensions["pb.engine"].dispose()


@pytest.mark.parametrize(
    "header",
    ["1" * 300, "not an address", "fe80::1%" + "e" * 80, "1.2.3.4, " + "x" * 60, "", "\u00e6\u00f8\u00e5", "::ffff:10.0.0.1"],
)
def test_a_bad_forwarded_for_never_gives_a_500(proxied_client, session, header) -> None:
    """Junk, long or odd X-Forwarded-For headers sign in as usual, with a valid address stored."""
    response = proxied_client.post(
        "/staff/login", data={"email": "x@example.org", "password": "wrong password"},
        headers={"X-Forwarded-For": header},
    )
    assert response.status_code == 422
    stored = session.scalars(select(LoginAttempt.ip_address)).all()[-1]
    assert stored == throttle_key(stored.split("/")[0])
    audited = session.scalars(select(AuditEvent.ip_address)).all()[-1]
    assert canonical_address(audited) == audited


def test_changing_junk_forwarded_for_does_not_slip_past_the_address_limit(proxied_client, session) -> None:
    """Junk headers all count as the proxy's own address, so the per-address limit still applies."""
    for n in range(3):
        proxied_client.post(
            "/staff/login", data={"email": f"g{n}@example.org", "password": "wrong password"},
            headers={"X-Forwarded-For": f"junk-{n}-" + "z" * 50},
        )
    addresses = set(session.scalars(select(LoginAttempt.ip_address)))
    assert addresses == {"127.0.0.1"}


def test_canonical_addresses_and_ipv6_networks() -> None:
    """Spellings of one address are one; IPv6 is limited per /64 network."""
    assert canonical_address("::ffff:192.0.2.1") == "192.0.2.1"
    assert canonical_address("2001:DB8:0:0::1") == "2001:db8::1"
    assert canonical_address("fe80::1%eth0") == "fe80::1"
    assert canonical_address("999.1.1.1") is None and canonical_address("x" * 500) is None
    assert throttle_key("2001:db8:1:2:aaaa::1") == throttle_key("2001:db8:1:2:bbbb::9") == "2001:db8:1:2::/64"
    assert throttle_key("192.0.2.1") == "192.0.2.1"


def test_staff_pages_are_never_cached(client, signed_in, make_staff) -> None:
    """The sign-in page and every signed-in page say Cache-Control: no-store; public pages do not."""
    assert client.get("/staff/login").headers["Cache-Control"] == "no-store"
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    signed_in(make_staff(Role.ADMIN))
    for path in ("/staff/", "/staff/log", "/"):
        assert client.get(path).headers["Cache-Control"] == "no-store", path


def test_too_large_request_has_its_own_page(app, client) -> None:
    """A body over MAX_CONTENT_LENGTH gets the 413 page's own Danish text, not the 500 text."""
    app.config["MAX_CONTENT_LENGTH"] = 1000
    response = client.post("/staff/login", data={"email": "a@b.dk", "password": "x" * 5000})
    body = response.get_data(as_text=True)
    assert response.status_code == 413
    assert "Det, du sendte, er for stort" in body and "Der skete en fejl hos os" not in body


def test_language_link_on_an_error_page_never_points_at_sign_out(client) -> None:
    """The 405 page for GET /staff/logout switches language on the front page, not on /staff/logout."""
    html = client.get("/staff/logout").get_data(as_text=True)
    assert 'href="/?lang=en"' in html and "/staff/logout?lang" not in html


def test_signing_in_after_an_anonymous_sign_out_ends_on_a_page(client, csrf_token, make_staff) -> None:
    """A sign-out POST after the session ended lands on the front page; signing in then works, no 405."""
    user = make_staff()
    token = csrf_token()
    response = client.post("/staff/logout", data={"csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    login = client.post(
        "/staff/login?next=/staff/logout",
        data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": csrf_token(), "next": "/staff/logout"},
    )
    assert login.status_code == 302 and login.headers["Location"] == "/staff/"
    assert client.get(login.headers["Location"]).status_code == 200
