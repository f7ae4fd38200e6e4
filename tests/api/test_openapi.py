"""The public contract: every field described with an example, and changes deliberate."""

from pathlib import Path

from tests.snapshot_openapi import openapi_document, render

SNAPSHOT = Path(__file__).parent.parent / "snapshots" / "openapi.json"
FASTAPI_OWN = {"HTTPValidationError", "ValidationError"}


def test_every_field_has_a_description_and_an_example() -> None:
    schemas = openapi_document()["components"]["schemas"]
    missing = [
        f"{name}.{field}"
        for name, schema in schemas.items()
        if name not in FASTAPI_OWN
        for field, spec in schema.get("properties", {}).items()
        if "description" not in spec or not ({"examples", "example"} & spec.keys())
    ]
    assert missing == [], f"fields without description or example: {missing}"


def test_contract_matches_the_snapshot() -> None:
    assert render(openapi_document()) == SNAPSHOT.read_text(encoding="utf-8"), (
        "the OpenAPI contract changed: if that is deliberate, run `make openapi-snapshot` "
        "and commit tests/snapshots/openapi.json with the change"
    )
