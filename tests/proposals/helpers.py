"""Shared test helpers: reading the outbox the way a proposer reads their mail, and a filled-in form."""
from __future__ import annotations

import re
from typing import Any

from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.mail.models import OutboundEmail
from pb.mail.render import render_message

LINK = re.compile(r"http://pb\.test(/forslag/[a-z-]+/[A-Za-z0-9_.\-]+)")


def mails(app: Flask, session: Session, purpose: str) -> list[Any]:
    """Every queued mail of ``purpose``, rendered as the worker would send it, oldest first."""
    rows = session.scalars(select(OutboundEmail).where(OutboundEmail.purpose == purpose).order_by(OutboundEmail.id))
    with app.test_request_context():
        return [render_message(session, row) for row in rows]


def recipients(session: Session, purpose: str) -> list[str]:
    rows = session.scalars(select(OutboundEmail).where(OutboundEmail.purpose == purpose).order_by(OutboundEmail.id))
    return [row.recipient for row in rows]


def link_in(message: Any) -> str:
    """The path of the one proposal link in a mail's text."""
    match = LINK.search(message.text)
    assert match, message.text
    return match.group(1)


def proposal_form(**overrides: Any) -> dict[str, Any]:
    data = {
        "community": "",
        "title": "Shelter ved søen",
        "summary": "Et shelter til overnatning ved søen.",
        "description": "Et shelter med plads til seks, bålplads og brænde.",
        "cost": "85.000 kr.",
        "category": "",
        "location": "Ved søen",
        "name": "Mette Hansen",
        "email": "mette@example.org",
        "phone": "",
        "consent": "y",
        "website": "",
    }
    data.update(overrides)
    return data
