"""feedback cases, sellers, tokens and transition history

Revision ID: 0001
Revises: 
Create Date: 2026-11-26 10:05:48.599538

"""
from alembic import op
import sqlalchemy as sa
import workflow.db


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sellers',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sellers'))
    )
    op.create_table('api_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_api_tokens_seller_id_sellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_api_tokens'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_seller_id'), ['seller_id'], unique=False)

    op.create_table('cases',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('order_id', sa.String(length=19), nullable=False),
    sa.Column('rating', sa.Integer(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('published_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('marketplace', sa.String(length=40), nullable=True),
    sa.Column('buyer_email', sa.String(length=320), nullable=True),
    sa.Column('buyer_name', sa.String(length=200), nullable=True),
    sa.Column('buyer_language', sa.String(length=35), nullable=True),
    sa.Column('feedback_types', sa.String(length=400), nullable=False),
    sa.Column('asserted_grounds', sa.String(length=200), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('outcome', sa.String(length=40), nullable=True),
    sa.Column('customer_removal_by', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('amazon_removal_by', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('rating IN (1, 2)', name=op.f('ck_cases_negative_rating')),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_cases_seller_id_sellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cases')),
    sa.UniqueConstraint('seller_id', 'order_id', name='uq_cases_seller_order')
    )
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.create_index('ix_cases_seller_amazon_removal_by', ['seller_id', 'amazon_removal_by'], unique=False)
        batch_op.create_index('ix_cases_seller_customer_removal_by', ['seller_id', 'customer_removal_by'], unique=False)
        batch_op.create_index('ix_cases_seller_id', ['seller_id', 'id'], unique=False)
        batch_op.create_index('ix_cases_seller_state', ['seller_id', 'state'], unique=False)

    op.create_table('case_transitions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('case_id', sa.String(length=40), nullable=False),
    sa.Column('event', sa.String(length=40), nullable=False),
    sa.Column('from_state', sa.String(length=40), nullable=False),
    sa.Column('to_state', sa.String(length=40), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_transitions_case_id_cases'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_transitions'))
    )
    with op.batch_alter_table('case_transitions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_transitions_case_id'), ['case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('case_transitions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_transitions_case_id'))

    op.drop_table('case_transitions')
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_index('ix_cases_seller_state')
        batch_op.drop_index('ix_cases_seller_id')
        batch_op.drop_index('ix_cases_seller_customer_removal_by')
        batch_op.drop_index('ix_cases_seller_amazon_removal_by')

    op.drop_table('cases')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_seller_id'))

    op.drop_table('api_tokens')
    op.drop_table('sellers')
