"""The operator's view (``/lines``): a caller gives their commune; who can they reach now?

Phone lines whose ``service_area`` covers the commune come first (those answering now, free
numbers first), then the places competent for the commune (whose ``service_area`` covers it:
its CPAS, its town hall, the services of its region) that are open now, then those that are
not open now, with when they open or, when their hours are not known, to call first: a
competent place is never hidden. Each result has a referral text, the few lines an operator
reads out or pastes into a message.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from api.errors import InvalidQueryError
from api.hours import OpeningState
from api.i18n import Language
from api.models import AccessPoint, AccessPointServiceArea
from api.models.common import Kind, Region, Theme
from api.models.reference import Municipality, Postcode
from api.models.responses import AccessPointRead
from api.pages.search import SPOKEN_LANGUAGES, form_choices
from api.pages.signals.words import reachability_texts_by_id, signal_lines_by_id
from api.pages.views import PlaceView, gettext_for, place_view
from api.search import SearchQuery
from api.services.access_points import read_many
from api.services.filters import AccessPointFilters, filter_conditions
from api.services.search import match_condition, parse_search


@dataclass(frozen=True, slots=True)
class Reachable:
    """A result of the operator's view and its referral text."""

    view: PlaceView
    referral_text: str


def referral_text(read: AccessPointRead, view: PlaceView, *, lang: Language) -> str:
    """The referral in a few lines: name, phone numbers (free ones said), hours now,
    address, no appointment needed, languages spoken."""
    _ = gettext_for(lang)
    lines = [view.name]
    for phone in read.phones:
        free = f" ({_('free call')})" if phone.free_of_charge else ""
        lines.append(f"{_('Phone')}: {phone.display}{free}")
    lines.append(view.status_text)
    if read.opening.state is OpeningState.UNKNOWN:
        lines.append(_("Hours not known: call before going."))
    if view.hours_note:
        lines.append(f"{_('Hours as the source gives them:')} {view.hours_note}")
    if read.address is not None and read.address.street:
        address = read.address
        lines.append(f"{address.street}, {address.postcode or ''} {address.municipality or ''}")
    if read.access.walk_in:
        lines.append(_("No appointment needed"))
    if view.languages:
        lines.append(f"{_('Languages:')} {', '.join(view.languages)}")
    return "\n".join(lines)


def _commune(session: Session, params: Mapping[str, str]) -> tuple[str | None, str | None]:
    """(NIS code, None) from ``municipality`` or ``postcode``; (None, problem key) else."""
    nis = params.get("municipality", "").strip()
    postcode = params.get("postcode", "").strip()
    if nis:
        return (nis, None) if session.get(Municipality, nis) else (None, "municipality")
    if postcode:
        row = session.exec(
            select(Postcode.nis_code).where(
                col(Postcode.postcode) == postcode, col(Postcode.nis_code).is_not(None)
            )
        ).first()
        return (row, None) if row else (None, "postcode")
    return None, None


def find_reachable(
    *,
    session: Session,
    nis_code: str,
    at: datetime,
    lang: Language,
    filters: AccessPointFilters,
    search: SearchQuery | None = None,
) -> tuple[list[Reachable], list[Reachable], list[Reachable], list[Reachable]]:
    """For the commune ``nis_code`` at ``at``: (phone lines answering now, free ones first
    then by name; phone lines not answering now, with when they do; places competent for
    the commune and open now; competent places not open now, closed or with unknown hours),
    among those matching ``filters`` and the text ``search``. Places come the most local
    first (the smallest service area: the commune's own before its region's), then by name.
    Texts in ``lang``."""
    dialect = session.get_bind().dialect.name
    serving = select(AccessPointServiceArea.access_point_pk).where(
        col(AccessPointServiceArea.nis_code) == nis_code
    )
    query = select(AccessPoint).where(
        col(AccessPoint.pk).in_(serving), *filter_conditions(filters, dialect)
    )
    if search is not None:
        query = query.where(match_condition(search, dialect))
    points = session.exec(query).all()
    lines_now: list[tuple[AccessPointRead, Reachable]] = []
    lines_later: list[tuple[AccessPointRead, Reachable]] = []
    places: list[tuple[AccessPointRead, Reachable]] = []
    places_later: list[tuple[AccessPointRead, Reachable]] = []
    for read in read_many(session=session, points=points, at=at, lang=lang):
        view = place_view(read, lang=lang)
        is_open = read.opening.state is OpeningState.OPEN
        if read.kind is Kind.PHONE_LINE:
            group = lines_now if is_open else lines_later
        else:
            group = places if is_open else places_later
        group.append((read, Reachable(view, referral_text(read, view, lang=lang))))

    def free_first(pair: tuple[AccessPointRead, Reachable]) -> tuple[bool, str]:
        read, item = pair
        return (not any(p.free_of_charge for p in read.phones), item.view.name.casefold())

    def most_local(pair: tuple[AccessPointRead, Reachable]) -> tuple[int, str]:
        read, item = pair
        return (len(read.service_area or ()), item.view.name.casefold())

    return (
        [item for _, item in sorted(lines_now, key=free_first)],
        [item for _, item in sorted(lines_later, key=free_first)],
        [item for _, item in sorted(places, key=most_local)],
        [item for _, item in sorted(places_later, key=most_local)],
    )


