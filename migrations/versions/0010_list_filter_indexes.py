"""list filter indexes: feedback types one row each, cases by (seller, state, id), open cases
by (seller, id)

Every filter of GET /v1/cases gets an index that yields the seller's cases in id order (the
list's order), so a page stops after its rows instead of walking the seller's whole history.
The two deadline indexes served the old due_before plan only and go; the sweep and the notices
have their own. Indexes are created and dropped in place, never by a batch rebuild of `cases`
(dropping that table on SQLite would cascade to its history and messages).

Revision ID: 0010
Revises: 0006
Create Date: 2026-11-27 14:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0006'
branch_labels = None
depends_on = None

# The feedback type codes of this revision (the policy table's), for copying existing cases'.
FEEDBACK_TYPE_CODES = (
    'poor_customer_service', 'late_delivery', 'missing_contents', 'wrong_item', 'poor_packaging',
    'damaged_item', 'inaccurate_description', 'cancelled_order_received', 'mistake', 'product_review',
    'seeking_response', 'scam_warning',
)


def upgrade():
    op.create_table('case_feedback_types',
    sa.Column('case_id', sa.String(length=40), nullable=False),
    sa.Column('feedback_type', sa.String(length=40), nullable=False),
    sa.Column('seller_id', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_feedback_types_case_id_cases'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['seller_id'], ['sellers.id'], name=op.f('fk_case_feedback_types_seller_id_sellers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('case_id', 'feedback_type', name=op.f('pk_case_feedback_types'))
    )
    for code in FEEDBACK_TYPE_CODES:
        op.execute(
            sa.text(
                "INSERT INTO case_feedback_types (case_id, feedback_type, seller_id) "
                "SELECT id, :code, seller_id FROM cases "
                "WHERE ',' || feedback_types || ',' LIKE :pattern ESCAPE '\\'"
            ).bindparams(code=code, pattern='%,' + code.replace('_', '\\_') + ',%')
        )
    op.create_index('ix_case_feedback_types_seller_type_case', 'case_feedback_types', ['seller_id', 'feedback_type', 'case_id'], unique=False)

    op.drop_index('ix_cases_seller_state', table_name='cases')
    op.drop_index('ix_cases_seller_customer_removal_by', table_name='cases')
    op.drop_index('ix_cases_seller_amazon_removal_by', table_name='cases')
    op.create_index('ix_cases_seller_state_id', 'cases', ['seller_id', 'state', 'id'], unique=False)
    op.create_index(
        'ix_cases_seller_open_id', 'cases', ['seller_id', 'id'], unique=False,
        sqlite_where=sa.text('outcome IS NULL'), postgresql_where=sa.text('outcome IS NULL'),
    )


def downgrade():
    op.drop_index('ix_cases_seller_open_id', table_name='cases')
    op.drop_index('ix_cases_seller_state_id', table_name='cases')
    op.create_index('ix_cases_seller_amazon_removal_by', 'cases', ['seller_id', 'amazon_removal_by'], unique=False)
    op.create_index('ix_cases_seller_customer_removal_by', 'cases', ['seller_id', 'customer_removal_by'], unique=False)
    op.create_index('ix_cases_seller_state', 'cases', ['seller_id', 'state'], unique=False)
    op.drop_index('ix_case_feedback_types_seller_type_case', table_name='case_feedback_types')
    op.drop_table('case_feedback_types')
