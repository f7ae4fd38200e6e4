"""What the pages show of an access point, in the reader's language: status badges, distances,
walking times, kinds, themes and spoken languages, computed once here so that the templates
stay simple.

Numbers and units are formatted by Babel (CLDR): "1,2 km" in French, "1,2 km" in Dutch,
"1.2 km" in English; language names come from CLDR too ("arabe", "Arabisch", "Arabic").
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date
from babel.numbers import format_decimal
from babel.units import format_unit

from api.geo import walking_minutes
from api.hours import OpeningState, to_brussels
from api.hours.words import format_clock
from api.i18n import Language, babel_locale
from api.models.common import THEME_LABELS, Kind, Theme
from api.models.organization import OrganizationRef
from api.models.responses import AccessPointRead, NearestItem, OpeningPublic
from api.pages.rendering import translations

Translate = Callable[[str], str]


def gettext_for(lang: Language) -> Translate:
    """The interface's ``gettext`` in ``lang`` (message ids are the English texts)."""
    return translations(lang).gettext


def kind_label(kind: Kind, lang: Language) -> str:
    """The name of a kind of access point for people, in ``lang``."""
    _ = gettext_for(lang)
    labels = {
        Kind.GUICHET: _("Counter"),
        Kind.PHONE_LINE: _("Phone line"),
        Kind.EPN: _("Public digital space"),
        Kind.OUTREACH: _("Outreach session"),
    }
    return labels[kind]


def theme_label(theme: Theme | str, lang: Language) -> str:
    """The label of a theme of the controlled list in ``lang`` (``THEME_LABELS``)."""
    return THEME_LABELS[Theme(theme)][lang]


def language_label(code: str, lang: Language) -> str:
    """An ISO 639-1 code named in ``lang`` by CLDR ("ar" -> "arabe"); the code itself when
    CLDR does not know it."""
    name = babel_locale(lang).languages.get(code)
    return str(name) if name else code


def distance_text(metres: int, lang: Language) -> str:
    """A distance for people: metres under 1 km ("350 m"), kilometres with one decimal
    above ("1,2 km" in French)."""
    locale = babel_locale(lang)
    if metres < 1000:
        return format_unit(metres, "length-meter", length="short", locale=locale)
    km = format_decimal(round(metres / 1000, 1), format="#,##0.0", locale=locale)
    return format_unit(km, "length-kilometer", length="short", locale=locale)


APPROXIMATE_STEP_M = 500
"""A distance from an approximate position (a postcode's centre) is rounded to this many
metres, and never said to be under it: its true value can be a kilometre or more away."""


def approximate_distance_m(metres: int) -> int:
    """``metres`` rounded to ``APPROXIMATE_STEP_M``, at least one step (never "0 m")."""
    return max(APPROXIMATE_STEP_M, round(metres / APPROXIMATE_STEP_M) * APPROXIMATE_STEP_M)


def minutes_text(minutes: int, lang: Language) -> str:
    """A duration in minutes, short CLDR form ("17 min")."""
    return format_unit(minutes, "duration-minute", length="short", locale=babel_locale(lang))


def instant_text(at: datetime, lang: Language) -> str:
    """An instant as its full local date and wall time ("lundi 23 novembre 2026, 10h")."""
    local = to_brussels(at)
    day = format_date(local.date(), "full", locale=babel_locale(lang))
    return f"{day}, {format_clock(local.hour, local.minute, lang)}"


def opening_status(opening: OpeningPublic) -> str:
    """The badge of a state: ``open``, ``closes_soon``, ``closed`` or ``unknown``."""
    if opening.state is OpeningState.OPEN:
        return "closes_soon" if opening.closes_soon else "open"
    return opening.state.value


@dataclass(frozen=True, slots=True)
class PlaceView:
    """An access point as a result line shows it (texts already in the reader's language)."""

    point: AccessPointRead | NearestItem
    id: str
    name: str
    kind: str
    status: str
    status_text: str
    warning: str | None
    distance: str | None
    walk: str | None
    closed_on_arrival: bool
    themes: list[str]
    languages: list[str]
    lat: float | None
    lon: float | None
    approximate: bool = False
    only_for: str | None = None
    hours_note: str | None = None
    organization: str = ""


def organization_label(organization: OrganizationRef, lang: Language) -> str:
    """An organization's name in ``lang``: its Dutch name for Dutch readers when it has one."""
    return organization.name_nl if lang == "nl" and organization.name_nl else organization.name


def place_view(
    item: AccessPointRead | NearestItem, *, lang: Language, only_for: str | None = None
) -> PlaceView:
    """The result line of an access point, or of a nearest result with its distance and
    walk ("1,2 km · 21 min à pied") and whether it will be closed on arrival. A place known
    only to its postcode gives both as approximate ("≈ 1,5 km · ≈ 20 min à pied", rounded by
    ``approximate_distance_m``), never "0 m". ``only_for``: the residents it is restricted
    to, when it does not serve the person's residence ("Schaerbeek")."""
    point = item.access_point if isinstance(item, NearestItem) else item
    _ = gettext_for(lang)
    distance = walk = None
    closed_on_arrival = approximate = False
    if isinstance(item, NearestItem) and item.distance_m is not None:
        approximate = item.approximate
        metres = approximate_distance_m(item.distance_m) if approximate else item.distance_m
        minutes = walking_minutes(metres) if approximate else item.walking_minutes
        distance = distance_text(metres, lang)
        if minutes is not None:
            walk = _("%(duration)s on foot") % {"duration": minutes_text(minutes, lang)}
        if approximate:
            distance, walk = f"≈ {distance}", f"≈ {walk}"
        # Only news for a place open now: one closed now is said to be closed already.
        closed_on_arrival = (
            item.open_on_arrival is False and item.opening.state is OpeningState.OPEN
        )
    name = getattr(point.names, lang, None) or point.name
    return PlaceView(
        point=item,
        id=point.id,
        name=name,
        kind=kind_label(point.kind, lang),
        status=opening_status(item.opening),
        status_text=item.opening.text,
        warning=item.opening.warning,
        distance=distance,
        walk=walk,
        closed_on_arrival=closed_on_arrival,
        themes=[theme_label(t, lang) for t in point.themes],
        languages=[language_label(code, lang) for code in point.languages],
        lat=point.location.lat if point.location else None,
        lon=point.location.lon if point.location else None,
        approximate=approximate,
        only_for=only_for,
        hours_note=point.opening_hours_note,
        organization=organization_label(point.organization, lang),
    )
