"""The authorisation matrix: every staff route, as every kind of user, GET and POST, gives what it should.

The routes come from Flask's URL map: everything under /staff/, and every
view wrapped by ``staff_required`` wherever its URL is. A route without an
entry in MATRIX fails ``test_every_staff_route_has_an_entry``, so no staff
page can be added without deciding who may use it.

Each route is tried as anonymous, a playmaker for community A, a playmaker
for community B, an official and an admin. The URL's arguments point at
community A's data (ARGUMENTS), so "COMMUNITY_A" means: the playmaker for B
must get 403. POSTs carry a valid CSRF token and nothing else, so a refusal
can only come from the access check, never from CSRF.

Adding a route: add its endpoint to MATRIX with the expectation for GET
and/or POST (one of the rows below, or a new ``expect(...)``), and, if it has
a new URL argument, a value for it in ARGUMENTS.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Optional
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from pb.auth.models import Role
from pb.proposals.models import ProposalStatus
from pb.rounds.models import Phase
from tests.factories import DEFAULT_PASSWORD

ANONYMOUS, PLAYMAKER_A, PLAYMAKER_B, OFFICIAL, ADMIN = "anonymous", "playmaker-A", "playmaker-B", "official", "admin"
USERS = (ANONYMOUS, PLAYMAKER_A, PLAYMAKER_B, OFFICIAL, ADMIN)

#: Outcomes: allowed (any answer but 403 or the sign-in page, and no server error), refused, sent to sign in.
ALLOW, FORBIDDEN, SIGN_IN = "allow", "403", "sign-in"

Expectation = dict[str, str]


def expect(anonymous: str, playmaker_a: str, playmaker_b: str, official: str, admin: str) -> Expectation:
    return dict(zip(USERS, (anonymous, playmaker_a, playmaker_b, official, admin)))


EVERYONE = expect(ALLOW, ALLOW, ALLOW, ALLOW, ALLOW)
ANY_STAFF = expect(SIGN_IN, ALLOW, ALLOW, ALLOW, ALLOW)
COMMUNITY_A = expect(SIGN_IN, ALLOW, FORBIDDEN, ALLOW, ALLOW)
OFFICIALS = expect(SIGN_IN, FORBIDDEN, FORBIDDEN, ALLOW, ALLOW)
ADMINS = expect(SIGN_IN, FORBIDDEN, FORBIDDEN, FORBIDDEN, ALLOW)


@dataclass(frozen=True)
class Entry:
    get: Optional[Expectation] = None
    post: Optional[Expectation] = None


MATRIX: dict[str, Entry] = {
    # Sign-in and out.
    "auth.login": Entry(get=EVERYONE, post=EVERYONE),
    # Signing out without a session just lands on the front page.
    "auth.logout": Entry(post=EVERYONE),
    # Dashboard, communities, the audit log.
    "admin.dashboard": Entry(get=ANY_STAFF),
    "admin.community": Entry(get=COMMUNITY_A),
    "admin.audit_log": Entry(get=OFFICIALS),
    "admin.audit_log_csv": Entry(get=OFFICIALS),
    # pb/mail: the officials' outbox page and its "send the failed ones again"
    "mail.outbox": Entry(get=OFFICIALS),
    "mail.retry": Entry(post=OFFICIALS),
    # Round administration.
    "rounds.index": Entry(get=OFFICIALS),
    "rounds.create": Entry(get=OFFICIALS, post=OFFICIALS),
    "rounds.show": Entry(get=OFFICIALS),
    "rounds.settings": Entry(get=OFFICIALS, post=OFFICIALS),
    "rounds.dates": Entry(get=OFFICIALS, post=OFFICIALS),
    "rounds.budgets": Entry(get=OFFICIALS, post=OFFICIALS),
    "voting_staff.overview": Entry(get=ANY_STAFF),
    "voting_staff.import_voters": Entry(get=OFFICIALS, post=OFFICIALS),
    "voting_staff.find_voter": Entry(get=ANY_STAFF),
    "voting_staff.voter": Entry(get=COMMUNITY_A),
    "voting_staff.issue_link": Entry(post=COMMUNITY_A),
    "voting_staff.invite": Entry(post=OFFICIALS),
    "voting_staff.remind": Entry(post=OFFICIALS),
    "voting_staff.contact": Entry(post=OFFICIALS),
    "voting_staff.erase": Entry(post=OFFICIALS),
    "voting_staff.four_eyes": Entry(post=OFFICIALS),
    "voting_staff.paper_ballot": Entry(get=COMMUNITY_A, post=COMMUNITY_A),
    "voting_staff.paper_decision": Entry(post=COMMUNITY_A),
    "rounds.budget_formula": Entry(get=OFFICIALS, post=OFFICIALS),
    # Moderation: playmakers on their own communities, officials and admins on all.
    "moderation.queue": Entry(get=ANY_STAFF),
    "moderation.show": Entry(get=COMMUNITY_A),
    "moderation.approve_view": Entry(post=COMMUNITY_A),
    "moderation.reject_view": Entry(post=COMMUNITY_A),
    "moderation.request_changes_view": Entry(post=COMMUNITY_A),
    "moderation.final_cost_view": Entry(post=COMMUNITY_A),
    "moderation.merge_view": Entry(post=COMMUNITY_A),
    "moderation.correct_view": Entry(post=COMMUNITY_A),
    "moderation.constraints_view": Entry(post=COMMUNITY_A),
    "moderation.bulk_approve_view": Entry(post=ANY_STAFF),
}


@dataclass
class World:
    """The data the URLs point at: community A's things, and a staff user to act on."""

    community_a: object
    community_b: object
    round: object
    proposal_a: object
    other_staff: object
    voter_a: object = None


