"""The benchmark's figures as a Markdown table (one column per engine and size), as the README
shows them."""

from typing import Any


def _pair(figures: dict[str, float], prefix: str = "") -> str:
    if f"{prefix}p50_ms" not in figures:
        return "—"
    return f"{figures[prefix + 'p50_ms']:.2f} / {figures[prefix + 'p95_ms']:.2f}"


def _rows(run: dict[str, Any]) -> list[tuple[str, str]]:
    http = run["http"]
    refresh = run["index_refresh"]
    rows = [
        ("`nearest` Monday 10:00, in process, index: p50 / p95 ms", _pair(run["index_weekday"])),
        ("the same, second visit (warm): p50 / p95 ms", _pair(run["index_weekday"], "warm_")),
        ("`nearest` Sunday 03:00, in process, index: p50 / p95 ms", _pair(run["index_sparse"])),
        ("the same, second visit (warm): p50 / p95 ms", _pair(run["index_sparse"], "warm_")),
        (
            "`nearest` Monday 10:00, in process, direct SQL: p50 / p95 ms",
            _pair(run["direct_weekday"]),
        ),
        (
            "`nearest` Sunday 03:00, in process, direct SQL: p50 / p95 ms",
            _pair(run["direct_sparse"]),
        ),
    ]
    bare = run["direct_weekday"].get("bare_index_1km_p50_ms")
    if bare is not None:
        rows.append(("bare spatial-index lookup (SQL), 1 km box, p50 ms", f"{bare:.3f}"))
    rows += [
        (
            "index refresh: snapshot after a write / new minute (Mon 10:00, Sun 03:00), ms",
            f"{refresh['snapshot_ms']:.0f} / {refresh['minute_weekday_ms']:.0f}, "
            f"{refresh['minute_sparse_ms']:.0f}",
        ),
    ]
    warmed = run["index_weekday"].get("sun_times_warmed")
    if warmed is not None:
        rows.append(
            (
                "openings of sun-time places computed ahead (warmer), Mon 10:00: count / s",
                f"{warmed} / {run['index_weekday']['sun_times_warmed_s']:.0f}",
            )
        )
    if "http_idle_wait_s" in run:
        rows.append(
            (
                "HTTP wait for the idle server (warmer's first pass), s",
                f"{run['http_idle_wait_s']:.0f}",
            )
        )
    if "http_warm_up_s" in run:
        rows.append(("HTTP warm-up until `nearest` is steady, s", f"{run['http_warm_up_s']:.0f}"))
    rows.append(("HTTP `/healthz` requests/s (median)", f"{http['healthz']['rps_median']:.0f}"))
    for name, label in (
        ("nearest", "`nearest` (now)"),
        ("nearest_sunday_3am", "`nearest` at Sunday 03:00 (direct SQL)"),
        ("list", "the list (20 items)"),
        ("access_point", "one access point"),
    ):
        figures = http.get(name)
        if figures is None:
            continue
        rows.append(
            (
                f"HTTP {label}: requests/s, ratio to `/healthz`",
                f"{figures['rps_median']:.0f}, **{figures['ratio_to_healthz_median']:.2f}**",
            )
        )
    rows.append(
        (
            "server CPU per request, ms: healthz / nearest / list / one",
            " / ".join(
                _cpu(http[name]["cpu_ms_per_request_median"])
                for name in ("healthz", "nearest", "list", "access_point")
            ),
        )
    )
    rows.append(("server peak RSS (VmHWM), MB", f"{run['server_peak_rss_mb']:.0f}"))
    return rows


def markdown(results: dict[str, Any]) -> str:
    """A table of ``results`` (as ``bench.run`` saves them): a row per figure, a column per
    run (``<engine>-<size>``), then the machine's facts."""
    runs = results["runs"]
    names = list(runs)
    table = [
        "| | " + " | ".join(name.replace("-", ", ") + " points" for name in names) + " |",
        "|---" * (len(names) + 1) + "|",
    ]
    by_run = {name: _rows(run) for name, run in runs.items()}
    for i, (label, _) in enumerate(by_run[names[0]] if names else []):
        table.append(f"| {label} | " + " | ".join(by_run[n][i][1] for n in names) + " |")
    before, after = results["machine_before"], results["machine_after"]
    table += [
        "",
        f"Machine: {before['cpus']} CPUs, Python {before['python']}, SQLite {before['sqlite']}"
        + (f", PostgreSQL {before['postgresql']}" if "postgresql" in before else "")
        + f"; load generator {before['load_generator']}; load average (1, 5, 15 min) "
        f"{_load(before)} before, {_load(after)} after.",
    ]
    return "\n".join(table) + "\n"


def _load(facts: dict[str, Any]) -> str:
    return ", ".join(f"{value:.2f}" for value in facts["load_average_1_5_15"])


def _cpu(ms: float | None) -> str:
    # None: no request answered within any phase (see http_load.rounds).
    return "no answer" if ms is None else f"{ms:.2f}"
