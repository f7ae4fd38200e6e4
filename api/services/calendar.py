"""The concrete opening calendar of one access point, day by day."""

from datetime import date

from sqlmodel import Session, col, select

from api import hours
from api.errors import NotFoundError
from api.models import AccessPoint, ClosurePublic
from api.models.responses import (
    CalendarDayPublic,
    CalendarPublic,
    IntervalPublic,
    PublicHolidayPublic,
)
from api.services.access_points import load_closures
from api.services.place_hours import coordinates_of


def get_calendar(
    *, session: Session, access_point_id: str, start: date, days: int
) -> CalendarPublic:
    """``days`` local days (Europe/Brussels) from ``start``: the state of each day (open,
    closed, or unknown: hours not known are unknown every day, never closed), its open and
    unknown intervals, the Belgian public holiday it falls on (named in fr/nl/en) and the
    closure that applies, if any; sunrise, sunset, dawn and dusk at the place's
    coordinates. Raises ``NotFoundError`` (404) for an unknown id."""
    point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == access_point_id)).first()
    if point is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    closures = load_closures(session=session, access_points=[point], from_day=start)[point.id]
    calendar = hours.calendar(
        opening_hours=point.opening_hours,
        start=start,
        days=days,
        closures=closures,
        coordinates=coordinates_of(point),
    )
    return CalendarPublic(
        access_point_id=point.id,
        opening_hours=point.opening_hours,
        days=[
            CalendarDayPublic(
                date=day.day,
                state=day.state,
                intervals=[
                    IntervalPublic(start=i.start, end=i.end, state=i.state, comment=i.comment)
                    for i in day.intervals
                ],
                public_holiday=PublicHolidayPublic(names=day.public_holiday_names)
                if day.public_holiday
                else None,
                closure=ClosurePublic(
                    reason_nl=day.closure.reason_nl,
                    start=day.closure.start,
                    end=day.closure.end,
                    reason=day.closure.reason,
                )
                if day.closure
                else None,
            )
            for day in calendar
        ],
    )
