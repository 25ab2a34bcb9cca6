"""public round pin: an official may choose which round the public pages show

Revision ID: 0007_public_round_pin
Revises: 0006_proposal_workflow
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0007_public_round_pin'
down_revision = '0006_proposal_workflow'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('round') as batch:
        batch.add_column(sa.Column('pinned_public_at', sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('round') as batch:
        batch.drop_column('pinned_public_at')
