"""Access points: one way to reach a human (HSDS *service_at_location*).

The table is flat; the API shape (DESIGN.md) nests names, address, location, phones and
access. ``AccessPointBase`` holds what has the same shape in both.
"""

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    ConfigDict,
    ModelWrapValidatorHandler,
    PrivateAttr,
    StringConstraints,
    field_validator,
    model_validator,
)
from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from api.models.common import (
    MAX_DOCUMENT_LENGTH,
    MAX_DOCUMENTS,
    MAX_LANGUAGES,
    MAX_PHONES,
    MAX_SERVICE_AREA,
    MAX_SOURCE_LENGTH,
    IsoDate,
    Kind,
    Precision,
    SlugStr,
    Status,
    Theme,
    Wheelchair,
)
from api.models.glossary import Documented
from api.models.organization import ClosurePublic, OrganizationRef
from api.models.parts import (
    Access,
    Address,
    Location,
    Names,
    PhoneIn,
    PhoneOut,
    validate_hours,
    validate_languages,
    validate_nis_codes,
    validate_website,
)
from api.models.types import UTCDateTime
from api.models.verification import VerificationMethod


class AccessPointBase(Documented):
    """Fields with the same shape in the table, in writes and in reads."""

    kind: Kind = Field(sa_type=String(20))
    description: str | None = Field(default=None, max_length=4000)
    themes: list[Theme] = Field(default_factory=list, sa_type=JSON, max_length=len(Theme))
    languages: list[str] = Field(
        default_factory=list,
        sa_type=JSON,
        max_length=MAX_LANGUAGES,
        description="ISO 639-1 codes of the languages spoken at this access point.",
        schema_extra={"examples": [["fr", "nl"]]},
    )
    host: str | None = Field(
        default=None, max_length=300, description="Outreach only: the venue that hosts the session."
    )
    service_area: list[str] | None = Field(
        default=None,
        sa_type=JSON,
        max_length=MAX_SERVICE_AREA,
        description="NIS codes of the municipalities this access point is competent for; "
        "null when not stated. Nearest is not competent.",
        schema_extra={"examples": [["21001"]]},
    )
    email: str | None = Field(default=None, max_length=300)
    website: str | None = Field(default=None, max_length=500)
    opening_hours: str | None = Field(
        default=None,
        max_length=2000,
        description="OpenStreetMap opening_hours syntax, Europe/Brussels local time; "
        "null when unknown. Stored in opening_hours.js' canonical form. sunrise, sunset, "
        "dawn and dusk are computed at the place's coordinates (refused for a phone_line or "
        "an access point without a location).",
        schema_extra={"examples": ["Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05; PH off"]},
    )
    opening_hours_note: str | None = Field(
        default=None,
        max_length=1000,
        description="The hours as the source words them, when they cannot be written in OSM "
        "syntax (days not stated, seasonal...).",
    )
    documents_to_bring: list[Annotated[str, StringConstraints(max_length=MAX_DOCUMENT_LENGTH)]] = (
        Field(default_factory=list, sa_type=JSON, max_length=MAX_DOCUMENTS)
    )
    status: Status = Field(default=Status.ACTIVE, sa_type=String(20))
    verified_at: date | None = Field(default=None, description="When a person last checked it.")
    verification_method: VerificationMethod | None = Field(
        default=None,
        sa_type=String(20),
        description="How it was last checked: phone_call, visit, website, email or document "
        "(a document from the organization); null when unknown.",
        schema_extra={"examples": ["phone_call"]},
    )
    source: str | None = Field(
        default=None, max_length=MAX_SOURCE_LENGTH, description="Where the facts come from (URLs)."
    )


