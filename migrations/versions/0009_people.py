"""people: people who sign in, their invitations; API token labels and last use

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-27 14:00:00

"""
from alembic import op
import sqlalchemy as sa
import workflow.db


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('people',
    sa.Column('id', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=True),
    sa.Column('shipper_id', sa.String(length=40), nullable=True),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('time_zone', sa.String(length=64), server_default='UTC', nullable=False),
    sa.Column('session_generation', sa.Integer(), server_default='1', nullable=False),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint('(seller_id IS NULL) <> (shipper_id IS NULL)', name=op.f('ck_people_one_account')),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_people_seller_id_sellers'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['shipper_id'], ['shippers.id'], name=op.f('fk_people_shipper_id_shippers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('email', name=op.f('uq_people_email'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_people_seller_id'), ['seller_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_people_shipper_id'), ['shipper_id'], unique=False)

    op.create_table('invites',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('person_id', sa.String(length=40), nullable=False),
    sa.Column('expires_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', workflow.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', workflow.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_invites_person_id_people'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_invites'))
    )
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invites_person_id'), ['person_id'], unique=False)

    for table in ('api_tokens', 'shipper_tokens'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('label', sa.String(length=100), nullable=True))
            batch_op.add_column(sa.Column('last_used_at', workflow.db.UTCDateTime(timezone=True), nullable=True))


def downgrade():
    for table in ('shipper_tokens', 'api_tokens'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('last_used_at')
            batch_op.drop_column('label')
    with op.batch_alter_table('invites', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invites_person_id'))
    op.drop_table('invites')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_people_shipper_id'))
        batch_op.drop_index(batch_op.f('ix_people_seller_id'))
    op.drop_table('people')
