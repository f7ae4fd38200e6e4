"""Signals back into the directory (issue 13, part 3): the incidents of the last 30 days that
say a place failed the people sent to it ("closed during announced hours", "phone line
unreachable"), counted per access point, with the median wait on the line when it is known.

They are shown to workers on the place page and in search results (counts only, never a
text, never a reporter) and put the place on its editors' verification list.

Rules, and why:

* **The window** is the 30 calendar days ending on ``now``'s date in Europe/Brussels, that
  day included (``RECENT_DAYS``), on the day the incident *happened* (``occurred_on``), not
  the day it was filed: a sheet typed in weeks later is not a recent signal. A date after
  today (which the incident form refuses) is not counted either.
* **Only incidents filed on an access point** count (not those on a whole organization or
  on a service outside the directory): the signal is about this counter or this line.
* **Synthetic incidents** (``reporter = 'synthetic'``, generated for the observatory's tests
  and demonstrations) never count: they must not send a real place to its editors or warn
  workers away from it.
* **The median wait** is that of the "unreachable phone" incidents of the window whose
  ``wait_minutes`` is known (the kinds' data, ``api/data/incidents/kinds.csv``, ties the wait
  to that kind); ``waits_known`` says how many it rests on.
"""

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, select

from api.hours import to_brussels
from api.models import AccessPoint, Actor, Organization
from api.models.incidents import Incident, IncidentKind

RECENT_DAYS = 30
"""Calendar days counted, today (Europe/Brussels) included."""

SIGNAL_KINDS = (IncidentKind.CLOSED_DURING_HOURS, IncidentKind.UNREACHABLE_PHONE)
"""The kinds that say a place was not there when it said it would be."""

SYNTHETIC_REPORTER = "synthetic"
"""The ``reporter`` of generated incidents, which never count as signals."""


@dataclass(frozen=True, slots=True)
class RecentSignals:
    """The signals on one access point over the window: ``reports`` incidents carrying at
    least one signal kind, of which ``closed_during_hours`` and ``unreachable_phone`` say
    each kind (one incident may say both); ``median_wait_minutes`` (minutes, a half when
    the count of known waits is even) of the ``waits_known`` unreachable-line incidents
    that give their wait, None when none does."""

    access_point_id: str
    reports: int
    closed_during_hours: int
    unreachable_phone: int
    median_wait_minutes: float | None
    waits_known: int

    def by_kind(self) -> list[tuple[IncidentKind, int]]:
        """The kinds reported, with their counts, the most frequent first (ties: closed
        before unreachable, the order of ``SIGNAL_KINDS``)."""
        counts = [
            (IncidentKind.CLOSED_DURING_HOURS, self.closed_during_hours),
            (IncidentKind.UNREACHABLE_PHONE, self.unreachable_phone),
        ]
        return sorted(((k, n) for k, n in counts if n), key=lambda item: -item[1])


@dataclass(frozen=True, slots=True)
class SignalledPlace:
    """An access point with recent signals, for its editors' verification list."""

    access_point_id: str
    name: str
    organization_id: str
    organization_name: str
    version: int
    signals: RecentSignals


def window(*, now: datetime) -> tuple[date, date]:
    """The first and last day (Europe/Brussels, both included) of the ``RECENT_DAYS`` days
    ending on ``now``'s date."""
    today = to_brussels(now).date()
    return today - timedelta(days=RECENT_DAYS - 1), today


def _signals(
    access_point_id: str, rows: Iterable[tuple[Sequence[str], int | None]]
) -> RecentSignals:
    """Fold (kinds, wait_minutes) rows of one access point; rows without a signal kind are
    skipped."""
    reports = closed = unreachable = 0
    waits: list[int] = []
    for kinds, wait in rows:
        closed_here = IncidentKind.CLOSED_DURING_HOURS.value in kinds
        unreachable_here = IncidentKind.UNREACHABLE_PHONE.value in kinds
        if not (closed_here or unreachable_here):
            continue
        reports += 1
        closed += closed_here
        unreachable += unreachable_here
        if unreachable_here and wait is not None:
            waits.append(wait)
    return RecentSignals(
        access_point_id=access_point_id,
        reports=reports,
        closed_during_hours=closed,
        unreachable_phone=unreachable,
        median_wait_minutes=float(median(waits)) if waits else None,
        waits_known=len(waits),
    )


