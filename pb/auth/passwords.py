"""The one password policy, for every place a password is set (CLI, admin pages, resets).

A password must be long enough, not only white space, and not one of the
passwords people choose most often (``data/common_passwords.txt``, our own
short list of international and Danish favourites, compared ignoring case,
spaces and trailing digits/punctuation).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from wtforms import Field, ValidationError

from pb.errors import DomainError

MIN_PASSWORD_LENGTH = 10
#: Hashing work grows with the length; nobody types more than this.
MAX_PASSWORD_LENGTH = 200
COMMON_PASSWORDS_FILE = Path(__file__).with_name("data") / "common_passwords.txt"


class WeakPassword(DomainError):
    """The password breaks the policy; the message says how."""

    status = 422


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_core(line) for line in lines if line.strip() and not line.startswith("#"))


def _core(password: str) -> str:
    """What is left when the usual decorations are taken off: case, spaces, a year or "!" at the end."""
    core = re.sub(r"\s+", "", password.casefold())
    return re.sub(r"[\d!?.#*_-]+$", "", core) or core


def check_password(password: str) -> None:
    """Raise WeakPassword unless ``password`` follows the policy."""
    if not password.strip():
        raise WeakPassword(_l("Adgangskoden må ikke kun bestå af mellemrum."))
    if "\x00" in password:
        raise WeakPassword(_l("Adgangskoden indeholder et tegn, der ikke kan bruges."))
    if len(password) < MIN_PASSWORD_LENGTH:
        raise WeakPassword(_l("Adgangskoden skal være på mindst %(count)s tegn.", count=MIN_PASSWORD_LENGTH))
    if len(password) > MAX_PASSWORD_LENGTH:
        raise WeakPassword(_l("Adgangskoden må højst være på %(count)s tegn.", count=MAX_PASSWORD_LENGTH))
    if len(set(password.strip())) < 3:
        raise WeakPassword(_l("Adgangskoden skal bestå af flere forskellige tegn."))
    if password.casefold() in common_passwords() or _core(password) in common_passwords():
        raise WeakPassword(_l("Adgangskoden er en af dem, folk oftest vælger. Vælg en, der er sværere at gætte."))


class PasswordPolicy:
    """WTForms validator: the same policy, shown by the field (for forms that set a password)."""

    def __call__(self, _form: object, field: Field) -> None:
        try:
            check_password(field.data or "")
        except WeakPassword as error:
            raise ValidationError(str(error)) from None
