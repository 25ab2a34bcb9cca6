"""Helpers for worker tests: an app on a fresh database pointed at the test SMTP server, and filling its outbox."""
from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from pb import create_app
from pb.db import get_engine
from pb.mail.models import OutboundEmail
from pb.mail.services import enqueue_many
from pb.mail.worker import Worker, WorkerOptions
from tests.mail.probe import PROBE, add_probe_templates
from tests.smtp import SmtpServer

REPO = Path(__file__).resolve().parents[2]
SECRET = "test-secret-key-that-is-long-enough-0123456789"
#: Apps made by ``outbox_app``; tests/mail/conftest.py closes their engines after each test.
MADE_APPS: list[Flask] = []


def outbox_environ(database_url: str, smtp: SmtpServer | None, **extra: str) -> dict[str, str]:
    environ = {
        "PB_DATABASE_URL": database_url,
        "PB_SECRET_KEY": SECRET,
        "PB_BASE_URL": "http://pb.test",
        "PB_MAIL_FROM": "Oplandspuljen Århus <noreply@pb.test>",
    }
    if smtp is not None:
        environ.update(smtp.environ())
    environ.update(extra)
    return environ


def outbox_app(monkeypatch: pytest.MonkeyPatch, database_url: str, smtp: SmtpServer | None, **extra: str) -> Flask:
    monkeypatch.delenv("PB_ENV", raising=False)
    for name in ("PB_SMTP_USER", "PB_SMTP_PASSWORD", "PB_MAIL_LEASE_SECONDS"):
        monkeypatch.delenv(name, raising=False)
    for name, value in outbox_environ(database_url, smtp, **extra).items():
        monkeypatch.setenv(name, value)
    app = add_probe_templates(create_app({"TESTING": True}))
    MADE_APPS.append(app)
    return app


def fill(app: Flask, count: int, start: int = 0, **fields: Any) -> list[str]:
    """Commit ``count`` probe messages; returns their Message-IDs."""
    messages = [
        {"to": f"person{n}@example.dk", "purpose": "invitation", "template": PROBE, "params": {"n": n}, "dedup_key": f"probe:{n}", **fields}
        for n in range(start, start + count)
    ]
    with app.app_context(), Session(get_engine()) as session:
        enqueue_many(session, messages)
        session.commit()
        return list(session.scalars(select(OutboundEmail.message_id).where(OutboundEmail.dedup_key.in_([m["dedup_key"] for m in messages]))))


def rows(app: Flask) -> list[OutboundEmail]:
    with app.app_context(), Session(get_engine()) as session:
        return list(session.scalars(select(OutboundEmail).order_by(OutboundEmail.id)))


@contextmanager
def worker_for(app: Flask, clock: Callable[[], datetime] | None = None, **options: Any) -> Iterator[Worker]:
    """A worker with ``options`` overriding the settings' (and a fake clock, if given)."""
    with app.app_context():
        extra = {"clock": clock} if clock is not None else {}
        worker = Worker(get_engine(), WorkerOptions.from_settings(app.config["PB_SETTINGS"], **options), **extra)
        try:
            yield worker
        finally:
            worker.close()
            get_engine().dispose()


def subprocess_environ(database_url: str, smtp: SmtpServer, **extra: str) -> dict[str, str]:
    environ = {key: value for key, value in os.environ.items() if not key.startswith(("PB_", "FLASK_"))}
    environ.update(outbox_environ(database_url, smtp, **extra))
    environ["PYTHONPATH"] = str(REPO)
    return environ
