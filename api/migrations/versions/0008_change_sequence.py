"""The change sequence that tells every worker process its in-memory index is stale.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from collections.abc import Sequence

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Placeholder, filled by the work on this part."""


def downgrade() -> None:
    """Placeholder, filled by the work on this part."""
