"""The sparse strategy (asking the schedule index for open places only) gives exactly the
answers of the plain widening search. On synthetic access points (bench/generate.py,
labelled synthetic), SQLite only: the schedule index is SQLite's R*Tree."""

from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import Engine, text
from sqlmodel import Session, select

from api.db import make_engine, migrate
from api.hours import BRUSSELS
from api.models import AccessPoint
from api.models.responses import Origin
from api.services import nearest
from api.services.filters import AccessPointFilters
from api.services.nearest import places as ring_search
from bench.generate import generate
from seed.reference import load_reference

SUNDAY_NIGHT = datetime(2026, 11, 22, 3, 0, tzinfo=BRUSSELS)
MONDAY_MORNING = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)
ORIGINS = [(50.8466, 4.3528, "21004"), (50.4669, 4.8675, "92094"), (50.6326, 5.5797, "62063")]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    engine = make_engine(f"sqlite:///{tmp_path_factory.mktemp('sparse') / 'synthetic.db'}")
    migrate(engine)
    with Session(engine) as session:
        load_reference(session=session)
        session.commit()
    generate(engine, 4000)
    yield engine
    engine.dispose()


def _ids(
    engine: Engine, at: datetime, filters: AccessPointFilters
) -> list[list[tuple[str, int | None]] | tuple[int, list[str]]]:
    answers = []
    with Session(engine) as session:
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
    synthetic: Engine, monkeypatch: pytest.MonkeyPatch, at: datetime, filters: AccessPointFilters
) -> None:
    with_switch = _ids(synthetic, at, filters)
    monkeypatch.setattr(ring_search, "SPARSE_AFTER_ROWS", 10**9)
    without_switch = _ids(synthetic, at, filters)
    assert with_switch == without_switch
    assert any(answer for answer in with_switch)
    assert any(isinstance(a, tuple) and a[0] > 0 for a in with_switch), "no unknown hours seen"


def test_sparse_strategy_is_used_at_night(
    synthetic: Engine, monkeypatch: pytest.MonkeyPatch
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


def test_schedule_index_follows_changes_of_hours(synthetic: Engine) -> None:
    with Session(synthetic) as session:
        point = session.exec(select(AccessPoint).where(AccessPoint.lat.is_not(None))).first()  # type: ignore[union-attr]
        assert point is not None
        query = text(
            "SELECT s.opening_hours FROM access_point_schedule_rtree r "
            "JOIN access_point_schedule s ON s.id = r.min_schedule WHERE r.pk = :pk"
        )
        assert session.execute(query, {"pk": point.pk}).scalar_one() == point.opening_hours
        point.opening_hours = "Mo-Su 02:00-04:00"
        session.add(point)
        session.flush()
        assert session.execute(query, {"pk": point.pk}).scalar_one() == "Mo-Su 02:00-04:00"
        point.opening_hours = None
        session.add(point)
        session.flush()
        assert session.execute(query, {"pk": point.pk}).all() == []
        session.rollback()
