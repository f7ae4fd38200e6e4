"""Rendering the front-desk pages: one Jinja2 environment per language, with the interface
texts translated through gettext catalogues (Babel) and autoescaping on.

The message ids are the English texts; ``api/locales/{fr,nl}/LC_MESSAGES/messages.po`` hold
the French and Dutch ones of the public pages, and one more catalogue per domain of pages
(``workspace.po`` for the editors' workspace, ``reports.po``, ...) holds that domain's: they
are merged, so that each domain's texts are kept (and extracted) beside its own pages. The
``.po`` files are read and compiled in memory when a language is first used, so there is no
build step and no compiled ``.mo`` file in the repository.
"""

from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import jinja2
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from fastapi.responses import HTMLResponse

from api.i18n import LANGUAGES, Language, babel_locale

PACKAGE_DIR = Path(__file__).resolve().parent.parent
TEMPLATES_DIR = PACKAGE_DIR / "templates"
STATIC_DIR = PACKAGE_DIR / "static"
LOCALES_DIR = PACKAGE_DIR / "locales"

LANGUAGE_NAMES: dict[Language, str] = {"fr": "Français", "nl": "Nederlands", "en": "English"}
"""Each language named in itself, for the language switch."""


def catalogue_path(lang: Language) -> Path:
    """The ``.po`` file of ``lang`` (English has none: its texts are the message ids)."""
    return LOCALES_DIR / lang / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=len(LANGUAGES))
def translations(lang: Language) -> NullTranslations:
    """The gettext translations of the interface for ``lang``, compiled once from its
    ``.po`` file; English gives the message ids unchanged."""
    if lang == "en":
        return NullTranslations()
    merged = _compile(catalogue_path(lang), lang)
    for domain in sorted(catalogue_path(lang).parent.glob("*.po")):
        if domain != catalogue_path(lang):
            merged.merge(_compile(domain, lang))
    return merged


def _compile(path: Path, lang: Language) -> Translations:
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=babel_locale(lang))
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return Translations(fp=compiled)


def _query(params: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` from ``params`` with ``changes`` applied; None and "" values dropped."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v is not None and v != "" and v is not False}
    return "?" + urlencode(kept, doseq=True) if kept else ""


@lru_cache(maxsize=len(LANGUAGES))
def environment(lang: Language) -> jinja2.Environment:
    """The Jinja2 environment for pages in ``lang``: templates from ``api/templates``,
    HTML autoescaping, undefined names as errors, ``_``/``gettext`` in that language."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=jinja2.select_autoescape(default=True),
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.globals["query"] = _query
    env.globals["language_names"] = LANGUAGE_NAMES
    env.globals["languages"] = LANGUAGES
    return env


def render_page(
    template: str, *, lang: Language, context: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    """``template`` rendered in ``lang`` with ``context`` (plus ``lang``), as an HTML response
    with ``Content-Language`` and, since the language may come from the request headers,
    ``Vary: Accept-Language``."""
    html = environment(lang).get_template(template).render(lang=lang, **context)
    return HTMLResponse(
        html,
        status_code=status_code,
        headers={"Content-Language": lang, "Vary": "Accept-Language"},
    )