def municipality_choices(
    *, session: Session, lang: Language
) -> list[tuple[str, list[tuple[str, str]]]]:
    """The communes for the select, grouped by region (Brussels first), by name."""
    _ = gettext_for(lang)
    groups = [
        (Region.BRUSSELS, _("Brussels")),
        (Region.WALLONIA, _("Wallonia")),
        (Region.FLANDERS, _("Flanders")),
    ]
    rows = session.exec(select(Municipality)).all()
    choices = []
    for region, label in groups:
        names = [
            (m.nis_code, (m.name_nl if lang == "nl" and m.name_nl else m.name_fr))
            for m in rows
            if m.region == region.value
        ]
        choices.append((label, sorted(names, key=lambda pair: pair[1].casefold())))
    return choices


def lines_context(
    *,
    session: Session,
    params: Mapping[str, str],
    at: datetime,
    lang: Language,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Everything the operator's page shows for its query string: the form (commune by
    ``municipality`` NIS code or ``postcode``, ``theme``, ``language``) and, when a commune
    is given, what it can reach at ``at``, with the workers' incident reports of the 30 days
    up to ``now`` (default ``at``) on each and each phone line's reachability (one query
    each, ``api.pages.signals``)."""
    _ = gettext_for(lang)
    theme = params.get("theme") or None
    language = params.get("language") or None
    filters = AccessPointFilters(
        theme=Theme(theme) if theme and theme in Theme._value2member_map_ else None,
        language=language if language in SPOKEN_LANGUAGES else None,
    )
    nis, problem_key = _commune(session, params)
    try:
        search = parse_search(params.get("q"))
    except InvalidQueryError:
        search, problem_key = None, "q"
    problems = {
        "municipality": _("Unknown commune: choose one in the list."),
        "postcode": _("Unknown postcode: check the 4 digits, or choose the commune."),
        "q": _("Give words with letters or digits (at most 10 words)."),
    }
    choices = form_choices(lang)
    context: dict[str, Any] = {
        "title": _("Phone lines by commune"),
        "form": {
            "municipality": nis or "",
            "postcode": params.get("postcode", ""),
            "theme": filters.theme.value if filters.theme else "",
            "language": filters.language or "",
            "q": params.get("q", "")[:200],
        },
        "municipalities": municipality_choices(session=session, lang=lang),
        "themes": choices["themes"],
        "spoken": choices["languages"],
        "problem": problems.get(problem_key or ""),
        "commune": None,
        "signals": {},
        "reachability": {},
    }
    if nis is None or problem_key is not None:
        return context
    municipality = session.get(Municipality, nis)
    assert municipality is not None
    lines_now, lines_later, places, places_later = find_reachable(
        session=session, nis_code=nis, at=at, lang=lang, filters=filters, search=search
    )
    context |= {
        "commune": municipality.name_nl
        if lang == "nl" and municipality.name_nl
        else municipality.name_fr,
        "lines_now": lines_now,
        "lines_later": lines_later,
        "places": places,
        "places_later": places_later,
    }
    phone_lines = [item.view.id for item in (*lines_now, *lines_later)]
    others = [item.view.id for item in (*places, *places_later)]
    context["signals"] = signal_lines_by_id(
        session=session, access_point_ids=phone_lines + others, now=now or at, lang=lang
    )
    context["reachability"] = reachability_texts_by_id(
        session=session, phone_line_ids=phone_lines, now=now or at, lang=lang
    )
    return context
