"""The in-memory index (api.services.index) answers ``nearest`` exactly as the direct SQL
search does: same groups, ids, order, distances, openings, walks, competence flags and
unknown group, over random origins, instants and filters; and it follows every write."""

import random
from datetime import datetime, timedelta
from typing import Any

import numpy as np
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from api import hours
from api.hours import BRUSSELS
from api.models.common import Kind, Theme, Wheelchair
from api.models.responses import Origin
from api.services.filters import AccessPointFilters
from api.services.index import NearestIndex, read_change_sequence
from api.services.index.minute import _CHANGING as CHANGING
from api.services.index.minute import AT_PLACE
from api.services.nearest import CompetenceMode, OpenMode, find_nearest
from api.services.nearest import places as ring_search
from api.services.nearest.arrival import ArrivalMode
from api.services.nearest.competence import resolve_residence
from bench.generate import generate
from tests.conftest import NOW

MONDAY = datetime(2026, 11, 23, 0, 0, tzinfo=BRUSSELS)
# Places of the seed and of the synthetic set: Brussels, Namur, Liège, Charleroi, Mons.
CENTRES = [
    (50.8466, 4.3528, "21004"),
    (50.4669, 4.8675, "92094"),
    (50.6326, 5.5797, "62063"),
    (50.4108, 4.4446, "52011"),
    (50.4542, 3.9567, "53053"),
]
FILTERS = [
    AccessPointFilters(),
    AccessPointFilters(),
    AccessPointFilters(kind=Kind.GUICHET),
    AccessPointFilters(theme=Theme.SOCIAL_AID),
    AccessPointFilters(walk_in=True),
    AccessPointFilters(language="nl"),
    AccessPointFilters(wheelchair=Wheelchair.YES),
    AccessPointFilters(free_of_charge=False),
    AccessPointFilters(municipality="21004"),
    AccessPointFilters(postcode="5000"),
    AccessPointFilters(kind=Kind.GUICHET, include_inactive=True),
]


def _case(rng: random.Random) -> dict[str, Any]:
    lat, lon, nis = rng.choice(CENTRES)
    # Any minute of a week (nights and Sunday included) and a few public holidays.
    at = MONDAY + timedelta(minutes=rng.randrange(7 * 24 * 60))
    if rng.random() < 0.1:
        at = datetime(2026, 12, 25, rng.randrange(24), rng.randrange(60), tzinfo=BRUSSELS)
    if rng.random() < 0.5:
        # Within the minute, as the real clock gives it: the per-minute states hold.
        at += timedelta(seconds=rng.randrange(60), microseconds=rng.randrange(1_000_000))
    return {
        "origin": Origin(
            lat=lat + rng.uniform(-0.08, 0.08),
            lon=lon + rng.uniform(-0.12, 0.12),
            source="coordinates",
            nis_code=nis,
        ),
        "at": at,
        "open_mode": rng.choice([OpenMode.NOW, OpenMode.NOW, OpenMode.ANY]),
        "limit": rng.choice([1, 3, 10, 20]),
        "max_distance_m": rng.choice([1_000.0, 5_000.0, 25_000.0, 60_000.0]),
        "filters": rng.choice(FILTERS),
        "arrival_mode": rng.choice([ArrivalMode.FLAG, ArrivalMode.EXCLUDE]),
        "competence": rng.choice([CompetenceMode.COMPETENT, CompetenceMode.ANY]),
        "with_residence": rng.random() < 0.7,
        "lang": rng.choice(["fr", "nl", "en"]),
        "matching_share": rng.choice([0, 0, 0, 0.05, 0.5]),
    }


