"""round pool; audit events name their object and community

Revision ID: 0003_round_pool_audit_scope
Revises: 0002_mail_outbox
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_round_pool_audit_scope'
down_revision = '0002_mail_outbox'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('round') as batch:
        batch.add_column(sa.Column('pool_amount', sa.Integer(), nullable=True))
        batch.create_check_constraint(
            op.f('ck_round_pool_amount_not_negative'), 'pool_amount IS NULL OR pool_amount >= 0'
        )
    # A round made before this revision: its pool is what its budgets add up to.
    op.execute(
        "UPDATE round SET pool_amount = (SELECT SUM(amount) FROM community_budget"
        " WHERE community_budget.round_id = round.id)"
    )
    with op.batch_alter_table('audit_event') as batch:
        batch.add_column(sa.Column('object_label', sa.String(length=200), nullable=True))
        batch.add_column(sa.Column('community_id', sa.Integer(), nullable=True))
        batch.create_foreign_key(
            op.f('fk_audit_event_community_id_community'), 'community', ['community_id'], ['id'],
            ondelete='SET NULL',
        )
        batch.create_index(batch.f('ix_audit_event_community_id'), ['community_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('audit_event') as batch:
        batch.drop_index(batch.f('ix_audit_event_community_id'))
        batch.drop_constraint(op.f('fk_audit_event_community_id_community'), type_='foreignkey')
        batch.drop_column('community_id')
        batch.drop_column('object_label')
    with op.batch_alter_table('round') as batch:
        batch.drop_constraint(op.f('ck_round_pool_amount_not_negative'), type_='check')
        batch.drop_column('pool_amount')
