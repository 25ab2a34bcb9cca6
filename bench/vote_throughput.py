"""Benchmark casting ballots over HTTP against a bare Flask endpoint served the same way.

Not a test. In one run it:

1. makes a PostgreSQL schema of its own, migrates it, and seeds one voting round
   (one community, 100.000 kr., 8 proposals) with ``--voters`` voters;
2. serves the app with gunicorn (2 sync workers, ``--no-control-socket``) on
   loopback, and lets ``--clients`` threads act as voters: each voter opens
   their link (GET, which gives the CSRF token and cookie) and sends the final
   submit of a knapsack ballot (POST with the token);
3. serves ``bench/bare_app.py`` (a Flask app with the same two steps and no
   database) the same way and drives it with the same client;
4. prints throughput (voters per second, one GET and one POST each), latency
   percentiles of the POSTs, errors, and the ratio ballot / bare.

Targets (issue #9): ballot throughput at least 25 % of the bare endpoint's,
POST p99 under 100 ms at 20 concurrent clients, 0 errors.

Usage (repository root; PostgreSQL as in the tests):

    .venv/bin/python bench/vote_throughput.py
    .venv/bin/python bench/vote_throughput.py --voters 2000 --clients 20
"""
from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
SECRET = "bench-secret-key-that-is-long-enough-0123456789"
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
CHOICE = re.compile(r'name="proposal" value="(\d+)"[^>]*data-cost="(\d+)"')
TARGET_RATIO, TARGET_P99_MS = 0.25, 100.0


@dataclass
class Outcome:
    latencies_post: list[float] = field(default_factory=list)
    latencies_get: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    voters: int = 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port: int, method: str, path: str, body: str | None = None, cookie: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Host": f"127.0.0.1:{port}"}
    if cookie:
        headers["Cookie"] = cookie
    if body is not None:
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read().decode("utf-8", "replace")
    set_cookie = response.getheader("Set-Cookie")
    connection.close()
    return response.status, data, set_cookie


def vote(port: int, get_path: str, post_path: str, outcome: Outcome, lock: threading.Lock) -> None:
    """One voter: open the page, pick choices within the budget, send the final submit."""
    started = time.perf_counter()
    status, page, set_cookie = request(port, "GET", get_path)
    got = time.perf_counter()
    if status != 200 or not (token := CSRF.search(page)):
        with lock:
            outcome.errors.append(f"GET {status}")
        return
    cookie = set_cookie.split(";", 1)[0] if set_cookie else None
    budget, chosen = 100_000, []
    for proposal_id, cost in CHOICE.findall(page):
        if int(cost) <= budget:
            chosen.append(proposal_id)
            budget -= int(cost)
    body = urllib.parse.urlencode([("csrf_token", token.group(1)), *[("proposal", p) for p in chosen]])
    status, page, _ = request(port, "POST", post_path, body, cookie)
    done = time.perf_counter()
    with lock:
        if status != 200 or "data-receipt" not in page and post_path != "/submit":
            outcome.errors.append(f"POST {status}")
        else:
            outcome.latencies_get.append(got - started)
            outcome.latencies_post.append(done - got)


def drive(port: int, paths: list[tuple[str, str]], clients: int) -> Outcome:
    outcome, lock = Outcome(), threading.Lock()
    queue = list(reversed(paths))
    queue_lock = threading.Lock()

    def worker() -> None:
        while True:
            with queue_lock:
                if not queue:
                    return
                get_path, post_path = queue.pop()
            try:
                vote(port, get_path, post_path, outcome, lock)
            except OSError as error:
                with lock:
                    outcome.errors.append(type(error).__name__)

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    outcome.seconds = time.perf_counter() - started
    outcome.voters = len(paths)
    return outcome


