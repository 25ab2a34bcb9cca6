"""pb/auth/passwords.py: one password policy everywhere."""
from __future__ import annotations

import pytest
from wtforms import Form, PasswordField

from pb.auth.passwords import MIN_PASSWORD_LENGTH, PasswordPolicy, WeakPassword, check_password, common_passwords


@pytest.mark.parametrize(
    ("password", "message"),
    [
        (" " * 12, "mellemrum"),
        ("\t \n" * 5, "mellemrum"),
        ("kort", "mindst 10 tegn"),
        ("x" * 201, "højst være på 200 tegn"),
        ("aaaaaaaaaaaa", "forskellige tegn"),
        ("1234567890", "oftest vælger"),
        ("Password123!", "oftest vælger"),
        ("Sommer2024!!", "oftest vælger"),
        ("Aarhus Kommune 1", "oftest vælger"),
        ("QWERTYUIOP", "oftest vælger"),
    ],
)
def test_weak_passwords_are_refused_in_danish(app, password, message) -> None:
    """Short, blank, one-character and common passwords are refused with a Danish reason."""
    with app.app_context(), pytest.raises(WeakPassword, match=message):
        check_password(password)


@pytest.mark.parametrize("password", ["korrekt hest batteri", "ti tegn ok!", "demo-admin-2027", "Blåbærgrød på taget"])
def test_good_passwords_pass(password) -> None:
    """Long, varied passwords that are not on the list are accepted."""
    check_password(password)


def test_the_list_is_ours_and_loaded() -> None:
    """The shipped list of common passwords is read and holds the obvious ones."""
    assert {"password", "adgangskode", "1234567890"} <= common_passwords()
    assert len(common_passwords()) > 100


def test_form_validator_uses_the_same_policy(app) -> None:
    """PasswordPolicy shows the policy's message on a form field."""

    class SetPassword(Form):
        password = PasswordField(validators=[PasswordPolicy()])

    with app.test_request_context():
        form = SetPassword(data={"password": " " * MIN_PASSWORD_LENGTH})
        assert not form.validate()
        assert "mellemrum" in form.password.errors[0]
        assert SetPassword(data={"password": "korrekt hest batteri"}).validate()
