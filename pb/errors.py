"""The one base class for refusals the user should read, in Danish first.

A service raises a ``DomainError`` when the data or the phase does not allow
what was asked. Views turn it into a form error, a flash message or the
friendly error page (``pb.web``); CLI commands turn it into one line. The
message is a lazy translation, so it is read in the language of whoever sees it.
"""
from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal with a message a resident or staff member can act on.

    ``status`` is the HTTP status the friendly page answers with when a view
    lets the error through (409 by default: the request was fine, the state
    forbids it).
    """

    status: int = 409

    def __init__(self, message: Any, *, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return str(self.message)


class NotAllowed(DomainError):
    """The signed-in user may not do this (wrong role or community)."""

    status = 403
