"""Text normalisation shared by the search documents and the queries.

Both sides go through ``words``: lower case (Unicode case folding), accents removed,
ligatures spelled out, everything that is not a letter or a digit a separator. The search
index receives the words already normalised, joined by spaces, so that SQLite FTS5 and
PostgreSQL's parser both see plain words and give the same answers; neither engine's own
accent folding is relied on.
"""

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_SPELLED_OUT = str.maketrans(
    {"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "\u0131": "i", "ħ": "h", "þ": "th"}
)
# A word: letters and digits (``\w`` without the underscore, which FTS5 treats as a separator).
_WORD = re.compile(r"[^\W_]+")
# Longer words are cut: no real word is longer, and both engines then index the same prefix.
MAX_WORD_LENGTH = 60

# Words too common to search for, in French, Dutch and English: dropped from a query that
# has other words ("CPAS de Schaerbeek" is "cpas schaerbeek"), kept when it has only these.
# Elided French articles and pronouns (l', d', qu'...) are words of their own once the
# apostrophe is a separator.
_STOP_WORDS_BY_LANGUAGE = {
    "fr": "a au aux c ce ces d de des du en et j l la le les m n ou par pour qu que qui s sa se "
    "ses son sur t un une y dans avec chez",
    "nl": "aan bij de den der door een en het in met naar of om op t te tot uit van voor",
    "en": "an and at by for in of on or the to with",
}
STOP_WORDS = frozenset(w for text in _STOP_WORDS_BY_LANGUAGE.values() for w in text.split())


def words(text: str) -> list[str]:
    """The normalised words of ``text``: case-folded, without accents (``Chômage`` and
    ``CHOMAGE`` are both ``chomage``), ligatures spelled out (``œ`` is ``oe``), split on
    everything that is not a letter or a digit, each cut at ``MAX_WORD_LENGTH`` characters."""
    folded = unicodedata.normalize("NFKD", text.casefold().translate(_SPELLED_OUT))
    bare = "".join(c for c in folded if not unicodedata.combining(c))
    return [word[:MAX_WORD_LENGTH] for word in _WORD.findall(bare)]


def normalise(text: str | None) -> str:
    """``text`` as the search index stores it: its ``words`` joined by single spaces ("" for
    None)."""
    return " ".join(words(text)) if text else ""


def content_words(tokens: list[str]) -> list[str]:
    """``tokens`` without the ``STOP_WORDS``, unless all of them are stop words."""
    kept = [token for token in tokens if token not in STOP_WORDS]
    return kept or tokens
