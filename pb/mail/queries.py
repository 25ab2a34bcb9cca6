"""Read-only views of the outbox for /dev/mail and the officials' page."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from jinja2 import TemplateNotFound
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.mail.models import OutboundEmail
from pb.mail.registry import MailObsolete, UnknownTemplate
from pb.mail.render import RenderedMessage, render_message

_LINK = re.compile(r"(https?://[^\s<>\"]+)")


@dataclass(frozen=True)
class PreviewedMessage:
    """A row with the message as the worker would send it now, or why it cannot be rendered."""

    row: OutboundEmail
    rendered: RenderedMessage | None
    problem: str | None

    def text_pieces(self) -> list[tuple[str, bool]]:
        """The text part cut into (piece, is_link) so the page can make its links clickable."""
        if self.rendered is None:
            return []
        pieces = _LINK.split(self.rendered.text)
        return [(piece, index % 2 == 1) for index, piece in enumerate(pieces) if piece]

    def as_json(self) -> dict[str, Any]:
        rendered = self.rendered
        return {
            "id": self.row.id,
            "to": self.row.recipient,
            "subject": rendered.subject if rendered else "",
            "text": rendered.text if rendered else "",
            "html": rendered.html if rendered else "",
            "purpose": self.row.purpose,
            "status": self.row.status.value,
            "message_id": self.row.message_id,
            "language": self.row.language,
            "created_at": self.row.created_at.isoformat(),
            "error": self.problem or self.row.last_error,
        }


def newest_rows(session: Session, limit: int | None = None, offset: int = 0) -> list[OutboundEmail]:
    statement = select(OutboundEmail).order_by(OutboundEmail.id.desc()).offset(offset)
    if limit is not None:
        statement = statement.limit(limit)
    return list(session.scalars(statement))


def preview(session: Session, row: OutboundEmail) -> PreviewedMessage:
    """Render ``row`` the way the worker would; a message that cannot be rendered says why instead."""
    try:
        return PreviewedMessage(row, render_message(session, row), None)
    except MailObsolete as obsolete:
        return PreviewedMessage(row, None, obsolete.reason)
    except UnknownTemplate as error:
        return PreviewedMessage(row, None, str(error))
    except TemplateNotFound as error:
        return PreviewedMessage(row, None, f"template file missing: {error.name}")
