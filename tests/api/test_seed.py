"""The seed loads real places only, is safe to re-run, and says what it skipped."""

from datetime import datetime

from sqlalchemy import text
from sqlmodel import Session, func, select

from api.hours import BRUSSELS
from api.models import AccessPoint
from seed.load import SeedReport, seed_database


def test_seed_loaded_the_real_places(seed_report: SeedReport) -> None:
    loaded = seed_report.created + seed_report.updated + seed_report.unchanged
    assert len(loaded) + len(seed_report.skipped) == 91  # rows of brussels_access_points.csv
    assert len(loaded) >= 85
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
