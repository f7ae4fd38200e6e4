"""Competence: does an access point serve the person's residence?

*Nearest is not competent* (DESIGN.md): a CPAS serves the residents of its own commune, a
regional service those of its region. Competence depends on where the person **lives** (the
residence, a municipality's NIS code), distance on where they **are** (the origin). An access
point's ``service_area`` lists the NIS codes it serves; the ``access_point_service_area``
table indexes it (kept by triggers, migration 0001). An access point without a stated
service area is not restricted: it is neither competent nor refused (``competent`` null).
"""

import dataclasses
from collections.abc import Iterable
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import sqlalchemy as sa
from sqlmodel import Session, col, select

from api.errors import InvalidQueryError
from api.models import AccessPoint, AccessPointServiceArea
from api.models.common import Kind, Theme
from api.models.reference import Municipality, Postcode
from api.models.responses import Residence
from api.services.filters import AccessPointFilters, filter_conditions

if TYPE_CHECKING:
    from api.services.index.lookups import Memo, ReferencePlaces


class CompetenceMode(StrEnum):
    """``competent``: leave out the access points whose service area does not cover the
    residence; ``any``: keep them, flagged ``competent: false``."""

    COMPETENT = "competent"
    ANY = "any"


def resolve_residence(
    *,
    session: Session,
    residence: str | None,
    origin_nis_code: str | None = None,
    source_if_default: Literal["origin"] = "origin",
    places: "ReferencePlaces | None" = None,
) -> Residence | None:
    """The municipality where the person lives, from ``residence`` (a 5-digit NIS code or a
    4-digit Belgian postcode), else the origin's municipality (``origin_nis_code``), else
    None. Raises ``InvalidQueryError`` (422) for a code that is neither a known NIS code nor
    a known postcode. ``places``: the postcodes and municipalities in memory (the index's),
    else SQL."""
    source: Literal["residence", "origin"] = "residence"
    nis = None
    if residence is None:
        nis, source = origin_nis_code, source_if_default
    elif len(residence) == 5 and residence.isdigit():
        nis = residence
    elif len(residence) == 4 and residence.isdigit() and places is not None:
        nis = next((row[2] for row in places.postcode(residence) if row[2]), None)
    elif len(residence) == 4 and residence.isdigit():
        nis = session.exec(
            select(Postcode.nis_code)
            .where(col(Postcode.postcode) == residence, col(Postcode.nis_code).is_not(None))
            .order_by(col(Postcode.id))
        ).first()
    if nis is None:
        if residence is None:
            return None
        raise InvalidQueryError(
            f"unknown residence {residence!r}: give the NIS code of a Belgian municipality "
            "(5 digits, e.g. 21001) or a Belgian postcode (4 digits, e.g. 1070)",
            loc=("query", "residence"),
        )
    if places is not None:
        known = places.municipality(nis)
    else:
        row = session.get(Municipality, nis)
        known = (row.name_fr, row.name_nl, row.region) if row is not None else None
    if known is None:
        raise InvalidQueryError(
            f"unknown residence {residence!r}: no Belgian municipality has this NIS code",
            loc=("query", "residence"),
        )
    name, name_nl, region = known
    return Residence(nis_code=nis, name=name, name_nl=name_nl, region=region, source=source)


def competence_filters(
    filters: AccessPointFilters, *, residence: Residence | None, mode: CompetenceMode
) -> AccessPointFilters:
    """``filters`` that also leave out what does not serve ``residence`` (in ``COMPETENT``
    mode with a residence); unchanged otherwise."""
    if residence is None or mode is CompetenceMode.ANY:
        return filters
    return dataclasses.replace(filters, competent_for=residence.nis_code)


_AREA = AccessPointServiceArea
_SERVING = select(col(_AREA.access_point_pk)).where(col(_AREA.nis_code) == sa.bindparam("nis"))
_RESTRICTED = (
    select(col(_AREA.access_point_pk))
    .where(col(_AREA.access_point_pk).in_(sa.bindparam("pks", expanding=True)))
    .distinct()
)


def _serving(session: Session, nis_code: str) -> set[int]:
    # Core statements on the connection: the ORM layer would double their cost.
    return {pk for (pk,) in session.connection().execute(_SERVING, {"nis": nis_code})}


