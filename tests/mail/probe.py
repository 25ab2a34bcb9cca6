"""A mail template that exists only in the tests ("tests/probe"), for proving the outbox end to end.

Its context signs a ballot-purpose token at render time and puts it in a link,
as a real invitation does, so tests can check that links work and are never stored.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask
from jinja2 import ChoiceLoader, FileSystemLoader
from sqlalchemy.orm import Session

from pb.mail.registry import MailObsolete, absolute_url, mail_template
from pb.signing import Purpose, sign

PROBE = "tests/probe"
TEMPLATES = Path(__file__).parent / "templates"


@mail_template(PROBE)
def probe_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """A greeting with a signed link to the front page; ``obsolete`` makes it refuse."""
    if params.get("obsolete"):
        raise MailObsolete("Modtageren findes ikke længere")
    token = sign(Purpose.BALLOT, {"voter": params["n"], "round": 1, "version": 1})
    return {"n": params["n"], "name": params.get("name", ""), "link": absolute_url("home.index", t=token)}


def add_probe_templates(app: Flask) -> Flask:
    """Let ``app`` find the probe's template files, which live under tests/."""
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, FileSystemLoader(str(TEMPLATES))])  # type: ignore[list-item]
    return app


def probe_params(n: int, **extra: Any) -> dict[str, Any]:
    return {"n": n, **extra}
