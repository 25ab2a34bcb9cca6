"""login attempt device: failures from a staff user's own browser are counted apart

Revision ID: 0008_login_attempt_device
Revises: 0007_public_round_pin
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_login_attempt_device'
down_revision = '0007_public_round_pin'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('login_attempt') as batch:
        batch.add_column(sa.Column('device', sa.String(length=32), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('login_attempt') as batch:
        batch.drop_column('device')
