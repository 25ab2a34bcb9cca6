"""The database: declarative base, engine set-up and one session per request.

Services take a ``Session`` and never commit; the view (or CLI command) that
called them commits once at the end. Whatever was not committed is rolled back
when the request ends.
"""
from __future__ import annotations

import enum
from datetime import datetime, timezone
from typing import Any

from flask import Flask, current_app, g
from sqlalchemy import DateTime, Enum, MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

#: Key in ``app.extensions`` under which tests put the session every request must use.
SESSION_OVERRIDE = "pb.session_override"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite would otherwise hand back naive ones)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc)


def enum_type(enum_class: type[enum.Enum]) -> Enum:
    """A portable enum column: VARCHAR plus a CHECK constraint, storing the enum's values."""
    return Enum(
        enum_class,
        native_enum=False,
        create_constraint=True,
        validate_strings=True,
        length=max(len(member.value) for member in enum_class),
        values_callable=lambda members: [member.value for member in members],
        name=enum_class.__name__.lower(),
    )


def make_engine(url: str, *, immediate_transactions: bool = True, **kwargs: Any) -> Engine:
    """Create an engine; on SQLite, turn on foreign keys, WAL and real SAVEPOINT support.

    ``immediate_transactions=False`` keeps SQLite's deferred BEGIN; the test
    suite wants that for its long-lived rolled-back transaction.
    """
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **kwargs)
    engine = create_engine(url, connect_args={"timeout": 15}, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own transaction handling breaks SAVEPOINT; let SQLAlchemy
        # emit BEGIN itself (the recipe from SQLAlchemy's SQLite dialect docs).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=15000")
        # WAL: readers never wait for the writer.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front, so concurrent writers queue on
        # busy_timeout instead of failing with "database is locked" when a read
        # transaction tries to become a write transaction.
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate_transactions else "BEGIN")

    return engine


def init_app(app: Flask) -> None:
    from pb.config import ConfigError

    try:
        engine = make_engine(app.config["DATABASE_URL"])
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise ConfigError(f"PB_DATABASE_URL cannot be used: {error}") from None
    app.extensions["pb.engine"] = engine
    app.extensions["pb.sessionmaker"] = sessionmaker(engine)
    app.teardown_appcontext(_end_session)


def get_engine() -> Engine:
    return current_app.extensions["pb.engine"]


def get_session() -> Session:
    """The session of the current request or CLI command, opened on first use."""
    session = g.get("db_session")
    if session is None:
        session = current_app.extensions.get(SESSION_OVERRIDE)
        if session is None:
            session = current_app.extensions["pb.sessionmaker"]()
        g.db_session = session
    return session


def _end_session(_exc: BaseException | None) -> None:
    session = g.pop("db_session", None)
    if session is None:
        return
    session.rollback()
    if session is not current_app.extensions.get(SESSION_OVERRIDE):
        session.close()
