"""The search document of an access point: what the text search looks in, normalised, in
four columns that rank a match differently (``api.search.query.COLUMN_SCORES``)."""

from collections.abc import Iterable
from dataclasses import dataclass

from api.search.text import normalise


@dataclass(frozen=True, slots=True)
class SearchDocument:
    """Normalised words (``api.search.text.normalise``) of: the names in every language
    (``name``), the organization's names (``organization``), the description and host venue
    (``body``), and the labels of the themes in French, Dutch and English (``themes``)."""

    name: str
    organization: str
    body: str
    themes: str


def _joined(texts: Iterable[str | None]) -> str:
    return " ".join(filter(None, (normalise(t) for t in texts)))


def build_document(
    *,
    names: Iterable[str | None],
    organization_names: Iterable[str | None],
    texts: Iterable[str | None],
    theme_labels: Iterable[str],
) -> SearchDocument:
    """The search document of one access point from its ``names`` (fr, nl, en), its
    organization's names, its free ``texts`` (description, host venue) and the labels of its
    themes. Missing values (None, "") are left out."""
    return SearchDocument(
        name=_joined(names),
        organization=_joined(organization_names),
        body=_joined(texts),
        themes=_joined(theme_labels),
    )
