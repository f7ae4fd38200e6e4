"""The languages of the texts the service writes (hours in words) and how one is chosen.

Pure: no web framework, no database. The API and the pages both call ``negotiate_language``
with the ``lang`` query parameter and the ``Accept-Language`` header.
"""

from functools import lru_cache
from typing import Final, Literal, cast, get_args

from babel import Locale
from babel.core import negotiate_locale

Language = Literal["fr", "nl", "en"]
"""A language the texts are written in: French, Dutch, English."""

LANGUAGES: Final[tuple[Language, ...]] = get_args(Language)
DEFAULT_LANGUAGE: Final[Language] = "fr"
"""Brussels' services answer in French first; also the language of the stored comments."""

# The CLDR locales behind each language: Belgian French and Dutch (day and month names as
# written in Belgium); British English for English, whose readers are not Belgian.
_LOCALES: Final[dict[Language, str]] = {"fr": "fr_BE", "nl": "nl_BE", "en": "en_GB"}

# An Accept-Language header longer than this is cut: browsers send a few dozen characters.
_MAX_HEADER = 1000


@lru_cache(maxsize=len(LANGUAGES))
def babel_locale(lang: Language) -> Locale:
    """The Babel ``Locale`` for ``lang`` (``fr_BE``, ``nl_BE``, ``en_GB``), parsed once."""
    return Locale.parse(_LOCALES[lang])


def parse_accept_language(header: str) -> list[str]:
    """The language ranges of an ``Accept-Language`` header (RFC 9110 §12.5.4), best first:
    sorted by ``q`` (default 1), ties in the order given, ``q=0`` and malformed weights
    dropped, ``*`` dropped (it accepts anything, so the default applies). Tags are returned
    as written (``nl-BE``), ``_`` turned into ``-``. Never raises.

    >>> parse_accept_language("en;q=0.5, nl-BE, fr;q=0.8")
    ['nl-BE', 'fr', 'en']
    """
    weighted: list[tuple[float, int, str]] = []
    for position, item in enumerate(header[:_MAX_HEADER].split(",")):
        tag, *params = (part.strip() for part in item.split(";"))
        if not tag or tag == "*":
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value.strip())
                except ValueError:
                    quality = -1.0
        if 0 < quality <= 1:
            weighted.append((-quality, position, tag.replace("_", "-")))
    return [tag for _, _, tag in sorted(weighted)]


def _match(tags: list[str]) -> Language | None:
    # Babel matches case-insensitively and falls back from "nl-BE" to "nl"; no aliases: they
    # map bare languages to territories ("nl" -> "nl_NL") that are not on offer here.
    found = negotiate_locale(tags, LANGUAGES, sep="-", aliases={})
    if found is None:
        return None
    return cast(Language, found.split("-")[0].lower())


@lru_cache(maxsize=512)
def negotiate_language(lang: str | None, accept_language: str | None) -> Language:
    """The language to answer in: ``lang`` when it names one of ``LANGUAGES`` (``nl``,
    ``NL``, ``nl-BE`` all give ``nl``), else the best one the ``Accept-Language`` header
    accepts (q-values honoured: ``de, nl;q=0.5`` gives ``nl``), else ``DEFAULT_LANGUAGE``
    (``fr``). An unsupported ``lang`` is ignored here: the API refuses it (422) before.
    Cached: clients send the same few headers again and again. Never raises."""
    if lang:
        chosen = _match([lang.strip().replace("_", "-")])
        if chosen is not None:
            return chosen
    if accept_language:
        chosen = _match(parse_accept_language(accept_language))
        if chosen is not None:
            return chosen
    return DEFAULT_LANGUAGE
