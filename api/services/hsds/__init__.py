"""The directory as Open Referral HSDS 3.0 (https://docs.openreferral.org/en/3.0/).

Mapping: an organization is an HSDS ``organization``; every access point is a ``service``
(its phones, languages, service area, themes as attributes of the published taxonomy
``guichets-themes``); a place (counter, EPN, outreach at its host venue) is also a
``location`` of type ``physical`` linked by a ``service_at_location``; a phone line is a
service with no location. HSDS ids (stable UUIDv5 of ours) and opening hours as HSDS
``schedule`` rows: ``api.services.hsds.schedules``.
"""

from datetime import date, datetime
from typing import Any

from api import hours
from api.models import AccessPointPublic, OrganizationPublic
from api.models.common import THEME_LABELS, Region, Status
from api.services.hsds.schedules import hsds_id, schedules
from api.services.reference import postcode_region

TAXONOMY = "guichets-themes"
VERIFICATION_TAXONOMY = "guichets-verification"
"""HSDS 3.0 has ``assured_date`` but no field for how it was checked: an attribute of this
taxonomy carries the method (``verification_method``) as its ``value``."""
_STATUS = {
    Status.ACTIVE: "active",
    Status.TEMPORARILY_CLOSED: "temporarily closed",
    Status.INACTIVE: "inactive",
}
# HSDS address.state_province: the region, in English (the first digit of a NIS code is a
# province, not a region: 2 is Brabant, Brussels and both Brabants alike).
_REGION_NAMES = {
    Region.BRUSSELS: "Brussels-Capital Region",
    Region.WALLONIA: "Wallonia",
    Region.FLANDERS: "Flanders",
}


