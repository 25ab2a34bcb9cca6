"""pb/admin/services.py: creating staff users."""
from __future__ import annotations

import pytest
from werkzeug.security import check_password_hash

from pb.auth.models import Role
from pb.admin.services import StaffError, create_staff


def test_create_playmaker_with_communities(session, make_community) -> None:
    """A playmaker is created with a scrypt hash and their communities."""
    community = make_community(slug="elev")
    user = create_staff(session, "Ole@Example.org", "ti tegn ok!", Role.PLAYMAKER, ["elev"])
    assert user.email == "ole@example.org"
    assert user.password_hash.startswith("scrypt:")
    assert check_password_hash(user.password_hash, "ti tegn ok!")
    assert user.communities == [community]


@pytest.mark.parametrize(
    ("email", "password", "role", "slugs", "message"),
    [
        ("not an email", "long enough pw", Role.ADMIN, (), "invalid email"),
        ("a@example.org", "short", Role.ADMIN, (), "at least 10"),
        ("a@example.org", "long enough pw", Role.PLAYMAKER, (), "needs at least one"),
        ("a@example.org", "long enough pw", Role.OFFICIAL, ("elev",), "only playmakers"),
        ("a@example.org", "long enough pw", Role.PLAYMAKER, ("atlantis",), "unknown community: atlantis"),
    ],
)
def test_bad_staff_is_refused(session, email, password, role, slugs, message) -> None:
    """Bad emails, short passwords and wrong scopes raise StaffError with the reason."""
    with pytest.raises(StaffError, match=message):
        create_staff(session, email, password, role, slugs)


def test_email_must_be_unique(session) -> None:
    """Two staff users cannot share an email."""
    create_staff(session, "same@example.org", "long enough pw", Role.ADMIN)
    with pytest.raises(StaffError, match="already exists"):
        create_staff(session, "SAME@example.org", "long enough pw", Role.OFFICIAL)
