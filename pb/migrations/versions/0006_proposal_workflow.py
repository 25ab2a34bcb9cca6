"""proposal workflow: confirmation time, final-cost note, the proposer's language

Revision ID: 0006_proposal_workflow
Revises: 0004_voting_contact
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_proposal_workflow'
down_revision = '0004_voting_contact'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('proposal') as batch:
        batch.add_column(sa.Column('final_cost_note', sa.Text(), nullable=True))
        batch.add_column(sa.Column('confirmed_at', sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column('language', sa.String(length=2), nullable=False, server_default='da'))
        batch.create_check_constraint(
            op.f('ck_proposal_final_cost_has_note'), 'final_cost IS NULL OR final_cost_note IS NOT NULL'
        )
    # Proposals made before this revision were already in the queue: count them as confirmed.
    op.execute("UPDATE proposal SET confirmed_at = created_at")
    with op.batch_alter_table('proposal') as batch:
        batch.alter_column('language', server_default=None)


def downgrade() -> None:
    with op.batch_alter_table('proposal') as batch:
        batch.drop_constraint(op.f('ck_proposal_final_cost_has_note'), type_='check')
        batch.drop_column('language')
        batch.drop_column('confirmed_at')
        batch.drop_column('final_cost_note')
