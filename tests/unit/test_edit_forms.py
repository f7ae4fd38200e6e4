"""The pure parts of the editors' pages: form -> write body with per-field errors in the
editor's language, the three-way merge after a conflict, the readable history diff."""

from starlette.datastructures import ImmutableMultiDict

from api.models import ChangeAction, ChangePublic
from api.pages.editing.forms import read_access_point_form, read_closure_form, shape_of
from api.pages.editing.history import field_changes, history_view, value_text
from api.pages.editing.merge import MINE, THEIRS, apply_merge, flatten, plan_merge, unflatten
from tests.conftest import NOW

PLACE = [
    ("organization_id", "cpas-ocmw-schaerbeek"),
    ("kind", "guichet"),
    ("names_fr", "CPAS de Schaerbeek"),
    ("address_street", "Boulevard Auguste Reyers 70"),
    ("address_postcode", "1030"),
    ("hours_source", "raw"),
    ("hours_raw", "Mo-Fr 09:00-12:00"),
    ("phone_1_number", "02 240 30 80"),
    ("phone_1_label", "Accueil"),
    ("phone_1_free", ""),
    ("access_walk_in", "yes"),
    ("themes", "social_aid"),
    ("themes", "energy"),
    ("languages", "fr, NL ar"),
    ("documents_to_bring", "Carte d'identité\n\n  Bail  \n"),
]


def test_a_valid_form_becomes_the_api_body() -> None:
    result = read_access_point_form(ImmutableMultiDict(PLACE), base={}, lang="fr")
    assert result.errors == {}
    assert result.data is not None
    assert result.data.access.walk_in is True and result.data.access.free_of_charge is None
    assert result.data.themes == ["social_aid", "energy"]
    assert result.data.languages == ["fr", "nl", "ar"]
    assert result.data.documents_to_bring == ["Carte d'identité", "Bail"]
    assert result.data.opening_hours == "Mo-Fr 09:00-12:00"
    assert "location" not in result.body  # no coordinates typed: located from the address
    shape = shape_of(result.data, base={"location": {"lat": 50.85}})
    assert shape["phones"] == [
        {"number": "+3222403080", "label": "Accueil", "free_of_charge": None}
    ]
    assert shape["location"] == {"lat": 50.85}


def test_errors_by_field_in_dutch() -> None:
    form = dict(PLACE) | {
        "names_fr": "",
        "website": "www.example.be",
        "address_postcode": "10300",
        "location_lat": "vijftig",
        "location_lon": "4,35",
        "phone_1_number": "hello",
        "languages": "fr, xx",
        "service_area": "21015, 123",
    }
    result = read_access_point_form(ImmutableMultiDict(form), base={}, lang="nl")
    assert result.data is None
    assert result.errors["names_fr"] == ["Dit veld is verplicht."]
    assert result.errors["website"] == ["Schrijf het volledige webadres, beginnend met https://."]
    assert result.errors["address_postcode"] == ["Schrijf een Belgische postcode van vier cijfers."]
    assert result.errors["location_lat"] == ["Schrijf een getal, bijvoorbeeld 50.85."]
    assert "location_lon" not in result.errors  # a decimal comma is read
    assert result.errors["phone_1_number"][0].startswith("Dit is geen telefoonnummer")
    assert result.errors["languages"][0].startswith("Schrijf taalcodes")
    assert result.errors["service_area"][0].startswith("Schrijf NIS-codes")
    assert result.values["location_lat"] == "vijftig"  # shown again as typed


def test_a_place_without_address_and_a_phone_line_without_number() -> None:
    bare = [(k, v) for k, v in PLACE if not k.startswith(("address_", "phone_"))]
    place = read_access_point_form(ImmutableMultiDict(bare), base={}, lang="fr")
    assert place.errors == {
        "address_street": ["Indiquez une adresse, une position ou un lieu d’accueil."]
    }
    line = read_access_point_form(
        ImmutableMultiDict([*bare, ("kind", "phone_line")]), base={}, lang="en"
    )
    assert line.errors == {"phone_1_number": ["A phone line needs at least one phone number."]}


