"""mail outbox: template and parameters instead of stored bodies; Message-ID, lease and retry columns

Revision ID: 0002_mail_outbox
Revises: 0001
Create Date: 2026-12-02

Rows made before this revision held rendered bodies (possibly with live links),
which the outbox no longer stores. Nothing sent mail before it, but any such
row is kept as a failed message with a note, and its bodies are dropped.
"""
import uuid

from alembic import op
import sqlalchemy as sa


revision = '0002_mail_outbox'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('outbound_email', schema=None) as batch_op:
        batch_op.add_column(sa.Column('template', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('params', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('message_id', sa.String(length=250), nullable=True))
        batch_op.add_column(sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('claimed_by', sa.String(length=40), nullable=True))

    connection = op.get_bind()
    table = sa.table(
        'outbound_email',
        sa.column('id', sa.Integer()), sa.column('template', sa.String()), sa.column('params', sa.JSON()),
        sa.column('language', sa.String()), sa.column('message_id', sa.String()), sa.column('status', sa.String()),
        sa.column('last_error', sa.Text()), sa.column('created_at', sa.DateTime(timezone=True)),
        sa.column('next_attempt_at', sa.DateTime(timezone=True)),
    )
    for (row_id,) in connection.execute(sa.select(table.c.id)).all():
        connection.execute(
            table.update().where(table.c.id == row_id).values(
                template='legacy/stored', params={}, language='da',
                message_id=f'<{uuid.uuid4().hex}@migrated.invalid>', next_attempt_at=table.c.created_at,
            )
        )
    connection.execute(
        table.update().where(table.c.status.in_(['queued', 'sending'])).values(
            status='failed', last_error='Lavet før udbakken gemte skabeloner; kan ikke sendes.'
        )
    )

    with op.batch_alter_table('outbound_email', schema=None) as batch_op:
        batch_op.drop_index('ix_outbound_email_status_created')
        batch_op.alter_column('template', existing_type=sa.String(length=80), nullable=False)
        batch_op.alter_column('params', existing_type=sa.JSON(), nullable=False)
        batch_op.alter_column('language', existing_type=sa.String(length=5), nullable=False)
        batch_op.alter_column('message_id', existing_type=sa.String(length=250), nullable=False)
        batch_op.alter_column('next_attempt_at', existing_type=sa.DateTime(timezone=True), nullable=False)
        batch_op.drop_column('subject')
        batch_op.drop_column('body_text')
        batch_op.drop_column('body_html')
        batch_op.create_unique_constraint(batch_op.f('uq_outbound_email_message_id'), ['message_id'])
        batch_op.create_check_constraint(batch_op.f('ck_outbound_email_sending_has_claim'), "status != 'sending' OR claimed_at IS NOT NULL")
        batch_op.create_check_constraint(batch_op.f('ck_outbound_email_language_known'), "language IN ('da', 'en')")
        batch_op.create_index('ix_outbound_email_status_due', ['status', 'next_attempt_at'], unique=False)


def downgrade() -> None:
    # The stored bodies cannot be rebuilt: queued rows come back with an empty body and are marked failed.
    with op.batch_alter_table('outbound_email', schema=None) as batch_op:
        batch_op.drop_index('ix_outbound_email_status_due')
        batch_op.drop_constraint(batch_op.f('ck_outbound_email_language_known'), type_='check')
        batch_op.drop_constraint(batch_op.f('ck_outbound_email_sending_has_claim'), type_='check')
        batch_op.drop_constraint(batch_op.f('uq_outbound_email_message_id'), type_='unique')
        batch_op.add_column(sa.Column('subject', sa.String(length=200), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('body_text', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('body_html', sa.Text(), nullable=True))
        batch_op.drop_column('claimed_by')
        batch_op.drop_column('claimed_at')
        batch_op.drop_column('next_attempt_at')
        batch_op.drop_column('message_id')
        batch_op.drop_column('language')
        batch_op.drop_column('params')
        batch_op.drop_column('template')
        batch_op.create_index('ix_outbound_email_status_created', ['status', 'created_at'], unique=False)
    op.execute("UPDATE outbound_email SET status = 'failed' WHERE status IN ('queued', 'sending')")
    with op.batch_alter_table('outbound_email', schema=None) as batch_op:
        batch_op.alter_column('subject', existing_type=sa.String(length=200), server_default=None)
        batch_op.alter_column('body_text', existing_type=sa.Text(), server_default=None)
