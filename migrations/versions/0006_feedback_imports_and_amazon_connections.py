"""feedback imports and amazon connections

Revision ID: 0006
Revises: 0007
Create Date: 2026-11-27 13:49:38.041066

"""

from alembic import op
import sqlalchemy as sa
import workflow.db


# revision identifiers, used by Alembic.
revision = "0006"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "amazon_connections",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("seller_id", sa.String(length=40), nullable=False),
        sa.Column("region", sa.String(length=2), nullable=False),
        sa.Column("marketplaces", sa.String(length=200), nullable=False),
        sa.Column("client_id", sa.String(length=200), nullable=False),
        sa.Column("encrypted_client_secret", sa.Text(), nullable=False),
        sa.Column("encrypted_refresh_token", sa.Text(), nullable=False),
        sa.Column("created_at", workflow.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_amazon_connections_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amazon_connections")),
    )
    with op.batch_alter_table("amazon_connections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_amazon_connections_seller_id"), ["seller_id"], unique=False)

    op.create_table(
        "feedback_imports",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("seller_id", sa.String(length=40), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("covers_from", sa.Date(), nullable=True),
        sa.Column("covers_to", sa.Date(), nullable=True),
        sa.Column("filename", sa.String(length=255), nullable=True),
        sa.Column("encoding", sa.String(length=40), nullable=True),
        sa.Column("layout_columns", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("rows_read", sa.Integer(), nullable=False),
        sa.Column("negative_rows", sa.Integer(), nullable=False),
        sa.Column("neutral_rows", sa.Integer(), nullable=False),
        sa.Column("positive_rows", sa.Integer(), nullable=False),
        sa.Column("rejected_rows", sa.Integer(), nullable=False),
        sa.Column("cases_opened", sa.Integer(), nullable=False),
        sa.Column("cases_known", sa.Integer(), nullable=False),
        sa.Column("cases_updated", sa.Integer(), nullable=False),
        sa.Column("cases_closed_by_rating", sa.Integer(), nullable=False),
        sa.Column("cases_closed_by_disappearance", sa.Integer(), nullable=False),
        sa.Column("created_at", workflow.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("completed_at", workflow.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_feedback_imports_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_imports")),
    )
    with op.batch_alter_table("feedback_imports", schema=None) as batch_op:
        batch_op.create_index("ix_feedback_imports_seller_id", ["seller_id", "id"], unique=False)

    op.create_table(
        "amazon_report_requests",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("connection_id", sa.String(length=40), nullable=False),
        sa.Column("seller_id", sa.String(length=40), nullable=False),
        sa.Column("marketplace", sa.String(length=2), nullable=False),
        sa.Column("report_id", sa.String(length=100), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("covers_from", sa.Date(), nullable=False),
        sa.Column("covers_to", sa.Date(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_poll_at", workflow.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("requested_at", workflow.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", workflow.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("import_id", sa.String(length=40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["connection_id"],
            ["amazon_connections.id"],
            name=op.f("fk_amazon_report_requests_connection_id_amazon_connections"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["feedback_imports.id"],
            name=op.f("fk_amazon_report_requests_import_id_feedback_imports"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["seller_id"], ["sellers.id"], name=op.f("fk_amazon_report_requests_seller_id_sellers"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_amazon_report_requests")),
    )
    with op.batch_alter_table("amazon_report_requests", schema=None) as batch_op:
        batch_op.create_index("ix_amazon_report_requests_due", ["status", "next_poll_at"], unique=False)
        batch_op.create_index(
            "ix_amazon_report_requests_latest", ["connection_id", "marketplace", "requested_at"], unique=False
        )

    op.create_table(
        "feedback_import_rejections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("import_id", sa.String(length=40), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["feedback_imports.id"],
            name=op.f("fk_feedback_import_rejections_import_id_feedback_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_feedback_import_rejections")),
    )
    with op.batch_alter_table("feedback_import_rejections", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_feedback_import_rejections_import_id"), ["import_id"], unique=False)

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("source", sa.String(length=20), server_default="manual", nullable=False))
        batch_op.add_column(sa.Column("feedback_import_id", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("seen_in_import_id", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("awaiting_triage", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.create_index(batch_op.f("ix_cases_awaiting_triage"), ["awaiting_triage"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_feedback_import_id"), ["feedback_import_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_cases_feedback_import_id_feedback_imports"),
            "feedback_imports",
            ["feedback_import_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade():
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_cases_feedback_import_id_feedback_imports"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_cases_feedback_import_id"))
        batch_op.drop_index(batch_op.f("ix_cases_awaiting_triage"))
        batch_op.drop_column("awaiting_triage")
        batch_op.drop_column("seen_in_import_id")
        batch_op.drop_column("feedback_import_id")
        batch_op.drop_column("source")

    with op.batch_alter_table("feedback_import_rejections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_feedback_import_rejections_import_id"))

    op.drop_table("feedback_import_rejections")
    with op.batch_alter_table("amazon_report_requests", schema=None) as batch_op:
        batch_op.drop_index("ix_amazon_report_requests_latest")
        batch_op.drop_index("ix_amazon_report_requests_due")

    op.drop_table("amazon_report_requests")
    with op.batch_alter_table("feedback_imports", schema=None) as batch_op:
        batch_op.drop_index("ix_feedback_imports_seller_id")

    op.drop_table("feedback_imports")
    with op.batch_alter_table("amazon_connections", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_amazon_connections_seller_id"))

    op.drop_table("amazon_connections")
