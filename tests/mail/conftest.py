"""Fixtures for the mail tests: the probe template on every app, and fresh databases for worker subprocesses."""
from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest
from flask import Flask

from pb.config import normalise_database_url
from pb.db import make_engine
from pb.migrate import upgrade
from tests.conftest import POSTGRES_URL, drop_postgres_schema, postgres_url_in_own_schema
from tests.mail.outbox_app import MADE_APPS
from tests.mail.probe import add_probe_templates

_schemas = itertools.count()


@pytest.fixture(autouse=True)
def _probe_templates(request: pytest.FixtureRequest) -> None:
    if "app" in request.fixturenames:
        app: Flask = request.getfixturevalue("app")
        add_probe_templates(app)


@pytest.fixture(autouse=True)
def _close_outbox_apps() -> Iterator[None]:
    yield
    while MADE_APPS:
        MADE_APPS.pop().extensions["pb.engine"].dispose()


@pytest.fixture
def fresh_database_url(database_url: str, tmp_path) -> Iterator[str]:
    """An empty, migrated database of the test's backend that committed work may fill (worker subprocesses need one)."""
    if database_url.startswith("sqlite"):
        url = f"sqlite:///{tmp_path / 'outbox.sqlite3'}"
        schema = None
    else:
        schema = f"pb_mail_{os.getpid()}_{next(_schemas)}"
        url = postgres_url_in_own_schema(normalise_database_url(POSTGRES_URL), schema)
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
    yield url
    if schema is not None:
        drop_postgres_schema(normalise_database_url(POSTGRES_URL), schema)
