"""The text search's pure core: normalisation, the synonym list, query parsing and the
queries written for SQLite FTS5 and PostgreSQL."""

import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from api.models.common import THEME_LABELS, Theme
from api.search import (
    MAX_TERMS,
    Alternative,
    SearchQueryError,
    Vocabulary,
    fts5_query,
    fts5_term,
    load_vocabulary,
    normalise,
    parse_query,
    read_vocabulary,
    tsquery,
    tsquery_term,
    words,
)
from api.search.document import build_document
from api.search.text import STOP_WORDS

LABELS = {theme.value: list(labels.values()) for theme, labels in THEME_LABELS.items()}


@pytest.fixture(scope="module")
def vocabulary() -> Vocabulary:
    return load_vocabulary(theme_labels=LABELS)


def alternatives(text: str, vocabulary: Vocabulary, term: int = 0) -> set[tuple[str, ...]]:
    return {a.words for a in parse_query(text, vocabulary).terms[term].alternatives}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Chômage", ["chomage"]),
        ("CHÔMAGE", ["chomage"]),
        ("CPAS/OCMW", ["cpas", "ocmw"]),
        ("l'aide sociale", ["l", "aide", "sociale"]),
        ("Œuvre, cœur", ["oeuvre", "coeur"]),
        ("Straße", ["strasse"]),
        ("Financiën", ["financien"]),
        ("tax_on-web", ["tax", "on", "web"]),
        ('"*():-AND', ["and"]),
        ("", []),
    ],
)
def test_words_are_folded_unaccented_and_split(text: str, expected: list[str]) -> None:
    assert words(text) == expected


def test_a_document_holds_every_text_normalised() -> None:
    document = build_document(
        names=("CPAS d'Ixelles", "OCMW Elsene", None),
        organization_names=("CPAS / OCMW Ixelles", ""),
        texts=(None, "Salle polyvalente « Le Cœur »"),
        theme_labels=LABELS["social_aid"],
    )
    assert document.name == "cpas d ixelles ocmw elsene"
    assert document.organization == "cpas ocmw ixelles"
    assert document.body == "salle polyvalente le coeur"
    assert document.themes == "aide sociale maatschappelijke hulp social aid"
    assert normalise(None) == ""


def test_ocmw_and_cpas_are_one_group(vocabulary: Vocabulary) -> None:
    query = parse_query("OCMW", vocabulary)
    (term,) = query.terms
    assert term.groups == ("cpas",)
    assert ("cpas",) in {a.words for a in term.alternatives}
    # The last word is also a beginning: "ocmw*" (which covers "ocmw" itself).
    assert Alternative(("ocmw",), prefix=True) in term.alternatives
    assert Alternative(("ocmw",)) not in term.alternatives


def test_a_theme_word_finds_the_theme_in_every_language(vocabulary: Vocabulary) -> None:
    found = alternatives("werkloosheid", vocabulary)
    assert {("chomage",), ("unemployment",), ("werkloze",)} <= found
    # Institutions are their own groups: "chômage" does not mean "Actiris".
    assert ("actiris",) not in found
    assert {("mutuelle",), ("ziekenfonds",)} <= alternatives("mutualités", vocabulary)
    assert {("impots",), ("belastingen",)} <= alternatives("IMPÔTS", vocabulary)


def test_a_phrase_of_the_list_is_one_term(vocabulary: Vocabulary) -> None:
    query = parse_query("allocations familiales", vocabulary)
    assert [t.groups for t in query.terms] == [("family",)]
    assert {("kinderbijslag",), ("groeipakket",)} <= alternatives(
        "allocations familiales", vocabulary
    )
    # The longest phrase wins: "pension alimentaire" is family, not pensions.
    assert parse_query("pension alimentaire", vocabulary).terms[0].groups == ("family",)
    assert parse_query("pension", vocabulary).terms[0].groups == ("pensions",)


def test_a_group_with_a_theme_also_matches_its_labels(vocabulary: Vocabulary) -> None:
    # mental_health is a row of theme health: its words also find what has the theme health,
    # whose labels (Santé, Gezondheid, Health) are in every such document.
    found = alternatives("psychologue", vocabulary)
    assert {("psycholoog",), ("sante",), ("gezondheid",), ("health",)} <= found
    # ...but "santé" is not "psychologue": a label is matched, never looked up.
    assert parse_query("santé", vocabulary).terms[0].groups == ("health",)
    # A label made of words of the row adds nothing: "mutuelle" covers "mutuelle assurance
    # maladie".
    assert ("mutuelle", "assurance", "maladie") not in alternatives("ziekenfonds", vocabulary)


def test_small_words_are_dropped_unless_alone(vocabulary: Vocabulary) -> None:
    query = parse_query("CPAS de la Ville de Bruxelles", vocabulary)
    assert [t.typed for t in query.terms] == [("cpas",), ("ville",), ("bruxelles",)]
    assert [t.typed for t in parse_query("de la", vocabulary).terms] == [("de",), ("la",)]
    # A small word is never a beginning: "and" is not "Anderlecht".
    assert parse_query("AND", vocabulary).terms[0].alternatives == (Alternative(("and",)),)


