"""The free texts' retention: a text is emptied ``retention_days`` after its incident was
received (``Settings.incident_text_retention_days``, default 365); the structured fields stay
for the observatory. Run by ``guichets incidents purge-texts`` (a daily cron) and, so that no
admin ever reads an expired text, before the admins' listing (``list_incidents``)."""

from datetime import datetime, timedelta

from sqlalchemy import update
from sqlmodel import Session, col

from api.models.incidents import Incident


def remove_expired_texts(*, session: Session, now: datetime, retention_days: int) -> int:
    """Set ``text`` to None and ``text_removed_at`` to ``now`` on every incident received
    more than ``retention_days`` days before ``now`` that still has a text; commit. Returns
    how many texts were removed. Raises ValueError for a negative ``retention_days``."""
    if retention_days < 0:
        raise ValueError("retention_days must be 0 or more")
    statement = (
        update(Incident)
        .where(col(Incident.text).is_not(None))
        .where(col(Incident.created_at) < now - timedelta(days=retention_days))
        .values(text=None, text_removed_at=now)
    )
    result = session.exec(statement)
    session.commit()
    return int(result.rowcount or 0)
