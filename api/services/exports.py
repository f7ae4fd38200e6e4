"""Exports of the whole directory for partner sites, streamed: GeoJSON (RFC 7946), CSV (UTF-8
with a BOM, for spreadsheets in Belgium) and NDJSON. Rows are read and written a batch at a
time, each batch in its own short transaction, so that memory stays flat whatever the size
and a slow client holds no database connection."""

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from itertools import islice
from typing import Any

from sqlmodel import Session

from api.models import AccessPointPublic
from api.services.access_points import publics
from api.services.filters import AccessPointFilters
from api.services.listing import iterate_positions

BATCH = 500
ATTRIBUTION = (
    "guichets; coordinates © OpenStreetMap contributors (ODbL 1.0), postcode positions "
    "GeoNames (CC BY 4.0); sources per record in `source`"
)

# The CSV columns, in order, with what they hold (also documented in the README).
CSV_COLUMNS: dict[str, str] = {
    "id": "stable id",
    "kind": "guichet, phone_line, epn or outreach",
    "name_fr": "name in French",
    "name_nl": "name in Dutch",
    "name_en": "name in English",
    "organization_id": "who runs it (id)",
    "organization_name": "who runs it (name)",
    "street": "street and number",
    "postcode": "postcode",
    "municipality": "municipality name",
    "nis_code": "municipality NIS code",
    "lat": "latitude (WGS84)",
    "lon": "longitude (WGS84)",
    "location_precision": "building, street or postcode",
    "host": "outreach: the host venue",
    "service_area": "NIS codes served, space-separated",
    "phones": "E.164 numbers, ' ; '-separated",
    "phones_display": "the same in national format",
    "phones_free_of_charge": "true/false/empty per number, ' ; '-separated",
    "phones_label": "label per number, ' ; '-separated",
    "email": "e-mail",
    "website": "website",
    "opening_hours": "OSM opening_hours, Europe/Brussels",
    "opening_hours_note": "hours as the source words them",
    "walk_in": "true/false/empty: without appointment",
    "appointment_by_phone": "true/false/empty",
    "appointment_online_only": "true/false/empty",
    "free_of_charge": "true/false/empty",
    "wheelchair": "yes, limited, no or unknown",
    "themes": "themes, ' ; '-separated",
    "languages": "ISO 639-1 codes, ' ; '-separated",
    "documents_to_bring": "' ; '-separated",
    "description": "description",
    "status": "active, temporarily_closed or inactive",
    "verified_at": "date last checked by a person",
    "updated_at": "last change (UTC, ISO 8601)",
    "source": "where the facts come from",
}


def _batches(
    *, session: Session, filters: AccessPointFilters, updated_since: datetime | None, today: date
) -> Iterator[list[AccessPointPublic]]:
    """The matching access points, ``BATCH`` at a time, each batch read in its own short
    transaction: the session is closed (its connection back to the pool) before the batch
    is handed on, and the next one resumes after the last position (keyset). So a client
    that reads slowly, or not at all, holds no database connection while the stream waits
    on it. The order is that of ``iterate_positions``: a row changed during an
    ``updated_since`` export comes again at the end with its new version."""
    after: dict[str, str] | None = None
    while True:
        positions = iterate_positions(
            session=session, filters=filters, updated_since=updated_since, after=after, batch=BATCH
        )
        rows = list(islice(positions, BATCH))
        positions.close()  # type: ignore[attr-defined]  # a generator: its query is done
        chunk = publics(session=session, points=[point for point, _ in rows], today=today)
        session.close()
        if chunk:
            yield chunk
        if len(rows) < BATCH:
            return
        after = rows[-1][1]


def _flag(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def csv_row(point: AccessPointPublic) -> dict[str, Any]:
    """One access point as a CSV row of ``CSV_COLUMNS``."""
    data = point.model_dump(mode="json")
    address, location, access = data["address"] or {}, data["location"] or {}, data["access"]
    return {
        "id": data["id"],
        "kind": data["kind"],
        "name_fr": data["names"]["fr"],
        "name_nl": data["names"]["nl"],
        "name_en": data["names"]["en"],
        "organization_id": data["organization"]["id"],
        "organization_name": data["organization"]["name"],
        "street": address.get("street"),
        "postcode": address.get("postcode"),
        "municipality": address.get("municipality"),
        "nis_code": address.get("nis_code"),
        "lat": location.get("lat"),
        "lon": location.get("lon"),
        "location_precision": location.get("precision"),
        "host": data["host"],
        "service_area": " ".join(data["service_area"] or []),
        "phones": " ; ".join(p["number"] for p in data["phones"]),
        "phones_display": " ; ".join(p["display"] for p in data["phones"]),
        "phones_free_of_charge": " ; ".join(_flag(p["free_of_charge"]) for p in data["phones"]),
        "phones_label": " ; ".join(p["label"] or "" for p in data["phones"]),
        "email": data["email"],
        "website": data["website"],
        "opening_hours": data["opening_hours"],
        "opening_hours_note": data["opening_hours_note"],
        "walk_in": _flag(access["walk_in"]),
        "appointment_by_phone": _flag(access["appointment_by_phone"]),
        "appointment_online_only": _flag(access["appointment_online_only"]),
        "free_of_charge": _flag(access["free_of_charge"]),
        "wheelchair": access["wheelchair"],
        "themes": " ; ".join(data["themes"]),
        "languages": " ; ".join(data["languages"]),
        "documents_to_bring": " ; ".join(data["documents_to_bring"]),
        "description": data["description"],
        "status": data["status"],
        "verified_at": data["verified_at"],
        "updated_at": data["updated_at"],
        "source": data["source"],
    }


def csv_chunks(
    *, session: Session, filters: AccessPointFilters, updated_since: datetime | None, today: date
) -> Iterator[str]:
    """The CSV export: a UTF-8 BOM, the header, one row per access point."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writeheader()
    for batch in _batches(
        session=session, filters=filters, updated_since=updated_since, today=today
    ):
        writer.writerows(csv_row(point) for point in batch)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()


def feature(point: AccessPointPublic) -> dict[str, Any]:
    """One access point as a GeoJSON Feature; no place (phone lines): ``geometry: null``."""
    properties = point.model_dump(mode="json")
    location = properties.pop("location")
    geometry = (
        {"type": "Point", "coordinates": [location["lon"], location["lat"]]} if location else None
    )
    if location:
        properties["location_precision"] = location["precision"]
    return {"type": "Feature", "id": point.id, "geometry": geometry, "properties": properties}


def geojson_chunks(
    *, session: Session, filters: AccessPointFilters, updated_since: datetime | None, today: date
) -> Iterator[str]:
    """The GeoJSON export: one FeatureCollection (RFC 7946), written feature by feature."""
    yield '{"type":"FeatureCollection","attribution":' + json.dumps(ATTRIBUTION) + ',"features":['
    first = True
    for batch in _batches(
        session=session, filters=filters, updated_since=updated_since, today=today
    ):
        parts = [json.dumps(feature(point), ensure_ascii=False) for point in batch]
        yield ("" if first else ",") + ",".join(parts)
        first = False
    yield "]}"


def ndjson_chunks(
    *, session: Session, filters: AccessPointFilters, updated_since: datetime | None, today: date
) -> Iterator[str]:
    """The NDJSON export: one access point (the API's JSON shape) per line."""
    for batch in _batches(
        session=session, filters=filters, updated_since=updated_since, today=today
    ):
        yield "".join(point.model_dump_json() + "\n" for point in batch)
