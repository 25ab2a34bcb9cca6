"""Finding live signed links in any text: what the "no links stored" checks look for."""
from __future__ import annotations

import re
from typing import Any

from pb.errors import DomainError
from pb.signing import Purpose, unsign

#: What an itsdangerous URL-safe timed token looks like: payload.timestamp.signature.
TOKEN = re.compile(r"[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{4,}\.[A-Za-z0-9_\-]{16,}")


def signed_tokens(value: Any) -> list[str]:
    """Every substring of ``value`` that ``pb.signing.unsign`` accepts for some purpose (needs an app context)."""
    accepted = []
    for candidate in TOKEN.findall(str(value)):
        for purpose in Purpose:
            try:
                unsign(purpose, candidate)
            except DomainError:
                continue
            accepted.append(candidate)
    return accepted
