"""A place's hours in the API's words: its opening at an instant and its typical week, and
where its sun times are computed (``coordinates_of``), for every shape that shows them."""

from collections.abc import Sequence
from datetime import date, datetime
from typing import Protocol

from api import hours
from api.i18n import DEFAULT_LANGUAGE, Language
from api.models.responses import OpeningPublic, WeekDayPublic


def opening_public(
    opening: hours.Opening,
    *,
    at: datetime,
    lang: Language = DEFAULT_LANGUAGE,
    closures: Sequence[hours.Closure] = (),
) -> OpeningPublic:
    """The API form of an engine ``Opening`` computed at ``at`` with ``closures``, with its
    words in ``lang`` (``hours.describe_opening``)."""
    words = hours.describe_opening(opening, at=at, lang=lang, closures=closures)
    return OpeningPublic.model_construct(
        state=opening.state,
        closes_at=opening.closes_at,
        next_opens_at=opening.next_opens_at,
        comment=opening.comment,
        text=words.text,
        closes_soon=words.closes_soon,
        warning=words.warning,
    )


class Located(Protocol):
    """What the nearest results read of a place: a stored row (``AccessPoint``) or the
    index's slim copy of it (``index.publics.PlaceFacts``)."""

    @property
    def id(self) -> str: ...
    @property
    def organization_id(self) -> str: ...
    @property
    def opening_hours(self) -> str | None: ...
    @property
    def lat(self) -> float | None: ...
    @property
    def lon(self) -> float | None: ...
    @property
    def location_precision(self) -> str | None: ...


def coordinates_of(point: Located) -> hours.Coordinates | None:
    """The place's ``(lat, lon)`` (WGS84 degrees), where sunrise, sunset, dawn and dusk of its
    ``opening_hours`` are computed (``hours.needs_coordinates``); None without a location."""
    if point.lat is None or point.lon is None:
        return None
    return (point.lat, point.lon)


def week_public(
    opening_hours: str | None,
    *,
    week_of: date,
    lang: Language,
    coordinates: hours.Coordinates | None = None,
) -> list[WeekDayPublic]:
    """The typical week of ``week_of`` in words (``hours.describe_week``), Monday first; sun
    times at ``coordinates`` (the place's ``(lat, lon)``, ``coordinates_of``)."""
    return [
        WeekDayPublic.model_construct(day=row.day, label=row.label, text=row.text)
        for row in hours.describe_week(
            opening_hours, week_of=week_of, lang=lang, coordinates=coordinates
        )
    ]
