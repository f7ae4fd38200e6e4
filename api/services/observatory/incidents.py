"""The observatory's incident aggregates (issue 13, part 4): the workers' incident reports
counted by kind, channel, organization, commune of residence, theme and month, with the
workers' minutes spent, for everyone who argues for more counters.

What is read: the structured fields only. The free text, the name of a service outside the
directory and the reporter never leave this module (the reporter is read only to tell the
synthetic incidents, ``reporter = 'synthetic'``, from the real ones).

Filters:

* ``region`` and ``nis_code`` are those of the person's **commune of residence**
  (``residence_nis_code``): the observatory speaks of where people live, as the tables by
  commune do; incidents that do not give a commune are then left out. (The access point's
  own municipality is not used: phone lines and organizations have none.)
* the period is whole months (``YYYY-MM``, Europe/Brussels, on the day the incident
  happened), so that two answers a day apart cannot be subtracted to single out one day.
* ``synthetic``: include (default: the demonstration's data say how many are synthetic),
  exclude or only.

Every count goes through ``incidents_suppression``: no count of 1 to 4 is published.
"""

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from statistics import median

from sqlalchemy import func
from sqlalchemy import select as select_columns
from sqlmodel import Session, col, select

from api.errors import InvalidQueryError
from api.models import AccessPoint, Municipality, Organization
from api.models.common import Region
from api.models.incidents import Incident
from api.models.observatory_incidents import GroupBy, SyntheticFilter
from api.services.observatory.incidents_labels import (
    NOT_IN_DIRECTORY,
    NOT_STATED,
    Names,
    channel_names,
    kind_names,
    month_names,
    municipality_names,
    theme_names,
)
from api.services.observatory.incidents_suppression import (
    SMALL_BELOW,
    Published,
    publish,
    suppress_splitting,
    withhold_all,
)

SYNTHETIC_REPORTER = "synthetic"
"""The ``reporter`` of generated (synthetic) incidents."""
MAX_MONTHS = 240
"""The longest period answered (20 years of month rows)."""
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True, slots=True)
class IncidentQuery:
    """What to count: the commune of residence's ``region`` or ``nis_code``, the first and
    last months (``period_from``, ``period_to``: the 1st of the month) and the synthetic
    incidents' fate."""

    region: Region | None = None
    nis_code: str | None = None
    period_from: date | None = None
    period_to: date | None = None
    synthetic: SyntheticFilter = SyntheticFilter.INCLUDE


@dataclass(frozen=True, slots=True)
class CountedRow:
    """One row of a table: its ``key`` (None for "not stated"/"not in the directory"), its
    names in the three languages and its count as published."""

    key: str | None
    names: Names
    published: Published


@dataclass(frozen=True, slots=True)
class IncidentCounts:
    """Everything the observatory publishes for one query (language-neutral: every row has
    its names in FR/NL/EN). ``first_incident_on`` is None when the total is not published."""

    query: IncidentQuery
    first_incident_on: date | None
    total: Published
    synthetic: Published
    minutes_incidents: Published
    total_minutes: int | None
    median_minutes: float | None
    tables: dict[GroupBy, list[CountedRow]]


SPLITTING = (GroupBy.CHANNEL, GroupBy.ORGANIZATION, GroupBy.COMMUNE, GroupBy.THEME, GroupBy.MONTH)
"""The tables whose rows split the incidents (each incident in one row)."""


