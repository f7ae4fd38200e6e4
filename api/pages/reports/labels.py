"""Problem reports in words, in the reader's language."""

from datetime import datetime

from sqlmodel import Session

from api.i18n import Language
from api.models.reports import ReportKind, Resolution
from api.pages.rendering import translations
from api.pages.views import gettext_for
from api.services.reports import recent_open_reports


def kind_labels(lang: Language) -> dict[ReportKind, str]:
    """What each kind of report says, as the reporter chooses it, in ``lang``."""
    _ = gettext_for(lang)
    return {
        ReportKind.HOURS_WRONG: _("the opening hours are wrong"),
        ReportKind.CLOSED_WHEN_OPEN: _("found closed during announced hours"),
        ReportKind.NO_ANSWER: _("nobody answers the phone"),
        ReportKind.MOVED: _("the place has moved"),
        ReportKind.CLOSED_FOR_GOOD: _("closed for good"),
        ReportKind.OTHER: _("something else is wrong"),
    }


def resolution_labels(lang: Language) -> dict[Resolution, str]:
    """The editors' buttons that close a report, in ``lang``."""
    _ = gettext_for(lang)
    return {
        Resolution.FIXED: _("Fixed"),
        Resolution.NOT_A_PROBLEM: _("Not a problem"),
        Resolution.DUPLICATE: _("Duplicate"),
    }


def public_report_lines(
    *, session: Session, access_point_id: str, now: datetime, lang: Language
) -> list[str]:
    """The open reports of the last 30 days on a place, one line per kind, in ``lang``:
    "2 reports: found closed during announced hours". Never the reporters' texts."""
    ngettext = translations(lang).ngettext
    labels = kind_labels(lang)
    return [
        ngettext("%(num)d report: %(kind)s", "%(num)d reports: %(kind)s", count)
        % {"num": count, "kind": labels[kind]}
        for kind, count in recent_open_reports(
            session=session, access_point_id=access_point_id, now=now
        )
    ]
