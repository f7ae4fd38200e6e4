"""One access point as a page (``/access-points/{id}``) and as a printable referral slip
(``/access-points/{id}/referral``): the typical week and the coming days, with public holidays
and closures named, in the reader's language."""

from datetime import datetime
from typing import Any

from sqlmodel import Session

from api import hours
from api.hours.week import describe_days, describe_week
from api.i18n import Language
from api.models.responses import AccessPointRead
from api.pages.views import gettext_for, place_view
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
        opening_hours=read.opening_hours, start=local.date(), days=days, closures=closures
    )
    return describe_days(calendar, lang=lang)


def place_context(
    *, session: Session, access_point_id: str, at: datetime, lang: Language, days: int = DETAIL_DAYS
) -> dict[str, Any]:
    """What the page of one place shows at ``at``: the place (``PlaceView``), its typical
    week (Monday to Sunday) and its next ``days`` days in words (holidays and closures
    named), all in ``lang``. Raises ``NotFoundError`` (404) for an unknown id."""
    read, _version = get_access_point(
        session=session, access_point_id=access_point_id, at=at, lang=lang
    )
    view = place_view(read, lang=lang)
    return {
        "title": view.name,
        "view": view,
        "point": read,
        "week": describe_week(read.opening_hours, week_of=hours.to_brussels(at).date(), lang=lang),
        "days": _days(read, at=at, days=days, lang=lang),
    }


def referral_context(
    *,
    session: Session,
    access_point_id: str,
    at: datetime,
    lang: Language,
    worker_lang: Language,
    paper: str,
) -> dict[str, Any]:
    """What a referral slip says, in the person's language ``lang``: the place, its hours
    for the next ``REFERRAL_DAYS`` days, what to bring, whether an appointment is needed;
    the toolbar around it (the slip's language, paper size) is in the worker's
    ``worker_lang`` (through ``w_``). ``paper`` is ``a5`` (default) or ``a4``. Raises
    ``NotFoundError`` (404) for an unknown id."""
    context = place_context(
        session=session, access_point_id=access_point_id, at=at, lang=lang, days=REFERRAL_DAYS
    )
    return context | {
        "paper": paper if paper in PAPER_SIZES else "a5",
        "worker_lang": worker_lang,
        "w_": gettext_for(worker_lang),
    }
