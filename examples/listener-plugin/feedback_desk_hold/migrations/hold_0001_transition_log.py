"""The hold plug-in's transition log.

A branch of its own (no down_revision, its own label), found through the plug-in's
`feedback_desk.migrations` entry point; `feedback-desk db upgrade` runs it with the product's.
"""

import sqlalchemy as sa
from alembic import op

revision = "hold_0001"
down_revision = None
branch_labels = ("feedback_desk_hold",)
depends_on = None


def upgrade():
    op.create_table(
        "hold_plugin_transition_log",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.String(40), nullable=False),
        sa.Column("event", sa.String(40), nullable=False),
        sa.Column("to_state", sa.String(40), nullable=False),
        sa.Column("actor", sa.String(40), nullable=False),
    )


def downgrade():
    op.drop_table("hold_plugin_transition_log")
