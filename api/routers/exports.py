"""``/v1/export/access-points.{geojson,csv,ndjson}``: the whole directory, streamed, with
HTTP caching and ``updated_since`` for cheap syncs. The stream holds no database connection
while it waits on the client, and ends when the client is gone (Starlette cancels it on the
disconnect)."""

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse
from sqlmodel import Session

from api.clock import IsoDateTime, NowDep
from api.db import SessionDep
from api.hours import to_brussels
from api.routers.caching import not_modified, validators
from api.routers.params import FiltersDep
from api.services.editing.history import data_version
from api.services.exports import csv_chunks, geojson_chunks, ndjson_chunks
from api.services.filters import AccessPointFilters

router = APIRouter(prefix="/v1/export", tags=["exports"])
UpdatedSince = Annotated[
    IsoDateTime | None,
    Query(
        description="Only what changed after this instant, deletions included as "
        "`status: inactive` tombstones"
    ),
]
CACHE = "public, max-age=300"
FORMATS: dict[str, tuple[str, Callable[..., Iterator[str]]]] = {
    "geojson": ("application/geo+json", geojson_chunks),
    "csv": ("text/csv; charset=utf-8", csv_chunks),
    "ndjson": ("application/x-ndjson", ndjson_chunks),
}
RESPONSES: dict[int | str, dict[str, Any]] = {304: {"description": "Not modified"}}


def _export(
    fmt: str,
    request: Request,
    session: Session,
    now: datetime,
    filters: AccessPointFilters,
    updated_since: datetime | None,
) -> Response:
    version, changed_at = data_version(session=session)
    # No transaction is held while the answer waits on the client: each batch of the stream
    # opens its own (api.services.exports).
    session.close()
    headers = validators(request, version=version, changed_at=changed_at) | {"Cache-Control": CACHE}
    cached = not_modified(request, headers)
    if cached is not None:
        return cached
    media_type, chunks = FORMATS[fmt]
    headers["Content-Disposition"] = f'attachment; filename="guichets-access-points.{fmt}"'
    since = to_brussels(updated_since) if updated_since is not None else None
    body = chunks(session=session, filters=filters, updated_since=since, today=now.date())
    return StreamingResponse(body, media_type=media_type, headers=headers)


@router.get("/access-points.geojson", response_class=StreamingResponse, responses=RESPONSES)
def geojson_endpoint(
    request: Request,
    session: SessionDep,
    now: NowDep,
    filters: FiltersDep,
    updated_since: UpdatedSince = None,
) -> Response:
    """RFC 7946 FeatureCollection: one Feature per access point, its properties the API's
    JSON shape; phone lines have ``geometry: null``. Streamed."""
    return _export("geojson", request, session, now, filters, updated_since)


@router.get("/access-points.csv", response_class=StreamingResponse, responses=RESPONSES)
def csv_endpoint(
    request: Request,
    session: SessionDep,
    now: NowDep,
    filters: FiltersDep,
    updated_since: UpdatedSince = None,
) -> Response:
    """One row per access point, UTF-8 with a BOM (so that spreadsheets open it right),
    columns documented in the README. Streamed."""
    return _export("csv", request, session, now, filters, updated_since)


@router.get("/access-points.ndjson", response_class=StreamingResponse, responses=RESPONSES)
def ndjson_endpoint(
    request: Request,
    session: SessionDep,
    now: NowDep,
    filters: FiltersDep,
    updated_since: UpdatedSince = None,
) -> Response:
    """One access point (the API's JSON shape) per line. Streamed."""
    return _export("ndjson", request, session, now, filters, updated_since)