def test_the_last_word_is_a_beginning(vocabulary: Vocabulary) -> None:
    query = parse_query("Actiris chôm", vocabulary)
    first, last = query.terms
    assert all(not a.prefix for a in first.alternatives)
    assert Alternative(("chom",), prefix=True) in last.alternatives
    # From four letters on, it brings the groups of the words it begins.
    assert last.groups == ("unemployment",)
    assert ("werkloosheid",) in {a.words for a in last.alternatives}
    assert parse_query("ch", vocabulary).terms[0].groups == ()
    assert parse_query("c", vocabulary).terms[0].alternatives == (Alternative(("c",)),)


@pytest.mark.parametrize("text", ["", "   ", '"', "*", "(", ":", "-", "«»", '"*():^'])
def test_no_word_is_refused(text: str, vocabulary: Vocabulary) -> None:
    with pytest.raises(SearchQueryError, match="no word"):
        parse_query(text, vocabulary)


def test_too_many_words_are_refused(vocabulary: Vocabulary) -> None:
    words_ = " ".join(f"mot{i}" for i in range(MAX_TERMS + 1))
    with pytest.raises(SearchQueryError, match=f"at most {MAX_TERMS}"):
        parse_query(words_, vocabulary)
    # Small words do not count.
    assert len(parse_query(" de ".join(f"mot{i}" for i in range(MAX_TERMS)), vocabulary).terms)


def test_an_alternative_implied_by_another_is_dropped() -> None:
    assert Alternative(("tax", "web")).implies(Alternative(("tax",)))
    assert Alternative(("werkloosheid",)).implies(Alternative(("werk",), prefix=True))
    assert Alternative(("werkloosheid",), prefix=True).implies(Alternative(("werk",), prefix=True))
    assert not Alternative(("werk",), prefix=True).implies(Alternative(("werkloosheid",)))
    assert not Alternative(("tax",)).implies(Alternative(("tax", "web")))


def test_fts5_and_tsquery_texts(vocabulary: Vocabulary) -> None:
    query = parse_query("Saint-Gilles chôm", vocabulary)
    assert fts5_query(query).startswith('(("saint" AND "gilles") OR ("sint" AND "gillis")) AND (')
    assert '"chom"*' in fts5_query(query)
    assert tsquery(query).startswith("((saint & gilles) | (sint & gillis)) & (")
    assert "chom:*" in tsquery(query)
    saint = query.terms[0]
    assert fts5_term(saint, "name") == 'name : (("saint" AND "gilles") OR ("sint" AND "gillis"))'
    assert tsquery_term(saint, "organization") == "((saint:B & gilles:B) | (sint:B & gillis:B))"
    assert tsquery_term(query.terms[1], "themes").startswith("(chom:*D | ")


@given(st.text(max_size=60))
def test_any_input_gives_a_valid_fts5_query_or_a_clear_refusal(text: str) -> None:
    vocabulary = load_vocabulary(theme_labels=LABELS)
    try:
        query = parse_query(text, vocabulary)
    except SearchQueryError:
        return
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(name, organization, body, themes)")
    connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts5_query(query),)).fetchall()
    for term in query.terms:
        connection.execute("SELECT rowid FROM t WHERE t MATCH ?", (fts5_term(term, "name"),))
    connection.close()


def test_every_theme_has_words_and_its_labels_are_made_of_them(vocabulary: Vocabulary) -> None:
    for theme in Theme:
        own = {g.name for g in vocabulary.groups if g.theme == theme.value}
        assert own, f"no synonym row for theme {theme.value}"
        for label in THEME_LABELS[theme].values():
            for term in parse_query(label, vocabulary).terms:
                assert set(term.groups) & own, f"{label!r} ({theme.value}): {term.typed}"


def test_the_list_has_no_stop_word_terms_and_realistic_belgian_words(
    vocabulary: Vocabulary,
) -> None:
    for group in vocabulary.groups:
        for phrase in group.phrases:
            assert not set(phrase) <= STOP_WORDS, (group.name, phrase)
    phrases = {p: g.name for g in vocabulary.groups for p in g.phrases}
    for word, group in [
        ("ocmw", "cpas"),
        ("rva", "onem"),
        ("vdab", "employment_service"),
        ("forem", "employment_service"),
        ("kinderbijslag", "family"),
        ("groeipakket", "family"),
        ("pensioen", "pensions"),
        ("schuldbemiddeling", "debt"),
        ("verblijf", "residence_rights"),
        ("digitaal", "digital_help"),
        ("jeugd", "youth"),
        ("gezondheid", "health"),
        ("huisvesting", "housing"),
        ("elektriciteit", "energy"),
    ]:
        assert phrases[(word,)] == group
    assert phrases[("fod", "financien")] == "spf_finances"
    assert phrases[("pro", "deo")] == "legal_aid"
    assert phrases[("burgerlijke", "stand")] == "civil_status"


def test_a_bad_synonym_file_says_where() -> None:
    with pytest.raises(ValueError, match=r"line 2 .*unknown theme 'weather'"):
        read_vocabulary("group,theme,fr,nl,en\nrain,weather,pluie,regen,rain", theme_labels=LABELS)
    with pytest.raises(ValueError, match=r"line 4 .*a name of its own"):
        read_vocabulary("# comment\ngroup,theme,fr,nl,en\na,,x,y,z\na,,u,v,w", theme_labels=LABELS)
    with pytest.raises(ValueError, match="no terms"):
        read_vocabulary("group,theme,fr,nl,en\nempty,,;,,", theme_labels=LABELS)