class Competence:
    """Which access points serve ``residence`` (None: competence unknown, nothing refused).
    The pks whose service area covers it are read once (one indexed query); whether others
    have a service area at all is asked only for the pks given (one query each call). With
    ``memo`` (the index's, for one database state) both come from memory."""

    def __init__(
        self, *, session: Session, residence: Residence | None, memo: "Memo | None" = None
    ) -> None:
        self.session = session
        self.residence = residence
        self.memo = memo
        self.serving: set[int] = set()
        if residence is not None:
            nis = residence.nis_code
            self.serving = (
                memo.remember(("serving", nis), lambda: _serving(session, nis))
                if memo is not None
                else _serving(session, nis)
            )

    def _restricted(self, pks: Iterable[int]) -> set[int]:
        wanted = sorted(set(pks) - self.serving)
        if self.residence is None or not wanted:
            return set()
        if self.memo is not None:
            return {pk for pk in wanted if pk in self.memo.restricted}
        rows = self.session.connection().execute(_RESTRICTED, {"pks": wanted})
        return {pk for (pk,) in rows}

    def admit(self, pks: list[int]) -> set[int]:
        """Those of ``pks`` that do not refuse the residence: they serve it, or state no
        service area."""
        return set(pks) - self._restricted(pks)

    def flags(self, pks: Iterable[int]) -> dict[int, bool | None]:
        """For each of ``pks``: True when its service area covers the residence, False when
        it has a service area that does not, None when it states none (or no residence)."""
        wanted = list(pks)
        if self.residence is None:
            return dict.fromkeys(wanted)
        refused = self._restricted(wanted)
        return {
            pk: True if pk in self.serving else (False if pk in refused else None) for pk in wanted
        }


def competence_flags(
    *, session: Session, pks: Iterable[int], residence: Residence | None
) -> dict[int, bool | None]:
    """For each of ``pks``: True when its service area covers ``residence``, False when it
    has a service area that does not, None when it states none (or without a residence)."""
    return Competence(session=session, residence=residence).flags(pks)


COMPETENT_READ_AT_MOST = 1000
"""Places competent for one residence read at most (the most local first)."""


def find_competent_places(
    *,
    session: Session,
    residence: Residence,
    filters: AccessPointFilters,
    memo: "Memo | None" = None,
) -> dict[int, int]:
    """The places (not phone lines) whose service area covers ``residence`` and that match
    ``filters``, whatever their state, as {pk: size of its service area in municipalities}:
    the smaller, the more local (the commune's CPAS before a regional service, before a
    federal one). At most ``COMPETENT_READ_AT_MOST``, the most local first. With ``memo``
    (the index's, for one database state), read once per residence and filters."""

    def read() -> dict[int, int]:
        query = _competent_statement(session.get_bind().dialect.name, filters)
        params = {"nis": residence.nis_code, "most": COMPETENT_READ_AT_MOST}
        rows = session.connection().execute(query, params)
        return {pk: size for pk, size in rows}

    if memo is None:
        return read()
    return memo.remember(("competent", residence.nis_code, filters), read)


@lru_cache(maxsize=256)
def _competent_statement(dialect: str, filters: AccessPointFilters) -> sa.Select:
    """``find_competent_places``'s statement for a filter set (built once: building costs
    more than running it), with the bind parameters ``nis`` and ``most``."""
    size = (
        select(sa.func.count())
        .where(col(_AREA.access_point_pk) == col(AccessPoint.pk))
        .correlate(AccessPoint)
        .scalar_subquery()
    )
    query: sa.Select = (
        select(col(AccessPoint.pk), size.label("size"))
        .where(
            col(AccessPoint.pk).in_(_SERVING),
            col(AccessPoint.kind) != Kind.PHONE_LINE.value,
            *filter_conditions(filters, dialect),
        )
        .order_by(sa.text("size"), col(AccessPoint.id))
        .limit(sa.bindparam("most"))
    )
    return query


def find_residence_cpas(*, session: Session, residence: Residence) -> list[int]:
    """pks of the counters of the residence's CPAS: the active counters (``guichet``) for
    social aid (theme ``social_aid``) whose service area is the residence's commune alone,
    by id. The CPAS competent for a person is the one of the commune where they live (law
    of 2 April 1965 on the *domicile de secours*); its counters serve that commune only."""
    area = AccessPointServiceArea
    dialect = session.get_bind().dialect.name
    only_here = (
        select(area.access_point_pk)
        .where(col(area.access_point_pk).in_(_SERVING))
        .group_by(col(area.access_point_pk))
        .having(sa.func.count() == 1)
    )
    filters = AccessPointFilters(kind=Kind.GUICHET, theme=Theme.SOCIAL_AID)
    query = (
        select(col(AccessPoint.pk))
        .where(col(AccessPoint.pk).in_(only_here), *filter_conditions(filters, dialect))
        .order_by(col(AccessPoint.id))
    )
    return [pk for (pk,) in session.execute(query, {"nis": residence.nis_code})]
