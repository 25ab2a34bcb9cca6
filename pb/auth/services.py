"""Password sign-in, its throttle, and ending sessions."""
from __future__ import annotations

import hashlib
from datetime import timedelta
from functools import lru_cache

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from pb.audit.services import record
from pb.auth.models import LoginAttempt, StaffUser
from pb.db import utcnow
from pb.emails import normalise_email
from pb.errors import DomainError

MAX_FAILURES = 5
THROTTLE_WINDOW = timedelta(minutes=15)


class InvalidCredentials(DomainError):
    """Wrong email or password (deliberately not saying which)."""

    status = 422

    def __init__(self) -> None:
        super().__init__(_l("Forkert e-mail eller adgangskode. Prøv igen."))


class LoginThrottled(DomainError):
    """Too many failed sign-ins for this account or address in the last 15 minutes."""

    status = 429

    def __init__(self) -> None:
        super().__init__(_l("For mange forkerte forsøg. Vent 15 minutter, og prøv så igen."))


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")


def session_fingerprint(user: StaffUser) -> str:
    """Changes with the password and at every sign-out, ending the sessions made before."""
    material = f"{user.password_hash}:{user.session_generation}"
    return hashlib.sha256(material.encode()).hexdigest()[:20]


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
