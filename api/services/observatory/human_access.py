"""Human access over time: the hours per week of counters (kind ``guichet``) and of phone
lines answered by a person (kind ``phone_line``) of one region, commune (NIS code) or
organization, week by week, from the change history (table ``change``).

Rules (also said on the page and in the CSV's data dictionary):

- Weeks: Monday to Sunday, Europe/Brussels; from the week of the first recorded version of
  a place counted here to the current week (of ``now``). Each week counts every place with
  the version of its record that stood at the end of that week (Sunday 24:00): a change of
  hours saved on a Wednesday counts for the whole week of the change. The open hours of
  that week are exact (``weekly_hours``: lunch breaks, Belgian public holidays when the
  schedule says ``PH off``, the weeks the clocks change) with the place's and its
  organization's closures applied; cancelled closures are not applied (they did not
  happen), the others are the current ones (a closure is dated already).
- Which places: kinds ``guichet`` and ``phone_line`` only (EPNs and outreach sessions are
  other ways of help, not counted); status ``active`` counts its hours,
  ``temporarily_closed`` counts as a known 0, ``inactive`` (closed for good, deleted) is no
  longer counted, so its hours leave the total.
- Unknown hours are never 0: a place whose hours are not known in a week is counted apart
  (``counters_unknown``, ``phone_lines_unknown``) and adds nothing to the hours.
- Where: a counter belongs to the commune of its address (NIS code) and to that commune's
  region. A phone line has no address: it counts for every commune of its service area (a
  regional line serving the 19 Brussels communes is in each of their figures, in full) and
  once for a region it serves at least one commune of; a line without a stated service
  area counts for its organization only.
"""

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlmodel import Session, col, select

from api import hours
from api.errors import InvalidQueryError, NotFoundError
from api.models import Change, Municipality, Organization
from api.models.common import Kind, Region, Status
from api.models.human_access import AccessScope, HumanAccessSeries, HumanAccessWeek
from api.models.organization import Closure
from api.services.observatory.weekly_hours import MAX_WEEKS, monday_of, weeks_hours

REGIONS = (Region.BRUSSELS, Region.WALLONIA)
"""The regions the directory covers."""
PHONE_LINES_RULE = (
    "A phone line counts for every commune of its service area (a regional line is in each "
    "commune's figure, in full) and once for a region it serves; a line without a stated "
    "service area counts for its organization only."
)
_COUNTED = {Kind.GUICHET.value: "counter", Kind.PHONE_LINE.value: "phone_line"}

Snapshot = dict[str, Any]
InScope = Callable[[Snapshot], bool]


def human_access_series(
    *,
    session: Session,
    now: datetime,
    region: str | None = None,
    nis_code: str | None = None,
    organization_id: str | None = None,
) -> HumanAccessSeries:
    """The weekly hours of counters and phone lines of exactly one of ``region``
    (``brussels`` or ``wallonia``), ``nis_code`` (a commune's Statbel code) or
    ``organization_id`` (an empty string is not given), from the first recorded version of
    a place counted there to the week of ``now`` (rules in the module docstring). Hours are
    elapsed hours, two decimals.

    Raises ``InvalidQueryError`` (422) unless exactly one is given or for a region the
    directory does not cover, ``NotFoundError`` (404) for an unknown commune or
    organization.
    """
    # An empty value (a form's empty choice) is no choice.
    region, nis_code, organization_id = region or None, nis_code or None, organization_id or None
    given = [v for v in (region, nis_code, organization_id) if v is not None]
    if len(given) != 1:
        raise InvalidQueryError(
            "give exactly one of region (brussels or wallonia), nis_code or organization_id "
            f"(got {len(given)})"
        )
    scope, scope_id, names, in_scope = _scope(
        session=session, region=region, nis_code=nis_code, organization_id=organization_id
    )
    histories = _histories(session=session, in_scope=in_scope)
    weeks = _weeks(
        histories=histories,
        closures=_closures(session=session),
        this_week=monday_of(hours.to_brussels(now).date()),
        in_scope=in_scope,
    )
    return HumanAccessSeries(
        scope=scope,
        scope_id=scope_id,
        scope_name=names[0],
        scope_name_nl=names[1],
        since=weeks[0].week if weeks else None,
        until=weeks[-1].week if weeks else None,
        phone_lines_rule=PHONE_LINES_RULE,
        weeks=weeks,
    )


def _scope(
    *,
    session: Session,
    region: str | None,
    nis_code: str | None,
    organization_id: str | None,
) -> tuple[AccessScope, str, tuple[str, str | None], InScope]:
    if organization_id is not None:
        organization = session.get(Organization, organization_id)
        if organization is None:
            raise NotFoundError(f"no organization with id {organization_id!r}")
        return (
            AccessScope.ORGANIZATION,
            organization.id,
            (organization.name, organization.name_nl),
            lambda snap: snap.get("organization_id") == organization_id,
        )
    if nis_code is not None:
        commune = session.get(Municipality, nis_code)
        if commune is None:
            raise NotFoundError(f"no commune with NIS code {nis_code!r} (5 digits, Statbel)")
        if commune.region not in REGIONS:
            raise InvalidQueryError(
                f"the commune {nis_code} is in {commune.region}: the directory covers "
                "Brussels and Wallonia only",
                loc=("query", "nis_code"),
            )
        return (
            AccessScope.COMMUNE,
            commune.nis_code,
            (commune.name_fr, commune.name_nl),
            _in_communes({commune.nis_code}),
        )
    if region not in REGIONS:
        raise InvalidQueryError(
            f"unknown region {region!r}: brussels or wallonia", loc=("query", "region")
        )
    codes = set(
        session.exec(select(Municipality.nis_code).where(col(Municipality.region) == region)).all()
    )
    names = {
        Region.BRUSSELS: ("Région de Bruxelles-Capitale", "Brussels Hoofdstedelijk Gewest"),
        Region.WALLONIA: ("Wallonie", "Wallonië"),
    }[Region(region)]
    return AccessScope.REGION, str(region), names, _in_communes(codes)


