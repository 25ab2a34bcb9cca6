"""The app under test as a real server: werkzeug on localhost, its own SQLite file, a real SMTP server for its mail.

One ``LiveSite`` serves the whole browser test session. ``reset()`` puts a pristine
copy of the seeded database back under the running server, so a test that changes
data (the journey) leaves nothing behind for the next one.
"""
from __future__ import annotations

import os
import re
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from flask import Flask
from sqlalchemy.orm import Session
from werkzeug.serving import BaseWSGIServer, make_server

from pb.db import make_engine
from pb.migrate import upgrade

SECRET_KEY = "browser-test-secret-key-0123456789abcdef"
LINK = re.compile(r"https?://[^\s<>\"')]+")

#: Prepares a freshly migrated database (seed it, move the round to a phase). It may commit.
Prepare = Callable[[Session], None]


@dataclass
class Mailbox:
    """Every message the SMTP server received, as parsed e-mails."""

    messages: list[EmailMessage] = field(default_factory=list)
    _arrived: threading.Condition = field(default_factory=threading.Condition)

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # aiosmtpd handler hook
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self._arrived:
            self.messages.append(message)  # type: ignore[arg-type]
            self._arrived.notify_all()
        return "250 OK"

    def clear(self) -> None:
        with self._arrived:
            self.messages.clear()

    def wait_for(self, to: str, subject_contains: str = "", timeout: float = 10.0) -> EmailMessage:
        """The newest message to ``to`` whose subject contains the text; waits for it to arrive."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while True:
                for message in reversed(self.messages):
                    if to.lower() in str(message["To"]).lower() and subject_contains in str(message["Subject"]):
                        return message
                left = deadline - time.monotonic()
                if left <= 0:
                    seen = [(str(m["To"]), str(m["Subject"])) for m in self.messages]
                    raise AssertionError(f"no mail to {to} with {subject_contains!r} arrived; got {seen}")
                self._arrived.wait(left)


def text_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None, "the mail has no plain-text part"
    return part.get_content()


def links_in(message: EmailMessage) -> list[str]:
    """The links of the plain-text part, in order (what a resident would click)."""
    return LINK.findall(text_of(message))


class LiveSite:
    """The app behind a threaded werkzeug server on 127.0.0.1, with a mailbox behind its SMTP settings."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.database = folder / "site.sqlite3"
        self.mailbox = Mailbox()
        self._snapshots: dict[str, Path] = {}
        #: The name of the snapshot now served (a signed-in cookie is only good for the database it was made on).
        self.current = ""
        self._smtp = Controller(self.mailbox, hostname="127.0.0.1", port=_free_port())
        self._smtp_running = False
        self._app: Flask | None = None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    def _dispatch(self, environ: dict[str, Any], start_response: Any) -> Any:
        assert self._app is not None
        return self._app(environ, start_response)

    @property
    def app(self) -> Flask:
        assert self._app is not None
        return self._app

    def start(self, prepare: Prepare) -> None:
        from pb import create_app

        self._build(self.database, prepare)
        self._smtp.start()
        self._smtp_running = True
        # The server is bound before the app exists, so the app's PB_BASE_URL can name the real port.
        self._server = make_server("127.0.0.1", 0, self._dispatch, threaded=True)
        self.url = f"http://127.0.0.1:{self._server.server_port}"
        environment = {
            "PB_ENV": "development",
            "PB_SECRET_KEY": SECRET_KEY,
            "PB_DATABASE_URL": f"sqlite:///{self.database}",
            "PB_BASE_URL": self.url,
            "PB_SMTP_HOST": "127.0.0.1",
            "PB_SMTP_PORT": str(self._smtp.port),
            "PB_SMTP_STARTTLS": "false",
            "PB_MAIL_FROM": "Oplandspuljen <noreply@oplandspuljen.test>",
        }
        with _environment(environment):
            self._app = create_app()
        self._thread = threading.Thread(target=self._server.serve_forever, name="live-site", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None and self._server is not None:
            self._server.shutdown()
            self._thread.join(timeout=10)
        if self._server is not None:
            self._server.server_close()
        if self._app is not None:
            self._app.extensions["pb.engine"].dispose()
        if self._smtp_running:
            self._smtp.stop()
            self._smtp_running = False

    def reset(self, name: str, prepare: Prepare) -> None:
        """Serve a fresh database made by ``prepare`` (made once per name, then copied)."""
        snapshot = self._snapshots.get(name)
        if snapshot is None:
            snapshot = self.folder / f"snapshot-{name}.sqlite3"
            self._build(snapshot, prepare)
            self._snapshots[name] = snapshot
        self.app.extensions["pb.engine"].dispose()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{self.database}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(snapshot, self.database)
        self.current = name
        self.mailbox.clear()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A database session on the served database, for setting up what no page does yet."""
        with self.app.app_context():
            session = Session(self.app.extensions["pb.engine"])
            try:
                yield session
            finally:
                session.close()

    def run_command(self, *args: str) -> str:
        """Run a ``flask --app pb`` command (e.g. the mail worker) against the served database."""
        result = self.app.test_cli_runner().invoke(args=list(args), catch_exceptions=False)
        assert result.exit_code == 0, result.output
        return result.output

    @staticmethod
    def _build(path: Path, prepare: Prepare) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        engine = make_engine(f"sqlite:///{path}")
        try:
            upgrade(engine)
            with Session(engine) as session:
                prepare(session)
                session.commit()
        finally:
            engine.dispose()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
