"""Response shapes that are computed, not stored: opening state, nearest results, pages,
calendars, reference lists."""

from datetime import date, datetime
from typing import Literal

from sqlmodel import Field

from api.hours import OpeningState
from api.hours.words import Weekday
from api.models.access_point import AccessPointPublic
from api.models.glossary import Documented
from api.models.organization import ClosurePublic


class OpeningPublic(Documented):
    """The state of an access point at an instant (Europe/Brussels, ISO 8601 with offset).

    ``closes_at`` is set when open; ``next_opens_at`` when closed or unknown (null when it
    does not open within a year); ``comment`` is the rule's comment or the closure reason.
    ``text``, ``closes_soon`` and ``warning`` say the same in words, in the response's
    language (``Content-Language``).
    """

    state: OpeningState = Field(schema_extra={"examples": ["open"]})
    closes_at: datetime | None = Field(
        default=None, schema_extra={"examples": ["2026-11-23T12:05:00+01:00"]}
    )
    next_opens_at: datetime | None = None
    comment: str | None = None
    text: str
    closes_soon: bool
    warning: str | None = None


class AccessPointRead(AccessPointPublic):
    """An access point with its opening state at the requested instant."""

    opening: OpeningPublic


class WeekDayPublic(Documented):
    """One day of the typical week in words."""

    day: Weekday
    label: str
    text: str


class AccessPointDetail(AccessPointRead):
    """One access point with its opening at the requested instant and its typical week in
    words."""

    week: list[WeekDayPublic]


class AccessPointWritten(AccessPointRead):
    """The answer to a write: the access point as now stored, and what the server did that
    the editor should know (geocoded, or placed at the postcode centroid, and why)."""

    notices: list[str] = Field(default_factory=list)


class AccessPointPage(Documented):
    """One page of the directory; pass ``next_cursor`` as ``cursor`` for the next page
    (null on the last page)."""

    items: list[AccessPointRead]
    next_cursor: str | None = None


class Origin(Documented):
    """Where the search starts (WGS84 degrees) and how it was given."""

    lat: float
    lon: float
    source: Literal["coordinates", "postcode", "address"]
    nis_code: str | None = Field(
        default=None,
        description="The municipality of the origin (from the postcode, or the nearest "
        "postcode locality for coordinates); phone lines are matched on it.",
    )


class NearestItem(Documented):
    """One result: the access point, its distance from the origin in metres and the estimated
    walk (null for phone lines, which have no place), whether it will still be open when the
    person gets there on foot, and its opening state at ``at``."""

    access_point: AccessPointPublic
    distance_m: int | None
    walking_minutes: int | None = None
    arrival_at: datetime | None = None
    open_on_arrival: bool | None = None
    opening: OpeningPublic


class NearestResponse(Documented):
    """Places sorted by distance then id, then the phone lines that serve the origin."""

    origin: Origin
    at: datetime
    items: list[NearestItem]


class IntervalPublic(Documented):
    """A stretch of one day (local times with offset); ``state`` is open or unknown."""

    start: datetime
    end: datetime
    state: OpeningState
    comment: str | None = None


class PublicHolidayPublic(Documented):
    """A Belgian national public holiday (``PH`` in OSM hours) and its names."""

    names: dict[str, str] = Field(
        schema_extra={"examples": [{"fr": "Noël", "nl": "Kerstmis", "en": "Christmas Day"}]}
    )


class CalendarDayPublic(Documented):
    """One local day of the calendar: its open intervals, and why it differs if it does."""

    date: date
    intervals: list[IntervalPublic]
    public_holiday: PublicHolidayPublic | None = None
    closure: ClosurePublic | None = None


class CalendarPublic(Documented):
    """The concrete open intervals of an access point, day by day."""

    access_point_id: str
    opening_hours: str | None
    time_zone: str = "Europe/Brussels"
    days: list[CalendarDayPublic]


class ThemePublic(Documented):
    """A theme of the controlled list and its labels."""

    id: str = Field(schema_extra={"examples": ["unemployment"]})
    labels: dict[str, str] = Field(
        schema_extra={"examples": [{"fr": "Chômage", "nl": "Werkloosheid", "en": "Unemployment"}]}
    )


class Health(Documented):
    """Liveness / readiness answer."""

    status: Literal["ok", "unavailable"]
    detail: str | None = None


class DataLicence(Documented):
    """Attribution of the data the API serves."""

    attribution: list[str]


class ErrorMessage(Documented):
    """An error a person can act on (404 and other non-validation errors)."""

    detail: str