class AccessPoint(AccessPointBase, table=True):
    """Stored access point. ``pk`` is the integer row id the SQLite R*Tree index keys on;
    ``id`` is the public, stable slug. Coordinates are WGS84 degrees."""

    __tablename__ = "access_point"

    pk: int | None = Field(default=None, primary_key=True)
    id: str = Field(unique=True, index=True, max_length=120)
    organization_id: str = Field(foreign_key="organization.id", index=True)
    name_fr: str
    name_nl: str | None = None
    name_en: str | None = None
    street: str | None = None
    postcode: str | None = Field(default=None, index=True)
    municipality: str | None = None
    nis_code: str | None = Field(default=None, index=True)
    lat: float | None = None
    lon: float | None = None
    location_precision: Precision | None = Field(default=None, sa_type=String(10))
    phones: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    walk_in: bool | None = None
    appointment_by_phone: bool | None = None
    appointment_online_only: bool | None = None
    free_of_charge: bool | None = None
    wheelchair: Wheelchair = Field(default=Wheelchair.UNKNOWN, sa_type=String(10))
    updated_at: datetime = Field(sa_type=UTCDateTime)
    version: int = Field(default=1, description="Incremented by every change; the ETag.")


class AccessPointCreate(AccessPointBase):
    """The body of a write, and what the seed loads: validated on the way in.

    Raises pydantic ``ValidationError`` (a 422 in the API) with a message per field: invalid
    OSM ``opening_hours`` (with the position of the error), a phone that is not a number, a
    language that is not ISO 639-1, a service area that is not NIS codes, a place without
    an address or location, coordinates outside Belgium.
    """

    model_config = ConfigDict(extra="forbid")  # type: ignore[assignment]

    id: SlugStr | None = Field(
        default=None,
        description="Stable slug; derived from the name when omitted.",
    )
    organization_id: str = Field(min_length=1, max_length=120)
    verified_at: IsoDate | None = Field(default=None)
    names: Names
    address: Address | None = None
    location: Location | None = None
    phones: list[PhoneIn] = Field(default_factory=list, max_length=MAX_PHONES)
    access: Access = Field(default_factory=Access)

    _hours = field_validator("opening_hours")(validate_hours)
    _website = field_validator("website")(validate_website)
    _languages = field_validator("languages")(validate_languages)
    _area = field_validator("service_area")(validate_nis_codes)
    _written_hours: str | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _keep_written_hours(
        cls, data: Any, handler: ModelWrapValidatorHandler["AccessPointCreate"]
    ) -> "AccessPointCreate":
        # ``opening_hours`` is stored in its canonical form; what was written is kept aside
        # for the editor's warnings and the import report (``written_opening_hours``).
        model = handler(data)
        written = data.get("opening_hours") if isinstance(data, dict) else None
        if isinstance(written, str) and model.opening_hours is not None:
            model._written_hours = written.strip()
        elif isinstance(data, AccessPointCreate):
            model._written_hours = data._written_hours
        return model

    @property
    def written_opening_hours(self) -> str | None:
        """``opening_hours`` as the write gave it (stripped), before it was made canonical;
        None when it gave none (or when the model was not built from a write body)."""
        return self._written_hours

    @model_validator(mode="after")
    def _a_place_or_a_number(self) -> "AccessPointCreate":
        if self.kind is Kind.PHONE_LINE:
            if not self.phones:
                raise ValueError("a phone_line needs at least one number in phones")
        elif self.address is None and self.location is None and self.host is None:
            raise ValueError(
                f"an access point of kind {self.kind.value} needs an address, a location "
                "or a host venue"
            )
        return self


class AccessPointPublic(AccessPointBase):
    """An access point as partner sites see it (DESIGN.md "An access point in JSON")."""

    id: str = Field(schema_extra={"examples": ["cpas-schaerbeek"]})
    name: str = Field(description="The French name (the names are in ``names``).")
    names: Names
    organization: OrganizationRef
    address: Address | None
    location: Location | None
    phones: list[PhoneOut]
    access: Access
    closures: list[ClosurePublic] = Field(
        description="Closures that have not ended yet at ``at``, own and organization-wide."
    )
    updated_at: datetime


class AccessPointServiceArea(SQLModel, table=True):
    """Index of ``access_point.service_area``: one row per (access point, NIS code), kept in
    step by database triggers (see the migration), so that "who serves this commune?" is an
    index lookup. Never written by the application."""

    __tablename__ = "access_point_service_area"

    access_point_pk: int = Field(
        foreign_key="access_point.pk", primary_key=True, ondelete="CASCADE"
    )
    nis_code: str = Field(primary_key=True, max_length=5, index=True)
