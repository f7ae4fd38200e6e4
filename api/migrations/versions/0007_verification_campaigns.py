"""Verification of entries (method, date) and verification campaigns with their tasks.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.models.types import UTCDateTime

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Add ``access_point.verification_method`` and the ``campaign`` and ``campaign_task``
    tables (tasks go with their campaign or their access point)."""
    with op.batch_alter_table("access_point") as batch:
        batch.add_column(sa.Column("verification_method", sa.String(20), nullable=True))
    op.create_table(
        "campaign",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        sa.Column("scope_values", sa.JSON(), nullable=False),
        sa.Column("opened_at", UTCDateTime(), nullable=False),
        sa.Column("opened_by", sa.String(400), nullable=False),
    )
    op.create_table(
        "campaign_task",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "campaign_id",
            sa.Integer(),
            sa.ForeignKey("campaign.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column(
            "access_point_id",
            sa.String(120),
            sa.ForeignKey("access_point.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("status", sa.String(20), nullable=False, server_default="to_do"),
        sa.Column("done_at", UTCDateTime(), nullable=True),
        sa.Column("done_by", sa.String(400), nullable=True),
        sa.Column("method", sa.String(20), nullable=True),
        sa.UniqueConstraint("campaign_id", "access_point_id", name="campaign_task_once"),
    )
    op.create_index("ix_campaign_task_campaign_id", "campaign_task", ["campaign_id"])
    op.create_index("ix_campaign_task_access_point_id", "campaign_task", ["access_point_id"])
    op.create_index("ix_campaign_task_status", "campaign_task", ["status"])


def downgrade() -> None:
    """Drop the campaign tables and ``access_point.verification_method``."""
    op.drop_index("ix_campaign_task_status", table_name="campaign_task")
    op.drop_index("ix_campaign_task_access_point_id", table_name="campaign_task")
    op.drop_index("ix_campaign_task_campaign_id", table_name="campaign_task")
    op.drop_table("campaign_task")
    op.drop_table("campaign")
    with op.batch_alter_table("access_point") as batch:
        batch.drop_column("verification_method")
