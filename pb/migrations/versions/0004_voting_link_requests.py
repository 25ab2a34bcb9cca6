"""voting: link requests (rate limit for "send me a new link" and self-registration), voter.invited_at and address, round.paper_four_eyes, pending paper ballots

Revision ID: 0003_voting
Revises: 0003_round_pool_audit_scope
Create Date: 2026-12-02
"""
from alembic import op
import sqlalchemy as sa


revision = '0003_voting'
down_revision = '0003_round_pool_audit_scope'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('voter', schema=None) as batch_op:
        batch_op.add_column(sa.Column('invited_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('address', sa.String(length=200), nullable=True))
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=True)
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paper_four_eyes', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table('pending_paper_ballot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('voter_id', sa.Integer(), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('entered_by_id', sa.Integer(), nullable=True),
    sa.Column('entered_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['entered_by_id'], ['staff_user.id'], name=op.f('fk_pending_paper_ballot_entered_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['voter_id'], ['voter.id'], name=op.f('fk_pending_paper_ballot_voter_id_voter'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pending_paper_ballot')),
    sa.UniqueConstraint('voter_id', name=op.f('uq_pending_paper_ballot_voter_id'))
    )
    op.create_table('link_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('new_link', 'self_registration', name='linkrequestkind', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('email_hash', sa.String(length=64), nullable=False),
    sa.Column('ip_address', sa.String(length=45), nullable=False),
    sa.Column('requested_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_link_request'))
    )
    with op.batch_alter_table('link_request', schema=None) as batch_op:
        batch_op.create_index('ix_link_request_email_time', ['email_hash', 'requested_at'], unique=False)
        batch_op.create_index('ix_link_request_ip_time', ['ip_address', 'requested_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('link_request', schema=None) as batch_op:
        batch_op.drop_index('ix_link_request_ip_time')
        batch_op.drop_index('ix_link_request_email_time')
    op.drop_table('link_request')
    op.drop_table('pending_paper_ballot')
    with op.batch_alter_table('round', schema=None) as batch_op:
        batch_op.drop_column('paper_four_eyes')
    with op.batch_alter_table('voter', schema=None) as batch_op:
        batch_op.alter_column('email', existing_type=sa.String(length=254), nullable=False)
        batch_op.drop_column('address')
        batch_op.drop_column('invited_at')