#: A value for each URL argument a staff route can have.
ARGUMENTS: dict[str, Callable[[World], object]] = {
    "slug": lambda world: world.community_a.slug,
    "round_id": lambda world: world.round.id,
    "user_id": lambda world: world.other_staff.id,
    "proposal_id": lambda world: world.proposal_a.id,
    "voter_id": lambda world: world.voter_a.id,
    "pending_id": lambda world: 1,
    "decision": lambda world: "godkend",
}


def staff_rules(app: Flask) -> dict[str, object]:
    """Every staff route by endpoint: under /staff/, or guarded by staff_required anywhere."""
    rules = {}
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if rule.rule.startswith("/staff/") or rule.rule == "/staff" or hasattr(view, "staff_roles"):
            rules[rule.endpoint] = rule
    return rules


def test_every_staff_route_has_an_entry(app: Flask) -> None:
    """A staff route missing from MATRIX (or an entry without a route) fails here."""
    rules = staff_rules(app)
    missing = sorted(set(rules) - set(MATRIX))
    assert not missing, f"add these staff routes to MATRIX in tests/test_authorisation.py: {missing}"
    stale = sorted(set(MATRIX) - set(rules))
    assert not stale, f"these MATRIX entries have no route any more: {stale}"
    for endpoint, rule in rules.items():
        entry = MATRIX[endpoint]
        assert ("GET" in rule.methods) == (entry.get is not None), f"{endpoint}: GET expectation does not match the route"
        assert ("POST" in rule.methods) == (entry.post is not None), f"{endpoint}: POST expectation does not match the route"
        unknown = set(rule.arguments) - set(ARGUMENTS)
        assert not unknown, f"{endpoint}: give ARGUMENTS a value for {sorted(unknown)}"


def test_the_scan_finds_staff_views_outside_staff(app: Flask) -> None:
    """A view guarded by staff_required is a staff route even when its URL is elsewhere."""
    from pb.auth.access import staff_required

    @staff_required()
    def elsewhere() -> str:
        return "x"

    app.add_url_rule("/somewhere-else", "test.elsewhere", elsewhere)
    assert "test.elsewhere" in staff_rules(app)


def outcome(response) -> str:
    if response.status_code == 403:
        return FORBIDDEN
    if response.status_code in (301, 302, 303, 307, 308):
        if urlsplit(response.headers["Location"]).path.rstrip("/") == "/staff/login":
            return SIGN_IN
        return ALLOW
    if response.status_code >= 500 or response.status_code in (401, 404, 405):
        return f"status {response.status_code}"
    return ALLOW


def csrf_token(client: FlaskClient, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


@pytest.fixture
def world(make_community, make_round, make_proposal, make_staff, make_voter) -> World:
    a, b = make_community("Aby"), make_community("Bby")
    round_ = make_round(phase=Phase.REVIEW, budgets={a: 100_000, b: 100_000}, pool_amount=200_000)
    proposal = make_proposal(round_, a, status=ProposalStatus.SUBMITTED)
    other = make_staff(role=Role.PLAYMAKER, communities=[a])
    return World(a, b, round_, proposal, other, make_voter(round_, a))


@pytest.fixture
def users(world: World, make_staff) -> dict[str, object]:
    return {
        PLAYMAKER_A: make_staff(role=Role.PLAYMAKER, communities=[world.community_a]),
        PLAYMAKER_B: make_staff(role=Role.PLAYMAKER, communities=[world.community_b]),
        OFFICIAL: make_staff(role=Role.OFFICIAL),
        ADMIN: make_staff(role=Role.ADMIN),
    }


def test_authorisation_matrix(app: Flask, world: World, users: dict[str, object]) -> None:
    """Every staff route, as each of the five users, GET and POST, gives the expected allow / 403 / sign-in."""

    def client_as(who: str) -> tuple[FlaskClient, str]:
        client = app.test_client()
        token = csrf_token(client, "/staff/login")
        if who != ANONYMOUS:
            user = users[who]
            response = client.post("/staff/login", data={"email": user.email, "password": DEFAULT_PASSWORD, "csrf_token": token})
            assert response.status_code == 302, f"{who} could not sign in"
            token = csrf_token(client, "/staff/")
        return client, token

    clients = {who: client_as(who) for who in USERS}
    rules = staff_rules(app)
    failures = []
    # Signing out ends the session, so it goes last, each time with a session of its own.
    for endpoint in sorted(rules, key=lambda e: (e == "auth.logout", e)):
        rule = rules[endpoint]
        path = rule.build({name: ARGUMENTS[name](world) for name in rule.arguments}, append_unknown=False)[1]
        entry = MATRIX[endpoint]
        for method, expectation in (("GET", entry.get), ("POST", entry.post)):
            if expectation is None:
                continue
            for who in USERS:
                client, token = client_as(who) if endpoint == "auth.logout" else clients[who]
                if method == "GET":
                    response = client.get(path)
                else:
                    response = client.post(path, data={"csrf_token": token})
                response.get_data()  # read a streamed body to its end, as a browser does
                response.close()
                got = outcome(response)
                if got != expectation[who]:
                    failures.append(f"{method} {path} ({endpoint}) as {who}: expected {expectation[who]}, got {got}")
    assert not failures, "\n".join(failures)
