"""names that cannot be misread: the evidence a documentation request asks for, and whether a
cancellation was approved before the order was assigned

Renamed in place (ALTER TABLE ... RENAME COLUMN on SQLite and PostgreSQL alike): a batch
rebuild of `cases` would drop the table its rows' history and messages cascade from.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 14:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column('documentation_requests', 'evidence', new_column_name='evidence_requested')
    op.alter_column(
        'cases', 'cancellation_before_assignment', new_column_name='cancellation_approved_before_assignment'
    )


def downgrade():
    op.alter_column(
        'cases', 'cancellation_approved_before_assignment', new_column_name='cancellation_before_assignment'
    )
    op.alter_column('documentation_requests', 'evidence_requested', new_column_name='evidence')
