"""The results of the search page (``/``): for the person's residence, their CPAS and the
places competent for them first; then the nearest places open at the chosen time; then the
places nearby whose hours are not known (call first); then the phone lines of their commune.
"""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from api.config import NEAREST_DEFAULT_MAX_DISTANCE_KM
from api.errors import InvalidQueryError, ServiceUnavailableError
from api.geocoding import Geocoder
from api.i18n import Language
from api.models.reference import Municipality, Postcode
from api.models.responses import NearestItem, Origin, Residence
from api.pages.search.form import RESULTS, SearchForm
from api.pages.signals.words import signal_lines_by_id
from api.pages.views import (
    PlaceView,
    distance_text,
    gettext_for,
    organization_label,
    place_view,
)
from api.services.filters import AccessPointFilters
from api.services.index import NearestIndex
from api.services.nearest import OpenMode, describe_places, find_nearest
from api.services.nearest.arrival import ArrivalMode
from api.services.nearest.competence import (
    CompetenceMode,
    find_residence_cpas,
    resolve_residence,
)
from api.services.reference import resolve_origin
from api.services.search import matching_pks, parse_search


def _origin(
    *, session: Session, form: SearchForm, geocoder: Geocoder | None, lang: Language
) -> tuple[Origin | None, str | None]:
    """(origin, None) or (None, an error message in ``lang``)."""
    _ = gettext_for(lang)
    # Typed text wins over a position remembered from an earlier search.
    address = form.address or None
    postcode = None if address else (form.postcode or None)
    position = address is None and postcode is None
    try:
        origin = resolve_origin(
            session=session,
            lat=form.lat if position else None,
            lon=form.lon if position else None,
            postcode=postcode,
            address=address,
            geocoder=geocoder,
        )
        return origin, None
    except ServiceUnavailableError:
        return None, _("Address search is not available: give a postcode, or use your position.")
    except InvalidQueryError:
        if form.address:
            return None, _("Address not found: check the street and the postcode.")
        if form.postcode:
            return None, _("Unknown postcode %(postcode)s.") % {"postcode": form.postcode}
        return None, _("This position is outside Belgium.")


def origin_label(*, session: Session, form: SearchForm, lang: Language) -> str:
    """Where the search starts, for people: "1020 Laeken", the address, or "your position"."""
    _ = gettext_for(lang)
    if form.address:
        return form.address
    if form.postcode:
        row = session.exec(
            select(Postcode.name_fr, Postcode.name_nl)
            .where(col(Postcode.postcode) == form.postcode)
            .order_by(col(Postcode.id))
        ).first()
        name = "" if row is None else (row[1] if lang == "nl" and row[1] else row[0])
        return f"{form.postcode} {name}".strip()
    return _("your position")


@dataclass(frozen=True, slots=True)
class SearchResults:
    """What the search found, in the order the page shows it: the residence's CPAS (its
    counters, whatever the need asked: ``cpas_name`` and ``cpas``), the other places
    competent for the residence (whatever their state), the nearest places (open at the
    chosen time, or any), the places nearby whose hours are not known (``unknown``, of
    ``unknown_count`` within ``unknown_within``), then the phone lines of the commune."""

    origin: Origin
    origin_label: str
    residence_label: str | None
    cpas_name: str | None
    cpas: list[PlaceView]
    competent: list[PlaceView]
    places: list[PlaceView]
    unknown: list[PlaceView]
    unknown_count: int
    unknown_within: str | None
    lines: list[PlaceView]
    signals: dict[str, list[str]] = field(default_factory=dict)
    """The workers' recent incident reports on the displayed places, by id, in words
    (``api.pages.signals``): one query for the page, never on the JSON nearest path."""

    @property
    def located(self) -> list[PlaceView]:
        """Every result with a position, for the map."""
        groups = (self.cpas, self.competent, self.places, self.unknown)
        return [view for group in groups for view in group if view.lat is not None]


def municipality_label(residence: Residence, lang: Language) -> str:
    """The residence's name in ``lang`` (Dutch when it has one and the reader reads Dutch)."""
    return residence.name_nl if lang == "nl" and residence.name_nl else residence.name


