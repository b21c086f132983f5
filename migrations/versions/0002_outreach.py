"""outreach: outbox, suppressions, template overrides, opt-out and sweep schedule

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26 10:14:27.416891

"""
from alembic import op
import sqlalchemy as sa
import workflow.db
from workflow.policy import removal_grounds


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('suppressions',
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('reason', sa.String(length=40), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_suppressions_seller_id_sellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('seller_id', 'email', name=op.f('pk_suppressions'))
    )
    op.create_table('template_overrides',
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('source', sa.Text(), nullable=False),
    sa.Column('updated_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_template_overrides_seller_id_sellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('seller_id', 'name', 'language', name=op.f('pk_template_overrides'))
    )
    op.create_table('outbox_messages',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('case_id', sa.String(length=40), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=320), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('text_body', sa.Text(), nullable=False),
    sa.Column('html_body', sa.Text(), nullable=False),
    sa.Column('message_id', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_until', workflow.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', workflow.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_outbox_messages_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_outbox_messages_seller_id_sellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_messages')),
    sa.UniqueConstraint('message_id', name=op.f('uq_outbox_messages_message_id'))
    )
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outbox_messages_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_outbox_messages_due', ['status', 'next_attempt_at'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('buyer_opted_out', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('sweep_at', workflow.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f('ix_cases_sweep_at'), ['sweep_at'], unique=False)

    _schedule_existing_cases()



def _schedule_existing_cases():
    """Open cases from before the sweep existed get their sweep instant (machine.hopeless_from)."""
    cases = sa.table(
        "cases",
        sa.column("id", sa.String),
        sa.column("state", sa.String),
        sa.column("feedback_types", sa.String),
        sa.column("asserted_grounds", sa.String),
        sa.column("customer_removal_by", workflow.db.UTCDateTime()),
        sa.column("amazon_removal_by", workflow.db.UTCDateTime()),
        sa.column("sweep_at", workflow.db.UTCDateTime()),
    )
    connection = op.get_bind()
    rows = connection.execute(
        sa.select(cases).where(cases.c.state.notin_(["amazon_removal_requested", "closed"]))
    ).all()
    for row in rows:
        grounds = removal_grounds(row.feedback_types.split(","), [g for g in row.asserted_grounds.split(",") if g])
        due = row.amazon_removal_by if grounds else row.customer_removal_by
        connection.execute(sa.update(cases).where(cases.c.id == row.id).values(sweep_at=due))


def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cases_sweep_at'))
        batch_op.drop_column('sweep_at')
        batch_op.drop_column('buyer_opted_out')

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_messages_due')
        batch_op.drop_index(batch_op.f('ix_outbox_messages_case_id'))

    op.drop_table('outbox_messages')
    op.drop_table('template_overrides')
    op.drop_table('suppressions')
