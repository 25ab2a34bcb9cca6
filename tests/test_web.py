"""pb/web.py and pb/i18n.py: headers, CSRF, error pages, languages and Danish formats."""
from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from pb.i18n import format_kroner, format_long_date


def test_security_headers_on_every_response(client: FlaskClient) -> None:
    """Pages, JSON and errors all carry the CSP and the other security headers."""
    for path in ("/", "/healthz", "/does-not-exist"):
        headers = client.get(path).headers
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "unsafe-inline" not in csp
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"


def test_pages_have_no_inline_script(client: FlaskClient) -> None:
    """Every script is a file, so the strict CSP holds."""
    html = client.get("/").get_data(as_text=True)
    assert "<script>" not in html and " style=" not in html
    assert 'src="/static/js/app.js"' in html


def test_csrf_is_enforced_on_post(client: FlaskClient) -> None:
    """A POST without the CSRF token is refused with a friendly Danish page."""
    response = client.post("/staff/login", data={"email": "a@b.dk", "password": "x"})
    assert response.status_code == 400
    assert "Siden har været åben for længe" in response.get_data(as_text=True)


def test_error_pages_are_danish_and_friendly(app: Flask, client: FlaskClient) -> None:
    """404 and 500 render the Danish error page, not a stack trace."""

    @app.get("/boom")
    def boom() -> str:
        raise RuntimeError("kaput")

    assert "Siden findes ikke" in client.get("/nope").get_data(as_text=True)
    app.config["PROPAGATE_EXCEPTIONS"] = False
    response = client.get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Der skete en fejl hos os" in body and "kaput" not in body and 'lang="da"' in body


def test_method_not_allowed_page(app: Flask, client: FlaskClient) -> None:
    """A wrong method gets the 405 page with an Allow header."""
    app.config["WTF_CSRF_ENABLED"] = False
    response = client.delete("/")
    assert response.status_code == 405
    assert "GET" in response.headers["Allow"]
    assert "Siden kan ikke bruges sådan" in response.get_data(as_text=True)


def test_forbidden_page_is_danish(app: Flask, client: FlaskClient) -> None:
    """abort(403) renders the Danish 403 page."""
    from flask import abort

    @app.get("/secret")
    def secret() -> str:
        abort(403)

    response = client.get("/secret")
    assert response.status_code == 403
    assert "Du har ikke adgang til siden" in response.get_data(as_text=True)


def test_danish_is_the_default_language(client: FlaskClient) -> None:
    """Pages are Danish with <html lang="da"> unless English is asked for."""
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="da">' in html and "Gå til sidens indhold" in html


def test_language_switch_to_english_is_remembered(client: FlaskClient) -> None:
    """?lang=en serves English and keeps it in a cookie for the next page."""
    html = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in html and "Skip to content" in html
    again = client.get("/staff/login").get_data(as_text=True)
    assert '<html lang="en">' in again and "Sign in" in again


def test_unknown_language_falls_back_to_danish(client: FlaskClient) -> None:
    """An unsupported ?lang= is ignored."""
    assert '<html lang="da">' in client.get("/?lang=xx").get_data(as_text=True)


def test_danish_money_and_date_formats(app: Flask) -> None:
    """Money reads "1.250.000 kr." and dates "1. marts 2027" in Danish, DKK and English in English."""
    with app.test_request_context("/"):
        assert format_kroner(1_250_000) == "1.250.000 kr."
        assert format_long_date(date(2027, 3, 1)) == "1. marts 2027"
    with app.test_request_context("/?lang=en"):
        assert format_kroner(1_250_000) == "DKK 1,250,000"
        assert format_long_date(date(2027, 3, 1)) == "1 March 2027"


def test_healthz_reports_the_database(client: FlaskClient) -> None:
    """/healthz answers JSON saying the database is up."""
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}
