"""Turn the rows of ``seed/data/brussels_access_points.csv`` (real Brussels places, sources
per row: see ``seed/data/SOURCES.md``) into validated ``AccessPointCreate`` writes."""

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from slugify import slugify

from api.models import AccessPointCreate, Organization
from api.models.common import Region

DATA = Path(__file__).parent / "data"
# "1718 (1719 for German speakers)": a second number with what it is for.
_SECOND_NUMBER = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<other>\+?[\d ]+?)\s+(?P<label>[^)]*)\)$")
_COST = re.compile(r"cost:\s*(free|normal)")
AREA_WORDS = {"brussels": Region.BRUSSELS, "wallonia": Region.WALLONIA, "flanders": Region.FLANDERS}


@dataclass(frozen=True, slots=True)
class SeedRow:
    """One row of the file: its id and either the validated write or why it was refused."""

    id: str
    organization: Organization
    data: AccessPointCreate | None
    error: str | None


def organization_of(row: dict[str, str]) -> Organization:
    """The organization named in a row, with a slug id derived from its name."""
    name = row["organization"].strip()
    return Organization(id=slugify(name), name=name)


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


def row_to_write(row: dict[str, str], service_area: list[str] | None) -> dict[str, Any]:
    """The write body for one row, as an editor would send it to the API. Coordinates are
    kept only where the source gave them (building or street); otherwise the write path
    falls back to the postcode centroid."""
    has_address = any(row[k] for k in ("street", "postcode", "municipality", "nis_code"))
    has_point = row["coord_precision"] in ("building", "street") and row["lat"] and row["lon"]
    verification = row["verified"].strip()
    return {
        "kind": row["kind"],
        "organization_id": slugify(row["organization"].strip()),
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
        "opening_hours": row["opening_hours"] or None,
        "opening_hours_note": None if row["opening_hours"] else row["hours_text"] or None,
        "access": {"walk_in": _bool(row["walk_in"])},
        "source": f"{row['source']} (verification: {verification})"
        if verification
        else row["source"],
    }


def read_service_areas(
    nis_by_region: dict[Region, list[str]], path: Path = DATA / "phone_line_service_areas.csv"
) -> dict[str, list[str]]:
    """Service areas of the phone lines, by access point id, expanded to municipality NIS
    codes: a region word stands for all its municipalities, ``belgium`` for all three."""
    areas: dict[str, list[str]] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            codes: set[str] = set()
            for token in row["service_area"].split():
                if token == "belgium":
                    codes.update(c for region in Region for c in nis_by_region.get(region, []))
                elif token in AREA_WORDS:
                    codes.update(nis_by_region.get(AREA_WORDS[token], []))
                else:
                    codes.add(token)
            areas[row["id"]] = sorted(codes)
    return areas


def read_rows(
    service_areas: dict[str, list[str]], path: Path = DATA / "brussels_access_points.csv"
) -> Iterator[SeedRow]:
    """Every row of the file, validated through ``AccessPointCreate`` (the API's write model)."""
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            organization = organization_of(row)
            try:
                data = AccessPointCreate.model_validate(
                    row_to_write(row, service_areas.get(row["id"]))
                )
            except ValidationError as exc:
                reasons = "; ".join(
                    f"{'.'.join(str(p) for p in e['loc']) or 'row'}: {e['msg']}"
                    for e in exc.errors()
                )
                yield SeedRow(row["id"], organization, None, reasons)
                continue
            yield SeedRow(row["id"], organization, data, None)
