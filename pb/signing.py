"""Every signed link the system sends, in one place: one salt per purpose, each with an explicit max age.

itsdangerous is used nowhere else. A link's payload carries only ids and
version numbers; what a link may do is decided by the service that reads it,
which also checks the round's phase (``max_age`` only counts from signing).
A bad, tampered or expired token becomes a ``LinkInvalid`` or ``LinkExpired``,
both ``DomainError``s with a Danish message, never an itsdangerous exception.
"""
from __future__ import annotations

import enum
from datetime import timedelta
from typing import Any

from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from pb.errors import DomainError


class Purpose(enum.Enum):
    """What a link is for; the value is its salt, so a token for one purpose never opens another."""

    BALLOT = "pb.ballot-link"
    PROPOSAL_CONFIRMATION = "pb.proposal-confirmation"
    PROPOSAL_EDIT = "pb.proposal-edit"
    SELF_REGISTRATION = "pb.self-registration"
    #: Not a link: the cookie that marks a browser a staff user has signed in from (pb/auth throttle).
    KNOWN_DEVICE = "pb.known-device"


#: How long a link stays valid after signing. A ballot link is further limited to the voting phase,
#: and a proposal edit link to the phases in which proposals may change.
MAX_AGE: dict[Purpose, timedelta] = {
    Purpose.BALLOT: timedelta(days=120),
    Purpose.PROPOSAL_CONFIRMATION: timedelta(days=7),
    Purpose.PROPOSAL_EDIT: timedelta(days=180),
    Purpose.SELF_REGISTRATION: timedelta(days=7),
    Purpose.KNOWN_DEVICE: timedelta(days=180),
}


class LinkInvalid(DomainError):
    """The link was changed, cut short, or made for something else."""

    status = 400

    def __init__(self, message: Any = None) -> None:
        super().__init__(message or _l("Linket virker ikke. Måske er det ikke kopieret helt, eller det er blevet erstattet af et nyt."))


class LinkExpired(LinkInvalid):
    """The link is genuine but older than its purpose allows."""

    status = 410

    def __init__(self, message: Any = None) -> None:
        super().__init__(message or _l("Linket er udløbet. Du kan få et nyt."))


def _serializer(purpose: Purpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose.value)


def sign(purpose: Purpose, payload: dict[str, Any]) -> str:
    """A URL-safe token carrying ``payload`` (ids and versions only), signed for ``purpose``."""
    return _serializer(purpose).dumps(payload)


def unsign(purpose: Purpose, token: str) -> dict[str, Any]:
    """The payload of a token signed for ``purpose``. Raises LinkExpired or LinkInvalid."""
    try:
        payload = _serializer(purpose).loads(token, max_age=int(MAX_AGE[purpose].total_seconds()))
    except SignatureExpired:
        raise LinkExpired() from None
    except (BadSignature, UnicodeError, ValueError):
        raise LinkInvalid() from None
    if not isinstance(payload, dict):
        raise LinkInvalid()
    return payload
