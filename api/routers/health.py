"""Liveness and readiness probes for load balancers."""

from fastapi import APIRouter
from fastapi.responses import JSONResponse

from api.db import SessionDep
from api.models.responses import Health
from api.services.health import check_ready

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The process answers")
async def healthz() -> Health:
    """Always ``{"status": "ok"}`` while the process serves requests; touches nothing else."""
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    responses={503: {"model": Health, "description": "Database unreachable or not seeded"}},
    summary="The process can answer queries",
)
def readyz(session: SessionDep) -> Health | JSONResponse:
    """``ok`` when the database answers and holds the reference data; 503 otherwise."""
    problem = check_ready(session=session)
    if problem is None:
        return Health(status="ok")
    return JSONResponse(Health(status="unavailable", detail=problem).model_dump(), status_code=503)
