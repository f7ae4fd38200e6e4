"""The benchmark's own arithmetic and report (bench/): what it reads of a process, the
figures it derives from a load phase, and the table the README takes."""

import os
import subprocess
import sys

from bench.http_load import Load, _cpu_seconds, peak_rss_mb, wait_idle
from bench.report import markdown


def test_a_load_phase_gives_rate_and_cpu_per_request() -> None:
    phase = Load(requests=2000, seconds=4.0, server_cpu_s=1.5)
    assert phase.per_second == 500.0
    assert phase.cpu_ms_per_request == 0.75


def test_a_phase_without_an_answer_has_no_cpu_per_request() -> None:
    # A direct search slower than the phase: the rate is zero, nothing to divide by.
    phase = Load(requests=0, seconds=5.0, server_cpu_s=4.9)
    assert phase.per_second == 0.0
    assert phase.cpu_ms_per_request is None


def test_cpu_and_peak_memory_are_read_from_proc() -> None:
    before = _cpu_seconds(os.getpid())
    sum(i * i for i in range(300_000))  # burn a little CPU
    assert _cpu_seconds(os.getpid()) >= before > 0
    assert 10 < peak_rss_mb(os.getpid()) < 4096


def _timed(p50: float, p95: float) -> dict[str, float]:
    return {"p50_ms": p50, "p95_ms": p95, "mean_open_found": 10}


def _http(rps: float, ratio: float, cpu: float | None) -> dict[str, float | None]:
    return {
        "rps_median": rps,
        "rps_min": rps,
        "rps_max": rps,
        "ratio_to_healthz_median": ratio,
        "cpu_ms_per_request_median": cpu,
    }


def test_the_table_has_a_column_per_run_and_says_how_loaded_the_machine_was() -> None:
    run = {
        "direct_weekday": _timed(20.0, 30.0) | {"bare_index_1km_p50_ms": 0.3},
        "index_weekday": _timed(0.4, 0.9) | {"sun_times_warmed": 5619, "sun_times_warmed_s": 39.6},
        "direct_sparse": _timed(50.0, 90.0),
        "index_sparse": _timed(0.3, 0.8),
        "index_refresh": {"snapshot_ms": 400.0, "minute_weekday_ms": 80, "minute_sparse_ms": 70},
        "http": {
            "healthz": _http(8000, 1.0, 0.12),
            "nearest": _http(4000, 0.5, 0.25),
            "list": _http(800, 0.1, 1.2),
            "access_point": _http(2000, 0.25, 0.5),
        },
        "server_peak_rss_mb": 250.4,
        "http_warm_up_s": 40.2,
    }
    # A run where the list never answered within a phase.
    slow = run | {"http": run["http"] | {"list": _http(0, 0.0, None)}}
    machine = {
        "cpus": 2,
        "python": "3.11.7",
        "sqlite": "3.40.1",
        "load_generator": "wrk",
        "load_average_1_5_15": [1.0, 0.5, 0.25],
    }
    table = markdown(
        {
            "machine_before": machine,
            "machine_after": machine | {"load_average_1_5_15": [2.0, 1.0, 0.5]},
            "runs": {"sqlite-10000": run, "postgresql-100000": slow},
        }
    )
    lines = table.splitlines()
    assert lines[0] == "| | sqlite, 10000 points | postgresql, 100000 points |"
    assert "| `nearest` Sunday 03:00, in process, index: p50 / p95 ms | 0.30 / 0.80 |" in table
    assert "| HTTP `nearest` (now): requests/s, ratio to `/healthz` | 4000, **0.50** |" in table
    assert "| 0.12 / 0.25 / 1.20 / 0.50 | 0.12 / 0.25 / no answer / 0.50 |" in table
    assert "| server peak RSS (VmHWM), MB | 250 | 250 |" in table
    assert "computed ahead (warmer), Mon 10:00: count / s | 5619 / 40 | 5619 / 40 |" in table
    assert "| HTTP warm-up until `nearest` is steady, s | 40 | 40 |" in table
    assert "load average (1, 5, 15 min) 1.00, 0.50, 0.25 before, 2.00, 1.00, 0.50 after" in table


def test_waiting_for_an_idle_server_lasts_while_it_computes() -> None:
    # A process that keeps a core busy for 1.5 s, then sleeps (as the index's warmer does
    # after its first pass): the wait ends after its busy time, not before, and not long after.
    busy = (
        "import time\nstart = time.time()\nwhile time.time() - start < 1.5:\n    pass\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen([sys.executable, "-c", busy])
    try:
        waited = wait_idle(child.pid, window_s=0.5)
    finally:
        child.kill()
        child.wait()
    assert 1.0 <= waited < 10.0
