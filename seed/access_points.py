"""Turn the rows of ``seed/data/access_points.csv`` (real places in Brussels and Wallonia and
Belgian phone lines, sources per row: see ``seed/data/SOURCES.md``) into validated
``AccessPointCreate`` writes, each run by one curated organization (``seed.organizations``)."""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from api.models import AccessPointCreate, Organization
from api.models.common import Kind, Region
from seed.organizations import SeedOrganization, expand_area, with_public_holidays

DATA = Path(__file__).parent / "data"
# "1718 (1719 for German speakers)": a second number with what it is for.
_SECOND_NUMBER = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<other>\+?[\d ]+?)\s+(?P<label>[^)]*)\)$")
_COST = re.compile(r"cost:\s*(free|normal)")
# Kinds whose service area is their organization's unless service_areas.csv says otherwise:
# a counter or a line of a CPAS serves its commune; a digital space or an outreach session
# is open to whoever comes, as far as the sources say.
_AREA_FROM_ORGANIZATION = frozenset({Kind.GUICHET.value, Kind.PHONE_LINE.value})


@dataclass(frozen=True, slots=True)
class SeedRow:
    """One row of the file: its id and either the validated write or why it was refused."""

    id: str
    organization: Organization
    data: AccessPointCreate | None
    error: str | None


def _phones(row: dict[str, str]) -> list[dict[str, Any]]:
    text = row["phone"].strip()
    if not text:
        return []
    cost = _COST.search(row["note"])
    free = {"free": True, "normal": False}[cost.group(1)] if cost else None
    second = _SECOND_NUMBER.match(text)
    if second:
        return [
            {"number": second["main"], "free_of_charge": free},
            {"number": second["other"], "label": second["label"], "free_of_charge": free},
        ]
    return [{"number": text, "free_of_charge": free}]


def _bool(text: str) -> bool | None:
    return {"yes": True, "no": False}.get(text.strip().lower())


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def row_to_write(
    row: dict[str, str], organization: SeedOrganization, service_area: list[str] | None
) -> dict[str, Any]:
    """The write body for one row, as an editor would send it to the API. Coordinates are
    kept only where the source gave them (building or street); otherwise the write path
    falls back to the postcode centroid. The schedule of an organization closed on the public
    holidays gets ``PH off`` (``with_public_holidays``)."""
    has_address = any(row[k] for k in ("street", "postcode", "municipality", "nis_code"))
    has_point = row["coord_precision"] in ("building", "street") and row["lat"] and row["lon"]
    verification = row["verified"].strip()
    return {
        "kind": row["kind"],
        "organization_id": organization.organization.id,
        "names": {"fr": row["name_fr"].strip(), "nl": row["name_nl"].strip() or None},
        "themes": _split(row["themes"]),
        "languages": _split(row["languages"]),
        "address": {
            "street": row["street"] or None,
            "postcode": row["postcode"] or None,
            "municipality": row["municipality"] or None,
            "nis_code": row["nis_code"] or None,
        }
        if has_address
        else None,
        "location": {
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "precision": row["coord_precision"],
        }
        if has_point
        else None,
        "service_area": service_area,
        "phones": _phones(row),
        "email": row["email"] or None,
        "website": row["website"] or None,
        "opening_hours": with_public_holidays(
            row["opening_hours"],
            closed_on_public_holidays=organization.closed_on_public_holidays,
        )
        if row["opening_hours"].strip()
        else None,
        "opening_hours_note": None if row["opening_hours"] else row["hours_text"] or None,
        "access": {"walk_in": _bool(row["walk_in"])},
        "source": f"{row['source']} (verification: {verification})"
        if verification
        else row["source"],
    }


def read_service_areas(
    nis_by_region: dict[Region, list[str]], path: Path = DATA / "service_areas.csv"
) -> dict[str, list[str]]:
    """The service areas ``service_areas.csv`` states for single access points (lines with a
    stated scope, places with a stated public), by access point id, as NIS codes."""
    with path.open(encoding="utf-8") as f:
        return {
            row["id"]: expand_area(tuple(row["service_area"].split()), nis_by_region)
            for row in csv.DictReader(f)
        }


def service_area_of(
    row: dict[str, str],
    organization: SeedOrganization,
    stated: dict[str, list[str]],
    nis_by_region: dict[Region, list[str]],
) -> list[str] | None:
    """The area a row's access point is competent for: what ``service_areas.csv`` states
    for it, else, for a counter or a line, its organization's (a CPAS or a commune: its
    own commune; a regional service: its region; a federal one: Belgium); else none
    (null: not stated)."""
    if row["id"] in stated:
        return stated[row["id"]]
    if row["kind"] in _AREA_FROM_ORGANIZATION and organization.serves:
        return expand_area(organization.serves, nis_by_region)
    return None


def read_rows(
    organizations: list[SeedOrganization],
    nis_by_region: dict[Region, list[str]],
    path: Path = DATA / "access_points.csv",
) -> Iterator[SeedRow]:
    """Every row of the file, with its curated organization, validated through
    ``AccessPointCreate`` (the API's write model). Raises ``KeyError`` for an organization
    name that ``organizations.csv`` does not map."""
    by_name = {name: org for org in organizations for name in org.seed_names}
    stated = read_service_areas(nis_by_region)
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            organization = by_name[row["organization"].strip()]
            area = service_area_of(row, organization, stated, nis_by_region)
            try:
                data = AccessPointCreate.model_validate(row_to_write(row, organization, area))
            except ValidationError as exc:
                reasons = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}"
                    for e in exc.errors()
                )
                yield SeedRow(row["id"], organization.organization, None, reasons)
                continue
            yield SeedRow(row["id"], organization.organization, data, None)
