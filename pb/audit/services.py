"""Writing the audit trail. Every staff change calls ``record`` in the same transaction."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from flask import has_request_context, request
from sqlalchemy.orm import Session

from pb.audit.models import AuditEvent

if TYPE_CHECKING:
    from pb.auth.models import StaffUser


def record(
    session: Session,
    action: str,
    *,
    actor: StaffUser | None = None,
    actor_label: str | None = None,
    obj: Any = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Add one audit event; ``actor_label`` names actors that are not staff ("cli", an email)."""
    label = actor_label or (actor.email if actor is not None else "system")
    event = AuditEvent(
        action=action,
        actor_id=actor.id if actor is not None else None,
        actor_label=label,
        object_type=type(obj).__name__ if obj is not None else None,
        object_id=str(obj.id) if obj is not None and getattr(obj, "id", None) is not None else None,
        details=details or {},
        ip_address=request.remote_addr if has_request_context() else None,
    )
    session.add(event)
    return event
