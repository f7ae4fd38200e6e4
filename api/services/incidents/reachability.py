"""Phone line reachability from the incident reports (issue 13, part 3): for an access point of
kind ``phone_line``, how many reports with channel ``phone`` were filed on it, how many of
those calls were answered by someone, and the median wait.

Rules, and why:

* **The last 12 months** (``REACHABILITY_DAYS`` = 365 Europe/Brussels days ending today,
  today included, on ``occurred_on``), not all time: a line gets more staff or loses them;
  a figure from years ago would describe another service. The answer says both ends.
* **Answered** = a report whose kinds do not include ``unreachable_phone``: somebody picked
  up, and something else went wrong (sent to a form, a paying line...).
* **Median wait** over every report that gives ``wait_minutes``, answered or not (the
  minutes before someone answered, or before the caller gave up); ``waits_known`` says how
  many.
* **Small numbers are given as they are**, with the count they rest on ("from 2 reports"):
  this is about one line's service, not about people, and no text or reporter is ever
  shown. Synthetic reports (``reporter = 'synthetic'``) never count.
* Only ``phone_line`` access points have a reachability: asked for another kind, the
  answer is a 422 that says so (a counter's figure would mix calls to its number with
  visits; its recent signals are on its page).
"""

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta
from statistics import median

from sqlmodel import Session, col, select

from api.errors import InvalidQueryError, NotFoundError
from api.hours import to_brussels
from api.models import AccessPoint
from api.models.common import Kind
from api.models.incidents import Incident, IncidentChannel, IncidentKind
from api.models.reachability import ReachabilityPublic
from api.services.incidents.signals import SYNTHETIC_REPORTER

REACHABILITY_DAYS = 365
"""Calendar days counted, today (Europe/Brussels) included: twelve months."""


def reachability_window(*, now: datetime) -> tuple[date, date]:
    """First and last day (Europe/Brussels, both included) of the ``REACHABILITY_DAYS``
    days ending on ``now``'s date."""
    today = to_brussels(now).date()
    return today - timedelta(days=REACHABILITY_DAYS - 1), today


def fold_reachability(
    *, access_point_id: str, rows: list[tuple[list[str], int | None]], since: date, until: date
) -> ReachabilityPublic:
    """The figure of ``rows`` (each report's kinds and wait_minutes). Pure."""
    answered = sum(1 for kinds, _wait in rows if IncidentKind.UNREACHABLE_PHONE.value not in kinds)
    waits = [wait for _kinds, wait in rows if wait is not None]
    return ReachabilityPublic(
        access_point_id=access_point_id,
        since=since,
        until=until,
        reports=len(rows),
        answered=answered,
        answered_share=round(answered / len(rows), 3) if rows else None,
        median_wait_minutes=float(median(waits)) if waits else None,
        waits_known=len(waits),
    )


def reachability_by_id(
    *, session: Session, access_point_ids: Sequence[str], now: datetime
) -> dict[str, ReachabilityPublic]:
    """The reachability over the 12 months up to ``now`` of each of ``access_point_ids``
    (phone lines: the caller chooses them) that has at least one phone report, by id, from
    one query; the others are absent. For the operator's list of lines (``/lines``)."""
    ids = sorted(set(access_point_ids))
    if not ids:
        return {}
    since, until = reachability_window(now=now)
    rows = session.exec(
        select(Incident.access_point_id, Incident.kinds, Incident.wait_minutes)
        .where(col(Incident.access_point_id).in_(ids))
        .where(col(Incident.channel) == IncidentChannel.PHONE.value)
        .where(col(Incident.occurred_on) >= since)
        .where(col(Incident.occurred_on) <= until)
        .where(col(Incident.reporter) != SYNTHETIC_REPORTER)
    ).all()
    by_line: dict[str, list[tuple[list[str], int | None]]] = defaultdict(list)
    for access_point_id, kinds, wait in rows:
        if access_point_id is not None:
            by_line[access_point_id].append((list(kinds or []), wait))
    return {
        pid: fold_reachability(access_point_id=pid, rows=line_rows, since=since, until=until)
        for pid, line_rows in by_line.items()
    }


def phone_line_reachability(
    *, session: Session, access_point_id: str, now: datetime
) -> ReachabilityPublic:
    """The reachability of the phone line ``access_point_id`` over the 12 months up to
    ``now`` (see the module): reports, answered, their share, the median wait in minutes.

    Raises ``NotFoundError`` (404) for an unknown id, ``InvalidQueryError`` (422, at
    ``path.access_point_id``) when the access point is not a phone line."""
    kind = session.exec(
        select(AccessPoint.kind).where(col(AccessPoint.id) == access_point_id)
    ).first()
    if kind is None:
        raise NotFoundError(f"no access point with id {access_point_id!r}")
    if Kind(kind) is not Kind.PHONE_LINE:
        raise InvalidQueryError(
            f"{access_point_id!r} is a {Kind(kind).value}, not a phone line: reachability is "
            "computed for access points of kind phone_line only (a place's recent reports "
            "are on its page)",
            loc=("path", "access_point_id"),
        )
    since, until = reachability_window(now=now)
    rows = session.exec(
        select(Incident.kinds, Incident.wait_minutes)
        .where(col(Incident.access_point_id) == access_point_id)
        .where(col(Incident.channel) == IncidentChannel.PHONE.value)
        .where(col(Incident.occurred_on) >= since)
        .where(col(Incident.occurred_on) <= until)
        .where(col(Incident.reporter) != SYNTHETIC_REPORTER)
    ).all()
    return fold_reachability(
        access_point_id=access_point_id,
        rows=[(list(kinds or []), wait) for kinds, wait in rows],
        since=since,
        until=until,
    )
