"""Settings read from the environment (the ``PB_*`` variables), checked once at start-up."""
from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

import click

ENVIRONMENTS = ("development", "production")
_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ConfigError(click.ClickException):
    """A setting is missing or wrong.

    It is a ClickException so that ``flask --app pb ...`` prints one line
    ("Error: ...") instead of a traceback.
    """


@dataclass(frozen=True)
class Settings:
    env: str
    database_url: str
    secret_key: str
    base_url: str
    smtp_host: str
    smtp_port: int
    smtp_user: str | None
    smtp_password: str | None
    smtp_starttls: bool
    mail_from: str
    trusted_proxies: int
    #: How long a claimed message may stay unsent before another send-mail run takes it again.
    mail_lease_seconds: int = 300

    @property
    def is_production(self) -> bool:
        return self.env == "production"


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def _whole_number(name: str, raw: str, minimum: int = 0, maximum: int | None = None) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None
    if value < minimum or (maximum is not None and value > maximum):
        upper = f" and at most {maximum}" if maximum is not None else ""
        raise ConfigError(f"{name} must be at least {minimum}{upper}, not {value}")
    return value


def normalise_database_url(url: str) -> str:
    """Let ``postgresql://`` mean the psycopg 3 driver, which is the one we install."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _development_secret(instance_path: Path) -> str:
    """A random key made once and kept in ``instance/``, so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    instance_path.mkdir(parents=True, exist_ok=True)
    try:
        # O_EXCL: two processes starting at once cannot both write a key; 0600 from the first byte.
        descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        pass
    else:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    key = key_file.read_text().strip()
    if not key:
        raise ConfigError(f"{key_file} is empty: delete it to have a new key made")
    return key


def load_settings(environ: Mapping[str, str], instance_path: Path) -> Settings:
    """Read and check every ``PB_*`` variable; raise ConfigError naming the first bad one."""
    env = environ.get("PB_ENV", "development").strip().lower() or "development"
    if env not in ENVIRONMENTS:
        raise ConfigError(f"PB_ENV must be one of {', '.join(ENVIRONMENTS)}, not {env!r}")
    production = env == "production"

    if production and _flag("FLASK_DEBUG", environ.get("FLASK_DEBUG", "")):
        raise ConfigError("PB_ENV=production refuses to start with FLASK_DEBUG on")

    secret_key = environ.get("PB_SECRET_KEY", "").strip()
    if production and not secret_key:
        raise ConfigError("PB_SECRET_KEY must be set when PB_ENV=production")
    if production and len(secret_key) < 32:
        raise ConfigError("PB_SECRET_KEY must be at least 32 characters in production")
    if not secret_key:
        secret_key = _development_secret(instance_path)

    database_url = environ.get("PB_DATABASE_URL", "").strip()
    if not database_url:
        database_url = f"sqlite:///{instance_path / 'pb.sqlite3'}"
    database_url = normalise_database_url(database_url)
    if "://" not in database_url:
        raise ConfigError(f"PB_DATABASE_URL is not a database URL: {database_url!r}")

    base_url = environ.get("PB_BASE_URL", "http://127.0.0.1:5000").strip().rstrip("/")
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"PB_BASE_URL must be an http(s) URL, not {base_url!r}")
    if production and parts.scheme != "https":
        raise ConfigError("PB_BASE_URL must be an https URL in production (links in e-mails carry voting rights)")

    return Settings(
        env=env,
        database_url=database_url,
        secret_key=secret_key,
        base_url=base_url,
        smtp_host=environ.get("PB_SMTP_HOST", "localhost").strip(),
        smtp_port=_whole_number("PB_SMTP_PORT", environ.get("PB_SMTP_PORT", "25"), minimum=1, maximum=65535),
        smtp_user=environ.get("PB_SMTP_USER") or None,
        smtp_password=environ.get("PB_SMTP_PASSWORD") or None,
        smtp_starttls=_flag("PB_SMTP_STARTTLS", environ.get("PB_SMTP_STARTTLS", "false")),
        mail_from=environ.get("PB_MAIL_FROM", "Oplandspuljen <noreply@localhost>").strip(),
        trusted_proxies=_whole_number("PB_TRUSTED_PROXIES", environ.get("PB_TRUSTED_PROXIES", "0")),
        mail_lease_seconds=_whole_number("PB_MAIL_LEASE_SECONDS", environ.get("PB_MAIL_LEASE_SECONDS", "300"), minimum=1),
    )


def settings_from_environment(instance_path: Path) -> Settings:
    return load_settings(os.environ, instance_path)