def test_the_form_merges_over_the_stored_shape() -> None:
    base = {"verified_at": "2026-11-02", "id": "cpas-schaerbeek", "names": {"fr": "Old"}}
    result = read_access_point_form(ImmutableMultiDict(PLACE), base=base, lang="en")
    assert result.data is not None
    assert str(result.data.verified_at) == "2026-11-02"  # not on the form: kept
    assert result.data.names.fr == "CPAS de Schaerbeek"


def test_closure_form_errors() -> None:
    backwards = read_closure_form(
        ImmutableMultiDict({"start": "2026-12-28", "end": "2026-12-20"}), lang="fr"
    )
    assert backwards.errors == {"end": ["Le dernier jour est avant le premier jour."]}
    prefixed = read_closure_form(
        ImmutableMultiDict({"c-start": "2026-12-24", "c-end": "2026-12-26"}), lang="en", prefix="c-"
    )
    assert prefixed.errors == {} and prefixed.data is not None


def test_flatten_round_trip() -> None:
    shape = {"names": {"fr": "A", "nl": None}, "address": None, "kind": "epn", "themes": ["x"]}
    flat = flatten(shape)
    assert flat == {"names.fr": "A", "names.nl": None, "kind": "epn", "themes": ["x"]}
    assert unflatten({**flat, "address.street": None}) == {**shape}


def test_three_way_merge() -> None:
    base = {"names": {"fr": "A", "en": None}, "email": None, "description": None}
    theirs = {"names": {"fr": "A", "en": "Theirs"}, "email": "t@x.be", "description": None}
    mine = {"names": {"fr": "B", "en": "Mine"}, "email": None, "description": "mine"}
    plan = plan_merge(base=base, theirs=theirs, mine=mine)
    proposed = {f.path: (f.theirs, f.mine, f.proposed) for f in plan.fields}
    assert proposed == {
        "email": ("t@x.be", None, THEIRS),
        "names.en": ("Theirs", "Mine", MINE),
    }
    assert plan.kept == {"description": "mine", "names.fr": "B"}
    merged = apply_merge(
        theirs=theirs,
        mine=flatten(mine),
        paths=[f.path for f in plan.fields] + list(plan.kept),
        choices={"names.en": THEIRS, "email": THEIRS},
    )
    assert merged == {
        "names": {"fr": "B", "en": "Theirs"},
        "email": "t@x.be",
        "description": "mine",
    }


def test_readable_history() -> None:
    changes = {
        "names": {"before": {"fr": "A", "nl": None}, "after": {"fr": "A", "nl": "B"}},
        "access": {"before": {"walk_in": None}, "after": {"walk_in": True}},
        "phones": {"before": [], "after": [{"number": "+3222403080", "label": "Accueil"}]},
    }
    rows = field_changes(changes, "fr")
    assert [(r.label, r.before, r.after) for r in rows] == [
        ("Nom en néerlandais", "—", "B"),
        ("Numéros de téléphone", "—", "+3222403080 (Accueil)"),
        ("Sans rendez-vous", "—", "oui"),
    ]
    kinds = field_changes(
        {
            "kind": {"before": "guichet", "after": "epn"},
            "themes": {"before": [], "after": ["debt"]},
        },
        "nl",
    )
    assert [(r.before, r.after) for r in kinds] == [
        ("Loket", "Openbare digitale ruimte"),
        ("—", "Schulden"),
    ]
    assert value_text({"lat": 50.85, "lon": 4.35, "precision": "building"}, "en") == (
        "50.85, 4.35 (building)"
    )
    versions = history_view(
        [
            ChangePublic(
                version=1, action=ChangeAction.CREATE, changed_at=NOW, changed_by="seed", changes={}
            ),
            ChangePublic(
                version=2,
                action=ChangeAction.RESTORE,
                changed_at=NOW,
                changed_by="A <a@b.be>",
                changes=changes,
            ),
        ],
        lang="nl",
    )
    assert [(v.version, v.action) for v in versions] == [
        (2, "Vorige versie hersteld"),
        (1, "Aangemaakt"),
    ]
