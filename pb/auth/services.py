"""Password sign-in, its throttle, and ending sessions."""
from __future__ import annotations

import hashlib
import math
import secrets
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from werkzeug.security import check_password_hash, generate_password_hash

from pb.audit.services import record
from pb.auth.models import LoginAttempt, StaffUser
from pb.clientaddress import throttle_key
from pb.db import utcnow
from pb.emails import normalise_email
from pb.errors import DomainError
from pb.signing import LinkInvalid, Purpose, sign, unsign

#: Failures an account may have (since its last success) before each further guess has to wait.
FREE_FAILURES = 5
#: The wait after the first failure beyond the free ones; it doubles with every further failure ...
FIRST_DELAY = timedelta(seconds=30)
#: ... up to this. So a guesser gets about 100 tries a day per account, and the owner never waits longer.
MAX_DELAY = timedelta(minutes=15)
#: Failures older than this no longer count for the account.
ACCOUNT_WINDOW = timedelta(hours=24)
#: Per address (an IPv4 address, or an IPv6 /64), only a flood is refused: a municipal office shares one address.
MAX_ADDRESS_FAILURES = 100
ADDRESS_WINDOW = timedelta(minutes=15)


class InvalidCredentials(DomainError):
    """Wrong email or password (deliberately not saying which)."""

    status = 422

    def __init__(self) -> None:
        super().__init__(_l("Forkert e-mail eller adgangskode. Prøv igen."))


class LoginThrottled(DomainError):
    """A sign-in came too soon after failed ones; ``retry_after`` is how many seconds to wait."""

    status = 429

    def __init__(self, retry_after: int) -> None:
        minutes = max(1, math.ceil(retry_after / 60))
        super().__init__(
            _l("For mange forkerte forsøg. Vent et minut, og prøv så igen.")
            if minutes == 1
            else _l("For mange forkerte forsøg. Vent %(num)s minutter, og prøv så igen.", num=minutes)
        )
        self.retry_after = retry_after


def account_delay(failures: int) -> timedelta:
    """How long an account's next guess must wait after ``failures`` failures in a row."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    doublings = min(failures - FREE_FAILURES, 20)  # 30 s * 2**20 is far past the ceiling already
    return min(FIRST_DELAY * 2**doublings, MAX_DELAY)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return hash_password("not-a-real-password")


def session_fingerprint(user: StaffUser) -> str:
    """Changes with the password and at every sign-out, ending the sessions made before."""
    material = f"{user.password_hash}:{user.session_generation}"
    return hashlib.sha256(material.encode()).hexdigest()[:20]


def _failures(session: Session, before: LoginAttempt, since: datetime, *conditions: Any) -> tuple[int, datetime | None]:
    """How many failed attempts before ``before`` match, and when the latest was (pending ones count)."""
    count, latest = session.execute(
        select(func.count(LoginAttempt.id), func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.attempted_at > since,
            LoginAttempt.id < before.id,
            *conditions,
        )
    ).one()
    return count or 0, latest


def _account_wait(session: Session, attempt: LoginAttempt, now: datetime) -> float:
    """Seconds this attempt must still wait because of the account's failures in a row.

    Failures from a known device (the cookie a successful sign-in leaves) are
    counted apart from everyone else's: a stranger's guesses slow down
    strangers, never the owner at their own browser.
    """
    last_success = session.scalar(
        select(func.max(LoginAttempt.attempted_at)).where(
            LoginAttempt.email == attempt.email, LoginAttempt.succeeded.is_(True)
        )
    )
    since = max(filter(None, (last_success, now - ACCOUNT_WINDOW)))
    same_device = LoginAttempt.device == attempt.device if attempt.device else LoginAttempt.device.is_(None)
    count, latest = _failures(session, attempt, since, LoginAttempt.email == attempt.email, same_device)
    if latest is None:
        return 0.0
    return (latest + account_delay(count) - now).total_seconds()


def _address_wait(session: Session, attempt: LoginAttempt, now: datetime) -> float:
    """Seconds until this address is below the flood limit again (0 when it is below it now)."""
    if attempt.device:
        return 0.0  # the owner's own browser is never held back by what others at the address do
    oldest_counted = session.scalar(
        select(LoginAttempt.attempted_at)
        .where(
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.attempted_at > now - ADDRESS_WINDOW,
            LoginAttempt.id < attempt.id,
            LoginAttempt.ip_address == attempt.ip_address,
        )
        .order_by(LoginAttempt.attempted_at.desc())
        .offset(MAX_ADDRESS_FAILURES - 1)
        .limit(1)
    )
    if oldest_counted is None:
        return 0.0
    return (oldest_counted + ADDRESS_WINDOW - now).total_seconds()


def begin_sign_in(session: Session, email: str, ip_address: str, device: str | None = None) -> LoginAttempt:
    """Record a sign-in attempt as failed until proven otherwise.

    ``device`` is the id from a valid known-device cookie of this account
    (``known_device``), if the browser sent one. The caller commits the attempt
    before calling ``finish_sign_in``, so attempts made in parallel (other
    workers) see each other and the throttle cannot be outrun.
    """
    attempt = LoginAttempt(
        email=normalise_email(email), ip_address=throttle_key(ip_address), device=device, succeeded=False
    )
    session.add(attempt)
    session.flush()
    return attempt


def finish_sign_in(session: Session, attempt: LoginAttempt, password: str) -> StaffUser:
    """Check the password of a committed attempt and audit it. Raises LoginThrottled or InvalidCredentials."""
    now = utcnow()
    wait = max(_account_wait(session, attempt, now), _address_wait(session, attempt, now))
    if wait > 0:
        # A refused attempt is not a failure: it must not keep extending the wait.
        session.delete(attempt)
        record(session, "staff.login_throttled", actor_label=attempt.email, details={"retry_after": math.ceil(wait)})
        raise LoginThrottled(math.ceil(wait))
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
    user.last_login_at = now
    record(session, "staff.login", actor=user)
    return user


def new_known_device(user: StaffUser) -> str:
    """The cookie value a successful sign-in leaves: this browser is one the user signs in from."""
    return sign(Purpose.KNOWN_DEVICE, {"s": user.id, "d": secrets.token_hex(8)})


def known_device(session: Session, cookie: str | None, email: str) -> str | None:
    """The device id in ``cookie`` when it is a valid known-device cookie of the account ``email``."""
    if not cookie:
        return None
    try:
        payload = unsign(Purpose.KNOWN_DEVICE, cookie)
    except LinkInvalid:
        return None
    user_id = session.scalar(select(StaffUser.id).where(StaffUser.email == normalise_email(email)))
    device = payload.get("d")
    if user_id is None or payload.get("s") != user_id or not isinstance(device, str) or len(device) > 32:
        return None
    return device


def sign_out(session: Session, user: StaffUser) -> None:
    """End every session of the user, including copies of the cookie, and audit it."""
    user.session_generation += 1
    record(session, "staff.logout", actor=user)
