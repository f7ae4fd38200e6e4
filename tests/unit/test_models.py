"""Write validation through AccessPointCreate (no database)."""

from typing import Any

import pytest
from pydantic import ValidationError

from api.models import AccessPointCreate


def body(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "guichet",
        "organization_id": "cpas-ocmw-schaerbeek",
        "names": {"fr": "CPAS de Schaerbeek", "nl": "OCMW Schaarbeek"},
        "address": {
            "street": "Boulevard Auguste Reyers 70",
            "postcode": "1030",
            "nis_code": "21015",
        },
        "location": {"lat": 50.851756, "lon": 4.401445, "precision": "building"},
        "phones": [{"number": "02 240 30 80"}],
        "languages": ["FR", "nl", "fr"],
        "themes": ["social_aid"],
        "opening_hours": "Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05",
    }
    base.update(changes)
    return base


def test_valid_body_is_normalised() -> None:
    data = AccessPointCreate.model_validate(body())
    assert data.languages == ["fr", "nl"]
    assert data.phones[0].normalised().number == "+3222403080"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"opening_hours": "Mo-Fx 09:00-12:00"}, "opening_hours"),
        ({"phones": [{"number": "12"}]}, "not a valid number"),
        ({"languages": ["french"]}, "ISO 639-1"),
        ({"languages": ["xx"]}, "ISO 639-1"),
        ({"themes": ["cooking"]}, "themes"),
        ({"location": {"lat": 48.85, "lon": 2.35, "precision": "building"}}, "outside Belgium"),
        ({"location": {"lat": 50.85, "lon": 4.35, "precision": "roof"}}, "precision"),
        ({"service_area": ["1000"]}, "NIS codes"),
        ({"kind": "phone_line", "phones": []}, "at least one number"),
        ({"address": None, "location": None}, "needs an address"),
        ({"colour": "blue"}, "Extra inputs are not permitted"),
        ({"id": "Not A Slug"}, "id"),
    ],
)
def test_invalid_bodies_say_what_is_wrong(changes: dict[str, Any], words: str) -> None:
    with pytest.raises(ValidationError) as info:
        AccessPointCreate.model_validate(body(**changes))
    assert words in str(info.value)
