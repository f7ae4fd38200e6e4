"""Readiness: can this process answer queries?"""

from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import Session, func, select

from api.models import Postcode


def check_ready(*, session: Session) -> str | None:
    """None when the database answers and holds postcodes; otherwise what is wrong, for a
    person reading the probe."""
    try:
        count = session.exec(select(func.count()).select_from(Postcode)).one()
    except SQLAlchemyError as exc:
        return (
            f"database unreachable or not migrated ({exc.__class__.__name__}): "
            "check DATABASE_URL, then run `guichets migrate`"
        )
    if not count:
        return "database is empty: run `guichets seed`"
    return None
