"""Every public and staff route, fuzzed with hypothesis: no path, query, form or header gives a 500.

Runs on SQLite and PostgreSQL (PostgreSQL refuses NUL bytes and huge integers
that SQLite stores, so both must hold). Routes are read from Flask's URL map,
so a new route is fuzzed without being listed here.
"""
from __future__ import annotations

from urllib.parse import quote

import pytest
from flask import Flask
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pb.auth.models import Role

FUZZ = settings(
    max_examples=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

#: Any text a browser or a script could send: NUL and other control characters, long runs, non-Latin letters.
TEXT = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(["\x00", "%00", "0" * 30, "-1", "2147483648", "../../etc/passwd", "<script>alert(1)</script>", "'; DROP TABLE round; --"]),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=200, max_size=400),
)


def _routes(app: Flask, method: str) -> list[str]:
    return sorted(
        rule.rule for rule in app.url_map.iter_rules()
        if method in (rule.methods or ()) and rule.endpoint != "static"
    )


def _fill(app: Flask, rule_text: str, value: str) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.rule == rule_text)
    path = rule.rule
    for _ in rule.arguments:  # each <converter:name> placeholder gets the value, URL-quoted
        start = path.index("<")
        path = path[:start] + quote(value, safe="") + path[path.index(">", start) + 1:]
    return path


def _assert_no_server_error(response) -> None:
    assert response.status_code < 500, response.get_data(as_text=True)[:500]
    body = response.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in body


def _header_text(value: str) -> str:
    """What can travel in a header at all: printable Latin-1 (the test client refuses the rest itself)."""
    return "".join(ch for ch in value if 0x20 <= ord(ch) < 0x7F or 0xA0 <= ord(ch) <= 0xFF)


@pytest.fixture
def as_admin(signed_in, make_staff):
    return signed_in(make_staff(Role.ADMIN))


@FUZZ
@given(data=st.data())
def test_get_routes_never_fail(app, client, data) -> None:
    """Any value in any GET route's path or query answers below 500, anonymously."""
    rule = data.draw(st.sampled_from(_routes(app, "GET")))
    path = _fill(app, rule, data.draw(TEXT))
    query = {data.draw(TEXT) or "q": data.draw(TEXT)}
    _assert_no_server_error(client.get(path, query_string=query))


@FUZZ
@given(data=st.data())
def test_get_routes_never_fail_for_staff(app, as_admin, data) -> None:
    """Any value in any GET route's path or query answers below 500 for a signed-in admin."""
    rule = data.draw(st.sampled_from(_routes(app, "GET")))
    path = _fill(app, rule, data.draw(TEXT))
    _assert_no_server_error(as_admin.get(path, query_string={"lang": data.draw(TEXT), "next": data.draw(TEXT)}))


@FUZZ
@given(data=st.data())
def test_post_routes_never_fail(app, client, data) -> None:
    """Any form sent to any POST route answers below 500 (CSRF off, so the view itself is reached)."""
    app.config["WTF_CSRF_ENABLED"] = False
    rule = data.draw(st.sampled_from(_routes(app, "POST")))
    path = _fill(app, rule, data.draw(TEXT))
    form = data.draw(st.dictionaries(st.sampled_from(["email", "password", "next", "title", "amount", "x"]), TEXT, max_size=4))
    _assert_no_server_error(client.post(path, data=form))


@FUZZ
@given(forwarded=TEXT, host=st.sampled_from(["pb.test", "", "a" * 300]), lang=TEXT)
def test_headers_never_fail(client, forwarded, host, lang) -> None:
    """Odd X-Forwarded-For, Host-like and cookie values answer below 500."""
    client.set_cookie("pb_lang", _header_text(lang))
    headers = {"X-Forwarded-For": _header_text(forwarded), "Accept-Language": _header_text(lang), "Host": host}
    _assert_no_server_error(client.get("/", headers=headers))
    _assert_no_server_error(client.post("/staff/login", data={"email": "a@b.dk", "password": "x"}, headers=headers))
