"""pb/migrations: the Alembic history builds exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Engine

from pb.migrate import current_revision, head_revision, upgrade
from pb.models import Base


def test_migrations_match_the_models(engine: Engine) -> None:
    """After `upgrade`, autogenerate finds no difference between database and models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_is_idempotent(engine: Engine) -> None:
    """Running upgrade on a database at head changes nothing."""
    upgrade(engine)
    assert current_revision(engine) == head_revision()
