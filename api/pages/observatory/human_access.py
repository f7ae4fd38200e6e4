"""The page "Human access over time" (``/observatory/human-access``): for one region, commune
or organization, chosen with GET forms that work without JavaScript, the hours per week of
counters and of phone lines answered by a person, as a chart drawn on the server
(``api.services.observatory.charts``) and as a table, with links to the CSV and JSON."""

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date
from babel.numbers import format_decimal
from sqlmodel import Session, col, select

from api.errors import DomainError
from api.i18n import Language, babel_locale
from api.models import Municipality, Organization
from api.models.common import Status
from api.models.human_access import AccessScope, HumanAccessSeries
from api.pages.views import gettext_for
from api.services.observatory.charts import render_line_chart
from api.services.observatory.human_access import REGIONS, human_access_series


@dataclass
class HumanAccessPage:
    """A page to render: ``template`` with ``context`` and ``status``."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    status: int = 200


def _regions(lang: Language) -> list[tuple[str, str]]:
    _ = gettext_for(lang)
    return [("brussels", _("Brussels-Capital Region")), ("wallonia", _("Wallonia"))]


def _options(session: Session, lang: Language) -> dict[str, list[tuple[str, str]]]:
    _ = gettext_for(lang)
    communes = session.exec(
        select(Municipality).where(col(Municipality.region).in_([r.value for r in REGIONS]))
    ).all()
    organizations = session.exec(
        select(Organization).where(col(Organization.status) == Status.ACTIVE)
    ).all()

    def commune_name(m: Municipality) -> str:
        return (m.name_nl if lang == "nl" and m.name_nl else m.name_fr) or m.nis_code

    def organization_name(o: Organization) -> str:
        return (o.name_nl if lang == "nl" and o.name_nl else o.name) or o.id

    return {
        "regions": _regions(lang),
        "communes": sorted(
            ((m.nis_code, commune_name(m)) for m in communes), key=lambda o: o[1].casefold()
        ),
        "organizations": sorted(
            ((o.id, organization_name(o)) for o in organizations), key=lambda o: o[1].casefold()
        ),
    }


def _hours(value: float, lang: Language) -> str:
    return format_decimal(value, format="#,##0.##", locale=babel_locale(lang))


def _day(day: date, lang: Language) -> str:
    return format_date(day, "medium", locale=babel_locale(lang))


def _name(series: HumanAccessSeries, lang: Language) -> str:
    if series.scope is AccessScope.REGION:
        return dict(_regions(lang))[series.scope_id]
    if lang == "nl" and series.scope_name_nl:
        return series.scope_name_nl
    return series.scope_name


def _chart(series: HumanAccessSeries, name: str, lang: Language) -> str:
    _ = gettext_for(lang)
    counters, lines = _("Counters"), _("Phone lines")
    rows: list[dict[str, str | float | None]] = []
    for week in series.weeks:
        # Places all of unknown hours are a gap in the line, never a drop to 0.
        counter_hours = None if week.counters_unknown and not week.counters else week.counter_hours
        line_hours = (
            None if week.phone_lines_unknown and not week.phone_lines else week.phone_line_hours
        )
        rows.append({"week": week.week.isoformat(), "hours": counter_hours, "of": counters})
        rows.append({"week": week.week.isoformat(), "hours": line_hours, "of": lines})
    assert series.since is not None and series.until is not None
    return render_line_chart(
        rows=rows,
        x="week",
        y="hours",
        series="of",
        title=_("Hours per week: %(name)s") % {"name": name},
        description=_(
            "Chart of the hours per week of counters and of phone lines answered by a "
            "person, %(name)s, from %(since)s to %(until)s; the numbers are in the table below."
        )
        % {"name": name, "since": _day(series.since, lang), "until": _day(series.until, lang)},
        x_title=_("Week (Monday)"),
        y_title=_("Hours per week"),
        lang=lang,
        step=True,
    )


def _table(series: HumanAccessSeries, lang: Language) -> list[dict[str, str | int]]:
    return [
        {
            "week": _day(week.week, lang),
            "week_iso": week.week.isoformat(),
            "counter_hours": _hours(week.counter_hours, lang),
            "counters": week.counters,
            "counters_unknown": week.counters_unknown,
            "phone_line_hours": _hours(week.phone_line_hours, lang),
            "phone_lines": week.phone_lines,
            "phone_lines_unknown": week.phone_lines_unknown,
        }
        for week in reversed(series.weeks)  # the latest week first: what readers look for
    ]


def show_human_access(
    *,
    session: Session,
    now: datetime,
    lang: Language,
    region: str | None,
    nis_code: str | None,
    organization_id: str | None,
) -> HumanAccessPage:
    """The page for exactly one of ``region``, ``nis_code``, ``organization_id`` (the
    Brussels region when none is given): the chart, the table, the links to the data. The
    forms again with the error (422 or 404) when the choice is not one known scope."""
    _ = gettext_for(lang)
    if not (region or nis_code or organization_id):
        region = "brussels"
    chosen = {"region": region, "nis_code": nis_code, "organization_id": organization_id}
    context: dict[str, Any] = {
        "title": _("Human access over time"),
        "page": "observatory",  # its item in the main menu is the current one
        "options": _options(session, lang),
        "chosen": chosen,
        "series": None,
        "error": None,
    }
    try:
        series = human_access_series(
            session=session,
            now=now,
            region=region or None,
            nis_code=nis_code or None,
            organization_id=organization_id or None,
        )
    except DomainError as error:
        context["error"] = _(
            "Choose one region, one commune or one organization from the lists below."
        )
        return HumanAccessPage("observatory/human_access.html", context, error.status_code)
    name = _name(series, lang)
    query = urlencode({k: v for k, v in chosen.items() if v})
    context |= {
        "series": series,
        "name": name,
        "title": _("Human access over time: %(name)s") % {"name": name},
        "since": _day(series.since, lang) if series.since else None,
        "until": _day(series.until, lang) if series.until else None,
        "chart": _chart(series, name, lang) if series.weeks else None,
        "rows": _table(series, lang),
        "latest": _table(series, lang)[0] if series.weeks else None,
        "csv_url": f"/v1/observatory/human-access.csv?{query}",
        "json_url": f"/v1/observatory/human-access?{query}",
    }
    return HumanAccessPage("observatory/human_access.html", context)
