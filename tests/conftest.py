"""Fixtures shared by the app tests: an app and a rolled-back session per test, on every backend.

Database tests run on SQLite always, and on PostgreSQL too when
``PB_TEST_DATABASE_URL`` is set (``.ci/run`` sets it). A set URL that cannot
be reached fails the run instead of skipping, so a green CI means PostgreSQL
was really exercised.
"""
from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Callable

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner, FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from pb import create_app
from pb.config import normalise_database_url
from pb.db import SESSION_OVERRIDE, make_engine
from pb.migrate import upgrade
from tests.factories import (  # noqa: F401  (fixtures, registered by import)
    make_community,
    make_proposal,
    make_round,
    make_staff,
    make_voter,
    signed_in,
)

POSTGRES_URL = os.environ.get("PB_TEST_DATABASE_URL", "").strip()
BACKENDS = ["sqlite", "postgresql"]


def postgres_url_in_own_schema(url: str, schema: str) -> str:
    """The same database, with every connection's search_path set to ``schema``.

    Each test run gets its own schema, so two runs (a developer's and CI's, or
    two engineers') never drop each other's tables.
    """
    base = make_url(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
        connection.commit()
    engine.dispose()
    return base.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)


def drop_postgres_schema(url: str, schema: str) -> None:
    engine = make_engine(url)
    with engine.connect() as connection:
        connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        connection.commit()
    engine.dispose()


@pytest.fixture(scope="session", params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
        return
    if not POSTGRES_URL:
        pytest.skip("PB_TEST_DATABASE_URL is not set: PostgreSQL tests skipped")
    url = normalise_database_url(POSTGRES_URL)
    schema = f"pb_test_{os.getpid()}"
    try:
        yield_url = postgres_url_in_own_schema(url, schema)
    except Exception as error:  # noqa: BLE001 - any connection failure must stop the run
        pytest.exit(f"PB_TEST_DATABASE_URL is set but PostgreSQL cannot be used: {error}", returncode=3)
    yield yield_url
    drop_postgres_schema(url, schema)


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    """One migrated database per backend for the whole run.

    Deferred BEGIN on SQLite: each test holds one transaction open for its
    whole length, and commands under test (``upgrade``) open their own.
    """
    engine = make_engine(database_url, immediate_transactions=False)
    upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session inside a transaction that is rolled back after the test.

    Commits made by the code under test only release a SAVEPOINT
    (SQLAlchemy's "join a session into an external transaction" recipe).
    """
    connection = engine.connect()
    transaction = connection.begin()
    db_session = Session(bind=connection, join_transaction_mode="create_savepoint")
    yield db_session
    db_session.close()
    transaction.rollback()
    connection.close()


@pytest.fixture
def app(session: Session, engine: Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[Flask]:
    monkeypatch.delenv("PB_ENV", raising=False)
    monkeypatch.setenv("PB_SECRET_KEY", "test-secret-key-that-is-long-enough-0123456789")
    monkeypatch.setenv("PB_DATABASE_URL", engine.url.render_as_string(hide_password=False))
    monkeypatch.setenv("PB_BASE_URL", "http://pb.test")
    app = create_app({"TESTING": True})
    app.extensions[SESSION_OVERRIDE] = session
    yield app
    app.extensions["pb.engine"].dispose()  # commands like `upgrade` open their own connections


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    return app.test_cli_runner()


@pytest.fixture
def csrf_token(client: FlaskClient) -> Callable[[str], str]:
    """Fetch a page and return the CSRF token of its form, as a browser would."""
    import re

    def fetch(path: str = "/staff/login") -> str:
        page = client.get(path).get_data(as_text=True)
        match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    return fetch



def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Name the backend in each database test's id, so CI can count the PostgreSQL ones."""
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.database)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "database: the test runs once per database backend")



@pytest.fixture
def smtp_server():
    """A real aiosmtpd on a free loopback port that records every message (see tests/smtp.py for scripted answers)."""
    from tests.smtp import running_smtp_server

    with running_smtp_server() as server:
        yield server
