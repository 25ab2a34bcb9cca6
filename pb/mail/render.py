"""Turning a queued row into the message the worker sends: subject, text and HTML, in the row's language.

Rendering happens at send time (and on ``/dev/mail``), so signed links are made
then and never stored. ``build_email`` adds the headers every message carries.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr

from flask import current_app
from flask_babel import force_locale
from sqlalchemy.orm import Session

from pb.db import utcnow
from pb.mail.models import OutboundEmail
from pb.mail.registry import absolute_url, context_function, template_paths


@dataclass(frozen=True)
class RenderedMessage:
    to: str
    subject: str
    text: str
    html: str
    message_id: str
    purpose: str
    language: str


def render_message(session: Session, row: OutboundEmail) -> RenderedMessage:
    """Render ``row`` exactly as the worker sends it. Raises MailObsolete when its context function says so."""
    make_context = context_function(row.template)
    subject_file, text_file, html_file = template_paths(row.template)
    with force_locale(row.language):
        context = make_context(session, dict(row.params))
        context.setdefault("home_url", absolute_url("help.help_page"))  # the help page: how to vote, whom to contact
        context.setdefault("language", row.language)
        subject = " ".join(_render(subject_file, context).split())
        context["subject"] = subject
        text = _tidy_text(_render(text_file, context))
        html = _render(html_file, context)
    return RenderedMessage(
        to=row.recipient,
        subject=subject,
        text=text,
        html=html,
        message_id=row.message_id,
        purpose=row.purpose,
        language=row.language,
    )


def _render(name: str, context: dict[str, object]) -> str:
    """Straight through Jinja: no request context processors, so a mail never depends on who is looking."""
    return current_app.jinja_env.get_template(name).render(absolute_url=absolute_url, **context)


def _tidy_text(text: str) -> str:
    """No trailing spaces, at most one empty line in a row, one final newline."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"


def build_email(rendered: RenderedMessage, mail_from: str) -> EmailMessage:
    """The RFC 5322 message: From, To, Subject (encoded when not ASCII), Date, Message-ID, Auto-Submitted; text and HTML."""
    message = EmailMessage()
    message["From"] = _address(mail_from)
    message["To"] = _address(rendered.to)
    message["Subject"] = rendered.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = rendered.message_id
    message["Auto-Submitted"] = "auto-generated"
    message["Content-Language"] = rendered.language
    message.set_content(rendered.text, cte="quoted-printable")
    message.add_alternative(rendered.html, subtype="html", cte="quoted-printable")
    return message


def _address(value: str) -> Address:
    name, address = parseaddr(value)
    if not address or "@" not in address:
        raise ValueError(f"not an e-mail address: {value!r}")
    username, _, domain = address.rpartition("@")
    return Address(display_name=name, username=username, domain=domain)


def sender_address(mail_from: str | None = None) -> str:
    """The bare address of ``PB_MAIL_FROM`` (the SMTP envelope sender)."""
    return parseaddr(mail_from or current_app.config["PB_SETTINGS"].mail_from)[1]