def _both(
    session: Session, index: NearestIndex, case: dict[str, Any], pks: list[int]
) -> tuple[Any, Any]:
    origin = case["origin"]
    residence = (
        resolve_residence(session=session, residence=None, origin_nis_code=origin.nis_code)
        if case["with_residence"]
        else None
    )
    arguments = {k: v for k, v in case.items() if k not in ("with_residence", "matching_share")}
    if case["matching_share"]:
        # As a text search gives them: a set of pks, few (read directly) or many (the
        # rings keep only them), depending on the data set's size.
        rng = random.Random(len(pks))
        arguments["matching"] = set(rng.sample(pks, int(len(pks) * case["matching_share"])))
    direct = find_nearest(session=session, residence=residence, **arguments)
    fast = find_nearest(session=session, residence=residence, index=index, **arguments)
    return direct.model_dump(mode="json"), fast.model_dump(mode="json")


def _assert_parity(session: Session, cases: int, seed: int) -> int:
    """Runs ``cases`` random cases; returns how many had places in ``items``."""
    rng = random.Random(seed)
    index = NearestIndex()
    pks = sorted(session.connection().execute(text("SELECT pk FROM access_point")).scalars())
    answered = 0
    for number in range(cases):
        case = _case(rng)
        direct, fast = _both(session, index, case, pks)
        assert fast == direct, f"case {number}: {case}"
        answered += bool(direct["items"])
    return answered


def test_the_index_answers_as_the_direct_search_on_the_seed(session: Session) -> None:
    answered = _assert_parity(session, cases=150, seed=14)
    assert answered > 30  # the cases are not all empty answers


