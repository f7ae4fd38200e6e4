"""The sparse strategy (asking the schedule index for open places only) gives exactly the
answers of the plain widening search. On synthetic access points (bench/generate.py,
labelled synthetic) added to the test database in a transaction rolled back at the end of the
module, on both engines: SQLite's schedule R*Tree, PostgreSQL's GiST index (migration 0009)."""

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import Connection, Engine, text
from sqlmodel import Session, select

from api.geo import Point
from api.hours import BRUSSELS, OpeningState
from api.models import AccessPoint
from api.models.responses import Origin
from api.services import nearest
from api.services.filters import AccessPointFilters
from api.services.nearest import places as ring_search
from api.services.nearest.spatial import located_with_schedules
from bench.generate import generate
from seed.load import SeedReport

SUNDAY_NIGHT = datetime(2026, 11, 22, 3, 0, tzinfo=BRUSSELS)
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)
ORIGINS = [(50.8466, 4.3528, "21004"), (50.4669, 4.8675, "92094"), (50.6326, 5.5797, "62063")]


@pytest.fixture(scope="module")
def synthetic(engine: Engine, seed_report: SeedReport) -> Iterator[Connection]:
    """The test database with 4 000 synthetic points more, for this module only."""
    connection = engine.connect()
    transaction = connection.begin()
    generate(connection, 4000)
    yield connection
    transaction.rollback()
    connection.close()


def _ids(
    connection: Connection, at: datetime, filters: AccessPointFilters
) -> list[list[tuple[str, int | None]] | tuple[int, list[str]]]:
    answers = []
    with Session(bind=connection, join_transaction_mode="create_savepoint") as session:
        for lat, lon, nis in ORIGINS:
            result = nearest.find_nearest(
                session=session,
                origin=Origin(lat=lat, lon=lon, source="coordinates", nis_code=nis),
                at=at,
                open_mode=nearest.OpenMode.NOW,
                limit=10,
                max_distance_m=40_000,
                filters=filters,
            )
            answers.append([(i.access_point.id, i.distance_m) for i in result.items])
            # The places with unknown hours come from the same rows, or the same index.
            assert result.unknown_hours is not None
            unknown = result.unknown_hours
            answers.append((unknown.count, [i.access_point.id for i in unknown.items]))
    return answers


@pytest.mark.parametrize("at", [SUNDAY_NIGHT, MONDAY_MORNING])
@pytest.mark.parametrize(
    "filters", [AccessPointFilters(), AccessPointFilters(walk_in=True, language="fr")]
)
def test_sparse_strategy_gives_the_same_answers(
    synthetic: Connection,
    monkeypatch: pytest.MonkeyPatch,
    at: datetime,
    filters: AccessPointFilters,
) -> None:
    with_switch = _ids(synthetic, at, filters)
    monkeypatch.setattr(ring_search, "SPARSE_AFTER_ROWS", 10**9)
    without_switch = _ids(synthetic, at, filters)
    assert with_switch == without_switch
    assert any(answer for answer in with_switch)
    assert any(isinstance(a, tuple) and a[0] > 0 for a in with_switch), "no unknown hours seen"


def test_sparse_strategy_is_used_at_night(
    synthetic: Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    real = ring_search.located_with_schedules

    def spy(**kwargs: object) -> set[int]:
        found = real(**kwargs)  # type: ignore[arg-type]
        calls.append(len(found))
        return found

    monkeypatch.setattr(ring_search, "located_with_schedules", spy)
    _ids(synthetic, SUNDAY_NIGHT, AccessPointFilters())
    assert calls, "the sparse strategy was not taken on a Sunday night"
    calls.clear()
    _ids(synthetic, MONDAY_MORNING, AccessPointFilters())
    assert calls == [], "the sparse strategy was taken on a weekday morning"


def _schedule_id(session: Session, opening_hours: str | None) -> int:
    if opening_hours is None:
        return 0
    query = text("SELECT id FROM access_point_schedule WHERE opening_hours = :value")
    return int(session.execute(query, {"value": opening_hours}).scalar_one())


def test_schedule_index_follows_changes_of_hours(synthetic: Connection) -> None:
    # The session's savepoint is rolled back when it closes: the module's points stay as made.
    with Session(bind=synthetic, join_transaction_mode="create_savepoint") as session:
        point = session.exec(
            select(AccessPoint).where(
                AccessPoint.id.startswith("synthetic-"),  # type: ignore[attr-defined]
                AccessPoint.lat.is_not(None),  # type: ignore[union-attr]
                AccessPoint.opening_hours.is_not(None),  # type: ignore[union-attr]
            )
        ).first()
        assert point is not None and point.lat is not None and point.lon is not None
        here = Point(point.lat, point.lon)

        def found(opening_hours: str | None) -> bool:
            ids = [_schedule_id(session, opening_hours)]
            pks = located_with_schedules(
                session=session, origin=here, radius_m=50, schedule_ids=ids
            )
            return point.pk in pks

        before = point.opening_hours
        assert found(before)
        point.opening_hours = "Mo-Su 02:00-04:17"
        session.add(point)
        session.flush()
        assert found("Mo-Su 02:00-04:17")
        assert not found(before)
        point.opening_hours = None
        session.add(point)
        session.flush()
        assert found(None)
        assert not found("Mo-Su 02:00-04:17")


class _Hours:
    """An OpenCheck stand-in: the places whose id is in ``open_ids`` are open; it records
    which places were evaluated."""

    def __init__(self, open_ids: set[str]) -> None:
        self.open_ids = open_ids
        self.asked: list[str] = []

    def state(self, ap_id: str, *_: object) -> OpeningState:
        self.asked.append(ap_id)
        return OpeningState.OPEN if ap_id in self.open_ids else OpeningState.CLOSED


def test_places_with_sun_times_are_checked_only_until_the_nearest_are_settled() -> None:
    deferred = [(1000.0 * n, f"sun-{n}", n, 50.0, 4.0, "sunrise-sunset", "o") for n in range(1, 40)]
    settled = [
        ring_search.Candidate(2500.0, "plain-a", 100),
        ring_search.Candidate(9000.0, "plain-b", 101),
    ]
    check = _Hours({"sun-2", "sun-5", "sun-6", "sun-30"})
    found = ring_search._settle_deferred(
        list(deferred),
        settled,
        limit=3,
        is_open=check,
        on_arrival=None,
        admit=None,  # type: ignore[arg-type]
    )
    # Nearest three of everything: sun-2 (2 km), plain-a (2.5 km), sun-5 (5 km); sun-6 is
    # found in the same batch; places past 6 km were never evaluated (sun-30 among them).
    assert [c.id for c in found] == ["sun-2", "sun-5", "sun-6"]
    assert check.asked == [f"sun-{n}" for n in range(1, 7)]
    # Admission (competence) is applied to each batch; with nothing admitted, all are checked.
    check = _Hours({"sun-2", "sun-5"})
    found = ring_search._settle_deferred(
        list(deferred),
        [],
        limit=3,
        is_open=check,
        on_arrival=None,
        admit=lambda pks: set(),  # type: ignore[arg-type]
    )
    assert found == [] and len(check.asked) == len(deferred)
