"""Staff users: creating them (the CLI and, later, the admin pages)."""
from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb.audit.services import record
from pb.auth.models import Role, StaffUser
from pb.auth.services import MIN_PASSWORD_LENGTH, hash_password
from pb.communities.models import Community


class StaffError(ValueError):
    """A staff account cannot be created or changed as asked; the message says why."""


def create_staff(
    session: Session,
    email: str,
    password: str,
    role: Role,
    community_slugs: list[str] | tuple[str, ...] = (),
    *,
    actor_label: str = "cli",
) -> StaffUser:
    """Create a staff user. Raises StaffError for a bad email, weak password, taken email or bad scope."""
    try:
        email = validate_email(email, check_deliverability=False).normalized.lower()
    except EmailNotValidError as error:
        raise StaffError(f"invalid email address: {error}") from None
    if len(password) < MIN_PASSWORD_LENGTH:
        raise StaffError(f"the password must be at least {MIN_PASSWORD_LENGTH} characters")
    if session.scalar(select(StaffUser.id).where(StaffUser.email == email)) is not None:
        raise StaffError(f"a staff user with the email {email} already exists")
    if role is Role.PLAYMAKER and not community_slugs:
        raise StaffError("a playmaker needs at least one --community")
    if role is not Role.PLAYMAKER and community_slugs:
        raise StaffError("only playmakers are limited to communities; leave out --community")
    communities = list(session.scalars(select(Community).where(Community.slug.in_(community_slugs))))
    unknown = sorted(set(community_slugs) - {c.slug for c in communities})
    if unknown:
        raise StaffError(f"unknown community: {', '.join(unknown)}")

    user = StaffUser(email=email, password_hash=hash_password(password), role=role)
    user.communities = communities
    session.add(user)
    session.flush()
    record(
        session, "staff.create", actor_label=actor_label, obj=user,
        details={"after": {"email": email, "role": role.value, "communities": sorted(community_slugs)}},
    )
    return user
