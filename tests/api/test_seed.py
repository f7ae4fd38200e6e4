"""The seed loads real places only, one organization per institution, is safe to re-run,
and says what it skipped and what it merged."""

from datetime import date, datetime

from sqlalchemy import text
from sqlmodel import Session, col, func, select

from api.hours import BRUSSELS
from api.models import AccessPoint, Closure, Organization
from api.models.common import Status
from seed.load import SeedReport, seed_database
from seed.organizations import read_organizations, with_public_holidays


def test_seed_loaded_the_real_places(seed_report: SeedReport) -> None:
    loaded = seed_report.created + seed_report.updated + seed_report.unchanged
    assert len(loaded) + len(seed_report.skipped) == 123  # rows of access_points.csv
    assert len(loaded) == 122
    assert seed_report.municipalities > 500 and seed_report.postcodes == 2781
    # A place the source gives no place for is reported, not invented.
    assert "outreach-epn-mobile-espace-cultures-developpement" in dict(seed_report.skipped)
    assert "cpas-anderlecht" in seed_report.located_by_postcode


def test_second_run_changes_nothing(session: Session) -> None:
    before = session.exec(select(func.count()).select_from(AccessPoint)).one()
    report = seed_database(session=session, now=datetime(2027, 1, 1, tzinfo=BRUSSELS))
    assert report.created == [] and report.updated == []
    assert session.exec(select(func.count()).select_from(AccessPoint)).one() == before
    stamps = set(session.exec(select(AccessPoint.updated_at)).all())
    assert all(stamp.year == 2026 for stamp in stamps)


