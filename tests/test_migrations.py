"""pb/migrations: the Alembic history builds exactly the schema the models describe."""
from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import CheckConstraint, inspect
from sqlalchemy.engine import Engine

from pb.migrate import current_revision, head_revision, upgrade
from pb.models import Base


def test_migrations_match_the_models(engine: Engine) -> None:
    """After `upgrade`, autogenerate finds no difference between database and models."""
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrations_create_every_check_constraint(engine: Engine) -> None:
    """Every CHECK constraint of the models (enums included) exists in the migrated database.

    Autogenerate does not compare CHECK constraints, so this test does.
    """
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        expected = {
            constraint.name
            for constraint in table.constraints
            if isinstance(constraint, CheckConstraint) and constraint.name
        }
        found = {constraint["name"] for constraint in inspector.get_check_constraints(table.name)}
        assert expected == found, table.name


def test_upgrade_is_idempotent(engine: Engine) -> None:
    """Running upgrade on a database at head changes nothing."""
    upgrade(engine)
    assert current_revision(engine) == head_revision()
