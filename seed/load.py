"""The seed: real Belgian reference data and real Brussels access points, safe to re-run."""

from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, func, select

from api.errors import DomainError
from api.models import Postcode
from api.models.common import Region
from api.services.editing import save_access_point, upsert_organization
from api.services.reference import municipality_nis_codes
from api.services.search_index import index_organization
from seed.access_points import read_rows, read_service_areas
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


def is_seeded(*, session: Session) -> bool:
    """True when the reference data is there (the seed ran at least once)."""
    return bool(session.exec(select(func.count()).select_from(Postcode)).one())


def seed_database(*, session: Session, now: datetime) -> SeedReport:
    """Load postcodes and municipalities, then upsert every valid access point of the seed
    file (with its organization) through the same validation and write path as the API.
    Re-running changes nothing that has not changed in the files. Commits once at the end."""
    report = SeedReport()
    report.municipalities, report.postcodes = load_reference(session=session)
    nis_by_region = {
        region: municipality_nis_codes(session=session, region=region) for region in Region
    }
    service_areas = read_service_areas(nis_by_region)
    organizations: set[str] = set()
    for row in read_rows(service_areas):
        if row.data is None:
            report.skipped.append((row.id, row.error or "invalid"))
            continue
        if row.organization.id not in organizations:
            outcome = upsert_organization(session=session, organization=row.organization)
            organizations.add(row.organization.id)
            session.flush()
            if outcome == "updated":  # renamed: its places' search documents hold the name
                index_organization(
                    session=session,
                    organization_id=row.organization.id,
                    name=row.organization.name,
                    name_nl=row.organization.name_nl,
                )
        try:
            _, outcome = save_access_point(
                session=session, access_point_id=row.id, data=row.data, now=now, actor=SEED_ACTOR
            )
        except DomainError as exc:
            report.skipped.append((row.id, exc.message))
            continue
        getattr(report, outcome).append(row.id)
        if row.data.kind != "phone_line" and row.data.location is None:
            has_postcode = row.data.address is not None and row.data.address.postcode is not None
            (report.located_by_postcode if has_postcode else report.not_located).append(row.id)
    report.organizations = len(organizations)
    session.commit()
    return report
