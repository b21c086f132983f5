"""fenced delivery: claim ids on both outboxes, effects pending on emails

Revision ID: 0008
Revises: 0010
Create Date: 2026-11-27 14:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_id', sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column('effects_pending', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f('ix_outbox_messages_effects_pending'), ['effects_pending'], unique=False)

    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.add_column(sa.Column('claim_id', sa.String(length=40), nullable=True))


def downgrade():
    with op.batch_alter_table('webhook_deliveries', schema=None) as batch_op:
        batch_op.drop_column('claim_id')

    with op.batch_alter_table('outbox_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outbox_messages_effects_pending'))
        batch_op.drop_column('effects_pending')
        batch_op.drop_column('claim_id')
