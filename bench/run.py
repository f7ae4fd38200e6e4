"""Benchmark of the main query on synthetic data (see bench/generate.py): not a timed test.

For 10 000 and 100 000 access points it reports, in one run on this machine:
- ``nearest`` (limit 10, open now, Monday 10:00) p50/p95 inside the process, and the
  sparse case (Sunday 03:00, under 1 % open), with the bare R*Tree lookup for scale;
- the requests per second of ``nearest`` over HTTP as a ratio of ``/healthz`` on the same
  server, same client, same run;
- the server's peak resident memory (VmHWM).

Run: ``make bench`` (or ``.venv/bin/python -m bench.run --sizes 10000 100000``).
"""

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import text
from sqlmodel import Session

from api.db import make_engine, migrate
from api.geo import Point, box_around
from api.hours import BRUSSELS
from api.models.responses import NearestResponse, Origin
from api.services.filters import AccessPointFilters
from api.services.nearest import OpenMode, find_nearest
from api.services.nearest.competence import resolve_residence
from bench.generate import generate
from seed.reference import load_reference

WEEKDAY = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)
SPARSE = datetime(2026, 11, 22, 3, 0, tzinfo=BRUSSELS)


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of ``values`` (inclusive method)."""
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def build(path: Path, size: int) -> str:
    """A SQLite database at ``path`` with the reference data and ``size`` synthetic points."""
    url = f"sqlite:///{path}"
    engine = make_engine(url)
    migrate(engine)
    with Session(engine) as session:
        load_reference(session=session)
        session.commit()
    generate(engine, size)
    engine.dispose()
    return url


def origins(url: str, count: int) -> list[tuple[float, float, str | None]]:
    """Random real postcode centroids of Brussels and Wallonia as query origins."""
    engine = make_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT p.lat, p.lon, p.nis_code FROM postcode p JOIN municipality m "
                "ON m.nis_code = p.nis_code WHERE m.region IN ('brussels', 'wallonia')"
            )
        ).all()
    engine.dispose()
    rng = random.Random(7)
    return [(row[0], row[1], row[2]) for row in (rng.choice(rows) for _ in range(count))]


def _answer(session: Session, origin: Origin, at: datetime) -> NearestResponse:
    """What the API answers (``GET /nearest`` with its defaults): the residence is the
    origin's municipality, so the competent group and the unknown-hours group are computed."""
    residence = resolve_residence(session=session, residence=None, origin_nis_code=origin.nis_code)
    return find_nearest(
        session=session,
        origin=origin,
        at=at,
        open_mode=OpenMode.NOW,
        limit=10,
        max_distance_m=25_000,
        filters=AccessPointFilters(),
        residence=residence,
    )


def in_process(
    url: str, at: datetime, points: list[tuple[float, float, str | None]]
) -> dict[str, float]:
    """p50/p95 in milliseconds of ``find_nearest`` called directly, and of the bare R*Tree
    box lookup around the same origins."""
    engine = make_engine(url)
    times, index_times, found = [], [], []
    with Session(engine) as session:
        for lat, lon, nis in points[:20]:  # warm up caches and the parsed-hours cache
            _answer(session, Origin(lat=lat, lon=lon, source="coordinates", nis_code=nis), at)
        for lat, lon, nis in points:
            origin = Origin(lat=lat, lon=lon, source="coordinates", nis_code=nis)
            start = time.perf_counter()
            result = _answer(session, origin, at)
            times.append((time.perf_counter() - start) * 1000)
            found.append(sum(1 for i in result.items if i.distance_m is not None))
            box = box_around(Point(lat, lon), 1000)
            start = time.perf_counter()
            session.execute(
                text(
                    "SELECT pk FROM access_point_rtree WHERE min_lat >= :a AND max_lat <= :b "
                    "AND min_lon >= :c AND max_lon <= :d"
                ),
                {"a": box.min_lat, "b": box.max_lat, "c": box.min_lon, "d": box.max_lon},
            ).all()
            index_times.append((time.perf_counter() - start) * 1000)
    engine.dispose()
    return {
        "p50_ms": percentile(times, 50),
        "p95_ms": percentile(times, 95),
        "rtree_1km_p50_ms": percentile(index_times, 50),
        "mean_places_found": statistics.mean(found),
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _load(port: int, paths: list[str], seconds: float, clients: int) -> float:
    """Requests per second over ``seconds`` with ``clients`` keep-alive connections."""
    done = [0] * clients
    stop = time.perf_counter() + seconds

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = k
        while time.perf_counter() < stop:
            conn.request("GET", paths[i % len(paths)])
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise RuntimeError(f"{paths[i % len(paths)]} answered {response.status}")
            done[k] += 1
            i += clients
        conn.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.perf_counter() - started)


def over_http(
    url: str, points: list[tuple[float, float, str | None]], seconds: float
) -> dict[str, float]:
    """Serve the database with uvicorn (one worker) and measure nearest against /healthz."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": url, "GUICHETS_SEED_ON_STARTUP": "false"}
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "api.main:create_app",
            "--factory",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env=env,
    )
    try:
        for _ in range(100):
            try:
                http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
                break
            except OSError:
                time.sleep(0.1)
        paths = [
            "/v1/access-points/nearest?"
            + urlencode({"lat": lat, "lon": lon, "at": WEEKDAY.isoformat()})
            for lat, lon, _ in points
        ]
        _load(port, paths[:50], 1.0, 4)  # warm-up
        healthz = _load(port, ["/healthz"], seconds, 4)
        nearest = _load(port, paths, seconds, 4)
        status = Path(f"/proc/{server.pid}/status").read_text()
        peak_kb = int(
            next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]
        )
    finally:
        server.terminate()
        server.wait(10)
    return {
        "healthz_rps": healthz,
        "nearest_rps": nearest,
        "ratio": nearest / healthz,
        "server_peak_rss_mb": peak_kb / 1024,
    }


def main() -> None:
    """Run the benchmark and print (and save to bench/results/latest.json) the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            url = build(Path(folder) / f"bench-{size}.db", size)
            points = origins(url, args.queries)
            results[size] = {
                "weekday_morning": in_process(url, WEEKDAY, points),
                "sunday_3am_sparse": in_process(url, SPARSE, points),
                "http": over_http(url, points, args.seconds),
            }
            print(json.dumps({size: results[size]}, indent=2), flush=True)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
