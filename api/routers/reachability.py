"""``GET /v1/access-points/{id}/reachability``: how often a phone line answered, from the
workers' incident reports (issue 13, part 3). Open to everyone, like every read."""

from typing import Annotated, Any

from fastapi import APIRouter, Path

from api.clock import NowDep
from api.db import SessionDep
from api.models.reachability import ReachabilityPublic
from api.models.responses import ErrorMessage
from api.services.incidents.reachability import phone_line_reachability

router = APIRouter(prefix="/v1/access-points", tags=["incident reports"])

IdPath = Annotated[
    str,
    Path(
        min_length=1,
        max_length=120,
        description="Id of a phone line (kind phone_line)",
        examples=["phone-allo-aide-sociale-federation-des-services-sociaux"],
    ),
]

RESPONSES: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorMessage, "description": "No access point with that id"},
    422: {
        "description": "The access point is not a phone line (reachability is computed for "
        "kind phone_line only), in the validation errors' shape at path.access_point_id"
    },
}


@router.get(
    "/{access_point_id}/reachability",
    response_model=ReachabilityPublic,
    responses=RESPONSES,
    summary="How often a phone line answered (incident reports)",
)
def reachability_endpoint(
    session: SessionDep, now: NowDep, access_point_id: IdPath
) -> ReachabilityPublic:
    """From the incident reports with channel ``phone`` filed on this phone line over the
    last 12 months (365 Europe/Brussels days up to today, on the day each happened): how
    many there are (``reports``), how many calls someone answered (a report without
    ``unreachable_phone``), their share, and the median minutes waited over the reports
    that give a wait. Small counts are given as they are, with the count they rest on;
    never a text or a reporter; synthetic test reports are not counted.

    404 for an unknown id; 422 when the access point is not a phone line."""
    return phone_line_reachability(session=session, access_point_id=access_point_id, now=now)