def test_spatial_index_follows_the_table(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        return  # the R*Tree is SQLite's; PostgreSQL uses its own index
    count_located = session.exec(
        select(func.count()).select_from(AccessPoint).where(AccessPoint.lat.is_not(None))  # type: ignore[union-attr]
    ).one()
    assert (
        session.execute(text("SELECT count(*) FROM access_point_rtree")).scalar() == count_located
    )
    point = session.exec(select(AccessPoint).where(AccessPoint.id == "cpas-schaerbeek")).one()
    point.lat, point.lon = 50.5, 4.5
    session.add(point)
    session.flush()
    row = session.execute(
        text("SELECT min_lat, min_lon FROM access_point_rtree WHERE pk = :pk"), {"pk": point.pk}
    ).one()
    assert abs(row[0] - 50.5) < 1e-4 and abs(row[1] - 4.5) < 1e-4
    session.delete(point)
    session.flush()
    assert (
        session.execute(
            text("SELECT count(*) FROM access_point_rtree WHERE pk = :pk"), {"pk": point.pk}
        ).scalar()
        == 0
    )


def test_service_area_index_follows_the_table(session: Session) -> None:
    line = session.exec(select(AccessPoint).where(AccessPoint.id == "phone-actiris-0800")).one()
    query = text(
        "SELECT nis_code FROM access_point_service_area WHERE access_point_pk = :pk ORDER BY 1"
    )
    codes = [r[0] for r in session.execute(query, {"pk": line.pk})]
    assert codes == [f"210{n:02d}" for n in range(1, 20)]
    line.service_area = ["21004", "21015"]
    session.add(line)
    session.flush()
    assert [r[0] for r in session.execute(query, {"pk": line.pk})] == ["21004", "21015"]
    line.service_area = None
    session.add(line)
    session.flush()
    assert session.execute(query, {"pk": line.pk}).all() == []


def test_the_seed_report_names_the_merged_organizations(seed_report: SeedReport) -> None:
    merged = seed_report.merged_organizations
    assert merged["cpas-ocmw-jette"] == ["CPAS / OCMW Jette", "CPAS de Jette"]
    assert merged["commune-gemeente-woluwe-saint-lambert"] == [
        "Commune / Gemeente Woluwe-Saint-Lambert",
        "Commune de Woluwe-Saint-Lambert",
        "Commune / CPAS de Woluwe-Saint-Lambert",
    ]
    assert seed_report.organizations == len(read_organizations()) == 73


def test_one_organization_per_institution(session: Session) -> None:
    def organizations_of(prefix: str) -> set[str]:
        rows = session.exec(
            select(AccessPoint.organization_id).where(col(AccessPoint.id).startswith(prefix))
        )
        return set(rows)

    # Four names for Woluwe-Saint-Lambert in the file: its CPAS and its commune.
    assert organizations_of("cpas-woluwe-saint-lambert") == {"cpas-ocmw-woluwe-saint-lambert"}
    assert organizations_of("epn-woluwe-saint-lambert") == {"commune-gemeente-woluwe-saint-lambert"}
    assert organizations_of("cpas-jette") == {"cpas-ocmw-jette"}  # CPAS and Viva! Jette
    jette = session.get(Organization, "cpas-ocmw-jette")
    assert jette is not None and (jette.name, jette.name_nl) == ("CPAS de Jette", "OCMW Jette")
    assert session.get(Organization, "cpas-de-jette") is None


def test_a_reseed_retires_the_former_duplicates(session: Session) -> None:
    session.add(Organization(id="cpas-de-jette", name="CPAS de Jette"))
    session.flush()
    report = seed_database(session=session, now=datetime(2026, 12, 1, tzinfo=BRUSSELS))
    assert report.retired_organizations == ["cpas-de-jette"]
    former = session.get(Organization, "cpas-de-jette")
    assert former is not None and former.status == Status.INACTIVE


def test_competence_is_data(session: Session) -> None:
    def area(access_point_id: str) -> list[str] | None:
        point = session.exec(select(AccessPoint).where(col(AccessPoint.id) == access_point_id))
        return point.one().service_area

    assert area("cpas-anderlecht") == ["21001"]
    assert area("townhall-ixelles") == ["21009"]
    assert area("anderlecht-antenne-cureghem") == ["21001"]  # commune-run antenna
    assert area("townhall-namur-population-capucins") == ["92094"]
    brussels = [f"210{n:02d}" for n in range(1, 20)]
    assert area("actiris-siege") == brussels
    assert area("phone-bruxelles-formation") == brussels
    wallonia = area("phone-forem-0800")
    assert wallonia is not None and "92094" in wallonia and "21001" not in wallonia
    vdab = area("phone-vdab-0800")
    assert vdab is not None and "21001" in vdab and "92094" not in vdab  # Flanders + Brussels
    belgium = area("phone-sfp-1765-ligne-pension")
    assert belgium is not None and {"21001", "92094", "11002"} <= set(belgium)
    assert area("atelier-des-droits-sociaux") is None  # an association: not stated
    assert area("epn-bibliotheque-adolphe-max") is None  # a library: open to anyone
    assert area("mado-nord") == brussels  # its source: all Brussels residents


def test_public_administrations_close_on_public_holidays(session: Session) -> None:
    hours = dict(
        session.exec(
            select(AccessPoint.id, AccessPoint.opening_hours).where(
                col(AccessPoint.opening_hours).is_not(None)
            )
        ).all()
    )
    assert hours["cpas-schaerbeek"] == "Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05; PH off"
    assert hours["townhall-evere"].endswith("; PH off")
    assert hours["phone-actiris-0800"] == "Mo-Fr 08:30-16:30; PH off"
    assert hours["phone-sfp-1765-ligne-pension"].endswith("; PH off")
    assert hours["phone-tele-accueil-fr"] == "24/7"  # an association's listening line
    assert hours["phone-cpas-charleroi-urgence-sociale"] == "24/7"  # the source: every day
    assert hours["maison-quartier-fleche"] == "Mo-Th 08:30-17:00; Fr 08:30-16:30"
    assert with_public_holidays("Mo 09:00-12:00; PH 10:00-11:00", closed_on_public_holidays=True)
    assert (
        with_public_holidays("Mo 09:00-12:00", closed_on_public_holidays=False) == "Mo 09:00-12:00"
    )


def test_days_off_of_the_staff_are_closures(session: Session, seed_report: SeedReport) -> None:
    def closed(organization_id: str) -> set[date]:
        rows = session.exec(
            select(Closure.start).where(col(Closure.organization_id) == organization_id)
        )
        return set(rows)

    assert {date(2026, 12, 26), date(2027, 5, 8), date(2027, 11, 15)} <= closed("actiris")
    assert date(2027, 9, 27) in closed("le-forem") and date(2027, 9, 27) not in closed("actiris")
    assert {date(2026, 11, 2), date(2026, 12, 26)} <= closed("onem-rva")
    assert closed("cpas-ocmw-anderlecht") == set()  # local days off: not in the sources
    assert closed("european-emergency-number") == set()
    assert seed_report.closures_added == 60
    again = seed_database(session=session, now=datetime(2026, 12, 1, tzinfo=BRUSSELS))
    assert again.closures_added == 0
