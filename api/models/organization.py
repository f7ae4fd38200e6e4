"""Organizations (who runs an access point) and dated closures."""

from datetime import date, datetime

from pydantic import ConfigDict, field_validator, model_validator
from sqlalchemy import String
from sqlmodel import Field

from api.models.common import MAX_SOURCE_LENGTH, IsoDate, SlugStr, Status
from api.models.glossary import Documented
from api.models.parts import validate_website
from api.models.types import UTCDateTime


class OrganizationBase(Documented):
    """Who runs access points: a CPAS, a commune, Actiris, a federation..."""

    name: str = Field(
        min_length=1, max_length=300, schema_extra={"examples": ["CPAS / OCMW Anderlecht"]}
    )
    name_nl: str | None = Field(default=None, max_length=300)
    website: str | None = Field(default=None, max_length=500)
    source: str | None = Field(
        default=None, max_length=MAX_SOURCE_LENGTH, description="Where the facts come from (URLs)."
    )


class Organization(OrganizationBase, table=True):
    """Stored organization; ``id`` is a stable slug. Never deleted: marked inactive."""

    id: str = Field(primary_key=True, max_length=120)
    version: int = Field(default=1, description="Incremented by every change; the ETag.")
    status: Status = Field(default=Status.ACTIVE, sa_type=String(20))


class OrganizationCreate(OrganizationBase):
    """The body of an organization write; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    id: SlugStr | None = Field(default=None, description="Stable slug; from the name if omitted.")
    status: Status = Status.ACTIVE

    _website = field_validator("website")(validate_website)


class OrganizationPublic(OrganizationBase):
    """An organization as the API shows it."""

    id: str = Field(schema_extra={"examples": ["cpas-ocmw-anderlecht"]})
    status: Status = Status.ACTIVE


class OrganizationRef(Documented):
    """The short form of an organization inside an access point: its name in French and, when
    known, in Dutch."""

    id: str
    name: str
    name_nl: str | None = Field(
        default=None,
        description="The name in Dutch, when the organization has one (for Dutch readers).",
        schema_extra={"examples": ["OCMW Schaarbeek"]},
    )


class ClosureBase(Documented):
    """A dated exception to the schedule: closed from ``start`` to ``end`` (inclusive local dates,
    Europe/Brussels), on one access point or on every access point of an organization."""

    start: date = Field(schema_extra={"examples": ["2026-12-24"]})
    end: date = Field(schema_extra={"examples": ["2026-12-26"]})
    reason: str | None = Field(
        default=None, max_length=300, schema_extra={"examples": ["Fermeture de fin d'année"]}
    )
    reason_nl: str | None = Field(
        default=None, max_length=300, schema_extra={"examples": ["Eindejaarssluiting"]}
    )


class Closure(ClosureBase, table=True):
    """Stored closure; exactly one of ``access_point_id`` and ``organization_id`` is set.
    Never deleted: a cancelled closure keeps ``cancelled_at`` and no longer applies."""

    id: int | None = Field(default=None, primary_key=True)
    access_point_id: str | None = Field(default=None, foreign_key="access_point.id", index=True)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True)
    version: int = Field(default=1)
    cancelled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class ClosureCreate(ClosureBase):
    """The body of ``POST .../closures``: ``end`` on or after ``start``, at most a year, both
    between 1900 and 2200."""

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    # ISO 8601 text only (not a number read as a Unix time), years 1900-2200: beyond, the
    # hours engine cannot count the days around them (9999-12-31 has no next day).
    start: IsoDate = Field(schema_extra={"examples": ["2026-12-24"]})
    end: IsoDate = Field(schema_extra={"examples": ["2026-12-26"]})

    @model_validator(mode="after")
    def _ordered(self) -> "ClosureCreate":
        if self.end < self.start:
            raise ValueError(f"end ({self.end}) is before start ({self.start})")
        if (self.end - self.start).days > 366:
            raise ValueError(
                "a closure lasts at most a year: mark the access point inactive instead"
            )
        return self


class ClosurePublic(ClosureBase):
    """A closure as shown inside an access point."""


class ClosureRead(ClosureBase):
    """A closure as the closure endpoints return it."""

    id: int
    access_point_id: str | None
    organization_id: str | None
    cancelled_at: datetime | None
