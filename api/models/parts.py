"""The nested parts of an access point (names, address, location, phones, access) and the
field validators shared by the write models."""

import re
from typing import Annotated

from babel import Locale, UnknownLocaleError
from pydantic import HttpUrl, Strict, StrictBool, TypeAdapter, ValidationError, model_validator
from sqlmodel import Field

from api.geo import in_belgium
from api.hours import InvalidOpeningHours, validate_opening_hours
from api.models.common import NisCodeStr, PostcodeStr, Precision, Wheelchair
from api.models.glossary import Documented
from api.phones import InvalidPhoneNumber, parse_phone

# JSON has booleans and numbers: 0, "true" or "50.85" where one is expected is a mistake to
# point out, not to guess (Pydantic's lax mode would take them).
StrictFloat = Annotated[float, Strict()]

_NIS = re.compile(r"^\d{5}$")
_WEB_ADDRESS: TypeAdapter[HttpUrl] = TypeAdapter(HttpUrl)


class Names(Documented):
    """The name in French, Dutch and English; French is required (Brussels' bilingual
    services always have one; Walloon ones have only that)."""

    fr: str = Field(min_length=1, max_length=300, schema_extra={"examples": ["CPAS de Schaerbeek"]})
    nl: str | None = Field(
        default=None, max_length=300, schema_extra={"examples": ["OCMW Schaarbeek"]}
    )
    en: str | None = Field(default=None, max_length=300)


class Address(Documented):
    """A postal address in Belgium; ``nis_code`` is the municipality's Statbel code."""

    street: str | None = Field(
        default=None, max_length=300, schema_extra={"examples": ["Boulevard Auguste Reyers 70"]}
    )
    postcode: PostcodeStr | None = Field(default=None, schema_extra={"examples": ["1030"]})
    municipality: str | None = Field(
        default=None, max_length=120, schema_extra={"examples": ["Schaerbeek"]}
    )
    nis_code: NisCodeStr | None = Field(default=None, schema_extra={"examples": ["21015"]})


class Location(Documented):
    """WGS84 position in degrees, and how precise it is: the building, the street, or only
    the postcode's centroid."""

    lat: StrictFloat = Field(ge=-90, le=90, schema_extra={"examples": [50.851756]})
    lon: StrictFloat = Field(ge=-180, le=180, schema_extra={"examples": [4.401445]})
    precision: Precision

    @model_validator(mode="after")
    def _inside_belgium(self) -> "Location":
        if not in_belgium(self.lat, self.lon):
            raise ValueError(
                f"({self.lat}, {self.lon}) is outside Belgium: check that lat and lon are not "
                "swapped (Brussels is about lat 50.85, lon 4.35)"
            )
        return self


class PhoneIn(Documented):
    """A phone number as written by an editor: any Belgian or international format."""

    number: str = Field(min_length=2, max_length=40, schema_extra={"examples": ["02 240 30 80"]})
    label: str | None = Field(default=None, max_length=120)
    free_of_charge: StrictBool | None = Field(
        default=None, description="Override when libphonenumber cannot tell (short numbers)."
    )

    @model_validator(mode="after")
    def _parses(self) -> "PhoneIn":
        try:
            parse_phone(self.number)
        except InvalidPhoneNumber as exc:
            raise ValueError(str(exc)) from exc
        return self

    def normalised(self) -> "PhoneOut":
        """The stored form: E.164 (or the short number), national display, cost."""
        parsed = parse_phone(self.number)
        free = self.free_of_charge if self.free_of_charge is not None else parsed.free_of_charge
        return PhoneOut(
            number=parsed.number, display=parsed.display, free_of_charge=free, label=self.label
        )


class PhoneOut(Documented):
    """A phone number: ``number`` in E.164 (short numbers such as 107 as dialled),
    ``display`` in the national format."""

    number: str = Field(schema_extra={"examples": ["+3222403080"]})
    display: str = Field(schema_extra={"examples": ["02 240 30 80"]})
    free_of_charge: bool | None = None
    label: str | None = None


class Access(Documented):
    """How a person gets in: without appointment (walk-in), by phone appointment, only by
    online appointment; whether it is free; wheelchair access (OSM values). None = unknown."""

    walk_in: StrictBool | None = None
    appointment_by_phone: StrictBool | None = None
    appointment_online_only: StrictBool | None = None
    free_of_charge: StrictBool | None = None
    wheelchair: Wheelchair = Wheelchair.UNKNOWN


def validate_hours(value: str | None) -> str | None:
    """Field validator: empty means unknown; otherwise valid OSM syntax (the error message
    says where the error is)."""
    if value is None or not value.strip():
        return None
    try:
        return validate_opening_hours(value)
    except InvalidOpeningHours as exc:
        raise ValueError(exc.message) from exc


def validate_languages(value: list[str]) -> list[str]:
    """Field validator: ISO 639-1 two-letter codes known to CLDR (through Babel), lower-cased,
    without duplicates, in the given order."""
    out: list[str] = []
    for code in value:
        code = code.strip().lower()
        try:
            known = len(code) == 2 and Locale.parse(code) is not None
        except (UnknownLocaleError, ValueError):
            known = False
        if not known:
            raise ValueError(f"{code!r} is not an ISO 639-1 language code (fr, nl, en, de, ar...)")
        if code not in out:
            out.append(code)
    return out


def validate_nis_codes(value: list[str] | None) -> list[str] | None:
    """Field validator: a list of five-digit Statbel NIS codes."""
    if value is None:
        return None
    bad = [code for code in value if not _NIS.match(code)]
    if bad:
        raise ValueError(f"not NIS codes (five digits, e.g. 21004): {', '.join(bad)}")
    return sorted(set(value))


def validate_website(value: str | None) -> str | None:
    """Field validator: empty means none; otherwise an absolute ``http``/``https`` URL with a
    host (Pydantic's ``HttpUrl``), kept as written. Anything else (``javascript:``,
    ``data:``, a bare ``www.example.be``) is refused: the pages make it a link."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        _WEB_ADDRESS.validate_python(text)
    except ValidationError as exc:
        raise ValueError(
            f"{text!r} is not a web address: write it in full, starting with https:// (or http://)"
        ) from exc
    return text