def serve(app_spec: str, env: dict[str, str]) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [str(REPO / ".venv/bin/gunicorn"), "--no-control-socket", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning", app_spec],
        cwd=REPO, env=env, start_new_session=True,
    )
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return process, port
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit(f"gunicorn did not start for {app_spec}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(timeout=30)


def seed(database_url: str, voters: int) -> list[str]:
    """A voting round with ``voters`` voters; returns their ballot paths."""
    from sqlalchemy import insert, select

    from pb import create_app
    from pb.communities.models import Community
    from pb.db import get_engine, get_session, utcnow
    from pb.migrate import upgrade
    from pb.proposals.models import Proposal, ProposalStatus
    from pb.rounds.models import CommunityBudget, Phase, PhaseWindow, Round
    from pb.voting.identity import ballot_credential
    from pb.voting.models import Voter, VoterSource
    from datetime import timedelta

    app = create_app({"DATABASE_URL": database_url})
    with app.app_context():
        upgrade(get_engine())
        session = get_session()
        community = Community(name="Benchby", slug="benchby", population=5000)
        now = utcnow()
        round_ = Round(fund_name="Oplandspuljen", name="Bench", phase=Phase.VOTING)
        round_.phase_windows = [PhaseWindow(phase=Phase.VOTING, starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=7))]
        round_.budgets = [CommunityBudget(community=community, amount=100_000)]
        session.add_all([community, round_])
        for n, cost in enumerate((15_000, 20_000, 25_000, 30_000, 40_000, 45_000, 60_000, 80_000)):
            session.add(Proposal(round=round_, community=community, title=f"Forslag {n + 1}", summary="Kort resumé.",
                                 description="Beskrivelse. " * 20, estimated_cost=cost, proposer_name="A",
                                 proposer_email="a@example.org", status=ProposalStatus.APPROVED))
        session.flush()
        session.execute(insert(Voter), [
            {"round_id": round_.id, "community_id": community.id, "email": f"voter{n}@example.org",
             "source": VoterSource.ROLL, "link_version": 1, "created_at": now}
            for n in range(voters)
        ])
        session.commit()
        paths = [f"/stem/{ballot_credential(v)}" for v in session.scalars(select(Voter).order_by(Voter.id))]
    app.extensions["pb.engine"].dispose()
    return paths


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000 if ordered else float("nan")


def report(name: str, outcome: Outcome) -> float:
    throughput = len(outcome.latencies_post) / outcome.seconds
    print(
        f"{name:<8} {outcome.voters} voters in {outcome.seconds:6.2f} s = {throughput:7.1f} voters/s | "
        f"POST p50 {percentile(outcome.latencies_post, 0.5):6.1f} ms  p99 {percentile(outcome.latencies_post, 0.99):6.1f} ms | "
        f"GET p50 {percentile(outcome.latencies_get, 0.5):6.1f} ms  p99 {percentile(outcome.latencies_get, 0.99):6.1f} ms | "
        f"errors {len(outcome.errors)}"
    )
    return throughput


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("PB_TEST_DATABASE_URL") or DEFAULT_DATABASE)
    parser.add_argument("--voters", type=int, default=2000)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()

    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from pb.config import normalise_database_url
    from pb.db import make_engine

    base = normalise_database_url(args.database_url)
    schema = f"bench_vote_{os.getpid()}"
    admin = make_engine(base)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        connection.commit()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    env = {**os.environ, "PB_DATABASE_URL": url, "PB_SECRET_KEY": SECRET, "PB_BASE_URL": "http://127.0.0.1",
           "PB_ENV": "development", "PYTHONPATH": f"{REPO}:{REPO / 'bench'}"}
    env.pop("FLASK_DEBUG", None)
    os.environ.update({"PB_SECRET_KEY": SECRET, "PB_DATABASE_URL": url})
    try:
        paths = seed(url, args.voters)
        print(f"PostgreSQL, gunicorn 2 sync workers, {args.clients} concurrent clients, loopback; {os.cpu_count()} CPUs")
        bare, port = serve("bare_app:app", env)
        try:
            bare_outcome = drive(port, [("/form", "/submit")] * args.voters, args.clients)
        finally:
            stop(bare)
        app, port = serve("wsgi:app", env)
        try:
            drive(port, [(p, p + "/afgiv") for p in paths[:50]], args.clients)  # warm-up: imports, pools, templates
            ballot_outcome = drive(port, [(p, p + "/afgiv") for p in paths[50:]], args.clients)
        finally:
            stop(app)
        bare_rate = report("bare", bare_outcome)
        ballot_rate = report("ballot", ballot_outcome)
        ratio = ballot_rate / bare_rate
        p99 = percentile(ballot_outcome.latencies_post, 0.99)
        print(f"ratio ballot/bare: {ratio:.1%} (target >= {TARGET_RATIO:.0%}: {'met' if ratio >= TARGET_RATIO else 'NOT met'})")
        print(f"ballot POST p99: {p99:.1f} ms (target < {TARGET_P99_MS:.0f} ms: {'met' if p99 < TARGET_P99_MS else 'NOT met'})")
        print(f"errors: {len(ballot_outcome.errors) + len(bare_outcome.errors)} (target 0)")
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.commit()
        admin.dispose()


if __name__ == "__main__":
    main()
