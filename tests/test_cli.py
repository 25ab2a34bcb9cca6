"""pb/cli.py: every admin command runs, through `flask --app pb` and the `pb` script."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from pb.communities.models import Community
from pb.auth.models import Role, StaffUser

REPO = Path(__file__).resolve().parent.parent


def test_upgrade_and_init_db(runner) -> None:
    """`upgrade` and its alias `init-db` report the database at head."""
    for command in ("upgrade", "init-db"):
        result = runner.invoke(args=[command])
        assert result.exit_code == 0, result.output
        assert "already at revision" in result.output


def test_seed_demo_prints_logins_and_is_idempotent(runner, session) -> None:
    """`seed-demo` loads the demo once, prints the staff logins, and adds nothing the second time."""
    first = runner.invoke(args=["seed-demo"])
    assert first.exit_code == 0, first.output
    assert "DEMO" in first.output and "admin@demo.oplandspuljen.dk" in first.output
    assert "http://pb.test/staff/login" in first.output
    second = runner.invoke(args=["seed-demo"])
    assert "nothing added" in second.output
    assert session.scalar(select(func.count()).select_from(Community)) == 19


def test_seed_demo_if_empty_skips_a_used_database(runner, make_community) -> None:
    """`seed-demo --if-empty` leaves a database with data alone."""
    make_community()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and "skipped" in result.output


def test_seed_demo_refuses_production(runner, app) -> None:
    """The demo seed never runs against a production configuration."""
    from dataclasses import replace

    app.config["PB_SETTINGS"] = replace(app.config["PB_SETTINGS"], env="production")
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code != 0 and "refuses" in result.output


def test_create_staff_reads_the_password_twice_from_stdin(runner, session, make_community) -> None:
    """`create-staff` takes the password twice on stdin and scopes a playmaker."""
    make_community(slug="trige")
    result = runner.invoke(
        args=["create-staff", "pm@example.org", "--role", "playmaker", "--community", "trige"],
        input="a long password\na long password\n",
    )
    assert result.exit_code == 0, result.output
    user = session.scalar(select(StaffUser).where(StaffUser.email == "pm@example.org"))
    assert user.role is Role.PLAYMAKER and [c.slug for c in user.communities] == ["trige"]


def test_create_staff_reports_errors_in_one_line(runner) -> None:
    """Mismatched passwords and bad scopes exit non-zero with the reason."""
    mismatch = runner.invoke(args=["create-staff", "a@example.org", "--role", "admin"], input="one password\nanother one\n")
    assert mismatch.exit_code == 1 and "differ" in mismatch.output
    scope = runner.invoke(args=["create-staff", "a@example.org", "--role", "playmaker"], input="pw pw pw pw\npw pw pw pw\n")
    assert scope.exit_code == 1 and "En playmaker skal have mindst ét lokalsamfund." in scope.output
    assert len(scope.output.strip().splitlines()) == 1
    weak = runner.invoke(args=["create-staff", "a@example.org", "--role", "admin"], input=" " * 10 + "\n" + " " * 10 + "\n")
    assert weak.exit_code == 1 and "mellemrum" in weak.output
    role = runner.invoke(args=["create-staff", "a@example.org", "--role", "king"])
    assert role.exit_code == 2


def _run(args: list[str], tmp_path: Path, stdin: str = "") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PB_")}
    env.update(PB_DATABASE_URL=f"sqlite:///{tmp_path / 'cli.sqlite3'}", PB_SECRET_KEY="s" * 40)
    return subprocess.run(args, cwd=REPO, env=env, input=stdin, capture_output=True, text=True, timeout=120)


def test_pb_script_and_flask_cli_run_every_command(tmp_path: Path) -> None:
    """The real entry points work end to end on a fresh SQLite file."""
    pb_script = Path(sys.executable).parent / "pb"
    flask = [sys.executable, "-m", "flask", "--app", "pb"]
    assert _run([str(pb_script), "upgrade"], tmp_path).returncode == 0
    seeded = _run([*flask, "seed-demo"], tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    assert "medarbejder@demo.oplandspuljen.dk" in seeded.stdout
    created = _run([*flask, "create-staff", "ny@example.org", "--role", "official"], tmp_path, "hemmeligt ord\nhemmeligt ord\n")
    assert created.returncode == 0, created.stderr
    assert "Created official ny@example.org" in created.stdout
