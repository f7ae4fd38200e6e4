"""Property-based tests against the app's own OpenAPI schema: no 500, no response that breaks
the schema, whatever the request.

- Every GET endpoint, whatever the query.
- Every write (POST, PUT, PATCH, DELETE), with an admin key, an editor key bound to one
  organization, and no key.
- Stateful: the same three callers walk the links added below (create, then read, change,
  delete or restore with the ETag of the last answer in ``If-Match``), so that changes reach
  real resources instead of stopping at a 404 or a 412.

Derandomized and bounded (a few examples per operation): CI runs the same examples every
time, so that its verdict is reproducible and its time bounded; explore further locally with
`pytest --hypothesis-seed=N` and more examples.
"""

import copy
from collections.abc import Callable
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from sqlmodel import Session

from api.models import Role
from api.services.keys import create_key
from tests.conftest import NOW

pytestmark = pytest.mark.slow

CALLERS = ["admin", "editor", "anonymous"]
EDITOR_ORGANIZATION = "cpas-ocmw-schaerbeek"
HEALTH = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much]


@pytest.fixture
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    """The schema, loaded in-process from the app under test."""
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.fixture
def keys(session: Session) -> dict[str, dict[str, str]]:
    """The headers of each caller: an admin key, an editor key bound to one organization,
    and nothing."""
    made = {
        name: create_key(
            session=session, name=f"fuzz-{name}", role=role, organization_id=org, now=NOW
        )[1]
        for name, role, org in (
            ("admin", Role.ADMIN, None),
            ("editor", Role.EDITOR, EDITOR_ORGANIZATION),
        )
    }
    return {
        **{name: {"Authorization": f"Bearer {key}"} for name, key in made.items()},
        "anonymous": {},
    }


@schemathesis.check
def no_server_error(
    ctx: schemathesis.CheckContext, response: schemathesis.Response, case: schemathesis.Case
) -> None:
    """No 5xx, except the documented 503 of an address search on a server without geocoder."""
    if response.status_code >= 500 and not (
        response.status_code == 503 and "address" in (case.query or {})
    ):
        raise AssertionError(f"server error {response.status_code}: {response.text[:300]}")


