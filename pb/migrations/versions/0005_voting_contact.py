"""voting: the round's contact e-mail and phone for residents

Revision ID: 0004_voting_contact
Revises: 0003_voting
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_voting_contact'
down_revision = '0003_voting'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('contact_email', sa.String(length=254), nullable=True))
        batch_op.add_column(sa.Column('contact_phone', sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_column('contact_phone')
        batch_op.drop_column('contact_email')
