"""Controlled vocabularies shared by the models (DESIGN.md "Vocabulary")."""

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, StringConstraints


class Kind(StrEnum):
    """How a person reaches a human: a staffed counter, a phone line answered by a person,
    a public digital space with a facilitator (EPN), or an outreach session at a host venue."""

    GUICHET = "guichet"
    PHONE_LINE = "phone_line"
    EPN = "epn"
    OUTREACH = "outreach"


class Theme(StrEnum):
    """What the person needs help with (DESIGN.md's controlled list)."""

    SOCIAL_AID = "social_aid"
    UNEMPLOYMENT = "unemployment"
    EMPLOYMENT = "employment"
    HEALTH_INSURANCE = "health_insurance"
    TAXES = "taxes"
    HOUSING = "housing"
    ENERGY = "energy"
    RESIDENCE_RIGHTS = "residence_rights"
    DIGITAL_HELP = "digital_help"
    CIVIL_STATUS = "civil_status"
    FAMILY = "family"
    PENSIONS = "pensions"
    DISABILITY = "disability"
    LEGAL_AID = "legal_aid"
    HEALTH = "health"
    DEBT = "debt"
    YOUTH = "youth"


THEME_LABELS: dict[Theme, dict[str, str]] = {
    Theme.SOCIAL_AID: {"fr": "Aide sociale", "nl": "Maatschappelijke hulp", "en": "Social aid"},
    Theme.UNEMPLOYMENT: {"fr": "Chômage", "nl": "Werkloosheid", "en": "Unemployment"},
    Theme.EMPLOYMENT: {"fr": "Emploi", "nl": "Werk", "en": "Employment"},
    Theme.HEALTH_INSURANCE: {
        "fr": "Mutuelle et assurance maladie",
        "nl": "Ziekenfonds en ziekteverzekering",
        "en": "Health insurance",
    },
    Theme.TAXES: {"fr": "Impôts", "nl": "Belastingen", "en": "Taxes"},
    Theme.HOUSING: {"fr": "Logement", "nl": "Huisvesting", "en": "Housing"},
    Theme.ENERGY: {"fr": "Énergie", "nl": "Energie", "en": "Energy"},
    Theme.RESIDENCE_RIGHTS: {
        "fr": "Droit de séjour",
        "nl": "Verblijfsrecht",
        "en": "Residence rights",
    },
    Theme.DIGITAL_HELP: {"fr": "Aide numérique", "nl": "Digitale hulp", "en": "Digital help"},
    Theme.CIVIL_STATUS: {
        "fr": "État civil et population",
        "nl": "Burgerlijke stand en bevolking",
        "en": "Civil status",
    },
    Theme.FAMILY: {"fr": "Famille", "nl": "Gezin", "en": "Family"},
    Theme.PENSIONS: {"fr": "Pensions", "nl": "Pensioenen", "en": "Pensions"},
    Theme.DISABILITY: {"fr": "Handicap", "nl": "Handicap", "en": "Disability"},
    Theme.LEGAL_AID: {"fr": "Aide juridique", "nl": "Juridische hulp", "en": "Legal aid"},
    Theme.HEALTH: {"fr": "Santé", "nl": "Gezondheid", "en": "Health"},
    Theme.DEBT: {"fr": "Dettes", "nl": "Schulden", "en": "Debt"},
    Theme.YOUTH: {"fr": "Jeunesse", "nl": "Jeugd", "en": "Youth"},
}


class Wheelchair(StrEnum):
    """Wheelchair access, as OSM's ``wheelchair`` key."""

    YES = "yes"
    LIMITED = "limited"
    NO = "no"
    UNKNOWN = "unknown"


class Status(StrEnum):
    """Life cycle of an access point; nothing is ever physically deleted."""

    ACTIVE = "active"
    TEMPORARILY_CLOSED = "temporarily_closed"
    INACTIVE = "inactive"


class Precision(StrEnum):
    """How well the coordinates locate the place: the building, somewhere on the street,
    or only the postcode's centroid."""

    BUILDING = "building"
    STREET = "street"
    POSTCODE = "postcode"


class Region(StrEnum):
    """Belgian regions, with their NIS codes in ``REGION_NIS``."""

    BRUSSELS = "brussels"
    WALLONIA = "wallonia"
    FLANDERS = "flanders"


# Statbel (NIS/INS) codes of the regions and of the kingdom.
REGION_NIS: dict[Region, str] = {
    Region.FLANDERS: "02000",
    Region.WALLONIA: "03000",
    Region.BRUSSELS: "04000",
}


# Statbel REFNIS: a municipality's NIS code begins with its province's digit (1 Antwerpen,
# 3 West-Vlaanderen, 4 Oost-Vlaanderen, 5 Hainaut, 6 Liège, 7 Limburg, 8 Luxembourg,
# 9 Namur) or, in the former province of Brabant, two digits (21 Brussels-Capital, 23 and
# 24 Vlaams-Brabant, 25 Brabant wallon).
_REGION_BY_PREFIX = {
    "21": Region.BRUSSELS,
    "23": Region.FLANDERS,
    "24": Region.FLANDERS,
    "25": Region.WALLONIA,
    **{digit: Region.FLANDERS for digit in "1347"},
    **{digit: Region.WALLONIA for digit in "5689"},
}


def region_of_municipality(nis_code: str) -> Region | None:
    """The region of a municipality from its 5-digit NIS code (Statbel REFNIS prefixes), or
    None for a code that is no municipality's (a region's own code, 02000...)."""
    return _REGION_BY_PREFIX.get(nis_code[:2]) or _REGION_BY_PREFIX.get(nis_code[:1])


# The years a date may have in a query or a write: beyond, date arithmetic (the next day, a
# conversion to UTC) overflows Python's calendar, and no service of ours is dated there.
PLAUSIBLE_YEARS = (1900, 2200)


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


# Caps on the lists of a write (documented in the README): generous for any real place, small
# enough that one record stays a few kilobytes and is validated in milliseconds.
MAX_PHONES = 20
MAX_LANGUAGES = 30
MAX_DOCUMENTS = 30
MAX_DOCUMENT_LENGTH = 300
MAX_SERVICE_AREA = 600
"""Every Belgian municipality (581 from 2019, 565 from 2025) fits."""
MAX_SOURCE_LENGTH = 4000

# Constrained strings (SQLModel's Field does not pass ``pattern`` on to Pydantic).
PostcodeStr = Annotated[str, StringConstraints(pattern=r"^\d{4}$")]
NisCodeStr = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
SlugStr = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]{1,118}[a-z0-9]$")]