def _in_window(*, now: datetime) -> list[ColumnElement[bool]]:
    """The conditions of the incidents that may signal: on an access point, in the window,
    not synthetic."""
    first, last = window(now=now)
    return [
        col(Incident.access_point_id).is_not(None),
        col(Incident.occurred_on) >= first,
        col(Incident.occurred_on) <= last,
        col(Incident.reporter) != SYNTHETIC_REPORTER,
    ]


def _fold(rows: Iterable[tuple[str | None, Sequence[str], int | None]]) -> dict[str, RecentSignals]:
    by_place: dict[str, list[tuple[Sequence[str], int | None]]] = defaultdict(list)
    for access_point_id, kinds, wait in rows:
        if access_point_id is not None:
            by_place[access_point_id].append((list(kinds or []), wait))
    folded = {pid: _signals(pid, place_rows) for pid, place_rows in by_place.items()}
    return {pid: s for pid, s in folded.items() if s.reports}


def recent_signals(
    *, session: Session, access_point_ids: Sequence[str], now: datetime
) -> dict[str, RecentSignals]:
    """The signals of the last ``RECENT_DAYS`` days (see the module) on each of
    ``access_point_ids``, in one query, by id; ids without any signal are absent. For result
    lists (the search page's displayed places) and the editors' home."""
    ids = sorted(set(access_point_ids))
    if not ids:
        return {}
    # The kinds are a JSON list: which of them is wanted is read here, the same on both
    # engines; the window and the ids keep the rows few.
    query = (
        select(Incident.access_point_id, Incident.kinds, Incident.wait_minutes)
        .where(*_in_window(now=now))
        .where(col(Incident.access_point_id).in_(ids))
    )
    return _fold(session.exec(query).all())


def recent_signals_for(
    *, session: Session, access_point_id: str, now: datetime
) -> RecentSignals | None:
    """The recent signals on one access point (``recent_signals``), None when there are
    none. For the place page."""
    return recent_signals(session=session, access_point_ids=[access_point_id], now=now).get(
        access_point_id
    )


def signalled_places(*, session: Session, actor: Actor, now: datetime) -> list[SignalledPlace]:
    """The access points ``actor`` may edit (every one for an admin or an unbound key) that
    have signals in the last ``RECENT_DAYS`` days, the most reported first, then by French
    name. For the editors' verification list ("Reported by workers"): the editors of other
    organizations never see them."""
    query = select(Incident.access_point_id, Incident.kinds, Incident.wait_minutes).where(
        *_in_window(now=now)
    )
    if actor.organization_ids is not None and not actor.is_admin:
        query = query.join(AccessPoint, col(AccessPoint.id) == col(Incident.access_point_id)).where(
            col(AccessPoint.organization_id).in_(sorted(actor.organization_ids))
        )
    signals = _fold(session.exec(query).all())
    if not signals:
        return []
    places = session.exec(
        select(AccessPoint, Organization.name)
        .join(Organization, col(Organization.id) == col(AccessPoint.organization_id))
        .where(col(AccessPoint.id).in_(sorted(signals)))
    ).all()
    listed = [
        SignalledPlace(
            access_point_id=point.id,
            name=point.name_fr,
            organization_id=point.organization_id,
            organization_name=organization_name,
            version=point.version,
            signals=signals[point.id],
        )
        for point, organization_name in places
    ]
    return sorted(listed, key=lambda p: (-p.signals.reports, p.name.casefold(), p.access_point_id))
