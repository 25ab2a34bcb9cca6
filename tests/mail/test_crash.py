"""pb/mail/worker under fire: SIGKILLed worker subprocesses lose nothing, and two workers on PostgreSQL never send twice."""
from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter

import pytest

from pb.mail.models import MailStatus
from tests.mail.outbox_app import REPO, fill, outbox_app, rows, subprocess_environ

LEASE_SECONDS = 2
WORKER = [sys.executable, "-m", "flask", "--app", "tests.mail.worker_app", "send-mail"]


def _start(environ: dict[str, str], *arguments: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*WORKER, *arguments], cwd=REPO, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def _wait_for_more(smtp_server, count: int, process: subprocess.Popen[str], timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while len(smtp_server.received) <= count:
        if process.poll() is not None or time.monotonic() > deadline:
            return
        time.sleep(0.01)


def test_killed_workers_lose_no_message(monkeypatch, fresh_database_url, smtp_server) -> None:
    """SIGKILL a sending worker at random moments, restart until the outbox is empty: every Message-ID arrives, duplicates <= kills."""
    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    app = outbox_app(monkeypatch, fresh_database_url, smtp_server)
    message_ids = fill(app, 300)
    smtp_server.handler.delay = 0.004  # a relay that takes a little time, so kills land mid-batch
    environ = subprocess_environ(fresh_database_url, smtp_server, PB_MAIL_LEASE_SECONDS=str(LEASE_SECONDS))

    kills = 0
    for _ in range(5):
        before = len(smtp_server.received)
        if before >= len(message_ids):
            break
        worker = _start(environ, "--watch", "--interval", "0.2")
        _wait_for_more(smtp_server, before, worker)  # it is sending now
        time.sleep(rng.uniform(0, 0.25))
        if worker.poll() is None:
            worker.send_signal(signal.SIGKILL)
            kills += 1
        worker.communicate(timeout=30)
        time.sleep(rng.uniform(0, 0.2))

    for _ in range(10):  # run to the end; messages claimed by a killed worker come back after the lease
        if all(row.status is MailStatus.SENT for row in rows(app)):
            break
        time.sleep(LEASE_SECONDS)
        finished = subprocess.run(WORKER, cwd=REPO, env=environ, capture_output=True, text=True, timeout=120)
        assert finished.returncode == 0, finished.stderr

    received = Counter(smtp_server.message_ids())
    assert kills >= 3, f"seed {seed}: only {kills} kills landed"
    assert set(received) == set(message_ids), f"seed {seed}: lost {len(set(message_ids) - set(received))}"
    duplicates = sum(received.values()) - len(received)
    assert duplicates <= kills, f"seed {seed}: {duplicates} duplicates after {kills} kills"
    assert all(row.status is MailStatus.SENT for row in rows(app))


def test_two_workers_on_postgresql_never_send_a_message_twice(monkeypatch, fresh_database_url, smtp_server) -> None:
    """Two send-mail processes on one PostgreSQL outbox share the work (SKIP LOCKED) and each message arrives once."""
    if not fresh_database_url.startswith("postgresql"):
        pytest.skip("several workers at once are for PostgreSQL; on SQLite one worker at a time is enough")
    app = outbox_app(monkeypatch, fresh_database_url, smtp_server)
    message_ids = fill(app, 400)
    smtp_server.handler.delay = 0.005
    environ = subprocess_environ(fresh_database_url, smtp_server)
    workers = [_start(environ) for _ in range(2)]
    outputs = [worker.communicate(timeout=180) for worker in workers]
    assert [worker.returncode for worker in workers] == [0, 0], outputs
    received = Counter(smtp_server.message_ids())
    assert set(received) == set(message_ids)
    assert max(received.values()) == 1
    sent_by_each = [int(out.split()[1].rstrip(",")) for out, _ in outputs]
    assert sum(sent_by_each) == 400 and min(sent_by_each) > 0, sent_by_each