# Not `positive_data_acceptance`: some schema-valid requests are refused on purpose (a
# postcode and lat/lon together, an unknown postcode, a stale If-Match), with a 4xx that says
# why.
CHECKS: list[Callable[..., Any]] = [
    no_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@schema.include(method="GET").parametrize()
@settings(derandomize=True, max_examples=40, deadline=None, suppress_health_check=HEALTH)
def test_get_endpoints_conform(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=CHECKS)


@schema.include(method=["POST", "PUT", "PATCH", "DELETE"]).parametrize()
@settings(derandomize=True, max_examples=10, deadline=None, suppress_health_check=HEALTH)
def test_write_endpoints_conform(case: schemathesis.Case, keys: dict[str, dict[str, str]]) -> None:
    # Each example is sent by each caller in turn (the no-key one last: it changes nothing).
    for caller in CALLERS:
        case.call_and_validate(headers=keys[caller], checks=CHECKS)


def _operation_ids(raw: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {
        (path, method.upper()): operation["operationId"]
        for path, item in raw["paths"].items()
        for method, operation in item.items()
    }


# (from path, method, status) -> [(to path, method)], with where the target's id comes from.
ACCESS_POINT = "/v1/access-points/{access_point_id}"
ORGANIZATION = "/v1/organizations/{organization_id}"
CLOSURE = "/v1/closures/{closure_id}"
CHANGES = ["PUT", "PATCH", "DELETE"]
LINKS: list[tuple[str, str, str, str, str, list[tuple[str, str]]]] = [
    # source path, method, status, target id parameter, its value, targets
    ("/v1/access-points", "POST", "201", "access_point_id", "$response.body#/id",
     [(ACCESS_POINT, m) for m in CHANGES] + [(ACCESS_POINT + "/restore", "POST"),
                                            (ACCESS_POINT + "/closures", "POST")]),
    (ACCESS_POINT, "GET", "200", "access_point_id", "$request.path.access_point_id",
     [(ACCESS_POINT, m) for m in CHANGES] + [(ACCESS_POINT + "/restore", "POST")]),
    (ACCESS_POINT, "PATCH", "200", "access_point_id", "$request.path.access_point_id",
     [(ACCESS_POINT, m) for m in CHANGES] + [(ACCESS_POINT + "/restore", "POST")]),
    ("/v1/organizations", "POST", "201", "organization_id", "$response.body#/id",
     [(ORGANIZATION, m) for m in CHANGES] + [(ORGANIZATION + "/closures", "POST")]),
    (ORGANIZATION, "GET", "200", "organization_id", "$request.path.organization_id",
     [(ORGANIZATION, m) for m in CHANGES]),
    (ACCESS_POINT + "/closures", "POST", "201", "closure_id", "$response.body#/id",
     [(CLOSURE, m) for m in CHANGES]),
    (ORGANIZATION + "/closures", "POST", "201", "closure_id", "$response.body#/id",
     [(CLOSURE, m) for m in CHANGES]),
    (CLOSURE, "GET", "200", "closure_id", "$request.path.closure_id",
     [(CLOSURE, m) for m in CHANGES]),
]  # fmt: skip


def with_links(raw: dict[str, Any]) -> dict[str, Any]:
    """``raw`` with OpenAPI links from each creation or read to the changes of the same
    resource, the id and the ETag (as ``If-Match``) taken from the answer."""
    linked = copy.deepcopy(raw)
    ids = _operation_ids(linked)
    for path, method, status, parameter, value, targets in LINKS:
        response = linked["paths"][path][method.lower()]["responses"][status]
        links = response.setdefault("links", {})
        for target_path, target_method in targets:
            target = ids[(target_path, target_method)]
            parameters = {f"path.{parameter}": value}
            if target_method != "POST" or target_path.endswith("/restore"):
                parameters["header.if-match"] = "$response.header.ETag"
            links[target] = {"operationId": target, "parameters": parameters}
    return linked


@pytest.mark.parametrize("caller", CALLERS)
def test_write_workflows_conform(
    app: FastAPI, session: Session, keys: dict[str, dict[str, str]], caller: str
) -> None:
    # The walk stays among the linked resources: with every endpoint of the API to choose
    # from, its 25 scenarios would rarely follow a link as far as a change.
    linked = schemathesis.openapi.from_dict(with_links(app.openapi())).include(
        path_regex=r"^/v1/(access-points|organizations|closures)"
    )
    linked.app = app
    headers = keys[caller]
    connection = session.connection()
    seen: list[tuple[str, str, int]] = []

    class Workflow(linked.as_state_machine()):  # type: ignore[misc]
        # Each scenario starts from the same data (a savepoint rolled back after it), so
        # that Hypothesis can replay and shrink it: which links apply depends on answers.
        def setup(self) -> None:
            session.close()
            self.savepoint = connection.begin_nested()

        def teardown(self) -> None:
            session.close()
            self.savepoint.rollback()

        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, Any]:
            return {"headers": headers}

        def after_call(self, response: schemathesis.Response, case: schemathesis.Case) -> None:
            seen.append((case.method, case.path, response.status_code))

        def validate_response(
            self, response: schemathesis.Response, case: schemathesis.Case, **kwargs: Any
        ) -> None:
            case.validate_response(response, checks=CHECKS, headers=headers)

    run_state_machine_as_test(
        Workflow,
        settings=settings(
            derandomize=True,
            max_examples=25,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        ),
    )
    changed = {(m, p) for m, p, status in seen if m in ("PUT", "PATCH", "DELETE") and status == 200}
    statuses = {status for method, _, status in seen if method != "GET"}
    if caller == "admin":
        # The links carried ids and ETags: changes reached real resources.
        assert changed, sorted({(m, p, status) for m, p, status in seen})
    elif caller == "editor":
        assert 403 in statuses  # other organizations' entries are refused
    else:
        assert not changed and 401 in statuses
