"""shipper side: shippers, links, documentation requests, penalties

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26 10:35:54.492491

"""
from alembic import op
import sqlalchemy as sa
import workflow.db


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('shippers',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_shippers'))
    )
    op.create_table('shipper_links',
    sa.Column('shipper_id', sa.String(length=40), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_shipper_links_seller_id_sellers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shipper_id'], ['shippers.id'], name=op.f('fk_shipper_links_shipper_id_shippers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('shipper_id', 'seller_id', name=op.f('pk_shipper_links'))
    )
    with op.batch_alter_table('shipper_links', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipper_links_seller_id'), ['seller_id'], unique=False)

    op.create_table('shipper_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('shipper_id', sa.String(length=40), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['shipper_id'], ['shippers.id'], name=op.f('fk_shipper_tokens_shipper_id_shippers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_shipper_tokens'))
    )
    with op.batch_alter_table('shipper_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_shipper_tokens_shipper_id'), ['shipper_id'], unique=False)

    op.create_table('documentation_requests',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('case_id', sa.String(length=40), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('shipper_id', sa.String(length=40), nullable=False),
    sa.Column('feedback_types', sa.String(length=400), nullable=False),
    sa.Column('evidence', sa.String(length=400), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('share_comment', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('respond_by', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('responded_at', workflow.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('answered_on_time', sa.Boolean(), nullable=True),
    sa.Column('evidence_given', sa.Text(), nullable=True),
    sa.Column('fault', sa.String(length=40), nullable=True),
    sa.Column('decline_reason', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_documentation_requests_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_documentation_requests_seller_id_sellers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shipper_id'], ['shippers.id'], name=op.f('fk_documentation_requests_shipper_id_shippers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documentation_requests'))
    )
    with op.batch_alter_table('documentation_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documentation_requests_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_documentation_requests_due', ['status', 'respond_by'], unique=False)
        batch_op.create_index(batch_op.f('ix_documentation_requests_shipper_id'), ['shipper_id'], unique=False)

    op.create_table('penalties',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('shipper_id', sa.String(length=40), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.Column('case_id', sa.String(length=40), nullable=False),
    sa.Column('request_id', sa.String(length=40), nullable=False),
    sa.Column('feedback_type', sa.String(length=40), nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_penalties_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['request_id'], ['documentation_requests.id'], name=op.f('fk_penalties_request_id_documentation_requests'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_penalties_seller_id_sellers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shipper_id'], ['shippers.id'], name=op.f('fk_penalties_shipper_id_shippers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_penalties'))
    )
    with op.batch_alter_table('penalties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_penalties_shipper_id'), ['shipper_id'], unique=False)

    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('shipped_on_time_with_buy_shipping', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('cancellation_before_assignment', sa.Boolean(), nullable=True))



def downgrade():
    with op.batch_alter_table('cases', schema=None) as batch_op:
        batch_op.drop_column('cancellation_before_assignment')
        batch_op.drop_column('shipped_on_time_with_buy_shipping')

    with op.batch_alter_table('penalties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_penalties_shipper_id'))

    op.drop_table('penalties')
    with op.batch_alter_table('documentation_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documentation_requests_shipper_id'))
        batch_op.drop_index('ix_documentation_requests_due')
        batch_op.drop_index(batch_op.f('ix_documentation_requests_case_id'))

    op.drop_table('documentation_requests')
    with op.batch_alter_table('shipper_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipper_tokens_shipper_id'))

    op.drop_table('shipper_tokens')
    with op.batch_alter_table('shipper_links', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_shipper_links_seller_id'))

    op.drop_table('shipper_links')
    op.drop_table('shippers')
