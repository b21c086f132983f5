"""webhook endpoint presence: sellers.has_webhook_endpoints, so a write of a case knows from
the seller's row whether to look the seller's endpoints up

Revision ID: 0011
Revises: 0009
Create Date: 2026-11-27 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0009'
branch_labels = None
depends_on = None


# Plain ALTER TABLE, not a batch: SQLite would copy `sellers` into a new table and drop the
# old one, and with foreign keys on, dropping it deletes every seller's cases, tokens and
# endpoints (ON DELETE CASCADE).
def upgrade():
    op.add_column(
        'sellers', sa.Column('has_webhook_endpoints', sa.Boolean(), server_default=sa.false(), nullable=False)
    )
    op.execute(
        "UPDATE sellers SET has_webhook_endpoints = EXISTS ("
        "SELECT 1 FROM webhook_endpoints WHERE webhook_endpoints.seller_id = sellers.id "
        "AND webhook_endpoints.enabled)"
    )


def downgrade():
    op.drop_column('sellers', 'has_webhook_endpoints')
