"""E-mail addresses: the one normalisation every feature uses (staff, proposers, voters).

An address typed in decomposed Unicode ("a" + combining ring) must match the
same address typed precomposed ("å"), and "Mette@Aarhus.dk" must match
"mette@aarhus.dk". Store and compare only what ``normalise_email`` returns.
"""
from __future__ import annotations

import unicodedata

from email_validator import EmailNotValidError, validate_email
from flask_babel import lazy_gettext as _l

from pb.errors import DomainError

#: RFC 5321's limit; the columns that hold addresses are this long.
MAX_EMAIL_LENGTH = 254


class InvalidEmail(DomainError):
    """The text is not an e-mail address."""

    status = 422

    def __init__(self) -> None:
        super().__init__(_l("Det ligner ikke en e-mailadresse. Tjek, at den er skrevet rigtigt."))


def normalise_email(email: str) -> str:
    """Trimmed, Unicode NFC and lower case: the form addresses are stored and compared in."""
    # NFC before and after lower(): lower-casing can itself leave a decomposed sequence.
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", email.strip()).lower())


def valid_email(email: str) -> str:
    """The normalised address, after checking its syntax. Raises InvalidEmail."""
    address = normalise_email(email)
    if not address or len(address) > MAX_EMAIL_LENGTH or "\x00" in address:
        raise InvalidEmail
    try:
        validated = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        raise InvalidEmail from None
    return normalise_email(validated)
