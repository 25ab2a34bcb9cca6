"""Mail templates by name: how each feature turns a queued row's parameters into a template context.

A feature registers one context function per template in ``pb/<feature>/mail.py``::

    @mail_template("voting/invitation")
    def invitation_context(session, params):
        voter = session.get(Voter, params["voter_id"])
        return {"voter": voter, "link": ballot_link(voter)}

The worker calls it at send time, so signed links are made then and never stored.
The template files are ``templates/<feature>/mail/<name>.subject.txt``, ``.txt`` and ``.html``.
"""
from __future__ import annotations

from typing import Any, Callable
from urllib.parse import urlsplit

from flask import current_app
from sqlalchemy.orm import Session

ContextFunction = Callable[[Session, dict[str, Any]], dict[str, Any]]

_TEMPLATES: dict[str, ContextFunction] = {}


class MailObsolete(Exception):
    """The message no longer makes sense (e.g. its voter was erased); the worker marks it failed with this reason."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class UnknownTemplate(LookupError):
    """No context function is registered under this template name."""


def mail_template(name: str) -> Callable[[ContextFunction], ContextFunction]:
    """Register ``function`` as the context maker of the mail template ``name`` ("feature/name")."""
    feature, _, short = name.partition("/")
    if not feature or not short or "/" in short:
        raise ValueError(f"a mail template name is 'feature/name', not {name!r}")

    def register(function: ContextFunction) -> ContextFunction:
        _TEMPLATES[name] = function
        return function

    return register


def is_registered(name: str) -> bool:
    return name in _TEMPLATES


def context_function(name: str) -> ContextFunction:
    try:
        return _TEMPLATES[name]
    except KeyError:
        raise UnknownTemplate(f"no mail template is registered as {name!r}") from None


def template_paths(name: str) -> tuple[str, str, str]:
    """The subject, text and HTML template files of ``name``."""
    feature, _, short = name.partition("/")
    stem = f"{feature}/mail/{short}"
    return f"{stem}.subject.txt", f"{stem}.txt", f"{stem}.html"


def absolute_url(endpoint: str, **values: Any) -> str:
    """The full address of ``endpoint`` under ``PB_BASE_URL``, with or without a request (the worker has none)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)
