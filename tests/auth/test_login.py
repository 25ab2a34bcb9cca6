"""pb/auth: sign-in, throttling, sessions, audit and the role/community check."""
from __future__ import annotations

import re
from datetime import timedelta
from typing import Callable

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.audit.models import AuditEvent
from pb.auth.models import LoginAttempt, Role
from pb.auth.services import account_delay
from tests.factories import DEFAULT_PASSWORD


def _post_login(client: FlaskClient, token: str, email: str, password: str, **environ: str):
    return client.post(
        "/staff/login",
        data={"email": email, "password": password, "csrf_token": token},
        environ_overrides=environ,
    )


def _actions(session: Session) -> list[str]:
    return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_login_page_is_danish(client: FlaskClient) -> None:
    """GET /staff/login shows the Danish sign-in form."""
    html = client.get("/staff/login").get_data(as_text=True)
    assert "Log ind som medarbejder" in html and 'name="csrf_token"' in html


def test_sign_in_and_reach_the_dashboard(client, csrf_token, make_staff, session) -> None:
    """Correct credentials sign in, are audited, and open the staff pages."""
    user = make_staff(Role.OFFICIAL, email="mette@aarhus.example")
    response = _post_login(client, csrf_token(), "Mette@Aarhus.example ", DEFAULT_PASSWORD)
    assert response.status_code == 302 and response.headers["Location"] == "/staff/"
    page = client.get("/staff/").get_data(as_text=True)
    assert "mette@aarhus.example" in page and "medarbejder i kommunen" in page
    assert "staff.login" in _actions(session)
    assert user.last_login_at is not None


