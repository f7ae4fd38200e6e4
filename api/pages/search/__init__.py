"""The search page (``/``): who can help this person, open now (or at the chosen time), near
here, for this need: the form (``form``) and its results (``results``)."""

from api.pages.search.form import (
    SPOKEN_LANGUAGES,
    SearchForm,
    form_choices,
    read_search_form,
)
from api.pages.search.results import SearchResults, search_places

__all__ = [
    "SPOKEN_LANGUAGES",
    "SearchForm",
    "SearchResults",
    "form_choices",
    "read_search_form",
    "search_places",
]
