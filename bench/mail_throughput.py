"""Benchmark the mail outbox: enqueueing through the service, and sending through the worker.

Not a test: each figure is a ratio against a bare baseline measured in the same run.

* **Enqueue**: 100,000 invitations through ``pb.mail.services.enqueue_many`` (the
  service a bulk send uses: checks, Message-IDs, dedup keys, ON CONFLICT DO
  NOTHING), against a bare DB-API ``executemany`` INSERT of the same rows, made
  beforehand. Target: at most 3x the bare insert. For reference it also times
  the one-message ``enqueue`` on a tenth of the rows.
* **Send**: 10,000 messages through the ``send-mail`` worker (claim, render with a
  signed link and a database read per message, send, mark sent and commit per
  message) to a local aiosmtpd in another process, against a bare ``smtplib``
  loop that sends the same messages, rendered beforehand, over one connection.
  Target: at least 50 % of the bare loop's rate.

Both run on SQLite and, when it can be reached, PostgreSQL. The template is a
bench-only invitation ("bench/invitation") shaped like a real one.

Usage (repository root):

    .venv/bin/python bench/mail_throughput.py
    .venv/bin/python bench/mail_throughput.py --enqueue 20000 --send 2000 --backend sqlite
    PB_BENCH_POSTGRES_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test .venv/bin/python bench/mail_throughput.py
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from jinja2 import ChoiceLoader, FileSystemLoader  # noqa: E402
from sqlalchemy import delete, func, select, text  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

from pb import create_app  # noqa: E402
from pb.communities.models import Community  # noqa: E402
from pb.config import normalise_database_url  # noqa: E402
from pb.db import get_engine, make_engine  # noqa: E402
from pb.mail.models import OutboundEmail  # noqa: E402
from pb.mail.registry import absolute_url, mail_template  # noqa: E402
from pb.mail.render import build_email, render_message, sender_address  # noqa: E402
from pb.mail.services import _row_values, enqueue, enqueue_many  # noqa: E402
from pb.mail.worker import Worker, WorkerOptions  # noqa: E402
from pb.migrate import upgrade  # noqa: E402
from pb.signing import Purpose, sign  # noqa: E402

TEMPLATES = Path(__file__).parent / "mail_templates"
DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
ENQUEUE_TARGET, SEND_TARGET = 3.0, 0.5

SMTP_SERVER = """
import sys, time
from aiosmtpd.controller import Controller
class Count:
    count = 0
    async def handle_DATA(self, server, session, envelope):
        Count.count += 1
        return "250 OK"
