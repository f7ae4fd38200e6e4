"""Organizations (who runs an access point) and dated closures."""

from datetime import date

from sqlmodel import Field, SQLModel


class OrganizationBase(SQLModel):
    """Who runs access points: a CPAS, a commune, Actiris, a federation..."""

    name: str = Field(
        min_length=1, max_length=300, schema_extra={"examples": ["CPAS / OCMW Anderlecht"]}
    )
    name_nl: str | None = Field(default=None, max_length=300)
    website: str | None = Field(default=None, max_length=500)
    source: str | None = Field(default=None, description="Where the facts come from (URLs).")


class Organization(OrganizationBase, table=True):
    """Stored organization; ``id`` is a stable slug."""

    id: str = Field(primary_key=True, max_length=120)
    version: int = Field(default=1, description="Incremented by every change; the ETag.")


class OrganizationPublic(OrganizationBase):
    """An organization as the API shows it."""

    id: str = Field(schema_extra={"examples": ["cpas-ocmw-anderlecht"]})


class OrganizationRef(SQLModel):
    """The short form of an organization inside an access point."""

    id: str
    name: str


class ClosureBase(SQLModel):
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
    """Stored closure; exactly one of ``access_point_id`` and ``organization_id`` is set."""

    id: int | None = Field(default=None, primary_key=True)
    access_point_id: str | None = Field(default=None, foreign_key="access_point.id", index=True)
    organization_id: str | None = Field(default=None, foreign_key="organization.id", index=True)


class ClosurePublic(ClosureBase):
    """A closure as shown inside an access point."""