def only_for_labels(
    *, session: Session, items: list[NearestItem], lang: Language
) -> dict[str, str]:
    """For the results that do not serve the residence (``competent`` false): whom they serve,
    by access point id: the communes' names when there are at most three, else "their own
    area"."""
    refused = [i.access_point for i in items if i.competent is False]
    wanted = {
        nis for p in refused if len(p.service_area or []) <= 3 for nis in p.service_area or []
    }
    names = {
        m.nis_code: m.name_nl if lang == "nl" and m.name_nl else m.name_fr
        for m in session.exec(
            select(Municipality).where(col(Municipality.nis_code).in_(sorted(wanted)))
        )
    }
    _ = gettext_for(lang)
    labels = {}
    for point in refused:
        area = point.service_area or []
        labels[point.id] = (
            ", ".join(names.get(nis, nis) for nis in area)
            if len(area) <= 3
            else _("their own area")
        )
    return labels


def search_places(
    *,
    session: Session,
    form: SearchForm,
    geocoder: Geocoder | None,
    at: datetime,
    lang: Language,
    index: NearestIndex | None = None,
    now: datetime | None = None,
) -> tuple[SearchResults | None, str | None]:
    """The results of a search form at ``at`` (aware), with texts in ``lang`` (see
    ``SearchResults``): up to ``RESULTS`` places within 25 km, nearest first, open at ``at``
    or, with "any time", with when they open; each says whether it will still be open when
    the person gets there on foot. The residence (the form's, else the origin's commune)
    decides competence: places that serve other residents only are left out, or shown with
    whom they serve when the form asks for ``competence=any``. Returns (None, message) when
    the origin or the residence cannot be used. ``index``: the process's nearest index
    (``at`` near now), which gives the same places faster. Each displayed place's
    incident reports of the 30 days up to ``now`` (default ``at``) are read in one query."""
    origin, problem = _origin(session=session, form=form, geocoder=geocoder, lang=lang)
    if origin is None:
        return None, problem
    _ = gettext_for(lang)
    try:
        residence = resolve_residence(
            session=session, residence=form.residence or None, origin_nis_code=origin.nis_code
        )
    except InvalidQueryError:
        return None, _("Unknown commune of residence: check the postcode.")
    filters = AccessPointFilters(
        kind=form.kind,
        theme=form.theme,
        language=form.language or None,
        walk_in=True if form.walk_in else None,
    )
    try:
        search = parse_search(form.q or None)
    except InvalidQueryError:
        return None, _("Give words with letters or digits (at most 10 words).")
    found = find_nearest(
        session=session,
        origin=origin,
        at=at,
        open_mode=OpenMode.NOW if form.open_now else OpenMode.ANY,
        limit=RESULTS,
        max_distance_m=NEAREST_DEFAULT_MAX_DISTANCE_KM * 1000,
        filters=filters,
        arrival_mode=ArrivalMode.FLAG,
        matching=matching_pks(session=session, query=search) if search else None,
        lang=lang,
        residence=residence,
        competence=CompetenceMode.ANY if form.competence_any else CompetenceMode.COMPETENT,
        index=index,
    )
    cpas: list[NearestItem] = []
    if residence is not None:
        cpas = describe_places(
            session=session,
            origin=origin,
            pks=find_residence_cpas(session=session, residence=residence),
            at=at,
            residence=residence,
            lang=lang,
        )
    in_cpas = {item.access_point.id for item in cpas}
    unknown = found.unknown_hours
    restricted = only_for_labels(session=session, items=found.items, lang=lang)

    def views(items: list[NearestItem]) -> list[PlaceView]:
        return [
            place_view(item, lang=lang, only_for=restricted.get(item.access_point.id))
            for item in items
            if item.access_point.id not in in_cpas
        ]

    places = views(found.items)
    cpas_views = [place_view(item, lang=lang) for item in cpas]
    competent = views(found.competent)
    unknown_views = views(unknown.items) if unknown else []
    shown = [v.id for group in (cpas_views, competent, places, unknown_views) for v in group]
    return SearchResults(
        origin=origin,
        origin_label=origin_label(session=session, form=form, lang=lang),
        residence_label=municipality_label(residence, lang) if residence else None,
        cpas_name=organization_label(cpas[0].access_point.organization, lang) if cpas else None,
        cpas=cpas_views,
        competent=competent,
        places=[v for v in places if v.distance is not None],
        unknown=unknown_views,
        unknown_count=unknown.count if unknown else 0,
        unknown_within=distance_text(unknown.within_m, lang) if unknown else None,
        lines=[v for v in places if v.distance is None],
        signals=signal_lines_by_id(
            session=session, access_point_ids=shown, now=now or at, lang=lang
        ),
    ), None
