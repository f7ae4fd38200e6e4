"""Postal addresses beyond the commune found in free text (incident reports), as spans.

What is removed: a street and its house number, in the forms Belgian addresses are written:
a street word followed by the street's name and a number ("rue de la Loi 16", "avenue Louise
54 bte 3", "chaussée de Haecht, 1200", "place Flagey 7"), a number before them ("12 rue des
Lilas", "au 3, avenue Brugmann"), and the Dutch one-word streets ("Wetstraat 16",
"Louizalaan 54 bus 3", "Haachtsesteenweg 3", "Sint-Jansplein 1"). What is kept: a postcode
with its commune ("1000 Bruxelles"), a street named without a number (the commune's level of
detail: "rue Haute"), and numbers that count something after a street word ("avenue, 20
minutes d'attente"). Words that are also ordinary words (place, route, chemin, square...)
count as a street only when the name that follows is capitalised ("place Flagey 7", not "plus
de place pour 3 personnes"). Pure.
"""

import re

# Street words that are nothing else; then those that are ordinary words too.
_STREET_WORDS = (
    r"rue|ruelle|avenue|av\.|boulevard|bd\.?|bld\.?|chaussée|chaussee|chée|drève|dreve|"
    r"quai|impasse|venelle|rond-point|sentier|parvis|straat|laan|steenweg|plein|dreef|"
    r"kaai|street"
)
_AMBIGUOUS_WORDS = r"place|route|chemin|square|allée|allee|clos|cité|cite|passage|galerie|voie|road"
# The Dutch streets written as one word: at least two letters, then the street's ending.
_DUTCH_ENDINGS = r"straat|laan|steenweg|plein|dreef|kaai|lei|dijk|singel|gracht|markt|weg|baan"
# Words of a street's name that are neither capitalised nor the name itself.
_PARTICLES = {
    "de", "du", "des", "la", "le", "les", "l", "d", "l'", "d'", "l’", "d’", "van", "der",
    "den", "het", "ter", "ten", "of", "the", "saint", "sainte", "st", "ste", "sint", "au", "aux",
}  # fmt: skip
_NAME_WORD = r"[^\W\d_][\w'’.\-]*"
_NUMBER = (
    r"(?:n°\s*|no\.?\s*|nr\.?\s*|numéro\s+)?(?P<number>\d{1,4})(?:\s?[a-zA-Z](?![\w']))?"
    r"(?:\s*(?:/|bte|boîte|boite|bus|box|b\.)\s*\d{1,4}[a-zA-Z]?)?"
)
# What a number counts (kept): "20 minutes", "3 jours", "9h", "250 €", "3 personnes"...
_COUNTED = re.compile(
    r"\s*(?:h\b|h\d|u\b|min|minutes?|heures?|uur|hours?|jours?|dagen|days?|semaines?|weken|"
    r"weeks?|mois|maanden|months?|ans?|jaar|years?|€|eur|euros?|%|fois|keer|times|x\b|"
    r"personnes?|mensen|people|km|m\b)",
    re.IGNORECASE,
)
_STREET_FIRST = re.compile(
    rf"\b(?P<word>{_STREET_WORDS}|{_AMBIGUOUS_WORDS})(?![\w-])\s+"
    rf"(?P<name>(?:{_NAME_WORD}\s+){{0,5}}?{_NAME_WORD}),?\s+{_NUMBER}(?![\w,.]\d|\w)",
    re.IGNORECASE,
)
_ONE_WORD = re.compile(
    rf"\b(?P<name>[^\W\d_][\w'’\-]+(?:{_DUTCH_ENDINGS}))(?![\w-]),?\s+{_NUMBER}(?![\w,.]\d|\w)",
    re.IGNORECASE,
)
_NUMBER_FIRST = re.compile(
    rf"(?<![\w,./\-])(?P<number>\d{{1,4}})(?:\s?[a-zA-Z](?![\w']))?,?\s+"
    rf"(?P<word>{_STREET_WORDS}|{_AMBIGUOUS_WORDS})(?![\w-])\s+"
    rf"(?P<name>(?:(?:{'|'.join(sorted(_PARTICLES - {'l', 'd'}))})\s+|[ld]['’])*"
    rf"{_NAME_WORD}(?-i:[ \-][A-ZÀ-Ý][\w'’\-]*){{0,3}})",
    re.IGNORECASE,
)
_AMBIGUOUS = re.compile(rf"(?:{_AMBIGUOUS_WORDS})$", re.IGNORECASE)


def _named(name: str, word: str) -> bool:
    """Whether ``name`` reads as a street's name after ``word``: any name after an
    unambiguous street word, a capitalised one after an ordinary word (place, route...)."""
    if not _AMBIGUOUS.match(word):
        return True
    tokens = re.split(r"[\s\-]+", name)
    return any(token[:1].isupper() for token in tokens if token.lower() not in _PARTICLES)


def _counts_something(text: str, end: int) -> bool:
    return _COUNTED.match(text, end) is not None


def _is_postcode(text: str, match: re.Match[str]) -> bool:
    # "rue Haute, 1000 Bruxelles": four digits then a name is the postcode, not a number.
    number = match.group("number")
    return len(number) == 4 and re.match(r"\s+[^\W\d_]", text[match.end() :]) is not None


def street_address_spans(text: str) -> list[tuple[int, int]]:
    """The (start, end) spans of ``text`` that are a street with its house number, by the
    module's rule. Never raises."""
    spans: list[tuple[int, int]] = []
    for pattern in (_STREET_FIRST, _ONE_WORD):
        for match in pattern.finditer(text):
            word = match.groupdict().get("word") or ""
            if (
                _named(match.group("name"), word)
                and not _counts_something(text, match.end())
                and not _is_postcode(text, match)
            ):
                spans.append((match.start(), match.end()))
    for match in _NUMBER_FIRST.finditer(text):
        if _named(match.group("name"), match.group("word")):
            spans.append((match.start(), match.end()))
    # Overlapping finds are one address: keep the union.
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
