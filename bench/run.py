"""Benchmark of the main query on synthetic data (bench/generate.py: GENERATED, NOT REAL
PLACES): a measurement, not a timed test.

For each engine (SQLite, PostgreSQL) and size (10 000 and 100 000 access points) it reports:
- ``nearest`` (limit 10, open now, 25 km, competence for the origin) p50/p95 in the process,
  on a weekday morning (Monday 10:00) and in the sparse case (Sunday 03:00, under 1 % open),
  by the direct path (SQL) and from the in-memory index, with the bare spatial-index lookup
  for scale; the index's refresh times (snapshot after a write, state of a new minute);
- over HTTP (one uvicorn worker): requests/s of ``nearest`` (no ``at``: now, as clients ask
  it; and at Sunday 03:00, answered by the direct search), of the list (a municipality's
  directory, 20 items) and of one access point, each as a ratio of ``/healthz`` on the same
  server in the same round; several rounds, medians; the server's CPU per request and its
  peak resident memory (VmHWM).

Run: ``make bench`` (or ``.venv/bin/python -m bench.run --engines sqlite postgresql``).
PostgreSQL: databases ``<name>_<size>`` are created beside ``--postgres-url`` (default
``$GUICHETS_BENCH_POSTGRES_URL``) and dropped after; without a URL only SQLite runs.
"""

import argparse
import json
import os
import platform
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa

from api.hours import BRUSSELS
from bench.databases import access_point_ids, build_postgresql, build_sqlite, drop_postgresql
from bench.databases import origins as query_origins
from bench.http_load import generator, load, peak_rss_mb, rounds, serving, wait_idle
from bench.in_process import index_refresh, nearest_times
from bench.report import markdown

WEEKDAY = datetime(2026, 11, 23, 10, 0, tzinfo=BRUSSELS)
SPARSE = datetime(2026, 11, 22, 3, 0, tzinfo=BRUSSELS)
RESULTS = Path(__file__).parent / "results"


def _endpoints(url: str, queries: int) -> dict[str, list[str]]:
    """name → request paths: ``healthz`` first (the rounds' reference)."""
    points = query_origins(url, queries)
    ids = access_point_ids(url, queries)
    return {
        "healthz": ["/healthz"],
        "nearest": [
            "/v1/access-points/nearest?" + urlencode({"lat": lat, "lon": lon})
            for lat, lon, _, _ in points
        ],
        # An explicit instant far from now: the direct search (SQL), on a sparse night.
        "nearest_sunday_3am": [
            "/v1/access-points/nearest?"
            + urlencode({"lat": lat, "lon": lon, "at": SPARSE.isoformat()})
            for lat, lon, _, _ in points
        ],
        "list": [
            "/v1/access-points?" + urlencode({"nis_code": nis, "limit": 20})
            for _, _, nis, _ in points
            if nis
        ],
        "access_point": [f"/v1/access-points/{access_point_id}" for access_point_id in ids],
    }


def measure(url: str, args: argparse.Namespace) -> dict[str, Any]:
    """Every figure of one database (see the module docstring)."""
    points = query_origins(url, args.queries)
    figures: dict[str, Any] = {}
    for name, at in (("weekday", WEEKDAY), ("sparse", SPARSE)):
        figures[f"direct_{name}"] = nearest_times(url, at, points, indexed=False)
        figures[f"index_{name}"] = nearest_times(url, at, points, indexed=True)
        print(f"  {name}: done", flush=True)
    figures["index_refresh"] = index_refresh(url, {"weekday": WEEKDAY, "sparse": SPARSE})
    endpoints = _endpoints(url, args.queries)
    with serving(url) as (port, pid):
        for paths in endpoints.values():  # warm-up: caches, the index of the current minute
            load(port, pid, paths[:50], 1.0)
        # The warmer's first pass (every sun-time place) before any measured load.
        figures["http_idle_wait_s"] = wait_idle(pid)
        figures["http_warm_up_s"] = _steady(port, pid, endpoints["nearest"])
        figures["http"] = rounds(port, pid, endpoints, count=args.rounds, seconds=args.seconds)
        figures["server_peak_rss_mb"] = peak_rss_mb(pid)
    return figures


def _steady(port: int, pid: int, paths: list[str], phase_s: float = 10.0) -> float:
    """Load ``paths`` in phases of ``phase_s`` seconds, at least 6 (a server past its first
    minute: its warmer at work, the public forms of the origins' places read), then until
    two in a row answer within 10 % of each other's requests/s, at most 18; the seconds it
    took."""
    started = time.perf_counter()
    previous = 0.0
    for phase in range(18):
        rate = load(port, pid, paths, phase_s).per_second
        if phase >= 5 and abs(rate - previous) <= 0.1 * previous:
            break
        previous = rate
    return time.perf_counter() - started


@contextmanager
def database(engine: str, size: int, folder: Path, postgres_url: str) -> Iterator[str]:
    """A database of ``size`` synthetic points on ``engine`` for the block; its URL."""
    if engine == "sqlite":
        yield build_sqlite(folder, size)
        return
    try:
        yield build_postgresql(postgres_url, size)
    finally:
        drop_postgresql(postgres_url, size)


def _machine(postgres_url: str | None) -> dict[str, Any]:
    """What the figures depend on: CPUs, load average, versions, the load generator."""
    facts: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "load_average_1_5_15": os.getloadavg(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_generator": generator(),
    }
    if postgres_url:
        engine = sa.create_engine(postgres_url)
        with engine.connect() as conn:
            facts["postgresql"] = conn.execute(sa.text("SHOW server_version")).scalar()
        engine.dispose()
    return facts


def main() -> None:
    """Run the benchmark; print the figures and save them (JSON and a Markdown table) to
    bench/results/latest.json and latest.md."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument(
        "--engines", nargs="+", choices=["sqlite", "postgresql"], default=["sqlite", "postgresql"]
    )
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("GUICHETS_BENCH_POSTGRES_URL"),
        help="postgresql+psycopg://user@host:port/name; databases name_<size> are made",
    )
    parser.add_argument("--queries", type=int, default=500, help="origins per measurement")
    parser.add_argument("--seconds", type=float, default=5.0, help="seconds per HTTP phase")
    parser.add_argument("--rounds", type=int, default=3, help="HTTP rounds (medians)")
    args = parser.parse_args()
    engines = [e for e in args.engines if e == "sqlite" or args.postgres_url]
    if engines != args.engines:
        print("no --postgres-url (or GUICHETS_BENCH_POSTGRES_URL): PostgreSQL skipped")
    results: dict[str, Any] = {"machine_before": _machine(args.postgres_url), "runs": {}}
    with tempfile.TemporaryDirectory() as folder:
        for engine in engines:
            for size in args.sizes:
                print(f"{engine}, {size} points", flush=True)
                with database(engine, size, Path(folder), args.postgres_url) as url:
                    figures = measure(url, args)
                results["runs"][f"{engine}-{size}"] = figures
                print(json.dumps(figures, indent=2), flush=True)
    results["machine_after"] = _machine(args.postgres_url)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(results, indent=2))
    table = markdown(results)
    (RESULTS / "latest.md").write_text(table)
    print(table)


if __name__ == "__main__":
    main()
