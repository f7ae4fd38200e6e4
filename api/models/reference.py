"""Reference tables: Belgian municipalities (NIS codes) and postcodes with their centroids."""

from sqlalchemy import String
from sqlmodel import Field, SQLModel

from api.models.common import Region
from api.models.glossary import Documented


class MunicipalityBase(Documented):
    """A Belgian municipality, keyed by its Statbel NIS code (2020 list)."""

    nis_code: str = Field(
        primary_key=True,
        max_length=5,
        description="Statbel NIS code",
        schema_extra={"examples": ["21004"]},
    )
    name_fr: str = Field(schema_extra={"examples": ["Bruxelles"]})
    name_nl: str | None = Field(default=None, schema_extra={"examples": ["Brussel"]})
    region: Region = Field(sa_type=String(10))
    province: str | None = None


class Municipality(MunicipalityBase, table=True):
    """Stored municipality."""


class MunicipalityPublic(MunicipalityBase):
    """A municipality as the API shows it, with the postcodes that lie in it."""

    postcodes: list[str] = Field(
        default_factory=list, schema_extra={"examples": [["1000", "1020", "1120", "1130"]]}
    )


class Postcode(SQLModel, table=True):
    """One locality of a postcode, with the GeoNames estimate of its position (WGS84 degrees).

    A postcode may have several localities (rows); its centroid is their mean position.
    """

    id: int | None = Field(default=None, primary_key=True)
    postcode: str = Field(index=True, max_length=4)
    name_fr: str
    name_nl: str | None = None
    nis_code: str | None = Field(default=None, foreign_key="municipality.nis_code", index=True)
    lat: float
    lon: float
