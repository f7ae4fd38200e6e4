"""Problem reports from the field on access points.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.models.types import UTCDateTime

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create ``problem_report`` (reports go with their access point when it is deleted)."""
    op.create_table(
        "problem_report",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "access_point_id",
            sa.String(120),
            sa.ForeignKey("access_point.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("text", sa.String(500), nullable=True),
        sa.Column("status", sa.String(15), nullable=False, server_default="open"),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("resolved_at", UTCDateTime(), nullable=True),
        sa.Column("resolved_by", sa.String(400), nullable=True),
    )
    op.create_index("ix_problem_report_access_point_id", "problem_report", ["access_point_id"])
    op.create_index("ix_problem_report_status", "problem_report", ["status"])
    op.create_index("ix_problem_report_created_at", "problem_report", ["created_at"])


def downgrade() -> None:
    """Drop ``problem_report`` and its indexes."""
    op.drop_index("ix_problem_report_created_at", table_name="problem_report")
    op.drop_index("ix_problem_report_status", table_name="problem_report")
    op.drop_index("ix_problem_report_access_point_id", table_name="problem_report")
    op.drop_table("problem_report")
