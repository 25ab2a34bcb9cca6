"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-22
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('community',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('slug', sa.String(length=80), nullable=False),
    sa.Column('population', sa.Integer(), nullable=False),
    sa.Column('postcodes', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('population >= 0', name=op.f('ck_community_population_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community')),
    sa.UniqueConstraint('name', name=op.f('uq_community_name')),
    sa.UniqueConstraint('slug', name=op.f('uq_community_slug'))
    )
    op.create_table('login_attempt',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('ip_address', sa.String(length=45), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.Column('attempted_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_attempt'))
    )
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.create_index('ix_login_attempt_email_time', ['email', 'attempted_at'], unique=False)
        batch_op.create_index('ix_login_attempt_ip_time', ['ip_address', 'attempted_at'], unique=False)

    op.create_table('outbound_email',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('recipient', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=True),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('dedup_key', sa.String(length=200), nullable=True),
    sa.Column('status', sa.Enum('queued', 'sending', 'sent', 'failed', name='mailstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sent_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status != 'sent' OR sent_at IS NOT NULL", name=op.f('ck_outbound_email_sent_has_time')),
    sa.CheckConstraint('attempts >= 0', name=op.f('ck_outbound_email_attempts_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbound_email')),
    sa.UniqueConstraint('dedup_key', name=op.f('uq_outbound_email_dedup_key'))
    )
    with op.batch_alter_table('outbound_email', schema=None) as batch_op:
        batch_op.create_index('ix_outbound_email_status_created', ['status', 'created_at'], unique=False)

    op.create_table('round',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('fund_name', sa.String(length=120), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('phase', sa.Enum('draft', 'proposals', 'review', 'voting', 'tallying', 'published', 'archived', name='phase', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('ballot_type', sa.Enum('knapsack', 'approval', 'cumulative', name='ballottype', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('selection_rule', sa.Enum('greedy', 'greedy-no-skip', 'max-welfare', 'equal-shares', 'equal-shares-add1', name='selectionrule', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('min_voter_age', sa.Integer(), nullable=False),
    sa.Column('approval_min_choices', sa.Integer(), nullable=True),
    sa.Column('approval_max_choices', sa.Integer(), nullable=True),
    sa.Column('cumulative_points', sa.Integer(), nullable=True),
    sa.Column('min_score', sa.Integer(), nullable=True),
    sa.Column('tie_break_seed', sa.Integer(), nullable=True),
    sa.Column('self_registration_open', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('approval_max_choices IS NULL OR approval_min_choices IS NULL OR approval_max_choices >= approval_min_choices', name=op.f('ck_round_approval_max_not_below_min')),
    sa.CheckConstraint('approval_min_choices IS NULL OR approval_min_choices >= 0', name=op.f('ck_round_approval_min_not_negative')),
    sa.CheckConstraint('cumulative_points IS NULL OR cumulative_points > 0', name=op.f('ck_round_cumulative_points_positive')),
    sa.CheckConstraint('min_score IS NULL OR min_score >= 0', name=op.f('ck_round_min_score_not_negative')),
    sa.CheckConstraint('min_voter_age >= 0', name=op.f('ck_round_min_voter_age_not_negative')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round')),
    sa.UniqueConstraint('name', name=op.f('uq_round_name'))
    )
    op.create_table('staff_user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('role', sa.Enum('admin', 'official', 'playmaker', name='role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('is_active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_login_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('session_generation', sa.Integer(), nullable=False),
    sa.CheckConstraint('email = lower(email)', name=op.f('ck_staff_user_email_lower_case')),
    sa.CheckConstraint('session_generation >= 1', name=op.f('ck_staff_user_session_generation_positive')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_user')),
    sa.UniqueConstraint('email', name=op.f('uq_staff_user_email'))
    )
    op.create_table('audit_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('actor_label', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=80), nullable=False),
    sa.Column('object_type', sa.String(length=40), nullable=True),
    sa.Column('object_id', sa.String(length=40), nullable=True),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('ip_address', sa.String(length=45), nullable=True),
    sa.ForeignKeyConstraint(['actor_id'], ['staff_user.id'], name=op.f('fk_audit_event_actor_id_staff_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_event'))
    )
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_event_action'), ['action'], unique=False)
        batch_op.create_index('ix_audit_event_object', ['object_type', 'object_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_audit_event_occurred_at'), ['occurred_at'], unique=False)

    op.create_table('category',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('min_spend', sa.Integer(), nullable=True),
    sa.Column('max_spend', sa.Integer(), nullable=True),
    sa.CheckConstraint('max_spend IS NULL OR min_spend IS NULL OR max_spend >= min_spend', name=op.f('ck_category_max_spend_not_below_min')),
    sa.CheckConstraint('min_spend IS NULL OR min_spend >= 0', name=op.f('ck_category_min_spend_not_negative')),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_category_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_category')),
    sa.UniqueConstraint('round_id', 'name', name=op.f('uq_category_round_id_name'))
    )
    op.create_table('community_budget',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.CheckConstraint('amount >= 0', name=op.f('ck_community_budget_amount_not_negative')),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_community_budget_community_id_community'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_community_budget_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_community_budget')),
    sa.UniqueConstraint('round_id', 'community_id', name=op.f('uq_community_budget_round_id_community_id'))
    )
    op.create_table('phase_window',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('phase', sa.Enum('draft', 'proposals', 'review', 'voting', 'tallying', 'published', 'archived', name='phase', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('starts_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ends_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('ends_at > starts_at', name=op.f('ck_phase_window_ends_after_start')),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_phase_window_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phase_window')),
    sa.UniqueConstraint('round_id', 'phase', name=op.f('uq_phase_window_round_id_phase'))
    )
    op.create_table('result',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('rule', sa.Enum('greedy', 'greedy-no-skip', 'max-welfare', 'equal-shares', 'equal-shares-add1', name='selectionrule', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('solver', sa.String(length=40), nullable=False),
    sa.Column('selected_proposal_ids', sa.JSON(), nullable=False),
    sa.Column('scores', sa.JSON(), nullable=False),
    sa.Column('spent', sa.Integer(), nullable=False),
    sa.Column('leftover', sa.Integer(), nullable=False),
    sa.Column('tie_break', sa.JSON(), nullable=False),
    sa.Column('explanations', sa.JSON(), nullable=False),
    sa.Column('ballot_file_sha256', sa.String(length=64), nullable=False),
    sa.Column('computed_by_id', sa.Integer(), nullable=True),
    sa.Column('computed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('published_by_id', sa.Integer(), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('correction_reason', sa.Text(), nullable=True),
    sa.CheckConstraint('spent >= 0 AND leftover >= 0', name=op.f('ck_result_money_not_negative')),
    sa.CheckConstraint('version = 1 OR correction_reason IS NOT NULL', name=op.f('ck_result_correction_has_reason')),
    sa.CheckConstraint('version >= 1', name=op.f('ck_result_version_positive')),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_result_community_id_community'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['computed_by_id'], ['staff_user.id'], name=op.f('fk_result_computed_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['published_by_id'], ['staff_user.id'], name=op.f('fk_result_published_by_id_staff_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_result_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_result')),
    sa.UniqueConstraint('round_id', 'community_id', 'version', name=op.f('uq_result_round_id_community_id_version'))
    )
    op.create_table('staff_community',
    sa.Column('staff_user_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_staff_community_community_id_community'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_user_id'], ['staff_user.id'], name=op.f('fk_staff_community_staff_user_id_staff_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('staff_user_id', 'community_id', name=op.f('pk_staff_community'))
    )
    op.create_table('voter',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('source', sa.Enum('roll', 'self', 'paper', name='votersource', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('link_version', sa.Integer(), nullable=False),
    sa.Column('verified_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('birth_year IS NULL OR birth_year BETWEEN 1900 AND 2100', name=op.f('ck_voter_birth_year_plausible')),
    sa.CheckConstraint('email = lower(email)', name=op.f('ck_voter_email_lower_case')),
    sa.CheckConstraint('link_version >= 1', name=op.f('ck_voter_link_version_positive')),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_voter_community_id_community'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_voter_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_voter')),
    sa.UniqueConstraint('id', 'round_id', 'community_id', name=op.f('uq_voter_id_round_id_community_id')),
    sa.UniqueConstraint('round_id', 'email', name=op.f('uq_voter_round_id_email'))
    )
    with op.batch_alter_table('voter', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_voter_community_id'), ['community_id'], unique=False)

    op.create_table('ballot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('voter_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Enum('web', 'paper', name='ballotchannel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('receipt_hash', sa.String(length=64), nullable=False),
    sa.Column('cast_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('version >= 1', name=op.f('ck_ballot_version_positive')),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_ballot_community_id_community'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_ballot_round_id_round'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['voter_id', 'round_id', 'community_id'], ['voter.id', 'voter.round_id', 'voter.community_id'], name='fk_ballot_voter_round_community', ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot')),
    sa.UniqueConstraint('receipt_hash', name=op.f('uq_ballot_receipt_hash')),
    sa.UniqueConstraint('round_id', 'voter_id', name=op.f('uq_ballot_round_id_voter_id'))
    )
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.create_index('ix_ballot_round_community', ['round_id', 'community_id'], unique=False)

    op.create_table('proposal',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('community_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=120), nullable=False),
    sa.Column('summary', sa.String(length=400), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('estimated_cost', sa.Integer(), nullable=False),
    sa.Column('final_cost', sa.Integer(), nullable=True),
    sa.Column('category_id', sa.Integer(), nullable=True),
    sa.Column('location', sa.String(length=200), nullable=True),
    sa.Column('proposer_name', sa.String(length=120), nullable=False),
    sa.Column('proposer_email', sa.String(length=254), nullable=False),
    sa.Column('proposer_phone', sa.String(length=40), nullable=True),
    sa.Column('consent_to_publish', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('submitted', 'needs_changes', 'approved', 'rejected', 'merged', 'withdrawn', name='proposalstatus', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('rejection_reason', sa.Text(), nullable=True),
    sa.Column('exclusive_group', sa.String(length=80), nullable=True),
    sa.Column('must_fund', sa.Boolean(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(status = 'merged') = (merged_into_id IS NOT NULL)", name=op.f('ck_proposal_merged_has_target')),
    sa.CheckConstraint("status != 'rejected' OR rejection_reason IS NOT NULL", name=op.f('ck_proposal_rejection_has_reason')),
    sa.CheckConstraint('estimated_cost > 0', name=op.f('ck_proposal_estimated_cost_positive')),
    sa.CheckConstraint('final_cost IS NULL OR final_cost > 0', name=op.f('ck_proposal_final_cost_positive')),
    sa.CheckConstraint('merged_into_id IS NULL OR merged_into_id != id', name=op.f('ck_proposal_not_merged_into_self')),
    sa.ForeignKeyConstraint(['category_id'], ['category.id'], name=op.f('fk_proposal_category_id_category'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['community_id'], ['community.id'], name=op.f('fk_proposal_community_id_community'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['merged_into_id'], ['proposal.id'], name=op.f('fk_proposal_merged_into_id_proposal'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_proposal_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_proposal'))
    )
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_proposal_community_id'), ['community_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_round_id'), ['round_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_proposal_status'), ['status'], unique=False)

    op.create_table('ballot_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('proposal_id', sa.Integer(), nullable=False),
    sa.Column('points', sa.Integer(), nullable=False),
    sa.CheckConstraint('points > 0', name=op.f('ck_ballot_item_points_positive')),
    sa.ForeignKeyConstraint(['ballot_id'], ['ballot.id'], name=op.f('fk_ballot_item_ballot_id_ballot'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['proposal_id'], ['proposal.id'], name=op.f('fk_ballot_item_proposal_id_proposal'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot_item')),
    sa.UniqueConstraint('ballot_id', 'proposal_id', name=op.f('uq_ballot_item_ballot_id_proposal_id'))
    )
    with op.batch_alter_table('ballot_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ballot_item_proposal_id'), ['proposal_id'], unique=False)

    op.create_table('ballot_revision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ballot_id', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('channel', sa.Enum('web', 'paper', name='ballotchannel', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('items', sa.JSON(), nullable=False),
    sa.Column('cast_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ballot_id'], ['ballot.id'], name=op.f('fk_ballot_revision_ballot_id_ballot'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ballot_revision')),
    sa.UniqueConstraint('ballot_id', 'version', name=op.f('uq_ballot_revision_ballot_id_version'))
    )


def downgrade() -> None:
    op.drop_table('ballot_revision')
    with op.batch_alter_table('ballot_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ballot_item_proposal_id'))

    op.drop_table('ballot_item')
    with op.batch_alter_table('proposal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_proposal_status'))
        batch_op.drop_index(batch_op.f('ix_proposal_round_id'))
        batch_op.drop_index(batch_op.f('ix_proposal_community_id'))

    op.drop_table('proposal')
    with op.batch_alter_table('ballot', schema=None) as batch_op:
        batch_op.drop_index('ix_ballot_round_community')

    op.drop_table('ballot')
    with op.batch_alter_table('voter', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_voter_community_id'))

    op.drop_table('voter')
    op.drop_table('staff_community')
    op.drop_table('result')
    op.drop_table('phase_window')
    op.drop_table('community_budget')
    op.drop_table('category')
    with op.batch_alter_table('audit_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_event_occurred_at'))
        batch_op.drop_index('ix_audit_event_object')
        batch_op.drop_index(batch_op.f('ix_audit_event_action'))

    op.drop_table('audit_event')
    op.drop_table('staff_user')
    op.drop_table('round')
    with op.batch_alter_table('outbound_email', schema=None) as batch_op:
        batch_op.drop_index('ix_outbound_email_status_created')

    op.drop_table('outbound_email')
    with op.batch_alter_table('login_attempt', schema=None) as batch_op:
        batch_op.drop_index('ix_login_attempt_ip_time')
        batch_op.drop_index('ix_login_attempt_email_time')

    op.drop_table('login_attempt')
    op.drop_table('community')
