"""A text query (``q``) parsed into terms with their synonyms, and written out for SQLite
FTS5 (``MATCH``) and PostgreSQL (``to_tsquery``).

Semantics, the same on both engines:

- ``q`` is split into normalised words (``api.search.text``); the small words (de, la, van,
  the...) are dropped unless there is nothing else.
- Consecutive words that form a term of the synonym list (``allocations familiales``) make
  one term; every other word is a term of its own.
- A document matches when every term matches (AND). A term matches when one of its
  alternatives does (OR): the words as typed, each phrase of its synonym groups, and, for a
  group with a theme, the theme's labels (which every document of that theme holds). An
  alternative of several words matches when all are there, anywhere in the document.
- The last word also matches the words it begins (``chôm`` finds ``chômage``), and, from
  ``PREFIX_SYNONYMS_FROM`` letters on, brings the synonym groups of the words it begins.
- User input never reaches the engines' query syntax: only normalised words (letters and
  digits; quoted for FTS5) are written out, so ``"``, ``*``, ``(``, ``AND``, ``NEAR``, ``:``
  are ordinary text.
"""

from dataclasses import dataclass

from api.search.synonyms import Phrase, SynonymGroup, Vocabulary
from api.search.text import STOP_WORDS, content_words, words

MAX_TERMS = 10
# The last word is a prefix from this many letters on, and brings synonyms from this many.
PREFIX_FROM = 2
PREFIX_SYNONYMS_FROM = 4
# A prefix that begins words of more groups than this is too vague to bring their synonyms.
PREFIX_MAX_GROUPS = 4


class SearchQueryError(ValueError):
    """``q`` cannot be searched for; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class Alternative:
    """Words that must all be in a document; with ``prefix``, the last one matches every
    word it begins."""

    words: Phrase
    prefix: bool = False

    def implies(self, other: "Alternative") -> bool:
        """Whether every document matching this alternative also matches ``other`` (which
        is then enough on its own in an OR)."""
        mine = self._patterns()
        return all(
            any(m.startswith(t) if t_prefix else (m == t and not m_prefix) for m, m_prefix in mine)
            for t, t_prefix in other._patterns()
        )

    def _patterns(self) -> list[tuple[str, bool]]:
        last = len(self.words) - 1
        return [(word, self.prefix and i == last) for i, word in enumerate(self.words)]


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a query: what was typed, the synonym groups it belongs to, and the
    alternatives (OR) that match it."""

    typed: Phrase
    groups: tuple[str, ...]
    alternatives: tuple[Alternative, ...]


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed ``q``: its terms, all of which a document must match."""

    terms: tuple[Term, ...]


def _alternatives(
    typed: Phrase, prefix: bool, groups: tuple[SynonymGroup, ...]
) -> tuple[Alternative, ...]:
    candidates = [Alternative(typed, prefix)]
    candidates += [
        Alternative(phrase) for group in groups for phrase in group.phrases + group.labels
    ]
    unique = list(dict.fromkeys(candidates))

    # An alternative implied by a shorter one adds nothing to the OR: "tax web" when "tax"
    # is there, "werkloosheid" when "werk*" is.
    def key(alt: Alternative) -> tuple[int, Phrase, bool]:
        return len(alt.words), alt.words, alt.prefix

    kept = [
        alt
        for alt in unique
        if not any(
            other != alt
            and alt.implies(other)
            and (not other.implies(alt) or key(other) < key(alt))
            for other in unique
        )
    ]
    return tuple(sorted(kept, key=key))


def parse_query(text: str, vocabulary: Vocabulary) -> SearchQuery:
    """Parse ``q`` (see the module's docstring). Raises ``SearchQueryError`` when it has no
    letter or digit, or more than ``MAX_TERMS`` words once the small words are dropped."""
    typed = content_words(words(text))
    if not typed:
        raise SearchQueryError("q has no word to search for: give letters or digits")
    if len(typed) > MAX_TERMS:
        raise SearchQueryError(
            f"q has {len(typed)} words: give at most {MAX_TERMS} (small words such as "
            "'de', 'van', 'the' do not count)"
        )
    spans: list[tuple[Phrase, tuple[SynonymGroup, ...]]] = []
    start = 0
    while start < len(typed):
        for size in range(min(vocabulary.longest, len(typed) - start), 0, -1):
            phrase = tuple(typed[start : start + size])
            groups = vocabulary.groups_of.get(phrase, ())
            if groups or size == 1:
                spans.append((phrase, groups))
                start += size
                break
    terms = []
    for index, (phrase, groups) in enumerate(spans):
        prefix = (
            index == len(spans) - 1
            and len(phrase) == 1
            and len(phrase[0]) >= PREFIX_FROM
            and phrase[0] not in STOP_WORDS
        )
        if prefix and len(phrase[0]) >= PREFIX_SYNONYMS_FROM:
            begun = vocabulary.groups_starting(phrase[0])
            if len(begun) <= PREFIX_MAX_GROUPS:
                groups = tuple(dict.fromkeys(groups + begun))
        terms.append(
            Term(
                typed=phrase,
                groups=tuple(g.name for g in groups),
                alternatives=_alternatives(phrase, prefix, groups),
            )
        )
    return SearchQuery(tuple(terms))


# Where a term is found says how well it matches: in a name, in the organization's name, in
# the description or host venue, or only through the labels of a theme.
COLUMNS = ("name", "organization", "body", "themes")
COLUMN_SCORES = {"name": 8, "organization": 4, "body": 2, "themes": 1}
# PostgreSQL keeps the four columns in one tsvector, told apart by weight labels.
COLUMN_WEIGHTS = {"name": "A", "organization": "B", "body": "C", "themes": "D"}


def _fts5_alternative(alt: Alternative) -> str:
    parts = [f'"{word}"' for word in alt.words]
    if alt.prefix:
        parts[-1] += "*"
    return parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")"


def fts5_term(term: Term, column: str | None = None) -> str:
    """The FTS5 ``MATCH`` expression of one term, restricted to ``column`` if given."""
    expression = "(" + " OR ".join(_fts5_alternative(a) for a in term.alternatives) + ")"
    return f"{column} : {expression}" if column else expression


def fts5_query(query: SearchQuery) -> str:
    """The FTS5 ``MATCH`` expression of the whole query (any column)."""
    return " AND ".join(fts5_term(term) for term in query.terms)


def _ts_alternative(alt: Alternative, weight: str) -> str:
    parts = [f"{word}:{weight}" if weight else word for word in alt.words]
    if alt.prefix:
        parts[-1] = f"{alt.words[-1]}:*{weight}"
    return parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")"


def tsquery_term(term: Term, column: str | None = None) -> str:
    """The PostgreSQL ``to_tsquery`` text of one term, restricted to ``column``'s weight if
    given."""
    weight = COLUMN_WEIGHTS[column] if column else ""
    return "(" + " | ".join(_ts_alternative(a, weight) for a in term.alternatives) + ")"


def tsquery(query: SearchQuery) -> str:
    """The PostgreSQL ``to_tsquery`` text of the whole query (any column)."""
    return " & ".join(tsquery_term(term) for term in query.terms)
