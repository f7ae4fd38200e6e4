"""The observatory's open data page (``/observatory/data``): the licence, the small-count rule,
and every CSV (incidents, human access) with each of its columns described. The column
descriptions are the data dictionary's (``api.services.observatory.opendata``), in English,
translated when the catalogue knows them."""

from datetime import datetime

from fastapi import Request

from api.i18n import Language
from api.pages.observatory.incidents import ObservatoryPage
from api.pages.views import gettext_for, instant_text
from api.services.observatory.opendata import DICTIONARY_PATH, data_dictionary


def dictionary_page(*, request: Request, now: datetime, lang: Language) -> ObservatoryPage:
    """The open data page in ``lang``."""
    _ = gettext_for(lang)
    dictionary = data_dictionary()
    files = [
        {
            "path": f.path,
            "description": _(f.description),
            "downloads": f.downloads,
            "columns": [{"name": c.name, "description": _(c.description)} for c in f.columns],
        }
        for f in dictionary.files
    ]
    return ObservatoryPage(
        "observatory/data.html",
        {
            "page": "observatory-data",
            "path": request.url.path,
            "params": dict(request.query_params),
            "now_text": instant_text(now, lang),
            "title": _("Observatory: open data"),
            "dictionary": dictionary,
            "suppression": _(dictionary.suppression),
            "files": files,
            "dictionary_json": DICTIONARY_PATH,
        },
    )
