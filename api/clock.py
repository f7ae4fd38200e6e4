"""The clock, as a FastAPI dependency that tests override, and the ``at`` parameter."""

from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Query
from pydantic import AfterValidator, BeforeValidator

from api.hours import BRUSSELS, to_brussels
from api.models.common import PLAUSIBLE_YEARS


def _iso_8601_only(value: object) -> object:
    # Pydantic would read "1700000000" or "0.5" as a Unix timestamp: an operator who typed a
    # number meant something else, so only ISO 8601 text is a datetime here.
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = str(value).strip()
        try:
            float(text)
        except ValueError:
            return value
        raise ValueError(
            f"{text!r} is not an ISO 8601 date or datetime: "
            "write e.g. 2026-11-23 or 2026-11-23T10:00"
        )
    return value


def _plausible(value: date) -> date:
    # Year 1 or 9999 with an offset cannot be converted to Brussels time; no service of ours
    # is dated outside these years either.
    low, high = PLAUSIBLE_YEARS
    if not low <= value.year <= high:
        raise ValueError(
            f"{value.isoformat()} is out of range: give a date between {low} and {high}"
        )
    return value


IsoDateTime = Annotated[datetime, BeforeValidator(_iso_8601_only), AfterValidator(_plausible)]
IsoDate = Annotated[date, BeforeValidator(_iso_8601_only), AfterValidator(_plausible)]


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