def test_the_index_answers_as_the_direct_search_on_4000_more_places(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Dense enough for every ring size and for the direct search's switch to the schedule
    # index at night, which the index must reproduce on each engine's boxes (its stopping
    # radius decides the unknown group): count the switches to be sure the cases reach it.
    generate(session.connection(), 4000)
    switches = []
    located = ring_search.located_with_schedules

    def counted(**arguments: Any) -> set[int]:
        switches.append(1)
        return located(**arguments)

    monkeypatch.setattr(ring_search, "located_with_schedules", counted)
    answered = _assert_parity(session, cases=120, seed=2026)
    assert answered > 40
    assert len(switches) > 5


def test_the_index_answers_as_the_direct_search_as_the_minutes_pass(session: Session) -> None:
    # Openings of places with sun times are held across minutes (``index.held``): answers
    # at later minutes, across a winter sunrise and sunset, stay those of the direct search.
    generate(session.connection(), 4000)
    rng = random.Random(1123)
    index = NearestIndex()
    pks = sorted(session.connection().execute(text("SELECT pk FROM access_point")).scalars())
    for start in (
        MONDAY + timedelta(hours=7, minutes=40),
        MONDAY + timedelta(hours=16, minutes=20),
    ):
        at = start
        for number in range(25):
            case = {**_case(rng), "at": at + timedelta(seconds=rng.randrange(60))}
            case["open_mode"] = OpenMode.NOW
            direct, fast = _both(session, index, case, pks)
            assert fast == direct, f"case {number}: {case}"
            at += timedelta(minutes=rng.randrange(1, 5))
    assert index.held.hits > 0  # later minutes were answered from held openings


def test_the_warmer_computes_ahead_what_the_answers_then_find_held(session: Session) -> None:
    generate(session.connection(), 4000)
    at = MONDAY + timedelta(hours=10, minutes=3)
    index = NearestIndex(warm=True)
    assert index.warmer is not None and not index.warmer.running
    minute = index.minute_state(session=session, at=at)
    assert index.warmer.wait(timeout=300)
    s = minute.snapshot
    rows = [
        i for i in minute.at_place.tolist() if hours.walks_alike(s.schedules[int(s.schedule[i])])
    ]
    held = 0
    for i in rows:
        value = s.schedules[int(s.schedule[i])]
        assert value is not None
        place = (float(s.lat[i]), float(s.lon[i]))
        if index.held.holds((value, (), place), minute.minute):
            held += 1
            assert index.held.get((value, (), place), minute.minute) == hours.compute_opening(
                opening_hours=value, at=minute.minute, coordinates=place
            )
    assert rows and index.warmer.computed >= held > len(rows) // 2
    # The answers of that minute find them held, and stay those of the direct search.
    hits = index.held.hits
    rng = random.Random(4)
    pks = sorted(session.connection().execute(text("SELECT pk FROM access_point")).scalars())
    for number in range(15):
        case = {**_case(rng), "at": at + timedelta(seconds=rng.randrange(60))}
        case["open_mode"] = OpenMode.NOW
        if number < 5:
            # No filter, as far as 25 km: the sun-time places around are looked at (a
            # filtered search never evaluates the places its filters leave out).
            case |= {"filters": AccessPointFilters(), "matching_share": 0}
            case |= {"max_distance_m": 25_000.0, "limit": 20}
        direct, fast = _both(session, index, case, pks)
        assert fast == direct, f"case {number}: {case}"
    assert index.held.hits > hits
    index.close()
    assert not index.warmer.running


def test_the_states_of_many_rows_at_once_are_those_asked_row_by_row(session: Session) -> None:
    # Around sunrise (08:0x in late November), when sun-time values change state. Each
    # path of ``codes_at`` is taken: codes known, rows prefetched, and rows asked one by
    # one (those a minute's memo holds but its array does not show).
    generate(session.connection(), 4000)
    rng = random.Random(11)
    for minutes in range(7 * 60 + 50, 8 * 60 + 25, 5):
        at = MONDAY + timedelta(minutes=minutes, seconds=rng.randrange(60))
        at += timedelta(microseconds=rng.randrange(1_000_000))
        many = NearestIndex().minute_state(session=session, at=at)
        one = NearestIndex().minute_state(session=session, at=at)
        order = list(range(len(many.states)))
        rng.shuffle(order)
        asked = [i for i in order if many.states[i] == AT_PLACE][:300]
        for i in asked:
            many.state_at(i, at)
        many.known[asked[:100]] = AT_PLACE  # as a write another thread made and lost
        codes = many.codes_at(np.array(order, dtype=np.intp), at).tolist()
        assert codes == [one.state_at(i, at) for i in order]
        assert AT_PLACE not in codes and CHANGING not in codes


def test_a_write_advances_the_sequence_and_the_index_follows(session: Session) -> None:
    index = NearestIndex()
    origin = Origin(lat=50.8466, lon=4.3528, source="coordinates", nis_code="21004")
    at = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)
    arguments: dict[str, Any] = {
        "origin": origin,
        "at": at,
        "open_mode": OpenMode.NOW,
        "limit": 3,
        "max_distance_m": 25_000.0,
        "filters": AccessPointFilters(),
    }
    before = find_nearest(session=session, index=index, **arguments)
    first = before.items[0].access_point.id
    sequence = read_change_sequence(session=session)
    # A plain SQL write, as an import would make one: the triggers advance the sequence.
    session.connection().execute(
        text("UPDATE access_point SET opening_hours = 'off' WHERE id = :id"), {"id": first}
    )
    assert read_change_sequence(session=session) > sequence
    after = find_nearest(session=session, index=index, **arguments)
    assert first not in [i.access_point.id for i in after.items]
    assert after == find_nearest(session=session, **arguments)
    assert index.builds == 2


def test_the_endpoint_answers_from_the_index_near_now_and_directly_far_from_it(
    client: TestClient, app: FastAPI, session: Session
) -> None:
    index: NearestIndex = app.state.nearest_index
    query = "/v1/access-points/nearest?lat=50.8466&lon=4.3528&limit=5&service_area=full"
    now = client.get(query)
    assert now.status_code == 200
    assert index.builds == 1  # `at` is now: the index answered (and was built for it)
    origin = Origin.model_validate(now.json()["origin"])
    direct = find_nearest(
        session=session,
        origin=origin,
        at=NOW,
        open_mode=OpenMode.NOW,
        limit=5,
        max_distance_m=25_000.0,
        filters=AccessPointFilters(),
        residence=resolve_residence(
            session=session, residence=None, origin_nis_code=origin.nis_code
        ),
    )
    assert now.json() == direct.model_dump(mode="json")
    # An instant a week away is answered by the direct search: no minute state for it.
    later = client.get(query + "&at=2026-11-30T10:00")
    assert later.status_code == 200
    assert index.builds == 1 and index.minutes_held == 1
