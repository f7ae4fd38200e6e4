"""The editors' queue of problem reports (``/edit/reports``) and its resolve buttons."""

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import Session

from api.errors import InvalidQueryError
from api.i18n import Language
from api.models import Actor
from api.models.reports import ReportStatus, Resolution
from api.pages.editing.outcome import Outcome
from api.pages.reports.labels import kind_labels, resolution_labels
from api.pages.views import gettext_for, instant_text
from api.services.reports import list_reports, resolve_report


def _status_labels(lang: Language) -> dict[str, str]:
    _ = gettext_for(lang)
    return {
        ReportStatus.OPEN.value: _("Open"),
        ReportStatus.FIXED.value: _("Fixed"),
        ReportStatus.NOT_A_PROBLEM.value: _("Not a problem"),
        ReportStatus.DUPLICATE.value: _("Duplicate"),
    }


def show_queue(
    *, session: Session, actor: Actor, lang: Language, show_all: bool, resolved: str | None
) -> Outcome:
    """The reports on the places of ``actor``'s organizations (admins: all), newest first:
    the open ones, or every one with ``show_all``. ``resolved`` is the status a report was
    just given (after a resolve's redirect), said in a notice."""
    _ = gettext_for(lang)
    reports = list_reports(
        session=session, actor=actor, status=None if show_all else ReportStatus.OPEN
    )
    statuses = _status_labels(lang)
    rows: list[dict[str, Any]] = [
        report.model_dump() | {"received": instant_text(report.created_at, lang)}
        for report in reports
    ]
    notice = (
        _("The report was closed as: %(status)s.") % {"status": statuses[resolved]}
        if resolved in statuses
        else None
    )
    return Outcome(
        "reports/queue.html",
        _("Problem reports"),
        {
            "reports": rows,
            "show_all": show_all,
            "kinds": {kind.value: label for kind, label in kind_labels(lang).items()},
            "resolutions": [(r.value, label) for r, label in resolution_labels(lang).items()],
            "statuses": statuses,
            "resolved": notice,
        },
    )


def resolve_from_form(
    *,
    session: Session,
    actor: Actor,
    report_id: int,
    form: Mapping[str, Any],
    now: datetime,
    lang: Language,
) -> Outcome:
    """Close a report with the button pressed (``resolution``: fixed, not_a_problem or
    duplicate), then back to the queue (303). An unknown resolution: InvalidQueryError
    (422); the service's 404, 403 and 409 pass through."""
    value = str(form.get("resolution", ""))
    if value not in {r.value for r in Resolution}:
        raise InvalidQueryError(
            "resolution must be fixed, not_a_problem or duplicate", loc=("form", "resolution")
        )
    resolve_report(
        session=session, actor=actor, report_id=report_id, resolution=Resolution(value), now=now
    )
    return Outcome(redirect=f"/edit/reports?lang={lang}&resolved={value}")