def test_session_cookie_is_httponly_and_lax(client, csrf_token, make_staff) -> None:
    """The session cookie is HttpOnly and SameSite=Lax."""
    user = make_staff()
    response = _post_login(client, csrf_token(), user.email, DEFAULT_PASSWORD)
    cookie = next(h for h in response.headers.getlist("Set-Cookie") if h.startswith("pb_session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_wrong_password_is_refused_keeping_the_email(client, csrf_token, make_staff, session) -> None:
    """A wrong password gets a Danish message, keeps the typed email and is audited."""
    user = make_staff()
    response = _post_login(client, csrf_token(), user.email, "wrong password!")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Forkert e-mail eller adgangskode" in html and f'value="{user.email}"' in html
    assert _actions(session)[-1] == "staff.login_failed"


def test_invalid_form_shows_field_errors(client, csrf_token) -> None:
    """An empty or malformed email is refused with a message by the field."""
    response = _post_login(client, csrf_token(), "not-an-email", "")
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Det ligner ikke en e-mailadresse" in html and "Skriv din adgangskode" in html
    assert 'value="not-an-email"' in html and 'aria-invalid="true"' in html


def _age_attempts(session: Session, seconds: int) -> None:
    """Move every recorded attempt into the past, as if the time had passed."""
    for attempt in session.scalars(select(LoginAttempt)):
        attempt.attempted_at -= timedelta(seconds=seconds)
    session.commit()


def test_failures_make_the_account_wait_longer_and_longer(client, csrf_token, make_staff, session) -> None:
    """After 5 failures the next guess waits 30 s (429 with Retry-After), from any address; the wait doubles."""
    user = make_staff()
    token = csrf_token()
    for n in range(5):
        assert _post_login(client, token, user.email, f"bad {n}", REMOTE_ADDR=f"10.0.0.{n}").status_code == 422
    refused = _post_login(client, token, user.email, DEFAULT_PASSWORD, REMOTE_ADDR="10.0.0.99")
    assert refused.status_code == 429 and 25 <= int(refused.headers["Retry-After"]) <= 30
    assert "For mange forkerte forsøg. Vent et minut" in refused.get_data(as_text=True)
    assert _actions(session)[-1] == "staff.login_throttled"
    _age_attempts(session, 31)
    assert _post_login(client, token, user.email, "bad again", REMOTE_ADDR="10.0.0.5").status_code == 422
    second = _post_login(client, token, user.email, DEFAULT_PASSWORD, REMOTE_ADDR="10.0.0.6")
    assert second.status_code == 429 and 55 <= int(second.headers["Retry-After"]) <= 60
    _age_attempts(session, 61)
    assert _post_login(client, token, user.email, DEFAULT_PASSWORD).status_code == 302


def test_the_delay_grows_to_a_ceiling() -> None:
    """No wait for the first failures, then 30 s doubling, never more than 15 minutes."""
    assert account_delay(4) == timedelta(0)
    assert [account_delay(n).total_seconds() for n in (5, 6, 7, 8)] == [30, 60, 120, 240]
    assert account_delay(50) == timedelta(minutes=15)


def test_colleagues_behind_one_office_address_are_not_locked_out(client, csrf_token, make_staff) -> None:
    """Many colleagues mistyping from one address do not stop another colleague there."""
    colleague = make_staff()
    token = csrf_token()
    for n in range(12):
        _post_login(client, token, f"kollega{n}@aarhus.example", "nope nope", REMOTE_ADDR="192.0.2.7")
    assert _post_login(client, token, colleague.email, DEFAULT_PASSWORD, REMOTE_ADDR="192.0.2.7").status_code == 302


def test_a_flood_from_one_address_is_refused(client, csrf_token, make_staff, session) -> None:
    """100 failures from one address in 15 minutes stop that address for any account, with Retry-After."""
    user = make_staff()
    session.add_all(
        LoginAttempt(email=f"guess{n}@example.org", ip_address="192.0.2.7", succeeded=False) for n in range(100)
    )
    session.commit()
    refused = _post_login(client, csrf_token(), user.email, DEFAULT_PASSWORD, REMOTE_ADDR="192.0.2.7")
    assert refused.status_code == 429 and 0 < int(refused.headers["Retry-After"]) <= 900
    assert _post_login(client, csrf_token(), user.email, DEFAULT_PASSWORD, REMOTE_ADDR="192.0.2.8").status_code == 302


def test_a_stranger_cannot_lock_out_the_admin(app, client, csrf_token, make_staff) -> None:
    """Guesses on the admin's account slow the guesser, while the admin's own browser signs in at once."""
    admin = make_staff(Role.ADMIN)
    assert _post_login(client, csrf_token(), admin.email, DEFAULT_PASSWORD).status_code == 302  # leaves the device cookie
    client.post("/staff/logout", data={"csrf_token": csrf_token("/staff/")})
    stranger = app.test_client()
    stranger_token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', stranger.get("/staff/login").get_data(as_text=True))[1]
    statuses = [
        _post_login(stranger, stranger_token, admin.email, f"guess {n}", REMOTE_ADDR=f"203.0.113.{n}").status_code
        for n in range(8)
    ]
    assert statuses[:5] == [422] * 5 and statuses[5:] == [429] * 3
    assert _post_login(client, csrf_token(), admin.email, DEFAULT_PASSWORD).status_code == 302


def test_a_forged_device_cookie_counts_as_a_stranger(app, client, csrf_token, make_staff) -> None:
    """A device cookie of another account, or a made-up one, gives no way round the wait."""
    victim, other = make_staff(), make_staff()
    _post_login(client, csrf_token(), other.email, DEFAULT_PASSWORD)  # a real cookie, for the other account
    client.post("/staff/logout", data={"csrf_token": csrf_token("/staff/")})
    token = csrf_token()
    for n in range(5):
        _post_login(client, token, victim.email, f"guess {n}")
    assert _post_login(client, token, victim.email, DEFAULT_PASSWORD).status_code == 429
    client.set_cookie("pb_device", "made-up", path="/staff")
    assert _post_login(client, token, victim.email, DEFAULT_PASSWORD).status_code == 429


def test_unknown_account_and_inactive_user_fail_alike(client, csrf_token, make_staff) -> None:
    """An unknown email and a deactivated user get the same answer as a wrong password."""
    inactive = make_staff(is_active=False)
    token = csrf_token()
    assert _post_login(client, token, "nobody@example.org", DEFAULT_PASSWORD).status_code == 422
    assert _post_login(client, token, inactive.email, DEFAULT_PASSWORD).status_code == 422


def test_next_only_redirects_within_the_site(client, csrf_token, make_staff) -> None:
    """The sign-in page follows a local `next` and ignores one pointing elsewhere."""
    user = make_staff()
    token = csrf_token()
    data = {"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": token, "next": "/staff/log"}
    assert client.post("/staff/login", data=data).headers["Location"] == "/staff/log"
    client.post("/staff/logout", data={"csrf_token": csrf_token("/staff/")})
    data.update(next="//evil.example/", csrf_token=csrf_token())
    assert client.post("/staff/login", data=data).headers["Location"] == "/staff/"


def test_staff_pages_require_sign_in(client: FlaskClient) -> None:
    """Anonymous visitors are sent to the sign-in page."""
    response = client.get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/staff/login?next=")


def test_logout_needs_post_with_csrf(client, csrf_token, signed_in, make_staff, session) -> None:
    """Signing out is a POST with a CSRF token, and is audited."""
    signed_in(make_staff())
    assert client.get("/staff/logout").status_code == 405
    assert client.post("/staff/logout").status_code == 400
    response = client.post("/staff/logout", data={"csrf_token": csrf_token("/staff/")})
    assert response.status_code == 302
    assert client.get("/staff/").status_code == 302
    assert _actions(session)[-1] == "staff.logout"


def test_password_change_ends_old_sessions(client, signed_in, make_staff, session) -> None:
    """A new password signs out every existing session of that user."""
    from pb.auth.services import hash_password

    user = make_staff()
    signed_in(user)
    assert client.get("/staff/").status_code == 200
    user.password_hash = hash_password("a brand new password")
    session.commit()
    assert client.get("/staff/").status_code == 302


def test_playmaker_reaches_only_own_communities(signed_in, make_staff, make_community, make_round) -> None:
    """A playmaker sees their own community's staff page and gets 403 for others."""
    own, other = make_community(), make_community()
    make_round(budgets={own: 100_000, other: 200_000})
    client = signed_in(make_staff(Role.PLAYMAKER, communities=[own]))
    own_page = client.get(f"/staff/lokalsamfund/{own.slug}")
    assert own_page.status_code == 200 and "100.000 kr." in own_page.get_data(as_text=True)
    assert client.get(f"/staff/lokalsamfund/{other.slug}").status_code == 403
    assert client.get("/staff/lokalsamfund/no-such-place").status_code == 404
    dashboard = client.get("/staff/").get_data(as_text=True)
    assert own.name in dashboard and other.name not in dashboard


def test_only_admins_and_officials_read_the_audit_log(signed_in, make_staff, make_community) -> None:
    """The audit log is forbidden to playmakers and open to officials and admins."""
    playmaker = make_staff(Role.PLAYMAKER, communities=[make_community()])
    client = signed_in(playmaker)
    assert client.get("/staff/log").status_code == 403
    for role in (Role.OFFICIAL, Role.ADMIN):
        client = signed_in(make_staff(role))
        page = client.get("/staff/log")
        assert page.status_code == 200 and "staff.login" in page.get_data(as_text=True)


def test_officials_see_every_community_and_turnout(signed_in, make_staff, make_community, make_round, make_voter) -> None:
    """Officials reach any community and see the ballot count; playmakers do not see turnout."""
    community = make_community()
    round_ = make_round(budgets={community: 50_000})
    make_voter(round_, community)
    official_page = signed_in(make_staff(Role.OFFICIAL)).get(f"/staff/lokalsamfund/{community.slug}")
    assert "Afgivne stemmesedler" in official_page.get_data(as_text=True)


def test_logout_ends_a_copied_session_cookie(app, client, signed_in, make_staff, csrf_token) -> None:
    """After sign-out, a copy of the old session cookie no longer opens the staff pages."""
    signed_in(make_staff())
    stolen = client.get_cookie("pb_session").value
    client.post("/staff/logout", data={"csrf_token": csrf_token("/staff/")})
    thief = app.test_client()
    thief.set_cookie("pb_session", stolen)
    assert thief.get("/staff/").status_code == 302
