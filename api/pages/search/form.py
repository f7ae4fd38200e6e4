"""The search form of the search page (``/``), as read from the query string.

The form is a plain GET form, so the search works without JavaScript. The origin is the
address, else the postcode, else the coordinates that the "my position" button fills in
(typed text wins over a position remembered from an earlier search). The residence (where
the person lives) decides competence; empty, it is the origin's commune.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from api.i18n import Language
from api.models.common import Kind, Theme
from api.pages.views import gettext_for, kind_label, language_label, theme_label

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
    residence: str = ""
    competence_any: bool = False
    at: str = ""
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
            "residence": self.residence or None,
            "competence": "any" if self.competence_any else None,
            "at": self.at or None,
        }


def _number(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:
        return None


def read_search_form(params: Mapping[str, str], *, lang: Language) -> SearchForm:
    """The form from the query string; what cannot be used is dropped and said in
    ``errors`` (in ``lang``), never raised. ``at`` is kept as typed (``api.pages.when``
    reads it)."""
    _ = gettext_for(lang)
    errors: list[str] = []
    postcode = params.get("postcode", "").strip()
    if postcode and not (len(postcode) == 4 and postcode.isdigit()):
        errors.append(_("A Belgian postcode has 4 digits, such as 1020."))
        postcode = ""
    residence = params.get("residence", "").strip()
    if residence and not (len(residence) in (4, 5) and residence.isdigit()):
        errors.append(_("Where the person lives: a postcode (4 digits) or a NIS code (5 digits)."))
        residence = ""
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
        residence=residence,
        competence_any=params.get("competence") == "any",
        at=params.get("at", "").strip()[:40],
        errors=errors,
    )


def form_choices(lang: Language) -> dict[str, list[tuple[str, str]]]:
    """The options of the form's selects, labelled in ``lang``: themes sorted by label,
    kinds, spoken languages."""
    themes = sorted(((t.value, theme_label(t, lang)) for t in Theme), key=lambda p: p[1])
    return {
        "themes": themes,
        "kinds": [(k.value, kind_label(k, lang)) for k in Kind],
        "languages": [(code, language_label(code, lang)) for code in SPOKEN_LANGUAGES],
    }
