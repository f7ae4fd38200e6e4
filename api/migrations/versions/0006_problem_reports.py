"""Problem reports from the field on access points.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

from collections.abc import Sequence

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Placeholder, filled by the work on this part."""


def downgrade() -> None:
    """Placeholder, filled by the work on this part."""
