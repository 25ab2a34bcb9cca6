"""Staff accounts, password sign-in and its throttle."""
from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import lru_cache

from email_validator import EmailNotValidError, validate_email
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from pb.audit.services import record
from pb.communities.models import Community
from pb.db import utcnow
from pb.staff.models import LoginAttempt, Role, StaffUser

MAX_FAILURES = 5
THROTTLE_WINDOW = timedelta(minutes=15)
MIN_PASSWORD_LENGTH = 10


class StaffError(ValueError):
    """A staff account cannot be created or changed as asked; the message says why."""


class InvalidCredentials(Exception):
    """Wrong email or password (deliberately not saying which)."""


class LoginThrottled(Exception):
    """Too many failed sign-ins for this account or address in the last 15 minutes."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")


def session_fingerprint(user: StaffUser) -> str:
    """Changes with the password and at every sign-out, ending the sessions made before."""
    material = f"{user.password_hash}:{user.session_generation}"
    return hashlib.sha256(material.encode()).hexdigest()[:20]


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


def _recent_failures(session: Session, before: LoginAttempt, *conditions: object) -> int:
    since = utcnow() - THROTTLE_WINDOW
    return session.scalar(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.attempted_at > since,
            LoginAttempt.id < before.id,
            *conditions,
        )
    ) or 0


def _is_throttled(session: Session, attempt: LoginAttempt) -> bool:
    """Five failures before this attempt, for the account (since its last success) or from the address."""
    last_success = session.scalar(
        select(func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.email == attempt.email, LoginAttempt.succeeded.is_(True)
        )
    )
    account_conditions: list[object] = [LoginAttempt.email == attempt.email]
    if last_success is not None:
        account_conditions.append(LoginAttempt.attempted_at > last_success)
    return (
        _recent_failures(session, attempt, *account_conditions) >= MAX_FAILURES
        or _recent_failures(session, attempt, LoginAttempt.ip_address == attempt.ip_address) >= MAX_FAILURES
    )


def begin_sign_in(session: Session, email: str, ip_address: str) -> LoginAttempt:
    """Record a sign-in attempt as failed until proven otherwise.

    The caller commits it before calling ``finish_sign_in``, so attempts made
    in parallel (other workers) see each other and the throttle cannot be
    outrun.
    """
    attempt = LoginAttempt(email=normalise_email(email), ip_address=ip_address, succeeded=False)
    session.add(attempt)
    session.flush()
    return attempt


def finish_sign_in(session: Session, attempt: LoginAttempt, password: str) -> StaffUser:
    """Check the password of a committed attempt and audit it. Raises LoginThrottled or InvalidCredentials."""
    if _is_throttled(session, attempt):
        # A refused attempt is not a failure: it must not keep extending the lock.
        session.delete(attempt)
        record(session, "staff.login_throttled", actor_label=attempt.email)
        raise LoginThrottled
    user = session.scalar(select(StaffUser).where(StaffUser.email == attempt.email))
    if user is None:
        check_password_hash(_dummy_hash(), password)  # same work either way: no account probing by timing
        succeeded = False
    else:
        succeeded = check_password_hash(user.password_hash, password) and user.is_active
    if not succeeded:
        record(session, "staff.login_failed", actor_label=attempt.email, details={"known_account": user is not None})
        raise InvalidCredentials
    assert user is not None
    attempt.succeeded = True
    user.last_login_at = utcnow()
    record(session, "staff.login", actor=user)
    return user


def sign_out(session: Session, user: StaffUser) -> None:
    """End every session of the user, including copies of the cookie, and audit it."""
    user.session_generation += 1
    record(session, "staff.logout", actor=user)
