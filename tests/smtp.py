"""A real SMTP server on localhost for tests: aiosmtpd, recording what it receives, with scripted answers.

Use the ``smtp_server`` fixture (tests/conftest.py) or ``running_smtp_server()``::

    def test_x(smtp_server):
        smtp_server.data_answers = ["451 4.3.0 Try again later"]   # the next DATA is refused, then 250
        smtp_server.rcpt_answers["gone@example.dk"] = ["550 5.1.1 No such user"]
        ...
        assert smtp_server.message_ids() == [...]

Point the app at it with ``PB_SMTP_HOST=smtp_server.host`` and ``PB_SMTP_PORT=smtp_server.port``.
"""
from __future__ import annotations

import socket
import threading
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


@dataclass
class ReceivedMessage:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]

    @property
    def message_id(self) -> str:
        return str(self.message["Message-ID"])


@dataclass
class RecordingHandler:
    """The aiosmtpd handler: keeps every accepted message; answers from the scripts first."""

    received: list[ReceivedMessage] = field(default_factory=list)
    #: Answers for the next DATA commands, in order ("451 ..." refuses one; "250 OK" accepts one).
    data_answers: list[str] = field(default_factory=list)
    #: Answers for RCPT TO by address, in order; an address without answers left is accepted.
    rcpt_answers: dict[str, list[str]] = field(default_factory=dict)
    #: Close the connection when a session starts its n-th message (tests reconnecting).
    drop_after: int | None = None
    #: Seconds to wait before accepting each message (a slow relay).
    delay: float = 0.0
    connections: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str, responses: list[str]) -> list[str]:
        session.host_name = hostname
        session.pb_count = 0
        with self.lock:
            self.connections += 1
        return responses

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        count = getattr(session, "pb_count", 0)
        if self.drop_after is not None and count >= self.drop_after:
            server.transport.close()
            return "421 4.3.2 Closing connection"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list[str]) -> str:
        with self.lock:
            answers = self.rcpt_answers.get(address)
            answer = answers.pop(0) if answers else None
        if answer and not answer.startswith("2"):
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.delay:
            time.sleep(self.delay)  # blocks this server's loop only, like a slow relay
        with self.lock:
            answer = self.data_answers.pop(0) if self.data_answers else "250 Message accepted"
            if answer.startswith("2"):
                self.received.append(ReceivedMessage(envelope.mail_from, list(envelope.rcpt_tos), bytes(envelope.content)))
        session.pb_count = getattr(session, "pb_count", 0) + 1
        return answer


class SmtpServer:
    """A running aiosmtpd on 127.0.0.1 and a free port, with its recording handler."""

    def __init__(self, handler: RecordingHandler, controller: Controller, host: str, port: int) -> None:
        self.handler = handler
        self.controller = controller
        self.host = host
        self.port = port

    @property
    def received(self) -> list[ReceivedMessage]:
        with self.handler.lock:
            return list(self.handler.received)

    @property
    def data_answers(self) -> list[str]:
        return self.handler.data_answers

    @data_answers.setter
    def data_answers(self, answers: list[str]) -> None:
        with self.handler.lock:
            self.handler.data_answers = list(answers)

    @property
    def rcpt_answers(self) -> dict[str, list[str]]:
        return self.handler.rcpt_answers

    def message_ids(self) -> list[str]:
        return [message.message_id for message in self.received]

    def environ(self) -> dict[str, str]:
        """The PB_SMTP_* variables that point the app at this server."""
        return {"PB_SMTP_HOST": self.host, "PB_SMTP_PORT": str(self.port), "PB_SMTP_STARTTLS": "false"}


class _LoopbackController(Controller):
    """A Controller whose AUTH over plain text (fine on loopback, in tests) does not warn."""

    def factory(self) -> Any:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "Requiring AUTH while not requiring TLS", UserWarning)
            return super().factory()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


@contextmanager
def running_smtp_server(*, login: tuple[str, str] | None = None, **handler_options: Any) -> Iterator[SmtpServer]:
    """Start aiosmtpd on a free loopback port; with ``login`` it requires AUTH with that user and password."""
    handler = RecordingHandler(**handler_options)
    host, port = "127.0.0.1", free_port()
    options: dict[str, Any] = {}
    if login is not None:

        def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
            ok = isinstance(data, LoginPassword) and (data.login.decode(), data.password.decode()) == login
            return AuthResult(success=ok, handled=False)

        options = {"authenticator": authenticate, "auth_required": True, "auth_require_tls": False}
    controller = _LoopbackController(handler, hostname=host, port=port, ready_timeout=10, **options)
    controller.start()
    try:
        yield SmtpServer(handler, controller, host, port)
    finally:
        controller.stop()
