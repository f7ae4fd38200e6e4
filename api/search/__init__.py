"""Text search (``q``): normalisation, the synonym list and query parsing.

A pure package: no web framework, no database. ``api.services.search`` keeps the search
index (SQLite FTS5, PostgreSQL tsvector) and runs the queries written out here.
"""

from api.search.query import (
    COLUMN_SCORES,
    COLUMNS,
    MAX_TERMS,
    Alternative,
    SearchQuery,
    SearchQueryError,
    Term,
    fts5_query,
    fts5_term,
    parse_query,
    tsquery,
    tsquery_term,
)
from api.search.synonyms import SynonymGroup, Vocabulary, load_vocabulary, read_vocabulary
from api.search.text import normalise, words

__all__ = [
    "COLUMNS",
    "COLUMN_SCORES",
    "MAX_TERMS",
    "Alternative",
    "SearchQuery",
    "SearchQueryError",
    "SynonymGroup",
    "Term",
    "Vocabulary",
    "fts5_query",
    "fts5_term",
    "load_vocabulary",
    "normalise",
    "parse_query",
    "read_vocabulary",
    "tsquery",
    "tsquery_term",
    "words",
]