def _in_communes(codes: set[str]) -> InScope:
    def in_scope(snap: Snapshot) -> bool:
        if snap.get("kind") == Kind.PHONE_LINE.value:
            return bool(codes.intersection(snap.get("service_area") or ()))
        return (snap.get("address") or {}).get("nis_code") in codes

    return in_scope


def _histories(
    *, session: Session, in_scope: InScope
) -> dict[str, tuple[list[datetime], list[Snapshot]]]:
    """Per access point ever counted here: the instants (UTC) of its versions and the record
    after each, oldest first (places never in scope left out)."""
    rows = session.exec(
        select(Change.resource_id, Change.changed_at, Change.snapshot)
        .where(col(Change.resource) == "access_point")
        .order_by(col(Change.resource_id), col(Change.version))
    ).all()
    out: dict[str, tuple[list[datetime], list[Snapshot]]] = {}
    for resource_id, changed_at, snapshot in rows:
        at = changed_at if changed_at.tzinfo else changed_at.replace(tzinfo=UTC)
        instants, snapshots = out.setdefault(resource_id, ([], []))
        instants.append(at.astimezone(UTC))
        snapshots.append(dict(snapshot or {}))
    return {
        ident: history
        for ident, history in out.items()
        if any(_COUNTED.get(s.get("kind", "")) and in_scope(s) for s in history[1])
    }


def _closures(*, session: Session) -> dict[str, list[hours.Closure]]:
    """The closures not cancelled, keyed ``ap:<id>`` and ``org:<id>``."""
    out: dict[str, list[hours.Closure]] = defaultdict(list)
    for row in session.exec(select(Closure).where(col(Closure.cancelled_at).is_(None))):
        key = f"ap:{row.access_point_id}" if row.access_point_id else f"org:{row.organization_id}"
        out[key].append(hours.Closure(start=row.start, end=row.end))
    return out


def _week_ends(first: date, count: int) -> list[datetime]:
    return [
        hours.timezone.start_of_day(first + timedelta(weeks=n + 1)).astimezone(UTC)
        for n in range(count)
    ]


def _coordinates(snap: Snapshot) -> hours.Coordinates | None:
    location = snap.get("location") or {}
    if location.get("lat") is None or location.get("lon") is None:
        return None
    return (float(location["lat"]), float(location["lon"]))


def _weeks(
    *,
    histories: dict[str, tuple[list[datetime], list[Snapshot]]],
    closures: dict[str, list[hours.Closure]],
    this_week: date,
    in_scope: InScope,
) -> list[HumanAccessWeek]:
    if not histories:
        return []
    first_change = min(instants[0] for instants, _ in histories.values())
    first = monday_of(hours.to_brussels(first_change).date())
    count = min((this_week - first).days // 7 + 1, MAX_WEEKS)
    first = this_week - timedelta(weeks=count - 1)
    ends = _week_ends(first, count)
    minutes = {kind: [0] * count for kind in _COUNTED.values()}
    known = {kind: [0] * count for kind in _COUNTED.values()}
    unknown = {kind: [0] * count for kind in _COUNTED.values()}
    memo: dict[tuple[Any, ...], list[int | None]] = {}
    for ident, (instants, snapshots) in histories.items():
        for n, end in enumerate(ends):
            index = bisect_right(instants, end) - 1  # the last version saved before the end
            if index < 0:
                continue
            snap = snapshots[index]
            kind = _COUNTED.get(snap.get("kind", ""))
            if kind is None or not in_scope(snap) or snap.get("status") == Status.INACTIVE:
                continue
            if snap.get("status") == Status.TEMPORARILY_CLOSED:
                known[kind][n] += 1
                continue
            own = tuple(closures.get(f"ap:{ident}", ()))
            own += tuple(closures.get(f"org:{snap.get('organization_id')}", ()))
            key = (snap.get("opening_hours"), own, _coordinates(snap))
            if key not in memo:
                # The whole range at once: one evaluation of the schedule per version.
                memo[key] = [
                    w.open_minutes
                    for w in weeks_hours(
                        opening_hours=key[0],
                        first_week=first,
                        weeks=count,
                        closures=own,
                        coordinates=key[2],
                    )
                ]
            week = memo[key][n]
            if week is None:
                unknown[kind][n] += 1
            else:
                known[kind][n] += 1
                minutes[kind][n] += week
    return [
        HumanAccessWeek(
            week=first + timedelta(weeks=n),
            counter_hours=round(minutes["counter"][n] / 60, 2),
            counters=known["counter"][n],
            counters_unknown=unknown["counter"][n],
            phone_line_hours=round(minutes["phone_line"][n] / 60, 2),
            phone_lines=known["phone_line"][n],
            phone_lines_unknown=unknown["phone_line"][n],
        )
        for n in range(count)
    ]
