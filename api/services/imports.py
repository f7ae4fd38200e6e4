"""``guichets import``: bring a list in our CSV export format into the directory, through
the same validation and write path as the API (upsert by id: re-running changes nothing)."""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session

from api.errors import DomainError
from api.models import AccessPointCreate, ChangeAction, Organization
from api.services.editing import save_access_point
from api.services.editing.history import record_change
from api.services.editing.rules import hours_rewritten
from api.services.exports import CSV_COLUMNS

REQUIRED = ("id", "kind", "name_fr", "organization_id")


@dataclass
class ImportReport:
    """What an import did (or, dry, would do): ids per outcome, rejected rows with why."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    organizations_created: list[str] = field(default_factory=list)
    # Accepted records the editor should fix (record reference, what): a schedule without
    # a public-holiday rule.
    warnings: list[tuple[str, str]] = field(default_factory=list)
    # Accepted records whose opening_hours was stored in its canonical form (opening_hours.js):
    # (record reference, as written, as stored).
    rewritten: list[tuple[str, str, str]] = field(default_factory=list)


def _split(text: str | None, sep: str = " ; ") -> list[str]:
    return [part.strip() for part in (text or "").split(sep.strip()) if part.strip()]


def _flag(text: str | None) -> bool | None:
    return {"true": True, "false": False}.get((text or "").strip().lower())


def _or_none(text: str | None) -> str | None:
    return text.strip() if text and text.strip() else None


def body_from_csv(row: dict[str, str]) -> dict[str, Any]:
    """The write body (``AccessPointCreate`` shape) of one CSV export row. A location whose
    precision is ``postcode`` is left out: it is derived again from the postcode."""
    numbers = [n.strip() for n in (row.get("phones") or "").split(";")]
    frees = (row.get("phones_free_of_charge") or "").split(";")
    labels = (row.get("phones_label") or "").split(";")
    phones = [
        {
            "number": number,
            "free_of_charge": _flag(frees[i] if i < len(frees) else ""),
            "label": _or_none(labels[i] if i < len(labels) else ""),
        }
        for i, number in enumerate(numbers)
        if number
    ]
    address = {k: _or_none(row.get(k)) for k in ("street", "postcode", "municipality", "nis_code")}
    located = (
        row.get("lat") and row.get("lon") and row.get("location_precision") not in ("", "postcode")
    )
    return {
        "id": row["id"],
        "kind": row["kind"],
        "organization_id": row["organization_id"],
        "names": {
            "fr": row["name_fr"],
            "nl": _or_none(row.get("name_nl")),
            "en": _or_none(row.get("name_en")),
        },
        "description": _or_none(row.get("description")),
        "themes": _split(row.get("themes")),
        "languages": _split(row.get("languages")),
        "address": address if any(address.values()) else None,
        "location": {
            "lat": float(row["lat"]),
            "lon": float(row["lon"]),
            "precision": row["location_precision"],
        }
        if located
        else None,
        "host": _or_none(row.get("host")),
        "service_area": (row.get("service_area") or "").split() or None,
        "phones": phones,
        "email": _or_none(row.get("email")),
        "website": _or_none(row.get("website")),
        "opening_hours": _or_none(row.get("opening_hours")),
        "opening_hours_note": _or_none(row.get("opening_hours_note")),
        "access": {
            "walk_in": _flag(row.get("walk_in")),
            "appointment_by_phone": _flag(row.get("appointment_by_phone")),
            "appointment_online_only": _flag(row.get("appointment_online_only")),
            "free_of_charge": _flag(row.get("free_of_charge")),
            "wheelchair": _or_none(row.get("wheelchair")) or "unknown",
        },
        "documents_to_bring": _split(row.get("documents_to_bring")),
        "status": _or_none(row.get("status")) or "active",
        "verified_at": _or_none(row.get("verified_at")),
        "source": _or_none(row.get("source")),
    }


def read_csv(path: Path) -> Iterator[dict[str, str]]:
    """The rows of a CSV export (BOM or not). Raises ``ValueError`` for a file that is not
    one: the required columns are named."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ValueError(
                f"{path.name} is not a guichets CSV export: missing columns {', '.join(missing)} "
                f"(expected {', '.join(CSV_COLUMNS)})"
            )
        yield from reader


@dataclass(frozen=True, slots=True)
class IncomingRecord:
    """One record to import: where it is (for the report), its id, its organization (id and
    name) and its write body; or why it could not even be read."""

    ref: str
    id: str | None
    organization_id: str | None
    organization_name: str | None
    body: dict[str, Any] | None
    error: str | None = None


def import_records(
    *,
    session: Session,
    records: Iterable[IncomingRecord],
    now: datetime,
    actor: str,
    dry_run: bool = False,
    progress: Callable[[], None] | None = None,
) -> ImportReport:
    """Upsert every valid record by id through ``AccessPointCreate`` and the API's write path,
    creating unknown organizations; invalid records are rejected with the reason, the others
    kept, with a warning for each schedule without a public-holiday rule. With ``dry_run``
    nothing is written: the report says what would change. Commits once."""
    report = ImportReport()
    savepoint = session.begin_nested() if dry_run else None
    for record in records:
        try:
            if record.error is not None or record.body is None or not record.id:
                raise ValueError(record.error or "no id")
            data = AccessPointCreate.model_validate(record.body)
            if session.get(Organization, data.organization_id) is None:
                name = record.organization_name or data.organization_id
                session.add(Organization(id=data.organization_id, name=name))
                record_change(
                    session=session,
                    resource="organization",
                    resource_id=data.organization_id,
                    version=1,
                    action=ChangeAction.CREATE,
                    now=now,
                    actor=actor,
                    changes={"name": {"before": None, "after": name}},
                    snapshot={"id": data.organization_id, "name": name},
                )
                session.flush()
                report.organizations_created.append(data.organization_id)
            warnings: list[str] = []
            _, outcome = save_access_point(
                session=session,
                access_point_id=record.id,
                data=data,
                now=now,
                actor=actor,
                warnings=warnings,
            )
            getattr(report, outcome).append(record.id)
            report.warnings.extend((record.ref, warning) for warning in warnings)
            rewritten = hours_rewritten(data)
            if rewritten is not None:
                report.rewritten.append((record.ref, *rewritten))
        except ValidationError as exc:
            reasons = "; ".join(
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors()
            )
            report.rejected.append((record.ref, reasons))
        except (DomainError, KeyError, ValueError) as exc:
            report.rejected.append((record.ref, getattr(exc, "message", None) or str(exc)))
        if progress is not None:
            progress()
    if savepoint is not None:
        savepoint.rollback()
    else:
        session.commit()
    return report


def csv_records(path: Path) -> Iterator[IncomingRecord]:
    """The records of a CSV export file."""
    for number, row in enumerate(read_csv(path), start=2):
        ref = f"line {number} ({row.get('id') or 'no id'})"
        try:
            body = body_from_csv(row)
        except (KeyError, ValueError) as exc:
            yield IncomingRecord(ref, row.get("id"), None, None, None, f"unreadable row: {exc}")
            continue
        yield IncomingRecord(
            ref, row["id"], row.get("organization_id"), _or_none(row.get("organization_name")), body
        )


def import_csv(
    *,
    session: Session,
    path: Path,
    now: datetime,
    dry_run: bool = False,
    progress: Callable[[], None] | None = None,
) -> ImportReport:
    """Import a CSV export file (see ``import_records``)."""
    return import_records(
        session=session,
        records=csv_records(path),
        now=now,
        actor=f"import:{path.name}",
        dry_run=dry_run,
        progress=progress,
    )
