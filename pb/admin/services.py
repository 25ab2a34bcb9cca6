"""Staff users: creating them (the CLI and, later, the admin pages)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.auth.models import Role, StaffUser
from pb.auth.passwords import check_password
from pb.auth.services import hash_password
from pb.communities.models import Community
from pb.emails import valid_email
from pb.errors import DomainError


class StaffError(DomainError):
    """A staff account cannot be created or changed as asked; the Danish message says why."""

    status = 422


def create_staff(
    session: Session,
    email: str,
    password: str,
    role: Role,
    community_slugs: list[str] | tuple[str, ...] = (),
    *,
    actor_label: str = "cli",
) -> StaffUser:
    """Create a staff user.

    Raises InvalidEmail, WeakPassword (the one password policy) or StaffError
    (taken email, wrong community scope); all are DomainErrors in Danish.
    """
    email = valid_email(email)
    check_password(password)
    if session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
        raise StaffError(_l("Der findes allerede en medarbejder med e-mailen %(email)s.", email=email))
    if role is Role.PLAYMAKER and not community_slugs:
        raise StaffError(_l("En playmaker skal have mindst ét lokalsamfund."))
    if role is not Role.PLAYMAKER and community_slugs:
        raise StaffError(_l("Kun playmakere hører til bestemte lokalsamfund. Administratorer og medarbejdere når dem alle."))
    communities = list(session.scalars(select(Community).where(Community.slug.in_(community_slugs))))
    unknown = sorted(set(community_slugs) - {c.slug for c in communities})
    if unknown:
        raise StaffError(_l("Lokalsamfundet findes ikke: %(slugs)s.", slugs=", ".join(unknown)))

    user = StaffUser(email=email, password_hash=hash_password(password), role=role)
    user.communities = communities
    session.add(user)
    session.flush()
    record(
        session, "staff.create", actor_label=actor_label, obj=user,
        details={"after": {"email": email, "role": role.value, "communities": sorted(community_slugs)}},
    )
    return user
