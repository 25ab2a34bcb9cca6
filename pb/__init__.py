"""Oplandspuljen participatory budgeting: the Flask application factory."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from pb.clientaddress import CheckedClientAddress
from pb.config import settings_from_environment

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from the ``PB_*`` environment, with ``config`` overriding (tests use it)."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    settings = settings_from_environment(Path(app.instance_path))
    app.config.from_mapping(
        PB_SETTINGS=settings,
        PB_ENV=settings.env,
        SECRET_KEY=settings.secret_key,
        DATABASE_URL=settings.database_url,
        BASE_URL=settings.base_url,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=settings.is_production,
        SESSION_COOKIE_NAME="pb_session",
        PERMANENT_SESSION_LIFETIME=8 * 3600,
        WTF_CSRF_TIME_LIMIT=8 * 3600,
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
    )
    if config:
        app.config.from_mapping(config)

    # ProxyFix runs first and CheckedClientAddress after it, so the address the app sees is always valid.
    app.wsgi_app = CheckedClientAddress(app.wsgi_app)  # type: ignore[method-assign]
    if settings.trusted_proxies:
        count = settings.trusted_proxies
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)  # type: ignore[method-assign]

    # pb.proposals first: pb.labels imports its models, and its routes import pb.labels in turn.
    from pb import proposals  # noqa: F401
    from pb import cli, db, labels, ratelimit, web
    from pb.i18n import init_babel

    db.init_app(app)
    init_babel(app)
    labels.init_app(app)
    web.init_app(app)
    ratelimit.init_app(app)
    cli.init_app(app)
    _register_blueprints(app)
    return app


def create_wsgi_app() -> Flask:
    """``create_app()`` for WSGI servers: a configuration error ends the process with one line."""
    import sys

    from pb.config import ConfigError

    try:
        return create_app()
    except ConfigError as error:
        print(f"Error: {error.format_message()}", file=sys.stderr)
        raise SystemExit(1) from None


def _register_blueprints(app: Flask) -> None:
    from pb import auth
    from pb.admin import bp as admin_bp
    from pb.auth import bp as auth_bp
    from pb.home import bp as home_bp
    from pb.mail import bp as mail_bp
    from pb.rounds.routes import bp as rounds_bp
    from pb.voting import bp as voting_bp
    from pb.voting import help_bp
    from pb.voting import staff_bp as voting_staff_bp
    from pb.moderation import bp as moderation_bp
    from pb.proposals import bp as proposals_bp

    auth.init_app(app)
    app.register_blueprint(home_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(mail_bp)
    app.register_blueprint(rounds_bp)
    app.register_blueprint(voting_bp)
    app.register_blueprint(voting_staff_bp)
    app.register_blueprint(help_bp)
    app.register_blueprint(proposals_bp)
    app.register_blueprint(moderation_bp)