def parse_month(value: str, *, name: str) -> date:
    """``YYYY-MM`` as the 1st of that month. Raises InvalidQueryError (422) otherwise."""
    found = _MONTH.match(value.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 2000:
        raise InvalidQueryError(
            f"{name} must be a month written YYYY-MM, from 2000-01 (e.g. 2026-03)",
            loc=("query", name),
        )
    return date(int(found.group(1)), int(found.group(2)), 1)


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _months(first: date, last: date) -> list[date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = _next_month(month)
    return months


def _check(session: Session, query: IncidentQuery) -> None:
    if query.period_from and query.period_to:
        if query.period_from > query.period_to:
            raise InvalidQueryError("from must not be after to", loc=("query", "from"))
        if len(_months(query.period_from, query.period_to)) > MAX_MONTHS:
            raise InvalidQueryError(
                f"the period is at most {MAX_MONTHS} months", loc=("query", "from")
            )
    if query.nis_code is not None and session.get(Municipality, query.nis_code) is None:
        raise InvalidQueryError(
            f"no municipality with NIS code {query.nis_code!r}: give a 5-digit Statbel code "
            "(GET /v1/municipalities)",
            loc=("query", "nis_code"),
        )


@dataclass(frozen=True, slots=True)
class _Fact:
    occurred_on: date
    channel: str
    nis_code: str | None
    theme: str | None
    kinds: list[str]
    worker_minutes: int | None
    synthetic: bool
    organization_id: str | None


def _facts(session: Session, query: IncidentQuery) -> list[_Fact]:
    organization = func.coalesce(AccessPoint.organization_id, Incident.organization_id)
    statement = select_columns(
        col(Incident.occurred_on),
        col(Incident.channel),
        col(Incident.residence_nis_code),
        col(Incident.theme),
        col(Incident.kinds),
        col(Incident.worker_minutes),
        col(Incident.reporter) == SYNTHETIC_REPORTER,
        organization,
    ).outerjoin(AccessPoint, col(AccessPoint.id) == col(Incident.access_point_id))
    if query.nis_code is not None:
        statement = statement.where(col(Incident.residence_nis_code) == query.nis_code)
    if query.region is not None:
        communes = select(Municipality.nis_code).where(Municipality.region == query.region)
        statement = statement.where(col(Incident.residence_nis_code).in_(communes))
    if query.period_from is not None:
        statement = statement.where(col(Incident.occurred_on) >= query.period_from)
    if query.period_to is not None:
        statement = statement.where(col(Incident.occurred_on) < _next_month(query.period_to))
    if query.synthetic is SyntheticFilter.EXCLUDE:
        statement = statement.where(col(Incident.reporter) != SYNTHETIC_REPORTER)
    elif query.synthetic is SyntheticFilter.ONLY:
        statement = statement.where(col(Incident.reporter) == SYNTHETIC_REPORTER)
    return [
        _Fact(row[0], str(row[1]), row[2], row[3], list(row[4] or []), row[5], bool(row[6]), row[7])
        for row in session.execute(statement)
    ]


def _names_of(session: Session, facts: list[_Fact]) -> tuple[dict[str, Names], dict[str, Names]]:
    """The names of the organizations and communes the facts mention."""
    org_ids = {f.organization_id for f in facts if f.organization_id}
    nis_codes = {f.nis_code for f in facts if f.nis_code}
    organizations = {
        o.id: municipality_names(o.name, o.name_nl)
        for o in session.exec(select(Organization).where(col(Organization.id).in_(org_ids)))
    }
    communes = {
        m.nis_code: municipality_names(m.name_fr, m.name_nl)
        for m in session.exec(select(Municipality).where(col(Municipality.nis_code).in_(nis_codes)))
    }
    return organizations, communes


def _listed(
    keys: Iterable[str | None], counts: Counter[str | None], names: dict[str, Names], *, none: Names
) -> list[tuple[str | None, Names, int]]:
    return [(k, names.get(k, {"fr": k, "nl": k, "en": k}) if k else none, counts[k]) for k in keys]


def _raw_tables(
    facts: list[_Fact],
    organizations: dict[str, Names],
    communes: dict[str, Names],
    months: list[date],
) -> dict[GroupBy, list[tuple[str | None, Names, int]]]:
    kinds = Counter(kind for f in facts for kind in set(f.kinds))
    channels = Counter[str | None](f.channel for f in facts)
    themes = Counter[str | None](f.theme for f in facts)
    by_org = Counter[str | None](f.organization_id for f in facts)
    by_commune = Counter[str | None](f.nis_code for f in facts)
    by_month = Counter(f.occurred_on.replace(day=1) for f in facts)
    theme_list = theme_names()
    extra_themes = sorted({t for t in themes if t and t not in theme_list})
    return {
        GroupBy.KIND: [(k, n, kinds[k]) for k, n in kind_names().items()],
        GroupBy.CHANNEL: _listed(channel_names(), channels, channel_names(), none=NOT_STATED),
        GroupBy.ORGANIZATION: _listed(by_org, by_org, organizations, none=NOT_IN_DIRECTORY),
        GroupBy.COMMUNE: _listed(by_commune, by_commune, communes, none=NOT_STATED),
        GroupBy.THEME: _listed(
            [*theme_list, *extra_themes, *([None] if themes[None] else [])],
            themes,
            theme_list,
            none=NOT_STATED,
        ),
        GroupBy.MONTH: [(m.strftime("%Y-%m"), month_names(m), by_month[m]) for m in months],
    }


def _ordered(rows: list[CountedRow], group_by: GroupBy) -> list[CountedRow]:
    """Organizations and communes: published counts largest first, then the suppressed rows
    by name (their true counts must not order them), the "not stated" row last. The other
    tables keep their list's order."""
    if group_by not in (GroupBy.ORGANIZATION, GroupBy.COMMUNE):
        return rows
    return sorted(
        rows,
        key=lambda r: (
            r.key is None,
            r.published.suppressed,
            -(r.published.count or 0),
            r.names["fr"].casefold(),
        ),
    )


def count_incidents(*, session: Session, query: IncidentQuery, today: date) -> IncidentCounts:
    """The incidents matching ``query``, counted and suppressed (see the module docstring).
    ``today`` (Europe/Brussels) ends the month rows when the period has no end. Raises
    InvalidQueryError (422) for an unknown ``nis_code`` or a reversed or too long period."""
    _check(session, query)
    facts = _facts(session, query)
    organizations, communes = _names_of(session, facts)
    first = query.period_from or (
        min(f.occurred_on for f in facts).replace(day=1) if facts else None
    )
    last = query.period_to or max(
        [today.replace(day=1), *(f.occurred_on.replace(day=1) for f in facts)]
    )
    months = _months(first, last) if first is not None else []
    raw = _raw_tables(facts, organizations, communes, months)
    total = len(facts)
    synthetic = sum(1 for f in facts if f.synthetic)
    minutes = [f.worker_minutes for f in facts if f.worker_minutes is not None]
    pairs = {
        "origin": [total - synthetic, synthetic],
        "minutes": [len(minutes), total - len(minutes)],
    }
    splitting = {g: [count for _k, _n, count in raw[g]] for g in SPLITTING} | pairs
    results = {name: suppress_splitting(counts) for name, counts in splitting.items()}
    withheld = 0 < total < SMALL_BELOW or not all(safe for _rows, safe in results.values())
    published = {
        name: withhold_all(counts) if withheld else results[name][0]
        for name, counts in splitting.items()
    }
    tables: dict[GroupBy, list[CountedRow]] = {}
    for group_by, rows in raw.items():
        cells = published.get(group_by) or [publish(count) for _k, _n, count in rows]
        counted = [CountedRow(k, n, cell) for (k, n, _c), cell in zip(rows, cells, strict=True)]
        tables[group_by] = _ordered(counted, group_by)
    enough_minutes = len(minutes) >= SMALL_BELOW
    return IncidentCounts(
        query=query,
        first_incident_on=min(f.occurred_on for f in facts) if facts and not withheld else None,
        total=withhold_all([total])[0] if withheld else Published(total),
        synthetic=published["origin"][1],
        minutes_incidents=published["minutes"][0],
        total_minutes=sum(minutes) if enough_minutes else None,
        median_minutes=float(median(minutes)) if enough_minutes else None,
        tables=tables,
    )
