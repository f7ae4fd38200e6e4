"""Running a text search (``q``) on the search index (see ``api.services.search_index``):
which access points match, and how well.

The same query is written for SQLite FTS5 (``MATCH``) and for PostgreSQL (``@@`` on a
tsvector), and both engines index the same normalised words, so they match the same access
points. The rank is computed the same way on both, from where each term is found (the best
of name 8, organization 4, description or host 2, theme labels only 1; summed over the
terms), rather than with bm25 (FTS5) or ts_rank (PostgreSQL), which disagree with each
other: the engines would then order the same matches differently.
"""

from collections.abc import Callable, Sequence
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, col

from api.errors import InvalidQueryError
from api.models import AccessPoint
from api.models.common import THEME_LABELS
from api.search import (
    COLUMN_SCORES,
    COLUMNS,
    SearchQuery,
    SearchQueryError,
    Term,
    Vocabulary,
    fts5_query,
    fts5_term,
    load_vocabulary,
    parse_query,
    tsquery,
    tsquery_term,
)

_FTS5 = sa.table("access_point_search", sa.column("rowid"))
_FTS5_TABLE: sa.ColumnClause[str] = sa.literal_column("access_point_search")
_TSVECTOR = sa.table("access_point_search", sa.column("access_point_pk"), sa.column("document"))
_SIMPLE: sa.ColumnClause[str] = sa.literal_column("'simple'::regconfig")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """The synonym list (``api/search/synonyms.csv``) with the theme labels, read once."""
    return load_vocabulary(
        theme_labels={theme.value: labels.values() for theme, labels in THEME_LABELS.items()}
    )


def parse_search(text: str | None, *, parameter: str = "q") -> SearchQuery | None:
    """The parsed query of ``text``, or None when it is missing or blank (no filter).
    Raises ``InvalidQueryError`` (422, at ``parameter``) for a text without a letter or
    digit, or with too many words."""
    if text is None or not text.strip():
        return None
    try:
        return parse_query(text, vocabulary())
    except SearchQueryError as exc:
        raise InvalidQueryError(str(exc), loc=("query", parameter)) from exc


def _matching(dialect: str, expression: str) -> sa.Select:
    """pks of the access points whose document matches ``expression`` (FTS5 syntax on
    SQLite, tsquery syntax on PostgreSQL)."""
    if dialect == "postgresql":
        query = sa.func.to_tsquery(_SIMPLE, sa.literal(expression))
        return sa.select(_TSVECTOR.c.access_point_pk).where(_TSVECTOR.c.document.op("@@")(query))
    return sa.select(_FTS5.c.rowid).where(_FTS5_TABLE.op("MATCH")(sa.literal(expression)))


def match_condition(query: SearchQuery, dialect: str) -> ColumnElement[bool]:
    """SQL condition on ``access_point``: its search document matches every term."""
    expression = tsquery(query) if dialect == "postgresql" else fts5_query(query)
    return col(AccessPoint.pk).in_(_matching(dialect, expression))


def _fts5_score(query: SearchQuery) -> ColumnElement[int]:
    # Each (term, column) match is one FTS5 lookup, which SQLite runs once per query.
    def found(term: Term, column: str) -> ColumnElement[bool]:
        return col(AccessPoint.pk).in_(_matching("sqlite", fts5_term(term, column)))

    return _sum_of_best(query, found)


def _tsvector_score(query: SearchQuery) -> ColumnElement[int]:
    # Tested on the matching row's own tsvector, its columns told apart by weight labels.
    # Each tsquery is a scalar subquery, so that PostgreSQL parses it once (an InitPlan), not
    # once per row (to_tsquery is only STABLE).
    def found(term: Term, column: str) -> ColumnElement[bool]:
        expression = sa.select(
            sa.func.to_tsquery(_SIMPLE, sa.literal(tsquery_term(term, column)))
        ).scalar_subquery()
        return _TSVECTOR.c.document.op("@@")(expression)

    return _sum_of_best(query, found)


def _sum_of_best(
    query: SearchQuery, found: Callable[[Term, str], ColumnElement[bool]]
) -> ColumnElement[int]:
    """Each term counts for the best column it is found in (``COLUMN_SCORES``); the lowest,
    the theme labels, is where a matching term is when it is nowhere else."""
    *better, last = COLUMNS
    scores: list[ColumnElement[int]] = [
        sa.case(
            *((found(term, column), COLUMN_SCORES[column]) for column in better),
            else_=COLUMN_SCORES[last],
        )
        for term in query.terms
    ]
    total = scores[0]
    for score in scores[1:]:
        total = total + score
    return total


def ranked_matches(
    query: SearchQuery, dialect: str, conditions: Sequence[ColumnElement[bool]]
) -> sa.Subquery:
    """Subquery ``(pk, id, score)``: the access points matching ``query`` and ``conditions``,
    with their rank (higher first). The matches come from the index first, so that only
    they are scored."""
    if dialect == "postgresql":
        whole = sa.func.to_tsquery(_SIMPLE, sa.literal(tsquery(query)))
        statement = (
            sa.select(
                col(AccessPoint.pk), col(AccessPoint.id), _tsvector_score(query).label("score")
            )
            .select_from(_TSVECTOR)
            .join(AccessPoint, col(AccessPoint.pk) == _TSVECTOR.c.access_point_pk)
            .where(_TSVECTOR.c.document.op("@@")(whole))
        )
    else:
        matches = _matching(dialect, fts5_query(query)).subquery("matches")
        statement = (
            sa.select(col(AccessPoint.pk), col(AccessPoint.id), _fts5_score(query).label("score"))
            .select_from(matches)
            .join(AccessPoint, col(AccessPoint.pk) == matches.c.rowid)
        )
    return statement.where(*conditions).subquery("ranked")


def matching_pks(*, session: Session, query: SearchQuery) -> set[int]:
    """pks of every access point (any status) whose search document matches ``query``."""
    dialect = session.get_bind().dialect.name
    expression = tsquery(query) if dialect == "postgresql" else fts5_query(query)
    return set(session.execute(_matching(dialect, expression)).scalars())