controller = Controller(Count(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
"""


@mail_template("bench/invitation")
def invitation_context(session: Session, params: dict[str, Any]) -> dict[str, Any]:
    """Like a real invitation: one database read, and a ballot link signed now."""
    name = session.scalar(select(Community.name).where(Community.id == params["community_id"]))
    token = sign(Purpose.BALLOT, {"voter": params["voter_id"], "round": 1, "version": 1})
    return {"community": name, "link": absolute_url("home.index", t=token)}


def messages(count: int, community_id: int, start: int = 0) -> list[dict[str, Any]]:
    return [
        {
            "to": f"beboer{n}@example.dk",
            "purpose": "invitation",
            "template": "bench/invitation",
            "params": {"voter_id": n, "community_id": community_id, "wave": 1},
            "dedup_key": f"invitation:{n}:1",
        }
        for n in range(start, start + count)
    ]


def fresh_database(backend: str, workdir: Path) -> tuple[str, Any]:
    """A migrated empty database; returns its URL and a clean-up function."""
    if backend == "sqlite":
        url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        cleanup = lambda: None  # noqa: E731
    else:
        base = normalise_database_url(os.environ.get("PB_BENCH_POSTGRES_URL", DEFAULT_POSTGRES))
        schema = f"pb_bench_mail_{os.getpid()}"
        engine = make_engine(base)
        with engine.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        engine.dispose()
        from sqlalchemy.engine import make_url

        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)

        def cleanup() -> None:
            engine = make_engine(base)
            with engine.begin() as connection:
                connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            engine.dispose()

    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    return url, cleanup


def make_app(url: str, smtp_port: int):
    os.environ.update(
        {
            "PB_DATABASE_URL": url,
            "PB_SECRET_KEY": "bench-secret-key-that-is-long-enough-0123456789",
            "PB_BASE_URL": "https://deltag.example.dk",
            "PB_SMTP_HOST": "127.0.0.1",
            "PB_SMTP_PORT": str(smtp_port),
            "PB_SMTP_STARTTLS": "false",
            "PB_MAIL_FROM": "Oplandspuljen <noreply@example.dk>",
        }
    )
    os.environ.pop("PB_ENV", None)
    app = create_app()
    app.jinja_env.loader = ChoiceLoader([app.jinja_env.loader, FileSystemLoader(str(TEMPLATES))])
    return app


def clear_outbox(session: Session) -> None:
    session.execute(delete(OutboundEmail))
    session.commit()


def bare_insert(session: Session, rows: list[dict[str, Any]]) -> float:
    """The same rows, ready-made, through the driver's executemany in one transaction."""
    columns = list(rows[0])
    postgres = session.get_bind().dialect.name == "postgresql"
    marker = "%s" if postgres else "?"
    sql = f"INSERT INTO outbound_email ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"
    values = [tuple(row[column] for column in columns) for row in rows]
    connection = session.connection().connection.driver_connection
    started = time.perf_counter()
    cursor = connection.cursor()
    cursor.executemany(sql, values)
    session.commit()
    return time.perf_counter() - started


def stored_rows(app, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What the service would store for ``batch``, as plain column values (made before timing)."""
    now = datetime.now(timezone.utc)
    rows = []
    with app.app_context():
        for message in batch:
            values = _row_values(message["to"], message["purpose"], message["template"], message["params"], "da", message["dedup_key"], now)
            values["params"] = json.dumps(values["params"])
            values["status"] = values["status"].value
            for key in ("created_at", "next_attempt_at"):
                values[key] = values[key].isoformat(sep=" ")
            rows.append(values)
    return rows


def bench_enqueue(app, count: int, community_id: int) -> dict[str, float]:
    batch = messages(count, community_id)
    rows = stored_rows(app, batch)
    results: dict[str, list[float]] = {"bare": [], "service": []}
    with app.app_context(), Session(get_engine()) as session:
        for _ in range(2):  # best of two, alternating
            clear_outbox(session)
            results["bare"].append(bare_insert(session, rows))
            clear_outbox(session)
            started = time.perf_counter()
            added = enqueue_many(session, batch)
            session.commit()
            results["service"].append(time.perf_counter() - started)
            assert added == count, added
        clear_outbox(session)
        single = batch[: max(count // 10, 1)]
        started = time.perf_counter()
        for message in single:
            enqueue(session, **message)
        session.commit()
        single_seconds = time.perf_counter() - started
        clear_outbox(session)
        bare_single = bare_insert(session, rows[: len(single)])
        clear_outbox(session)
    bare, service = min(results["bare"]), min(results["service"])
    return {
        "bare_s": bare, "service_s": service, "ratio": service / bare,
        "single_count": len(single), "single_s": single_seconds, "single_bare_s": bare_single,
        "single_ratio": single_seconds / bare_single,
    }


def bench_send(app, count: int, community_id: int, smtp_port: int) -> dict[str, float]:
    import smtplib

    with app.app_context(), Session(get_engine()) as session:
        clear_outbox(session)
        enqueue_many(session, messages(count, community_id))
        session.commit()
        # The baseline's messages: the same rows, rendered and encoded beforehand.
        prepared = []
        mail_from = app.config["PB_SETTINGS"].mail_from
        for row in session.scalars(select(OutboundEmail).order_by(OutboundEmail.id)):
            message = build_email(render_message(session, row), mail_from)
            # CRLF line ends, as on the wire: smtplib sends bytes as they are.
            prepared.append((row.recipient, message.as_bytes(policy=message.policy.clone(linesep="\r\n"))))
        session.rollback()
        sender = sender_address(mail_from)

        started = time.perf_counter()
        smtp = smtplib.SMTP("127.0.0.1", smtp_port)
        smtp.ehlo()
        for recipient, data in prepared:
            smtp.sendmail(sender, [recipient], data)
        smtp.quit()
        bare = time.perf_counter() - started

        worker = Worker(get_engine(), WorkerOptions.from_settings(app.config["PB_SETTINGS"]))
        started = time.perf_counter()
        summary = worker.run_until_empty()
        through_worker = time.perf_counter() - started
        worker.close()
        assert summary.sent == count, summary.describe()
        assert session.scalar(select(func.count()).select_from(OutboundEmail).where(OutboundEmail.sent_at.is_(None))) == 0
        clear_outbox(session)
    return {
        "bare_s": bare, "worker_s": through_worker,
        "bare_rate": count / bare, "worker_rate": count / through_worker, "ratio": bare / through_worker,
    }


def start_smtp_server() -> tuple[subprocess.Popen[str], int]:
    from tests.smtp import free_port  # the tests' helper: a free loopback port

    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", SMTP_SERVER, str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None and server.stdout.readline().strip() == "ready"
    return server, port


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enqueue", type=int, default=100_000)
    parser.add_argument("--send", type=int, default=10_000)
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    arguments = parser.parse_args()
    backends = ["sqlite", "postgresql"] if arguments.backend == "both" else [arguments.backend]

    server, port = start_smtp_server()
    print(f"# mail_throughput  {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC  python {platform.python_version()}  {os.cpu_count()} cores")
    try:
        for backend in backends:
            with tempfile.TemporaryDirectory() as workdir:
                url, cleanup = fresh_database(backend, Path(workdir))
                try:
                    app = make_app(url, port)
                    with app.app_context(), Session(get_engine()) as session:
                        community = Community(name="Tranbjerg", slug="tranbjerg", population=7800)
                        session.add(community)
                        session.commit()
                        community_id = community.id
                    enqueued = bench_enqueue(app, arguments.enqueue, community_id)
                    sent = bench_send(app, arguments.send, community_id, port)
                    with app.app_context():
                        get_engine().dispose()
                finally:
                    cleanup()
            print(
                f"{backend:10} enqueue {arguments.enqueue:>7,}: bare executemany {enqueued['bare_s']:6.2f} s, "
                f"enqueue_many {enqueued['service_s']:6.2f} s, ratio {enqueued['ratio']:.2f}x "
                f"(target <= {ENQUEUE_TARGET:.0f}x) {'OK' if enqueued['ratio'] <= ENQUEUE_TARGET else 'MISSED'}"
            )
            print(
                f"{backend:10} enqueue() one at a time, {enqueued['single_count']:,}: {enqueued['single_s']:.2f} s "
                f"against bare {enqueued['single_bare_s']:.2f} s, ratio {enqueued['single_ratio']:.1f}x (reference)"
            )
            print(
                f"{backend:10} send {arguments.send:>7,}: bare smtplib {sent['bare_rate']:7.0f}/s, worker {sent['worker_rate']:7.0f}/s, "
                f"{sent['worker_rate'] / sent['bare_rate']:.0%} of bare (target >= {SEND_TARGET:.0%}) "
                f"{'OK' if sent['worker_rate'] / sent['bare_rate'] >= SEND_TARGET else 'MISSED'}"
            )
    finally:
        assert server.stdin is not None
        server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
