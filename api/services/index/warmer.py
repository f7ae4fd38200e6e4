"""The openings of every place with sun times computed ahead, in a thread of its own.

A place with sunrise, sunset, dawn or dusk costs opening_hours.js milliseconds the first
time an answer needs it, and after each of its changes (a few a day). So when a request
takes the state of a new minute, the warmer computes, in the background, the opening of
each such place whose held opening no longer holds (``held.HeldOpenings``), without
closures (what the minute's states and the arrival checks read; a place's closures are put
on top elsewhere). Requests then find them held; one that comes first computes its own, as
without the warmer, and gets the same answer.

The warmer is given the minute by the requests (the application's clock), never reads
the time itself, and uses no database: only the snapshot's arrays.
"""

import logging
import threading

from api import hours
from api.services.index.held import HeldOpenings, Key
from api.services.index.minute import MinuteState

_LOG = logging.getLogger(__name__)


class HeldWarmer:
    """One daemon thread computing ahead the openings of ``held`` for the last minute state
    asked (``request``); a newer minute replaces an older one not yet done."""

    def __init__(self, held: HeldOpenings) -> None:
        self._held = held
        self._wanted: MinuteState | None = None
        self._busy = False
        self._stopping = False
        self._changed = threading.Condition()
        self._thread: threading.Thread | None = None
        self.computed = 0
        """Openings the warmer has computed (the benchmark reports it)."""

    @property
    def running(self) -> bool:
        """Whether the thread is alive (started by the first ``request``, ended by
        ``stop``)."""
        return self._thread is not None and self._thread.is_alive()

    def request(self, state: MinuteState) -> None:
        """Warm the sun-time places of ``state`` (returns at once)."""
        with self._changed:
            self._wanted, self._busy = state, True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="guichets-held-warmer", daemon=True
                )
                self._thread.start()
            self._changed.notify_all()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread (the application's shutdown), waiting at most ``timeout``
        seconds for the opening it is computing: it must not be inside opening_hours.js
        when the process closes the engine."""
        with self._changed:
            self._stopping, self._wanted = True, None
            self._changed.notify_all()
        if self._thread is not None:
            self._thread.join(timeout)

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the last minute asked is warmed, at most ``timeout`` seconds
        (None: no limit); whether it is (the benchmark waits, as a running server's
        requests find it done after its first minutes)."""
        with self._changed:
            return self._changed.wait_for(lambda: not self._busy, timeout)

    def _run(self) -> None:
        while True:
            with self._changed:
                self._changed.wait_for(lambda: self._wanted is not None or self._stopping)
                if self._stopping:
                    self._busy = False
                    self._changed.notify_all()
                    return
                state, self._wanted = self._wanted, None
            assert state is not None
            try:
                self._warm(state)
            except Exception:  # pragma: no cover - the requests compute what is missing
                _LOG.exception("warming the openings of places with sun times failed")
            with self._changed:
                if self._wanted is None:
                    self._busy = False
                    self._changed.notify_all()

    def _warm(self, state: MinuteState) -> None:
        snapshot, minute = state.snapshot, state.minute
        for i in state.at_place.tolist():
            if self._wanted is not None or self._stopping:
                return  # a newer minute was asked (warm that one instead), or the end
            if len(self._held) >= self._held.at_most - 1:
                return  # more such places than are held: warming would only churn
            value = snapshot.schedules[int(snapshot.schedule[i])]
            if value is None or not hours.walks_alike(value):
                continue
            coordinates = (float(snapshot.lat[i]), float(snapshot.lon[i]))
            key: Key = (value, (), coordinates)
            if not self._held.holds(key, minute):
                self._held.opening(value=value, minute=minute, closures=(), coordinates=coordinates)
                self.computed += 1
