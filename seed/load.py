"""The seed: real Belgian reference data, real access points in Brussels and Wallonia and
Belgian phone lines, one organization per institution, safe to re-run."""

from dataclasses import dataclass, field
from datetime import datetime

from slugify import slugify
from sqlmodel import Session, col, func, select

from api.errors import DomainError
from api.models import AccessPoint, ChangeAction, Closure, Organization, Postcode
from api.models.common import Region, Status
from api.services.editing import save_access_point, upsert_organization
from api.services.editing.closures import insert_closure
from api.services.editing.history import record_change
from api.services.reference import municipality_nis_codes
from api.services.search_index import index_organization
from seed.access_points import read_rows
from seed.organizations import SeedOrganization, read_days_off, read_organizations
from seed.reference import load_reference

# Who the change history names for what the seed loads.
SEED_ACTOR = "seed"


@dataclass
class SeedReport:
    """What a seed run did: counts, the ids per outcome, and each skipped row with why."""

    municipalities: int = 0
    postcodes: int = 0
    organizations: int = 0
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    located_by_postcode: list[str] = field(default_factory=list)
    not_located: list[str] = field(default_factory=list)
    # Organization id -> the organization names of access_points.csv merged into it.
    merged_organizations: dict[str, list[str]] = field(default_factory=dict)
    # Former duplicates (ids the seed once made from those names) now marked inactive.
    retired_organizations: list[str] = field(default_factory=list)
    with_service_area: int = 0
    closures_added: int = 0


def is_seeded(*, session: Session) -> bool:
    """True when the reference data is there (the seed ran at least once)."""
    return bool(session.exec(select(func.count()).select_from(Postcode)).one())


def seed_database(*, session: Session, now: datetime) -> SeedReport:
    """Load postcodes and municipalities, the curated organizations (duplicates merged, the
    days off of their staff as closures for the year of ``now`` and the next), then upsert
    every valid access point of the seed file through the same validation and write path
    as the API. Re-running changes nothing that has not changed in the files. Commits once
    at the end."""
    report = SeedReport()
    report.municipalities, report.postcodes = load_reference(session=session)
    nis_by_region = {
        region: municipality_nis_codes(session=session, region=region) for region in Region
    }
    organizations = read_organizations()
    for seeded in organizations:
        _upsert(session, seeded, report)
    session.flush()
    for row in read_rows(organizations, nis_by_region):
        if row.data is None:
            report.skipped.append((row.id, row.error or "invalid"))
            continue
        try:
            _, outcome = save_access_point(
                session=session, access_point_id=row.id, data=row.data, now=now, actor=SEED_ACTOR
            )
        except DomainError as exc:
            report.skipped.append((row.id, exc.message))
            continue
        getattr(report, outcome).append(row.id)
        report.with_service_area += row.data.service_area is not None
        if row.data.kind != "phone_line" and row.data.location is None:
            has_postcode = row.data.address is not None and row.data.address.postcode is not None
            (report.located_by_postcode if has_postcode else report.not_located).append(row.id)
    session.flush()
    for seeded in organizations:
        _retire_duplicates(session, seeded, report, now)
    report.closures_added = _add_days_off(session, organizations, now)
    report.organizations = len(organizations)
    session.commit()
    return report


def _upsert(session: Session, seeded: SeedOrganization, report: SeedReport) -> None:
    organization = seeded.organization
    if len(seeded.seed_names) > 1:
        report.merged_organizations[organization.id] = list(seeded.seed_names)
    outcome = upsert_organization(session=session, organization=organization.model_copy())
    if outcome == "updated":  # renamed: its places' search documents hold the name
        session.flush()
        index_organization(
            session=session,
            organization_id=organization.id,
            name=organization.name,
            name_nl=organization.name_nl,
        )


def _retire_duplicates(
    session: Session, seeded: SeedOrganization, report: SeedReport, now: datetime
) -> None:
    """Mark inactive the organizations an earlier seed made from the names now merged into
    ``seeded`` (their slugs), once no access point refers to them: never deleted."""
    for name in seeded.seed_names:
        former = session.get(Organization, slugify(name))
        if former is None or former.id == seeded.organization.id:
            continue
        if (
            former.status == Status.INACTIVE
            or session.exec(
                select(AccessPoint.pk).where(col(AccessPoint.organization_id) == former.id)
            ).first()
        ):
            continue
        former.status = Status.INACTIVE
        former.version += 1
        session.add(former)
        record_change(
            session=session,
            resource="organization",
            resource_id=former.id,
            version=former.version,
            action=ChangeAction.DELETE,
            now=now,
            actor=SEED_ACTOR,
            changes={
                "status": {"before": "active", "after": "inactive"},
                "merged_into": {"before": None, "after": seeded.organization.id},
            },
            snapshot={"id": former.id, "name": former.name, "status": "inactive"},
        )
        report.retired_organizations.append(former.id)


def _add_days_off(session: Session, organizations: list[SeedOrganization], now: datetime) -> int:
    """Closures for the days off of each organization's staff (``days_off.csv``), this year
    and next; one that exists already (even cancelled by an editor) is not added again."""
    rules = read_days_off()
    added = 0
    for seeded in organizations:
        for day_off in rules.get(seeded.days_off or "", []):
            for year in (now.year, now.year + 1):
                day = day_off.on(year)
                exists = session.exec(
                    select(Closure.id).where(
                        col(Closure.organization_id) == seeded.organization.id,
                        col(Closure.start) == day,
                        col(Closure.end) == day,
                    )
                ).first()
                if exists:
                    continue
                closure = Closure(
                    organization_id=seeded.organization.id,
                    start=day,
                    end=day,
                    reason=day_off.reason_fr,
                    reason_nl=day_off.reason_nl,
                )
                insert_closure(session=session, closure=closure, now=now, actor=SEED_ACTOR)
                added += 1
    return added
