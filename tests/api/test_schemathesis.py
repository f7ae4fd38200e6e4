"""Property-based tests of every GET endpoint against the app's own OpenAPI schema: no 500,
no response that breaks the schema, whatever the query."""

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    """The schema, loaded in-process from the app under test."""
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schemathesis.check
def no_server_error(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """No 5xx, except the documented 503 of an address search on a server without geocoder."""
    if response.status_code >= 500 and not (
        response.status_code == 503 and "address" in (case.query or {})
    ):
        raise AssertionError(f"server error {response.status_code}: {response.text[:300]}")


@schema.include(method="GET").parametrize()
# Derandomized: CI runs the same examples every time, so that its verdict is reproducible;
# explore further locally with `pytest --hypothesis-seed=N` and max_examples raised.
@settings(
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_get_endpoints_conform(case: schemathesis.Case) -> None:
    # Not `positive_data_acceptance`: some schema-valid queries are refused on purpose
    # (a postcode and lat/lon together, an unknown postcode), with a 422 that says why.
    case.call_and_validate(
        checks=[
            no_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
            negative_data_rejection,
        ]
    )
