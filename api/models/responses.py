"""Response shapes that are computed, not stored: opening state, nearest results, pages,
calendars, reference lists."""

from datetime import date, datetime
from typing import Literal

from sqlmodel import Field

from api.hours import OpeningState
from api.hours.words import Weekday
from api.models.access_point import AccessPointPublic
from api.models.common import Precision, Region
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
    """An access point with its opening state at the requested instant and, when a residence
    was given, whether it serves it."""

    opening: OpeningPublic
    competent: bool | None = Field(
        default=None,
        description="Whether its service_area covers the residence asked for: true, false "
        "(it will turn the person away), or null (no residence asked, or no service area "
        "stated).",
        schema_extra={"examples": [True]},
    )


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
    """The answer to a write: the access point as now stored (``opening_hours`` in the
    canonical form of opening_hours.js), its typical week in words (``week``, as
    ``AccessPointDetail``; language from ``lang`` or Accept-Language), what the server did
    that the editor should know (geocoded, or placed at the postcode centroid, and why; the
    schedule rewritten to its canonical form, before and after), and what the editor should
    fix although it was accepted (the warnings of opening_hours.js on the schedule as
    written, a schedule without a public-holiday rule)."""

    week: list[WeekDayPublic] = Field(default_factory=list)
    notices: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


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


class Residence(Documented):
    """The municipality where the person lives: it decides competence (the origin decides
    distance)."""

    nis_code: str = Field(schema_extra={"examples": ["21001"]})
    name: str = Field(schema_extra={"examples": ["Anderlecht"]})
    name_nl: str | None = None
    region: Region
    source: Literal["residence", "origin"] = Field(
        description="residence: given in the request; origin: the municipality of the origin, "
        "taken because none was given.",
        schema_extra={"examples": ["origin"]},
    )


SERVICE_AREA_LISTED_AT_MOST = 5
"""In ``nearest``'s compact form, a service area of more municipalities is given as its
``service_scope`` only (a regional line covers 19 or 262)."""


class ServiceScope(Documented):
    """What an access point's service area covers, in short: how many municipalities, in
    which regions. The list itself is on ``/v1/access-points/{id}``."""

    municipalities: int = Field(
        description="How many municipalities its service_area lists.",
        schema_extra={"examples": [19]},
    )
    regions: list[Region] = Field(
        description="The regions of those municipalities (Statbel NIS prefixes), sorted.",
        schema_extra={"examples": [["brussels"]]},
    )


class NearestItem(Documented):
    """One result: the access point, its distance from the origin in metres and the estimated
    walk (null for phone lines, which have no place), whether it will still be open when the
    person gets there on foot, its opening state at ``at``, and whether it serves the
    residence. A place known only to its postcode has an approximate distance and walk
    (``approximate``; ``location_precision`` says how it is known)."""

    access_point: AccessPointPublic
    distance_m: int | None
    walking_minutes: int | None = None
    arrival_at: datetime | None = None
    open_on_arrival: bool | None = None
    opening: OpeningPublic
    competent: bool | None = Field(
        default=None,
        description="true: its service_area covers the residence; false: it does not (listed "
        "only with competence=any: it will turn the person away); null: no service area stated.",
        schema_extra={"examples": [True]},
    )
    location_precision: Precision | None = Field(
        default=None,
        description="How the place's position is known: building, street, or postcode (its "
        "postcode's centre); null for phone lines.",
        schema_extra={"examples": ["building"]},
    )
    approximate: bool = Field(
        default=False,
        description="True when distance_m and walking_minutes are estimates from an "
        "approximate position (the postcode's centre): never read them as exact.",
        schema_extra={"examples": [False]},
    )
    service_scope: ServiceScope | None = Field(
        default=None,
        description="Its service area in short (null when it states none). With "
        "service_area=compact (the default), access_point.service_area is left out when it "
        "lists more than 5 municipalities: this says how many and where.",
        schema_extra={"examples": [{"municipalities": 19, "regions": ["brussels"]}]},
    )


class UnknownHoursGroup(Documented):
    """Places nearby whose hours are not known at ``at``: not open for sure, not closed
    either. Call before going."""

    count: int = Field(
        description="How many there are within within_m metres.", schema_extra={"examples": [3]}
    )
    within_m: int = Field(
        description="The radius counted, in metres: as far as the search read.",
        schema_extra={"examples": [2000]},
    )
    items: list[NearestItem] = Field(
        description="The nearest few, nearest first.", schema_extra={"examples": [[]]}
    )


class NearestResponse(Documented):
    """For the residence, the competent places first (whatever their state, the most local
    first); then the nearest places (sorted by distance then id) and the phone lines that
    serve the residence; then, with ``open=now``, the places nearby whose hours are unknown.
    An access point appears once."""

    origin: Origin
    residence: Residence | None = Field(
        default=None,
        description="Where the person lives: it decides competence; null when neither given "
        "nor known from the origin.",
        schema_extra={
            "examples": [
                {
                    "nis_code": "21001",
                    "name": "Anderlecht",
                    "name_nl": "Anderlecht",
                    "region": "brussels",
                    "source": "origin",
                }
            ]
        },
    )
    at: datetime
    competent: list[NearestItem] = Field(
        default_factory=list,
        description="Places whose service_area covers the residence and that match the "
        "filters, whatever their state (open, closed with next_opens_at, unknown: call first), "
        "the most local first (smallest service area), then nearest.",
        schema_extra={"examples": [[]]},
    )
    items: list[NearestItem]
    unknown_hours: UnknownHoursGroup | None = Field(
        default=None,
        description="With open=now: the places nearby whose state at `at` is unknown, which "
        "`items` leaves out. Null with open=any (they are in items).",
        schema_extra={"examples": [None]},
    )


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
    state: OpeningState = Field(
        description="The day as a whole: open (it has an open interval), unknown (hours not "
        "known, or only to be confirmed: call before going; never read as closed) or closed "
        "(no interval, or a closure).",
        schema_extra={"examples": ["unknown"]},
    )
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
