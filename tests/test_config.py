"""pb/config.py: settings from the environment, and clear errors when they are wrong."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pb.config import ConfigError, load_settings

REPO = Path(__file__).resolve().parent.parent


def test_defaults_use_sqlite_in_instance_and_make_a_secret(tmp_path: Path) -> None:
    """Without any variables the app runs on SQLite in instance/ with a generated secret."""
    settings = load_settings({}, tmp_path)
    assert settings.mail_lease_seconds == 300
    assert settings.database_url == f"sqlite:///{tmp_path / 'pb.sqlite3'}"
    assert len(settings.secret_key) == 64
    assert load_settings({}, tmp_path).secret_key == settings.secret_key
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_postgresql_url_means_psycopg3(tmp_path: Path) -> None:
    """A plain postgresql:// URL is mapped to the installed psycopg 3 driver."""
    settings = load_settings({"PB_DATABASE_URL": "postgresql://u@h/db"}, tmp_path)
    assert settings.database_url == "postgresql+psycopg://u@h/db"


def test_production_requires_a_secret_key(tmp_path: Path) -> None:
    """PB_ENV=production refuses to start without PB_SECRET_KEY."""
    with pytest.raises(ConfigError, match="PB_SECRET_KEY must be set"):
        load_settings({"PB_ENV": "production"}, tmp_path)


def test_production_refuses_debug(tmp_path: Path) -> None:
    """PB_ENV=production refuses to start with debug on."""
    with pytest.raises(ConfigError, match="FLASK_DEBUG"):
        load_settings({"PB_ENV": "production", "PB_SECRET_KEY": "x" * 40, "FLASK_DEBUG": "1"}, tmp_path)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        ({"PB_ENV": "staging"}, "PB_ENV must be one of"),
        ({"PB_SMTP_PORT": "twenty-five"}, "PB_SMTP_PORT must be a whole number"),
        ({"PB_SMTP_STARTTLS": "maybe"}, "PB_SMTP_STARTTLS must be true or false"),
        ({"PB_BASE_URL": "ftp://x"}, "PB_BASE_URL must be an http"),
        ({"PB_ENV": "production", "PB_SECRET_KEY": "short"}, "at least 32 characters"),
        ({"PB_MAIL_LEASE_SECONDS": "five"}, "PB_MAIL_LEASE_SECONDS must be a whole number"),
        ({"PB_MAIL_LEASE_SECONDS": "0"}, "PB_MAIL_LEASE_SECONDS must be at least 1"),
    ],
)
def test_bad_values_name_the_variable(tmp_path: Path, environ: dict[str, str], message: str) -> None:
    """Each bad setting is reported with the variable's name."""
    with pytest.raises(ConfigError, match=message):
        load_settings(environ, tmp_path)


def test_production_settings_are_accepted(tmp_path: Path) -> None:
    """A complete production environment loads, with SMTP settings parsed."""
    settings = load_settings(
        {
            "PB_ENV": "production",
            "PB_SECRET_KEY": "k" * 40,
            "PB_DATABASE_URL": "postgresql+psycopg://pb@db/pb",
            "PB_BASE_URL": "https://pb.aarhus.example/",
            "PB_SMTP_HOST": "relay",
            "PB_SMTP_PORT": "587",
            "PB_SMTP_STARTTLS": "true",
            "PB_MAIL_FROM": "Oplandspuljen <pb@aarhus.example>",
        },
        tmp_path,
    )
    assert settings.is_production and settings.smtp_port == 587 and settings.smtp_starttls
    assert settings.base_url == "https://pb.aarhus.example"


def test_cli_config_error_is_one_line_without_traceback(tmp_path: Path) -> None:
    """`flask --app pb` with a bad configuration prints one line, not a traceback."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PB_")}
    env.update({"PB_ENV": "production", "PB_DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    completed = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "pb", "upgrade"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=60,
    )
    assert completed.returncode != 0
    assert "Traceback" not in completed.stderr
    lines = [line for line in completed.stderr.splitlines() if line.strip()]
    assert lines == ["Error: PB_SECRET_KEY must be set when PB_ENV=production"]


def test_production_app_uses_secure_cookies(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In production the session cookie is Secure, HttpOnly and SameSite=Lax."""
    from pb import create_app

    monkeypatch.setenv("PB_ENV", "production")
    monkeypatch.setenv("PB_SECRET_KEY", "p" * 40)
    monkeypatch.setenv("PB_DATABASE_URL", f"sqlite:///{tmp_path / 'prod.sqlite3'}")
    monkeypatch.setenv("PB_BASE_URL", "https://deltag.aarhus.example")
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    app = create_app()
    assert app.config["SESSION_COOKIE_SECURE"] is True
    assert app.config["SESSION_COOKIE_HTTPONLY"] is True
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"
    app.extensions["pb.engine"].dispose()


def test_unusable_database_url_is_a_config_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A database URL with an unknown driver is reported as a configuration error."""
    from pb import create_app

    monkeypatch.setenv("PB_DATABASE_URL", "nosuchdb://x/y")
    with pytest.raises(ConfigError, match="PB_DATABASE_URL cannot be used"):
        create_app()


def test_wsgi_entry_point_exits_with_one_line(tmp_path: Path) -> None:
    """Under a WSGI server (wsgi.py), a config error ends the process with one line."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PB_")}
    env.update({"PB_ENV": "production", "PB_DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"})
    completed = subprocess.run(
        [sys.executable, "-c", "import wsgi"], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 1
    assert completed.stderr.strip() == "Error: PB_SECRET_KEY must be set when PB_ENV=production"
