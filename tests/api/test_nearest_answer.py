"""The nearest answer as the endpoint sends it (``api.services.nearest.answer``): the body
assembled from pre-serialised parts, with the origin, the residence, the competence and the
phone lines read from the index's memory, is byte for byte the body the direct path gives
(SQL, Pydantic serialising the whole ``NearestResponse``)."""

import dataclasses
import random
from datetime import datetime, timedelta

import orjson
import pytest
from sqlalchemy import text
from sqlmodel import Session

from api.errors import InvalidQueryError
from api.hours import BRUSSELS
from api.models.common import Kind, Theme, region_of_municipality
from api.services.filters import AccessPointFilters
from api.services.index import NearestIndex, publics
from api.services.nearest import CompetenceMode, OpenMode
from api.services.nearest.answer import NearestQuery, answer_nearest
from api.services.nearest.arrival import ArrivalMode
from bench.generate import generate

MONDAY = datetime(2026, 11, 23, 0, 0, tzinfo=BRUSSELS)
CENTRES = [(50.8466, 4.3528), (50.4669, 4.8675), (50.6326, 5.5797), (50.4108, 4.4446)]
# From Schaerbeek's postcode on a Monday morning, with the endpoint's defaults.
SCHAERBEEK = NearestQuery(
    lat=None, lon=None, postcode="1030", address=None, residence=None,
    competence=CompetenceMode.COMPETENT, open_mode=OpenMode.NOW, limit=10,
    max_distance_m=25_000.0, on_arrival=ArrivalMode.FLAG, filters=AccessPointFilters(),
    search=None, lang="fr", at=MONDAY + timedelta(hours=10),
)  # fmt: skip
POSTCODES = ["1000", "1020", "1030", "1070", "1080", "5000", "4000", "6000", "7000"]


def _query(rng: random.Random) -> NearestQuery:
    at = MONDAY + timedelta(minutes=rng.randrange(7 * 24 * 60), seconds=rng.randrange(60))
    by_postcode = rng.random() < 0.3
    lat, lon = rng.choice(CENTRES)
    return NearestQuery(
        lat=None if by_postcode else lat + rng.uniform(-0.05, 0.05),
        lon=None if by_postcode else lon + rng.uniform(-0.08, 0.08),
        postcode=rng.choice(POSTCODES) if by_postcode else None,
        address=None,
        residence=rng.choice([None, None, "21015", "1030", "92094", "5000"]),
        competence=rng.choice(list(CompetenceMode)),
        open_mode=rng.choice([OpenMode.NOW, OpenMode.NOW, OpenMode.ANY]),
        limit=rng.choice([3, 10, 20]),
        max_distance_m=rng.choice([2_000.0, 25_000.0]),
        on_arrival=rng.choice(list(ArrivalMode)),
        filters=rng.choice(
            [
                AccessPointFilters(),
                AccessPointFilters(kind=Kind.GUICHET),
                AccessPointFilters(theme=Theme.SOCIAL_AID),
                AccessPointFilters(kind=Kind.PHONE_LINE),
            ]
        ),
        search=None,
        lang=rng.choice(["fr", "nl", "en"]),
        at=at,
    )


@pytest.mark.parametrize("extra_places", [0, 2000])
def test_the_assembled_body_is_the_direct_body_byte_for_byte(
    session: Session, extra_places: int
) -> None:
    if extra_places:
        generate(session.connection(), extra_places)
    rng = random.Random(14 + extra_places)
    index = NearestIndex()
    with_items = 0
    for number in range(80):
        query = _query(rng)
        direct = answer_nearest(session=session, query=query, geocoder=None, index=None)
        fast = answer_nearest(session=session, query=query, geocoder=None, index=index)
        assert fast == direct, f"case {number}: {query}"
        body = orjson.loads(fast)
        with_items += bool(body["items"] or body["competent"])
    assert with_items > 40  # the cases are not all empty answers
    assert index.builds == 1 and index.snapshot(session=session).memo.values


def test_a_write_is_in_the_next_answer_from_memory(session: Session) -> None:
    index = NearestIndex()
    query = dataclasses.replace(SCHAERBEEK, open_mode=OpenMode.ANY, limit=20)
    before = orjson.loads(answer_nearest(session=session, query=query, geocoder=None, index=index))
    lines = [i["access_point"]["id"] for i in before["items"] if i["distance_m"] is None]
    assert lines, "Schaerbeek (1030) is served by phone lines"
    # A memo of the phone lines serving 1030 must not outlive a write to one of them.
    session.connection().execute(
        text("UPDATE access_point SET service_area = :area WHERE id = :id"),
        {"area": '["21004"]', "id": lines[0]},
    )
    after = orjson.loads(answer_nearest(session=session, query=query, geocoder=None, index=index))
    assert lines[0] not in [i["access_point"]["id"] for i in after["items"]]
    assert index.builds == 2


def test_an_unknown_postcode_is_refused_from_memory_as_by_sql(session: Session) -> None:
    index = NearestIndex()
    query = dataclasses.replace(SCHAERBEEK, postcode="9999")
    with pytest.raises(InvalidQueryError, match="unknown Belgian postcode '9999'"):
        answer_nearest(session=session, query=query, geocoder=None, index=index)
    with pytest.raises(InvalidQueryError, match="unknown residence '9999'"):
        answer_nearest(
            session=session,
            query=dataclasses.replace(query, postcode="1030", residence="9999"),
            geocoder=None,
            index=index,
        )


def test_the_region_of_every_municipality_follows_from_its_nis_code(session: Session) -> None:
    rows = session.connection().execute(text("SELECT nis_code, region FROM municipality")).all()
    assert len(rows) > 500  # every Belgian municipality
    assert all(region_of_municipality(nis) == region for nis, region in rows)
    assert region_of_municipality("04000") is None  # a region's own code


def test_the_public_forms_kept_are_bounded_and_the_answers_unchanged(
    session: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(publics, "PUBLICS_KEPT", 8)
    index = NearestIndex()
    rng = random.Random(3)
    sizes = []
    for _ in range(25):
        query = _query(rng)
        fast = answer_nearest(session=session, query=query, geocoder=None, index=index)
        assert fast == answer_nearest(session=session, query=query, geocoder=None, index=None)
        sizes.append(len(index.snapshot(session=session).publics))
    # Past the bound the memo starts afresh: it never holds more than one answer's worth
    # (at most 3 groups of 20) beyond it.
    assert max(sizes) <= 8 + 60
    assert min(sizes[5:]) < max(sizes)  # it was started afresh at least once
