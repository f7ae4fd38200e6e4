"""The API over HTTP under load: one server as ``guichets serve`` runs it (uvicorn, one worker,
its protocol; no access log), a load generator on the same machine, and what the server
spent (CPU, peak memory).

The load generator is ``wrk`` when it is installed (``apt-get install wrk``: C, a small share
of the CPU), else a Python client of keep-alive connections in threads, which takes more of
the machine's CPU from the server and so lowers every figure, ``/healthz`` most; the results
say which one ran.
"""

import http.client
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from api.server import PROTOCOL

CONNECTIONS = 8
"""Keep-alive connections the load generator holds open."""

_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Load:
    """One load phase: requests answered, seconds, CPU seconds the server spent."""

    requests: int
    seconds: float
    server_cpu_s: float

    @property
    def per_second(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds

    @property
    def cpu_ms_per_request(self) -> float | None:
        """Server CPU (user + system) per request, milliseconds; None when no request was
        answered within the phase (each slower than the phase itself)."""
        return self.server_cpu_s * 1000 / self.requests if self.requests else None


def generator() -> str:
    """The load generator that ``load`` uses: ``wrk`` or ``python``."""
    return "wrk" if shutil.which("wrk") else "python"


def _cpu_seconds(pid: int) -> float:
    # /proc/<pid>/stat: utime and stime are fields 14 and 15, after the parenthesised name.
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / _TICKS


def wait_idle(
    pid: int, *, window_s: float = 2.0, busy_share: float = 0.05, at_most_s: float = 300.0
) -> float:
    """Wait until process ``pid``, not asked anything, uses less than ``busy_share`` of a
    core over ``window_s`` seconds (its index's warmer has computed the sun-time places'
    openings: a server past its first minutes), at most ``at_most_s``; the seconds waited."""
    started = time.perf_counter()
    while time.perf_counter() - started < at_most_s:
        before = _cpu_seconds(pid)
        time.sleep(window_s)
        if _cpu_seconds(pid) - before < busy_share * window_s:
            break
    return time.perf_counter() - started


def peak_rss_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of process ``pid`` so far, in MiB."""
    status = Path(f"/proc/{pid}/status").read_text()
    line = next(line for line in status.splitlines() if line.startswith("VmHWM"))
    return int(line.split()[1]) / 1024


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(database_url: str) -> Iterator[tuple[int, int]]:
    """uvicorn (one worker, no access log) on ``database_url`` at a free local port, until the
    block ends; yields (port, pid). Raises ``RuntimeError`` when it does not answer
    ``/healthz`` within 20 s."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "GUICHETS_SEED_ON_STARTUP": "false",
    }
    # As ``guichets serve`` runs it (api.server's protocol), less the access log: one line
    # per request written to the terminal would be measured too.
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "api.main:create_app",
        "--factory",
        "--http",
        PROTOCOL,
        "--no-access-log",
        "--port",
        str(port),
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        for _ in range(200):
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError(f"the server on {database_url} did not answer /healthz")
        yield port, server.pid
    finally:
        server.terminate()
        server.wait(10)


def load(port: int, pid: int, paths: list[str], seconds: float) -> Load:
    """Request ``paths`` (in turn, over ``CONNECTIONS`` keep-alive connections) for
    ``seconds``; the server's CPU is read from /proc around it. Raises ``RuntimeError`` when
    a response is not a 200."""
    cpu = _cpu_seconds(pid)
    if generator() == "wrk":
        requests, elapsed = _wrk(port, paths, seconds)
    else:
        requests, elapsed = _python(port, paths, seconds)
    return Load(requests, elapsed, _cpu_seconds(pid) - cpu)


_LUA = """paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def _wrk(port: int, paths: list[str], seconds: float) -> tuple[int, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        # Paths are URL-encoded: no "]]" can end Lua's long bracket string early.
        script.write(_LUA % ", ".join(f"[[{path}]]" for path in paths))
        script.flush()
        out = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{CONNECTIONS}",
                f"-d{max(1, round(seconds))}s",
                # A slow answer lowers the rate; only one slower than this counts as failed.
                "--timeout",
                "30s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors or "Socket errors" in out:
        raise RuntimeError(f"wrk saw failed requests on {paths[0]}:\n{out}")
    match = re.search(r"(\d+) requests in ([\d.]+)(ms|s|m)\b", out)
    if match is None:
        raise RuntimeError(f"unexpected wrk output:\n{out}")
    elapsed = float(match.group(2)) * {"ms": 0.001, "s": 1.0, "m": 60.0}[match.group(3)]
    return int(match.group(1)), elapsed


def _python(port: int, paths: list[str], seconds: float) -> tuple[int, float]:
    done = [0] * CONNECTIONS
    failures: list[str] = []
    stop = time.perf_counter() + seconds

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = k
        while time.perf_counter() < stop:
            conn.request("GET", paths[i % len(paths)])
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                failures.append(f"{paths[i % len(paths)]} answered {response.status}")
                return
            done[k] += 1
            i += CONNECTIONS
        conn.close()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(CONNECTIONS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise RuntimeError(failures[0])
    return sum(done), time.perf_counter() - started


def rounds(
    port: int, pid: int, endpoints: dict[str, list[str]], *, count: int, seconds: float
) -> dict[str, dict[str, float | None]]:
    """``count`` rounds, each loading every endpoint (name → paths) in turn for ``seconds``,
    ``healthz`` first; per endpoint the medians over the rounds of its requests/s, of its
    ratio to ``healthz`` in the same round, and of the server's CPU ms per request (over the
    rounds where it answered; None if it never did)."""
    phases: dict[str, list[Load]] = {name: [] for name in endpoints}
    ratios: dict[str, list[float]] = {name: [] for name in endpoints}
    for _ in range(count):
        for name, paths in endpoints.items():
            phases[name].append(load(port, pid, paths, seconds))
        for name in endpoints:
            ratios[name].append(phases[name][-1].per_second / phases["healthz"][-1].per_second)
    return {
        name: {
            "rps_median": statistics.median(p.per_second for p in runs),
            "rps_min": min(p.per_second for p in runs),
            "rps_max": max(p.per_second for p in runs),
            "ratio_to_healthz_median": statistics.median(ratios[name]),
            "cpu_ms_per_request_median": _median_cpu(runs),
        }
        for name, runs in phases.items()
    }


def _median_cpu(runs: list[Load]) -> float | None:
    # Over the phases that answered at least once (a direct search on a sparse night at
    # 100 000 points may not answer within a 5 s phase); None when none did.
    answered = [cpu for cpu in (p.cpu_ms_per_request for p in runs) if cpu is not None]
    return statistics.median(answered) if answered else None
