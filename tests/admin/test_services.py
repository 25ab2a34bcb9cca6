"""pb/admin/services.py: creating staff users."""
from __future__ import annotations

import pytest
from werkzeug.security import check_password_hash

from pb.auth.models import Role
from pb.admin.services import StaffError, create_staff
from pb.auth.passwords import WeakPassword
from pb.emails import InvalidEmail
from pb.errors import DomainError


def test_create_playmaker_with_communities(session, make_community) -> None:
    """A playmaker is created with a scrypt hash and their communities."""
    community = make_community(slug="elev")
    user = create_staff(session, "Ole@Example.org", "ti tegn ok!", Role.PLAYMAKER, ["elev"])
    assert user.email == "ole@example.org"
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, "ti tegn ok!")
    assert user.communities == [community]


@pytest.mark.parametrize(
    ("email", "password", "role", "slugs", "error", "message"),
    [
        ("not an email", "long enough pw", Role.ADMIN, (), InvalidEmail, "ligner ikke en e-mailadresse"),
        ("a@example.org", "short", Role.ADMIN, (), WeakPassword, "mindst 10 tegn"),
        ("a@example.org", " " * 10, Role.ADMIN, (), WeakPassword, "kun bestå af mellemrum"),
        ("a@example.org", "Password123!", Role.ADMIN, (), WeakPassword, "oftest vælger"),
        ("a@example.org", "long enough pw", Role.PLAYMAKER, (), StaffError, "mindst ét lokalsamfund"),
        ("a@example.org", "long enough pw", Role.OFFICIAL, ("elev",), StaffError, "Kun playmakere"),
        ("a@example.org", "long enough pw", Role.PLAYMAKER, ("atlantis",), StaffError, "findes ikke: atlantis"),
    ],
)
def test_bad_staff_is_refused(app, session, email, password, role, slugs, error, message) -> None:
    """Bad emails, weak passwords and wrong scopes raise a Danish DomainError naming no CLI flag."""
    with app.app_context(), pytest.raises(error, match=message) as raised:
        create_staff(session, email, password, role, slugs)
    assert isinstance(raised.value, DomainError) and "--" not in str(raised.value)


def test_email_must_be_unique_whatever_its_case_and_unicode_form(app, session) -> None:
    """Two staff users cannot share an email, however it is typed (case, NFC or NFD)."""
    create_staff(session, "\u00e5se@example.org", "long enough pw", Role.ADMIN)
    with app.app_context(), pytest.raises(StaffError, match="findes allerede"):
        create_staff(session, "A\u030aSE@Example.org", "long enough pw", Role.OFFICIAL)
