"""recent report requests: an index on amazon_report_requests.requested_at, for the worker's
question on every pass (which marketplaces were asked for a report within the last day)

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-27 19:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_amazon_report_requests_recent', 'amazon_report_requests', ['requested_at'], unique=False)


def downgrade():
    op.drop_index('ix_amazon_report_requests_recent', table_name='amazon_report_requests')
