"""Makefile: `make run`'s set-up is idempotent (a second run installs and seeds nothing)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"

pytestmark = pytest.mark.skipif(
    Path(sys.prefix).resolve() != VENV.resolve(), reason="runs only inside the project's .venv (make test)"
)


def _make(target: str, tmp_path: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PB_") and k != "MAKEFLAGS"}
    env["PB_DATABASE_URL"] = f"sqlite:///{tmp_path / 'setup.sqlite3'}"
    return subprocess.run(
        ["make", "--no-print-directory", *flags, target], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def test_setup_is_up_to_date_after_make_test(tmp_path: Path) -> None:
    """Once set up, `make setup` has nothing left to do (no reinstall, no recompiling)."""
    assert _make("setup", tmp_path, "-q").returncode == 0


def test_database_setup_twice_changes_nothing(tmp_path: Path) -> None:
    """`make db` migrates and seeds a new database, and the second run only reports it is done."""
    first = _make("db", tmp_path)
    assert first.returncode == 0, first.stderr
    assert "Database upgraded from empty" in first.stdout and "Demo data added" in first.stdout
    second = _make("db", tmp_path)
    assert second.returncode == 0, second.stderr
    assert "already at revision" in second.stdout and "demo seed skipped" in second.stdout
    assert "admin@demo.oplandspuljen.dk" in second.stdout
