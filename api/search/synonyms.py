"""The synonym list of the text search, read from ``synonyms.csv`` (data, not code: see the
comment at the top of the file for its format)."""

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from api.search.text import content_words, words

SYNONYMS_FILE = Path(__file__).with_name("synonyms.csv")
LANGUAGES = ("fr", "nl", "en")
# A phrase is a tuple of normalised content words ("revenu d'intégration": revenu, integration).
Phrase = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class SynonymGroup:
    """Equivalent terms (``phrases``), and the theme they are words for (None for the names
    of institutions and kinds of places) with that theme's labels (``labels``: matched, as
    every document of the theme holds them, but not looked up in queries)."""

    name: str
    theme: str | None
    phrases: tuple[Phrase, ...]
    labels: tuple[Phrase, ...] = ()


@dataclass(frozen=True)
class Vocabulary:
    """Every synonym group, indexed by phrase: ``groups_of`` gives the groups a phrase belongs
    to, ``longest`` the number of words of the longest phrase."""

    groups: tuple[SynonymGroup, ...]
    groups_of: dict[Phrase, tuple[SynonymGroup, ...]] = field(init=False)
    longest: int = field(init=False)

    def __post_init__(self) -> None:
        index: dict[Phrase, list[SynonymGroup]] = {}
        for group in self.groups:
            for phrase in group.phrases:
                index.setdefault(phrase, []).append(group)
        object.__setattr__(self, "groups_of", {k: tuple(v) for k, v in index.items()})
        object.__setattr__(self, "longest", max((len(p) for p in index), default=1))

    def groups_starting(self, prefix: str) -> tuple[SynonymGroup, ...]:
        """The groups having a one-word phrase that begins with ``prefix`` (and is longer),
        in file order: what someone typing ``prefix`` may be about to write."""
        found = {
            group.name: group
            for phrase, groups in self.groups_of.items()
            if len(phrase) == 1 and phrase[0] != prefix and phrase[0].startswith(prefix)
            for group in groups
        }
        return tuple(g for g in self.groups if g.name in found)


def phrase_of(term: str) -> Phrase:
    """The phrase a term of the file stands for: its normalised words without stop words."""
    return tuple(content_words(words(term)))


def read_vocabulary(
    text: str, *, theme_labels: Mapping[str, Iterable[str]], source: str = "synonyms.csv"
) -> Vocabulary:
    """Parse the synonyms CSV ``text`` (``#`` lines are comments; columns ``group``,
    ``theme``, ``fr``, ``nl``, ``en``; terms separated by ``;``). A row with a theme also
    matches that theme's labels, from ``theme_labels`` (theme id -> labels). Raises
    ``ValueError`` naming the ``source`` line for an unknown theme, a duplicate group name,
    or a row without terms."""
    numbered = [
        (number, line)
        for number, line in enumerate(text.splitlines(), start=1)
        if line.strip() and not line.startswith("#")
    ]
    header = next(csv.reader([numbered[0][1]])) if numbered else []
    groups: list[SynonymGroup] = []
    for number, line in numbered[1:]:
        row = dict(zip(header, next(csv.reader([line])), strict=False))
        name = (row.get("group") or "").strip()
        theme = (row.get("theme") or "").strip() or None
        where = f"{source}: line {number} ({name or 'no group name'})"
        if not name or any(g.name == name for g in groups):
            raise ValueError(f"{where}: a group needs a name of its own")
        if theme is not None and theme not in theme_labels:
            raise ValueError(f"{where}: unknown theme {theme!r}")
        terms = [t for lang in LANGUAGES for t in (row.get(lang) or "").split(";") if t.strip()]
        phrases = tuple(dict.fromkeys(p for p in map(phrase_of, terms) if p))
        if not phrases:
            raise ValueError(f"{where}: no terms")
        labels = tuple(
            dict.fromkeys(
                p
                for p in map(phrase_of, theme_labels[theme] if theme else ())
                if p and p not in phrases
            )
        )
        groups.append(SynonymGroup(name=name, theme=theme, phrases=phrases, labels=labels))
    return Vocabulary(tuple(groups))


def load_vocabulary(
    *, theme_labels: Mapping[str, Iterable[str]], path: Path = SYNONYMS_FILE
) -> Vocabulary:
    """The vocabulary of the synonyms file at ``path`` (see ``read_vocabulary``)."""
    return read_vocabulary(
        path.read_text(encoding="utf-8"), theme_labels=theme_labels, source=path.name
    )
