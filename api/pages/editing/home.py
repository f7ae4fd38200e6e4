"""The editors' home page (``/edit``): their organizations and the access points of each,
with how fresh each one is (verified when), for admins every organization."""

from dataclasses import dataclass
from datetime import datetime

from babel.dates import format_date
from sqlmodel import Session, col, select

from api.hours import to_brussels
from api.i18n import Language, babel_locale
from api.models import AccessPoint, Organization
from api.models.common import Kind
from api.models.editing import Actor
from api.pages.editing.choices import access_point_choices_names
from api.pages.editing.outcome import Outcome
from api.pages.signals.editors import reported_rows, signal_counts
from api.pages.views import gettext_for, kind_label
from api.services.reports import count_open_reports
from api.services.verification import tasks_for


@dataclass(frozen=True, slots=True)
class PlaceRow:
    """One access point on the home page: id, name, kind and status in words, when it was
    last verified (in words; "never" when not) and last changed, its open problem reports
    and the workers' incident reports that signal it (last 30 days).
    """

    id: str
    name: str
    kind: str
    status: str
    verified: str
    changed: str
    version: int
    open_reports: int
    worker_signals: int = 0


@dataclass(frozen=True, slots=True)
class OrganizationRow:
    """An organization and its access points, by name."""

    id: str
    name: str
    places: tuple[PlaceRow, ...]


def home_rows(
    *, session: Session, actor: Actor, lang: Language, now: datetime | None = None
) -> list[OrganizationRow]:
    """The organizations ``actor`` may edit (all for an admin), by name, with their access
    points by French name and the count of each one's open problem reports (REPORTS'
    ``count_open_reports``) and, given ``now``, of the workers' incident reports of the 30
    days up to it that signal it (``api.pages.signals.editors.signal_counts``)."""
    _ = gettext_for(lang)
    query = select(Organization).order_by(col(Organization.name))
    if not actor.is_admin and actor.organization_ids is not None:
        query = query.where(col(Organization.id).in_(actor.organization_ids))
    organizations = list(session.exec(query))
    points = session.exec(
        select(AccessPoint)
        .where(col(AccessPoint.organization_id).in_([o.id for o in organizations]))
        .order_by(col(AccessPoint.name_fr))
    ).all()
    reports = count_open_reports(session=session, access_point_ids=[p.id for p in points])
    signals = (
        signal_counts(session=session, access_point_ids=[p.id for p in points], now=now)
        if now is not None
        else {}
    )
    by_organization: dict[str, list[PlaceRow]] = {}
    for point in points:
        verified = checked_text(point, lang=lang)
        by_organization.setdefault(point.organization_id, []).append(
            PlaceRow(
                point.id,
                point.name_fr,
                kind_label(Kind(point.kind), lang),
                str(point.status),
                verified,
                format_date(
                    to_brussels(point.updated_at).date(), "long", locale=babel_locale(lang)
                ),
                point.version,
                reports.get(point.id, 0),
                signals.get(point.id, 0),
            )
        )
    return [
        OrganizationRow(o.id, o.name, tuple(by_organization.get(o.id, []))) for o in organizations
    ]


def show_home(
    *, session: Session, actor: Actor, lang: Language, now: datetime | None = None
) -> Outcome:
    """The home page of the workspace: the actor's open verification tasks first (VERIFY's
    ``tasks_for``), the entries workers reported in the 30 days up to ``now`` (when
    given), then their organizations and entries."""
    _ = gettext_for(lang)
    return Outcome(
        "editing/home.html",
        _("Your entries"),
        {
            "tasks": tasks_for(session=session, account=actor),
            "reported": (
                reported_rows(session=session, actor=actor, now=now, lang=lang)
                if now is not None
                else []
            ),
            "organizations": home_rows(session=session, actor=actor, lang=lang, now=now),
        },
    )


def checked_text(point: AccessPoint, *, lang: Language) -> str:
    """When and how a person last checked ``point`` ("4 December 2026, Phone call"), or
    "never", in ``lang``."""
    _ = gettext_for(lang)
    if not point.verified_at:
        return _("never")
    text = format_date(point.verified_at, "long", locale=babel_locale(lang))
    methods = dict(access_point_choices_names(lang)["methods"])
    if point.verification_method:
        text = f"{text}, {methods.get(point.verification_method, '')}"
    return text
