"""pb/emails.py: the one e-mail normalisation."""
from __future__ import annotations

import pytest

from pb.emails import InvalidEmail, normalise_email, valid_email


def test_decomposed_and_precomposed_addresses_are_one() -> None:
    """An address typed in NFD (a + combining ring) equals the NFC one, whatever the case."""
    assert normalise_email(" A\u030aSE@Tranbjerg.DK ") == normalise_email("\u00e5se@tranbjerg.dk") == "\u00e5se@tranbjerg.dk"


def test_valid_email_normalises_and_refuses_junk(app) -> None:
    """valid_email returns the normal form and raises a Danish InvalidEmail for junk."""
    assert valid_email("Mette@Aarhus.dk") == "mette@aarhus.dk"
    with app.app_context():
        for junk in ("", "mette", "a@b@c", "mette\x00@aarhus.dk", "x" * 250 + "@a.dk"):
            with pytest.raises(InvalidEmail, match="ligner ikke en e-mailadresse"):
                valid_email(junk)


def test_sign_in_matches_a_decomposed_address(client, csrf_token, make_staff) -> None:
    """A staff user stored as NFC signs in typing the address decomposed."""
    from tests.factories import DEFAULT_PASSWORD

    make_staff(email="\u00e5se@aarhus.example")
    response = client.post(
        "/staff/login",
        data={"email": "A\u030ase@aarhus.example", "password": DEFAULT_PASSWORD, "csrf_token": csrf_token()},
    )
    assert response.status_code == 302
