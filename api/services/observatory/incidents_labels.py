"""The rows of the observatory's incident tables in words, in French, Dutch and English: the
controlled lists' labels (``api.services.incidents.vocabulary``, ``THEME_LABELS``), the
months (CLDR, "mars 2026"), and the rows of incidents that do not say."""

from datetime import date

from babel.dates import format_date

from api.i18n import LANGUAGES, Language, babel_locale
from api.models.common import THEME_LABELS, Theme
from api.services.incidents.vocabulary import channels, kinds

Names = dict[Language, str]

NOT_STATED: Names = {"fr": "Non précisé", "nl": "Niet vermeld", "en": "Not stated"}
"""The row of incidents that do not give a commune of residence or a theme."""
NOT_IN_DIRECTORY: Names = {
    "fr": "Service hors répertoire",
    "nl": "Dienst niet in de gids",
    "en": "Service not in the directory",
}
"""The row of incidents about a service that is not in the directory (its name, typed by the
worker, is free text: never published)."""


def kind_names() -> dict[str, Names]:
    """Each kind's labels, in the order of the form (``api/data/incidents/kinds.csv``)."""
    return {term.code: dict(term.labels) for term in kinds()}


def channel_names() -> dict[str, Names]:
    """Each channel's labels, in the order of ``channels.csv``."""
    return {term.code: dict(term.labels) for term in channels()}


def theme_names() -> dict[str, Names]:
    """Each theme's labels, in the order of the controlled list."""
    return {theme.value: {lang: THEME_LABELS[theme][lang] for lang in LANGUAGES} for theme in Theme}


def month_names(month: date) -> Names:
    """A month in words: "mars 2026", "maart 2026", "March 2026"."""
    return {lang: format_date(month, "LLLL y", locale=babel_locale(lang)) for lang in LANGUAGES}


def municipality_names(name_fr: str, name_nl: str | None) -> Names:
    """A commune's name: Dutch in Dutch when it has one, else French (as the directory)."""
    return {"fr": name_fr, "nl": name_nl or name_fr, "en": name_fr}