def clean(value: Any) -> Any:
    """Drop null members (HSDS types are not nullable) and empty lists, recursively."""
    if isinstance(value, dict):
        return {k: clean(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [clean(v) for v in value]
    return value


def taxonomy_term(theme: str) -> dict[str, Any]:
    """One theme as an HSDS taxonomy term of the ``guichets-themes`` taxonomy."""
    labels = next(labels for key, labels in THEME_LABELS.items() if key.value == theme)
    return {
        "id": hsds_id("taxonomy_term", theme),
        "code": theme,
        "name": labels["en"],
        "description": f"{labels['fr']} / {labels['nl']}",
        "taxonomy": TAXONOMY,
        "language": "en",
    }


def taxonomy_terms() -> list[dict[str, Any]]:
    """The published taxonomy: every theme."""
    return [taxonomy_term(theme.value) for theme in THEME_LABELS]


def organization(org: OrganizationPublic) -> dict[str, Any]:
    """An organization (no description is known: HSDS requires the member, so it is empty)."""
    return clean(
        {
            "id": hsds_id("organization", org.id),
            "name": org.name,
            "alternate_name": org.name_nl,
            "description": "",
            "website": org.website,
        }
    )


def _state_province(postcode: str) -> str:
    """The region of the postcode, by name (``Belgium`` for a postcode outside the plan)."""
    region = postcode_region(postcode)
    return _REGION_NAMES[region] if region is not None else "Belgium"


def location(point: AccessPointPublic) -> dict[str, Any] | None:
    """The place of an access point, or None for a phone line or an unlocated one."""
    if point.location is None:
        return None
    location_id = hsds_id("location", point.id)
    address = point.address
    addresses = []
    if address and address.street and address.postcode and address.municipality:
        addresses.append(
            {
                "id": hsds_id("address", point.id),
                "location_id": location_id,
                "address_1": address.street,
                "city": address.municipality,
                "state_province": _state_province(address.postcode),
                "postal_code": address.postcode,
                "country": "BE",
                "address_type": "physical",
            }
        )
    return clean(
        {
            "id": location_id,
            "location_type": "physical",
            "name": point.host or point.name,
            "latitude": point.location.lat,
            "longitude": point.location.lon,
            "addresses": addresses,
            "accessibility": [
                {
                    "id": hsds_id("accessibility", point.id),
                    "location_id": location_id,
                    "description": f"wheelchair: {point.access.wheelchair.value}",
                }
            ],
        }
    )


def _verification_attributes(point: AccessPointPublic, service_id: str) -> list[dict[str, Any]]:
    """How the service was last checked, as one attribute (none when unknown)."""
    if point.verification_method is None:
        return []
    return [
        {
            "id": hsds_id("attribute", f"{point.id}:verification_method"),
            "link_id": service_id,
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": hsds_id("taxonomy_term", "verification_method"),
            "taxonomy_term": {
                "id": hsds_id("taxonomy_term", "verification_method"),
                "code": "verification_method",
                "name": "How the information was last checked (assured_date)",
                "description": "phone_call, visit, website, email or document",
                "taxonomy": VERIFICATION_TAXONOMY,
                "language": "en",
            },
            "value": point.verification_method.value,
        }
    ]


def service(point: AccessPointPublic, *, today: date, full: bool) -> dict[str, Any]:
    """An access point as an HSDS service (``full``: nested phones, schedules, areas...)."""
    service_id = hsds_id("service", point.id)
    data: dict[str, Any] = {
        "id": service_id,
        "organization_id": hsds_id("organization", point.organization.id),
        "name": point.name,
        "alternate_name": point.names.nl,
        "description": point.description,
        "url": point.website,
        "email": point.email,
        "status": _STATUS[point.status],
        "assured_date": point.verified_at.isoformat() if point.verified_at else None,
        "last_modified": _instant(point.updated_at),
    }
    if full:
        data |= {
            "phones": [
                {
                    "id": hsds_id("phone", f"{point.id}:{n}"),
                    "service_id": service_id,
                    "number": phone.number,
                    "type": "voice",
                    "description": phone.label,
                }
                for n, phone in enumerate(point.phones)
            ],
            "languages": [
                {
                    "id": hsds_id("language", f"{point.id}:{code}"),
                    "service_id": service_id,
                    "code": code,
                }
                for code in point.languages
            ],
            "service_areas": [
                {
                    "id": hsds_id("service_area", f"{point.id}:{nis}"),
                    "service_id": service_id,
                    "name": nis,
                    "description": f"Belgian municipality, NIS code {nis}",
                    "extent_type": "nis_code",
                    "extent": nis,
                }
                for nis in point.service_area or []
            ],
            "attributes": [
                {
                    "id": hsds_id("attribute", f"{point.id}:{theme.value}"),
                    "link_id": service_id,
                    "link_type": "service",
                    "link_entity": "service",
                    "taxonomy_term_id": hsds_id("taxonomy_term", theme.value),
                    "taxonomy_term": taxonomy_term(theme.value),
                }
                for theme in point.themes
            ]
            + _verification_attributes(point, service_id),
            "schedules": schedules(
                point.opening_hours,
                today=today,
                link={"service_id": service_id},
                coordinates=_coordinates(point),
            ),
        }
    return clean(data)


def service_at_location(point: AccessPointPublic, *, today: date, full: bool) -> dict[str, Any]:
    """A located access point as an HSDS service_at_location (``full``: with its location
    and its service nested)."""
    sal_id = hsds_id("service_at_location", point.id)
    data: dict[str, Any] = {
        "id": sal_id,
        "service_id": hsds_id("service", point.id),
        "location_id": hsds_id("location", point.id),
        "description": point.opening_hours_note,
    }
    if full:
        data |= {
            "location": location(point),
            "schedules": schedules(
                point.opening_hours,
                today=today,
                link={"service_at_location_id": sal_id},
                coordinates=_coordinates(point),
            ),
            "service": service(point, today=today, full=False),
        }
    return clean(data)


def _coordinates(point: AccessPointPublic) -> hours.Coordinates | None:
    # Where sunrise, sunset, dawn and dusk of its hours are computed.
    return (point.location.lat, point.location.lon) if point.location is not None else None


def _instant(value: datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def page(
    contents: list[dict[str, Any]], *, total: int, page_number: int, per_page: int
) -> dict[str, Any]:
    """The HSDS ``Page`` envelope around ``contents``."""
    pages = max(1, -(-total // per_page))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": page_number,
        "size": len(contents),
        "first_page": page_number == 1,
        "last_page": page_number >= pages,
        "empty": total == 0,
        "contents": contents,
    }
