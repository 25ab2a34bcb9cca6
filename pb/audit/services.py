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
    community: Any = None,
) -> AuditEvent:
    """Add one audit event; ``actor_label`` names actors that are not staff ("cli", an email).

    The event keeps the object's name as it is now (so the log still reads
    well after a rename) and its community: ``community`` when given, else the
    object's own ``community``, or the object itself when it is a community.
    """
    label = actor_label or (actor.email if actor is not None else "system")
    event = AuditEvent(
        object_label=_object_label(obj),
        community_id=_community_id(obj, community),
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


def _object_label(obj: Any) -> str | None:
    """A proposal's title, a round's or community's name, a staff user's e-mail."""
    for attribute in ("title", "name", "email"):
        value = getattr(obj, attribute, None)
        if isinstance(value, str) and value:
            return value[:200]
    return None


def _community_id(obj: Any, community: Any) -> int | None:
    if community is not None:
        return community.id
    if obj is None:
        return None
    if type(obj).__name__ == "Community":
        return obj.id
    community_id = getattr(obj, "community_id", None)
    return community_id if isinstance(community_id, int) else None
