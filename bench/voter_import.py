"""Benchmark importing a 100,000-row voter roll against a bare executemany INSERT of the same rows.

Not a test. In one run, on PostgreSQL, each side in a fresh child process (so
each reports its own peak memory, ``ru_maxrss``) and a fresh schema:

* ``import``: ``pb.voting.rolls.import_roll`` on the CSV bytes (decode, parse,
  check every row against the communities and the roll, insert in batches, audit),
  then commit;
* ``bare``: the same rows, already parsed, inserted with one ``executemany``
  through psycopg, then commit.

Targets (issue #9): the import takes at most 3x the bare insert; peak memory under 300 MB.

Usage (repository root):

    .venv/bin/python bench/voter_import.py
    .venv/bin/python bench/voter_import.py --rows 20000
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_DATABASE = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
COMMUNITIES = [f"landsby-{n}" for n in range(19)]
TARGET_RATIO, TARGET_MB = 3.0, 300


def roll_bytes(rows: int) -> bytes:
    lines = ["e-mail;lokalsamfund;navn;fødselsår"]
    lines += [f"borger{n}@example.org;{COMMUNITIES[n % 19]};Borger {n};{1940 + n % 60}" for n in range(rows)]
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def child(mode: str, url: str, rows: int) -> None:
    """Set up a round in the schema of ``url``, then time one side; print JSON."""
    os.environ.setdefault("PB_SECRET_KEY", "bench-secret-key-that-is-long-enough-0123456789")
    from sqlalchemy import select

    from pb import create_app
    from pb.communities.models import Community
    from pb.db import get_engine, get_session, utcnow
    from pb.migrate import upgrade
    from pb.rounds.models import Phase, Round
    from pb.voting.models import VoterSource
    from pb.voting.rolls import import_roll

    app = create_app({"DATABASE_URL": url})
    with app.app_context():
        upgrade(get_engine())
        session = get_session()
        session.add_all([Community(name=slug.title(), slug=slug, population=1000) for slug in COMMUNITIES])
        round_ = Round(fund_name="Oplandspuljen", name="Bench", phase=Phase.VOTING)
        session.add(round_)
        session.commit()
        data = roll_bytes(rows)
        if mode == "import":
            started = time.perf_counter()
            report = import_roll(session, round_, data, dry_run=False, actor_label="bench")
            session.commit()
            seconds = time.perf_counter() - started
            assert report.added == rows, (report.added, report.problems[:3])
        else:
            ids = {c.slug: c.id for c in session.scalars(select(Community))}
            now = utcnow()
            parsed = [line.split(";") for line in data.decode("cp1252").splitlines()[1:]]
            values = [
                (round_.id, ids[slug], email, name, int(year), VoterSource.ROLL.value, 1, now)
                for email, slug, name, year in parsed
            ]
            raw = session.connection().connection.dbapi_connection
            started = time.perf_counter()
            with raw.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO voter (round_id, community_id, email, name, birth_year, source, link_version, created_at)"
                    " VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                    values,
                )
            session.commit()
            seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "seconds": seconds, "peak_mb": peak_mb}))


def run_side(mode: str, base: str, rows: int) -> dict:
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from pb.db import make_engine

    schema = f"bench_import_{mode}_{os.getpid()}"
    admin = make_engine(base)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        connection.commit()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    try:
        output = subprocess.run(
            [sys.executable, __file__, "--child", mode, "--url", url, "--rows", str(rows)],
            check=True, capture_output=True, text=True, cwd=REPO,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
            connection.commit()
        admin.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("PB_TEST_DATABASE_URL") or DEFAULT_DATABASE)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--child", choices=["import", "bare"])
    parser.add_argument("--url")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.url, args.rows)
        return
    from pb.config import normalise_database_url

    base = normalise_database_url(args.database_url)
    bare = run_side("bare", base, args.rows)
    imported = run_side("import", base, args.rows)
    ratio = imported["seconds"] / bare["seconds"]
    print(f"{args.rows} rows on PostgreSQL, {os.cpu_count()} CPUs")
    print(f"bare executemany: {bare['seconds']:7.2f} s, peak {bare['peak_mb']:6.1f} MB")
    print(f"import_roll:      {imported['seconds']:7.2f} s, peak {imported['peak_mb']:6.1f} MB")
    print(f"ratio import/bare: {ratio:.2f}x (target <= {TARGET_RATIO:.0f}x: {'met' if ratio <= TARGET_RATIO else 'NOT met'})")
    print(f"import peak memory: {imported['peak_mb']:.0f} MB (target < {TARGET_MB} MB: "
          f"{'met' if imported['peak_mb'] < TARGET_MB else 'NOT met'})")


if __name__ == "__main__":
    main()
