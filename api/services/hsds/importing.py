"""Reading Open Referral HSDS 3.0 into import records: a JSON ``services`` array (fully
nested services, as ``/hsds/services/{id}`` gives them) or a tabular datapackage directory
(``datapackage.json`` beside ``services.csv``, ``organizations.csv``...).

What HSDS cannot carry comes back as: ``kind`` ``guichet`` for a service with a location,
``phone_line`` for one with only phones, ``outreach`` for one with neither (HSDS has no
EPN/outreach distinction); location precision
``street`` (HSDS does not say how precise a position is); opening hours from the OSM rule
guichets writes in each schedule's ``description``, else rebuilt from the weekly rows.
"""

import csv
import json
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from slugify import slugify
from sqlmodel import Session, col, select

from api.models import AccessPoint, Organization, Postcode
from api.services import hsds
from api.services.imports import IncomingRecord

_STATUS = {
    "active": "active",
    "inactive": "inactive",
    "defunct": "inactive",
    "temporarily closed": "temporarily_closed",
}
_OSM_PREFIX = "OSM opening_hours: "
_DAY_NAMES = {"MO": "Mo", "TU": "Tu", "WE": "We", "TH": "Th", "FR": "Fr", "SA": "Sa", "SU": "Su"}


def read_services(path: Path) -> list[dict[str, Any]]:
    """The nested services of an HSDS JSON file (an array, a ``Page``, or ``{"services": []}``)
    or of a datapackage directory. Raises ``ValueError`` for anything else."""
    if path.is_dir():
        return _datapackage_services(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    if isinstance(document, dict):
        document = document.get("services", document.get("contents"))
    if not isinstance(document, list):
        raise ValueError(
            f"{path.name}: expected a JSON array of HSDS services (or a datapackage folder)"
        )
    return document


def _csv(folder: Path, name: str) -> list[dict[str, str]]:
    file = folder / f"{name}.csv"
    if not file.exists():
        return []
    with file.open(encoding="utf-8-sig", newline="") as f:
        return [{k: v for k, v in row.items() if v not in ("", None)} for row in csv.DictReader(f)]


def _datapackage_services(folder: Path) -> list[dict[str, Any]]:
    if not (folder / "datapackage.json").exists():
        raise ValueError(f"{folder}: no datapackage.json, so not an HSDS datapackage")
    by: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for table, key in (
        ("phones", "service_id"),
        ("schedules", "service_id"),
        ("languages", "service_id"),
        ("service_areas", "service_id"),
        ("attributes", "link_id"),
        ("service_at_locations", "service_id"),
        ("addresses", "location_id"),
    ):
        for row in _csv(folder, table):
            if key in row:
                by[table][row[key]].append(row)
    terms = {row["id"]: row for row in _csv(folder, "taxonomy_terms")}
    organizations = {row["id"]: row for row in _csv(folder, "organizations")}
    locations = {row["id"]: row for row in _csv(folder, "locations")}
    services = []
    for row in _csv(folder, "services"):
        service: dict[str, Any] = dict(row)
        sid = row["id"]
        for table in ("phones", "schedules", "languages", "service_areas"):
            service[table] = by[table][sid]
        service["attributes"] = [
            {**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id", ""), {})}
            for a in by["attributes"][sid]
        ]
        if row.get("organization_id") in organizations:
            service["organization"] = organizations[row["organization_id"]]
        sals = []
        for sal in by["service_at_locations"][sid]:
            place: dict[str, Any] = dict(locations.get(sal.get("location_id", ""), {}))
            for number in ("latitude", "longitude"):
                if number in place:
                    place[number] = float(place[number])
            place["addresses"] = by["addresses"][sal.get("location_id", "")]
            sals.append({**sal, "location": place})
        service["service_at_locations"] = sals
        services.append(service)
    return services


def _reverse(session: Session, kind: str, table: Any, value: str) -> str | None:
    for (our_id,) in session.execute(select(table.id)):
        if hsds.hsds_id(kind, our_id) == value:
            return str(our_id)
    return None


def _opening_hours(schedules: list[dict[str, Any]]) -> str | None:
    for row in schedules:
        text = row.get("description") or ""
        if text.startswith(_OSM_PREFIX):
            return text[len(_OSM_PREFIX) :].split(" (Europe/Brussels)")[0]
    by_days: dict[str, list[str]] = defaultdict(list)
    for row in schedules:
        if (
            row.get("freq", "WEEKLY") == "WEEKLY"
            and row.get("byday")
            and row.get("opens_at")
            and row.get("closes_at")
        ):
            days = ",".join(_DAY_NAMES.get(d.strip(), d) for d in row["byday"].split(","))
            by_days[days].append(f"{row['opens_at'][:5]}-{row['closes_at'][:5]}")
    return "; ".join(f"{days} {','.join(sorted(times))}" for days, times in by_days.items()) or None


def _kind(place: dict[str, Any], service: dict[str, Any]) -> str:
    # HSDS does not say; a service reached only by phone is a phone line, one with no place
    # and no phone a worker's outreach (which then needs a place to be accepted).
    if place.get("latitude") is not None:
        return "guichet"
    return "phone_line" if service.get("phones") else "outreach"


def _postcode_nis(session: Session, postcode: str | None) -> str | None:
    if not postcode:
        return None
    codes = {
        n
        for n in session.exec(select(Postcode.nis_code).where(col(Postcode.postcode) == postcode))
        if n
    }
    return codes.pop() if len(codes) == 1 else None


def hsds_records(
    *, session: Session, services: list[dict[str, Any]], source: str
) -> Iterator[IncomingRecord]:
    """Import records for HSDS services: ids of guichets' own HSDS export map back to
    ours; others keep their HSDS id (a UUID is a valid slug)."""
    for number, service in enumerate(services, start=1):
        ref = f"service {number} ({service.get('id', 'no id')})"
        try:
            our_id = (
                _reverse(session, "service", AccessPoint, service["id"])
                or str(service["id"]).lower()
            )
            organization = service.get("organization") or {}
            org_hsds = service.get("organization_id") or organization.get("id") or ""
            org_name = organization.get("name") or "Organisation importée (HSDS)"
            org_id = _reverse(session, "organization", Organization, org_hsds) or slugify(
                org_name, max_length=120
            )
            sal = next(iter(service.get("service_at_locations") or []), None)
            place = (sal or {}).get("location") or {}
            address = next(iter(place.get("addresses") or []), None)
            postcode = address.get("postal_code") if address else None
            body: dict[str, Any] = {
                "kind": _kind(place, service),
                "organization_id": org_id,
                "names": {"fr": service["name"], "nl": service.get("alternate_name")},
                "description": service.get("description"),
                "website": service.get("url"),
                "email": service.get("email"),
                "status": _STATUS.get(service.get("status", "active"), "active"),
                "verified_at": (service.get("assured_date") or "")[:10] or None,
                "verification_method": next(
                    (
                        a.get("value")
                        for a in service.get("attributes") or []
                        if (a.get("taxonomy_term") or {}).get("taxonomy")
                        == hsds.VERIFICATION_TAXONOMY
                    ),
                    None,
                ),
                "phones": [
                    {"number": p["number"], "label": p.get("description")}
                    for p in service.get("phones") or []
                ],
                "languages": [
                    lang["code"] for lang in service.get("languages") or [] if lang.get("code")
                ],
                "service_area": [
                    a["extent"]
                    for a in service.get("service_areas") or []
                    if a.get("extent_type") == "nis_code"
                ]
                or None,
                "themes": [
                    a["taxonomy_term"]["code"]
                    for a in service.get("attributes") or []
                    if (a.get("taxonomy_term") or {}).get("taxonomy") == hsds.TAXONOMY
                ],
                "opening_hours": _opening_hours(service.get("schedules") or []),
                "opening_hours_note": (sal or {}).get("description"),
                "address": {
                    "street": address.get("address_1"),
                    "postcode": postcode,
                    "municipality": address.get("city"),
                    "nis_code": _postcode_nis(session, postcode),
                }
                if address
                else None,
                "location": {
                    "lat": place["latitude"],
                    "lon": place["longitude"],
                    "precision": "street",
                }
                if place.get("latitude") is not None
                else None,
                "host": place.get("name")
                if place.get("name") not in (None, service["name"])
                else None,
                "source": f"imported from HSDS ({source})",
            }
        except (KeyError, TypeError, ValueError) as exc:
            yield IncomingRecord(ref, None, None, None, None, f"not an HSDS service: {exc}")
            continue
        yield IncomingRecord(ref, our_id, org_id, org_name, body)
