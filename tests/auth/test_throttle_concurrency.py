"""pb/auth/services.py: the sign-in throttle holds when attempts arrive in parallel."""
from __future__ import annotations

import threading
import uuid

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pb.audit.models import AuditEvent
from pb.db import make_engine
from pb.auth.models import LoginAttempt
from pb.auth.services import InvalidCredentials, LoginThrottled, begin_sign_in, finish_sign_in

PARALLEL_ATTEMPTS = 20


def test_parallel_guesses_cannot_outrun_the_throttle(database_url: str, engine: Engine) -> None:
    """Twenty simultaneous guesses from separate connections: most are refused unchecked."""
    del engine  # requested only so the schema exists; the workers below use the app's own settings
    engine = make_engine(database_url)
    email = f"target-{uuid.uuid4().hex[:8]}@example.org"
    outcomes: list[str] = []
    start = threading.Barrier(PARALLEL_ATTEMPTS)

    def guess(n: int) -> None:
        with Session(engine) as session:
            start.wait()
            attempt = begin_sign_in(session, email, f"198.51.100.{n}")
            session.commit()
            try:
                finish_sign_in(session, attempt, f"guess {n}")
            except InvalidCredentials:
                outcomes.append("checked")
            except LoginThrottled:
                outcomes.append("refused")
            session.commit()

    threads = [threading.Thread(target=guess, args=(n,)) for n in range(PARALLEL_ATTEMPTS)]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert len(outcomes) == PARALLEL_ATTEMPTS
        # Committing the attempt before checking makes later attempts see earlier ones;
        # only a handful can slip through in the instant between two commits.
        assert outcomes.count("checked") <= PARALLEL_ATTEMPTS // 2
        assert outcomes.count("refused") >= PARALLEL_ATTEMPTS // 2
    finally:
        with Session(engine) as session:
            session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))
            session.execute(delete(AuditEvent).where(AuditEvent.actor_label == email))
            session.commit()
        engine.dispose()
