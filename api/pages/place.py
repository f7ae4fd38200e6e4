"""One access point as a page (``/access-points/{id}``) and as a printable referral slip
(``/access-points/{id}/referral``): the typical week and the coming days, with public holidays
and closures named, in the reader's language."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session

from api import hours
from api.geo import Point, haversine_m, in_belgium, walking_minutes
from api.hours.week import describe_days, describe_week
from api.i18n import Language
from api.models.common import Precision
from api.models.responses import AccessPointRead
from api.pages.reports.labels import public_report_lines
from api.pages.signals.words import place_signals
from api.pages.verification.public import call_first_notice
from api.pages.views import distance_text, gettext_for, minutes_text, place_view
from api.services.access_points import get_access_point

DETAIL_DAYS = 14
"""Days listed on the page of one place (today first)."""

REFERRAL_DAYS = 7
"""Days listed on a referral slip: the person goes this week."""

PAPER_SIZES = ("a5", "a4")


def _days(read: AccessPointRead, *, at: datetime, days: int, lang: Language) -> list[Any]:
    closures = [
        hours.Closure(start=c.start, end=c.end, reason=c.reason, reason_nl=c.reason_nl)
        for c in read.closures
    ]
    local = hours.to_brussels(at)
    calendar = hours.calendar(
        opening_hours=read.opening_hours,
        start=local.date(),
        days=days,
        closures=closures,
        coordinates=_coordinates(read),
    )
    return describe_days(calendar, lang=lang)


def _coordinates(read: AccessPointRead) -> hours.Coordinates | None:
    # Where sunrise, sunset, dawn and dusk of its hours are computed.
    return (read.location.lat, read.location.lon) if read.location is not None else None


@dataclass(frozen=True, slots=True)
class WalkFrom:
    """Where the person starts (as the search said it) and the walk from there."""

    origin: Point
    label: str
    text: str


def walk_from(
    params: Mapping[str, str], *, destination: Point | None, lang: Language
) -> WalkFrom | None:
    """The walk to ``destination`` from the search's origin, which the result links pass as
    ``from_lat``, ``from_lon`` (WGS84 degrees) and ``from`` (its label, at most 100
    characters): "34 min à pied de 1020 Laeken (1,9 km)", the estimate of
    ``api.geo.walking_minutes``. None without a destination or a usable origin (missing,
    not numbers, outside Belgium)."""
    try:
        origin = Point(float(params["from_lat"]), float(params["from_lon"]))
    except (KeyError, ValueError):
        return None
    if destination is None or not in_belgium(origin.lat, origin.lon):
        return None
    label = params.get("from", "").strip()[:100]
    _ = gettext_for(lang)
    metres = round(haversine_m(origin, destination))
    words = {
        "duration": minutes_text(walking_minutes(metres), lang),
        "origin": label or _("your position"),
        "distance": distance_text(metres, lang),
    }
    return WalkFrom(origin, label, _("%(duration)s on foot from %(origin)s (%(distance)s)") % words)


def place_context(
    *,
    session: Session,
    access_point_id: str,
    at: datetime,
    lang: Language,
    params: Mapping[str, str],
    days: int = DETAIL_DAYS,
    now: datetime | None = None,
) -> dict[str, Any]:
    """What the page of one place shows at ``at``: the place (``PlaceView``), its typical
    week (Monday to Sunday), its next ``days`` days in words (holidays and closures named)
    and, when ``params`` carry the search's origin, the walk from there (``walk_from``), all
    in ``lang``; whether its street address is known (else the pages say to call first),
    whether its position is only its postcode's centre, and whether its hours are known;
    the workers' incident reports of the 30 days up to ``now`` (default ``at``) and, for a
    phone line, its reachability (``api.pages.signals``). Raises ``NotFoundError`` (404) for
    an unknown id."""
    read, _version = get_access_point(
        session=session, access_point_id=access_point_id, at=at, lang=lang
    )
    view = place_view(read, lang=lang)
    destination = (
        Point(view.lat, view.lon) if view.lat is not None and view.lon is not None else None
    )
    return {
        "title": view.name,
        "view": view,
        "point": read,
        # Only a street and number take someone to the door; a commune alone does not.
        "address_known": read.address is not None and bool(read.address.street),
        "position_approximate": read.location is not None
        and read.location.precision is Precision.POSTCODE,
        "hours_known": bool(read.opening_hours and read.opening_hours.strip()),
        "week": describe_week(
            read.opening_hours,
            week_of=hours.to_brussels(at).date(),
            lang=lang,
            coordinates=_coordinates(read),
        ),
        "days": _days(read, at=at, days=days, lang=lang),
        "walk": walk_from(params, destination=destination, lang=lang),
        "from_params": {k: params[k] for k in ("from_lat", "from_lon", "from") if k in params},
        # Open problem reports of the 30 days before ``at``, counted by kind (never their texts).
        "open_reports": public_report_lines(
            session=session, access_point_id=read.id, now=at, lang=lang
        ),
        # Workers' incident reports up to now (not ``at``: a page for next week still
        # counts what happened until today), counts only.
        "signals": place_signals(
            session=session, access_point_id=read.id, kind=read.kind, now=now or at, lang=lang
        ),
        # Nobody checked it for a year (or ever): "information from <month>, call first".
        "information_age": call_first_notice(
            read.verified_at, today=hours.to_brussels(at).date(), lang=lang
        ),
    }


def referral_context(
    *,
    session: Session,
    access_point_id: str,
    at: datetime,
    lang: Language,
    worker_lang: Language,
    paper: str,
    params: Mapping[str, str],
) -> dict[str, Any]:
    """What a referral slip says, in the person's language ``lang``: the place, its hours
    for the next ``REFERRAL_DAYS`` days, what to bring, whether an appointment is needed;
    the toolbar around it (the slip's language, paper size) is in the worker's
    ``worker_lang`` (through ``w_``). ``paper`` is ``a5`` (default) or ``a4``. Raises
    ``NotFoundError`` (404) for an unknown id."""
    context = place_context(
        session=session,
        access_point_id=access_point_id,
        at=at,
        lang=lang,
        params=params,
        days=REFERRAL_DAYS,
    )
    return context | {
        "paper": paper if paper in PAPER_SIZES else "a5",
        "worker_lang": worker_lang,
        "w_": gettext_for(worker_lang),
    }
