"""The clock, as a FastAPI dependency that tests override, and the ``at`` parameter."""

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query

from api.hours import BRUSSELS, to_brussels
from api.models.common import IsoDate, IsoDateTime

__all__ = ["AtDep", "IsoDate", "IsoDateTime", "NowDep", "current_time", "get_now", "resolve_at"]


def current_time() -> datetime:
    """The current instant in Europe/Brussels: the one place the app reads the clock."""
    return datetime.now(BRUSSELS)


async def get_now() -> datetime:
    """FastAPI dependency giving the current instant (tests override it with a fixed one).
    Async because it does not block: FastAPI then runs it without a thread hop."""
    return current_time()


NowDep = Annotated[datetime, Depends(get_now)]


async def resolve_at(
    now: NowDep,
    at: Annotated[
        IsoDateTime | None,
        Query(
            description="The instant to evaluate opening hours at, ISO 8601. Without an offset it "
            "is Brussels local time (a time in the spring DST gap is the instant after the gap, "
            "an ambiguous autumn time the first one). Default: now.",
            examples=["2026-11-23T10:00"],
        ),
    ] = None,
) -> datetime:
    """The requested instant as an aware Europe/Brussels datetime (``now`` when absent)."""
    return now if at is None else to_brussels(at)


AtDep = Annotated[datetime, Depends(resolve_at)]
