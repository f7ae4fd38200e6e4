"""The search page (``/``): who is open now near the person, for this need.

The form is a plain GET form, so the search works without JavaScript. The origin is the
address, else the postcode, else the coordinates that the "my position" button fills in
(typed text wins over a position remembered from an earlier search).
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from api.config import NEAREST_DEFAULT_MAX_DISTANCE_KM
from api.errors import InvalidQueryError, ServiceUnavailableError
from api.geocoding import Geocoder
from api.i18n import Language
from api.models.common import Kind, Theme
from api.models.reference import Postcode
from api.models.responses import Origin
from api.pages.views import (
    PlaceView,
    gettext_for,
    kind_label,
    language_label,
    place_view,
    theme_label,
)
from api.services.arrival import ArrivalMode
from api.services.filters import AccessPointFilters
from api.services.nearest import OpenMode, find_nearest
from api.services.reference import resolve_origin
from api.services.search import matching_pks, parse_search

RESULTS = 20
"""Places listed at most (phone lines serving the commune follow)."""

SPOKEN_LANGUAGES = ("fr", "nl", "en", "de", "ar", "tr", "es", "it", "pt", "ro", "pl", "ru")
"""The languages offered in the "language spoken" filter: Belgium's three, then the most
spoken languages of Brussels residents born abroad (Statbel, population by nationality)."""


@dataclass(frozen=True, slots=True)
class SearchForm:
    """The search form as read from the query string (strings as typed)."""

    postcode: str = ""
    address: str = ""
    lat: float | None = None
    lon: float | None = None
    q: str = ""
    theme: Theme | None = None
    kind: Kind | None = None
    language: str = ""
    walk_in: bool = False
    open_now: bool = True
    errors: list[str] = field(default_factory=list)

    @property
    def has_origin(self) -> bool:
        """Whether the form says where the person is."""
        return bool(self.address or self.postcode or self.lat is not None)

    def params(self) -> dict[str, Any]:
        """The query parameters that give this form again (for links)."""
        position = not (self.address or self.postcode)
        return {
            "postcode": self.postcode,
            "address": self.address,
            "lat": self.lat if position else None,
            "lon": self.lon if position else None,
            "q": self.q,
            "theme": self.theme.value if self.theme else None,
            "kind": self.kind.value if self.kind else None,
            "language": self.language,
            "walk_in": "true" if self.walk_in else None,
            "open": None if self.open_now else "any",
        }


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def read_search_form(params: Mapping[str, str], *, lang: Language) -> SearchForm:
    """The form from the query string; what cannot be used is dropped and said in
    ``errors`` (in ``lang``), never raised."""
    _ = gettext_for(lang)
    errors: list[str] = []
    postcode = params.get("postcode", "").strip()
    if postcode and not (len(postcode) == 4 and postcode.isdigit()):
        errors.append(_("A Belgian postcode has 4 digits, such as 1020."))
        postcode = ""
    lat, lon = _number(params.get("lat")), _number(params.get("lon"))
    if (lat is None) != (lon is None):
        lat = lon = None
    theme = params.get("theme") or None
    kind = params.get("kind") or None
    language = params.get("language", "")
    return SearchForm(
        postcode=postcode,
        address=params.get("address", "").strip()[:200],
        lat=lat,
        lon=lon,
        q=params.get("q", "").strip()[:200],
        theme=Theme(theme) if theme and theme in Theme._value2member_map_ else None,
        kind=Kind(kind) if kind and kind in Kind._value2member_map_ else None,
        language=language if language in SPOKEN_LANGUAGES else "",
        walk_in=params.get("walk_in") == "true",
        open_now=params.get("open") != "any",
        errors=errors,
    )


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
    """What the search found: places by distance, then the phone lines of the commune."""

    origin: Origin
    origin_label: str
    places: list[PlaceView]
    lines: list[PlaceView]


def search_places(
    *,
    session: Session,
    form: SearchForm,
    geocoder: Geocoder | None,
    at: datetime,
    lang: Language,
) -> tuple[SearchResults | None, str | None]:
    """The results of a search form at ``at`` (aware), with texts in ``lang``: up to
    ``RESULTS`` places within 25 km, nearest first, open at ``at`` or, with "any time", with
    when they open; each says whether it will still be open when the person gets there on
    foot. Returns (None, message) when the origin cannot be used."""
    origin, problem = _origin(session=session, form=form, geocoder=geocoder, lang=lang)
    if origin is None:
        return None, problem
    filters = AccessPointFilters(
        kind=form.kind,
        theme=form.theme,
        language=form.language or None,
        walk_in=True if form.walk_in else None,
    )
    _ = gettext_for(lang)
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
    )
    views = [place_view(item, lang=lang) for item in found.items]
    return SearchResults(
        origin=origin,
        origin_label=origin_label(session=session, form=form, lang=lang),
        places=[v for v in views if v.distance is not None],
        lines=[v for v in views if v.distance is None],
    ), None


def form_choices(lang: Language) -> dict[str, list[tuple[str, str]]]:
    """The options of the form's selects, labelled in ``lang``: themes sorted by label,
    kinds, spoken languages."""
    themes = sorted(((t.value, theme_label(t, lang)) for t in Theme), key=lambda p: p[1])
    return {
        "themes": themes,
        "kinds": [(k.value, kind_label(k, lang)) for k in Kind],
        "languages": [(code, language_label(code, lang)) for code in SPOKEN_LANGUAGES],
    }
