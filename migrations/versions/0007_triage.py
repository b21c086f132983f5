"""triage: the case's triage and who chose its types; Amazon removal requests and their answers

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-27 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa
import workflow.db


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('feedback_types_source', sa.String(length=10), server_default='seller', nullable=False))
        batch_op.add_column(sa.Column('triage', sa.Text(), nullable=True))

    op.create_table('amazon_removal_requests',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('case_id', sa.String(length=40), nullable=False),
    sa.Column('marketplace', sa.String(length=40), nullable=True),
    sa.Column('grounds', sa.String(length=200), nullable=False),
    sa.Column('filed_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('decided_at', workflow.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_amazon_removal_requests_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_amazon_removal_requests_seller_id_sellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_amazon_removal_requests'))
    )
    with op.batch_alter_table('amazon_removal_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_amazon_removal_requests_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_amazon_removal_requests_seller_id'), ['seller_id'], unique=False)


def downgrade():
    with op.batch_alter_table('amazon_removal_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_amazon_removal_requests_seller_id'))
        batch_op.drop_index(batch_op.f('ix_amazon_removal_requests_case_id'))

    op.drop_table('amazon_removal_requests')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('triage')
        batch_op.drop_column('feedback_types_source')
