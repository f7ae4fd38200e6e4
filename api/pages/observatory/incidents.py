"""The observatory's incidents page (``/observatory``): the incidents by kind, channel and
month (chart and table), by theme, commune and organization (tables), and the workers'
minutes; each figure says what it counts and since when; a count of 1 to 4 reads "< 5" and is
never drawn. The filters are a plain GET form (no JavaScript)."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from babel.dates import format_date
from babel.numbers import format_decimal
from fastapi import Request
from sqlmodel import Session, col, select

from api.errors import InvalidQueryError
from api.i18n import Language, babel_locale
from api.models import Municipality
from api.models.common import Region
from api.models.observatory_incidents import GroupBy, SyntheticFilter
from api.pages.observatory.incidents_charts import incident_charts
from api.pages.views import gettext_for, instant_text
from api.services.observatory.incidents import (
    CountedRow,
    IncidentCounts,
    IncidentQuery,
    count_incidents,
    parse_month,
)
from api.services.observatory.incidents_suppression import Published, Suppression
from api.services.observatory.opendata import INCIDENTS_CSV_PATH, LICENCE_NAME, LICENCE_URL


@dataclass
class ObservatoryPage:
    """A page to render: ``template`` with ``context`` and ``status``."""

    template: str
    context: dict[str, Any] = field(default_factory=dict)
    status: int = 200


def count_text(published: Published, lang: Language) -> str:
    """A published count in words: the number ("1 234"), "< 5" when small, "hidden" when
    hidden so that a small count cannot be worked out (complementary)."""
    if published.suppression is Suppression.SMALL:
        return "< 5"
    if published.suppression is Suppression.COMPLEMENTARY:
        _ = gettext_for(lang)
        return _("hidden")
    return format_decimal(published.count or 0, locale=babel_locale(lang))


def read_filters(params: Mapping[str, str], lang: Language) -> tuple[IncidentQuery, list[str]]:
    """The page's filters from its query string; what could not be read is left out and
    said, in ``lang``."""
    _ = gettext_for(lang)
    errors: list[str] = []
    region = params.get("region") or None
    nis_code = params.get("nis_code") or None
    months: dict[str, date | None] = {}
    for name in ("from", "to"):
        value = params.get(name) or None
        try:
            months[name] = parse_month(value, name=name) if value else None
        except InvalidQueryError:
            errors.append(_("Write a month as YYYY-MM, for example 2026-03."))
            months[name] = None
    if months["from"] and months["to"] and months["from"] > months["to"]:
        errors.append(_("The first month must not come after the last one."))
        months["to"] = None
    try:
        synthetic = SyntheticFilter(params.get("synthetic") or "include")
    except ValueError:
        synthetic = SyntheticFilter.INCLUDE
    query = IncidentQuery(
        region=Region(region) if region in ("brussels", "wallonia") else None,
        nis_code=nis_code if nis_code and nis_code.isdigit() and len(nis_code) == 5 else None,
        period_from=months["from"],
        period_to=months["to"],
        synthetic=synthetic,
    )
    return query, errors


def _link_query(params: Mapping[str, str | None]) -> str:
    kept = {k: v for k, v in params.items() if v}
    return "?" + urlencode(kept) if kept else ""


def _rows(rows: list[CountedRow], lang: Language) -> list[dict[str, str | bool]]:
    return [
        {
            "label": row.names[lang],
            "count": count_text(row.published, lang),
            "suppressed": row.published.suppressed,
        }
        for row in rows
    ]


def _communes(session: Session, lang: Language) -> list[dict[str, Any]]:
    """The communes of Brussels and Wallonia for the filter's list, grouped by region."""
    _ = gettext_for(lang)
    groups = []
    for region, label in ((Region.BRUSSELS, _("Brussels")), (Region.WALLONIA, _("Wallonia"))):
        communes = session.exec(select(Municipality).where(col(Municipality.region) == region))
        names = sorted(
            ((m.name_nl if lang == "nl" and m.name_nl else m.name_fr), m.nis_code) for m in communes
        )
        groups.append({"label": label, "options": [{"value": c, "label": n} for n, c in names]})
    return groups


def _since(counts: IncidentCounts, lang: Language) -> str | None:
    first = counts.first_incident_on
    return None if first is None else format_date(first, "long", locale=babel_locale(lang))


def _content(counts: IncidentCounts, lang: Language) -> dict[str, Any]:
    tables = {g.value: _rows(rows, lang) for g, rows in counts.tables.items()}
    minutes = None
    if counts.total_minutes is not None and counts.median_minutes is not None:
        locale = babel_locale(lang)
        minutes = {
            "incidents": count_text(counts.minutes_incidents, lang),
            "total": format_decimal(counts.total_minutes, locale=locale),
            "hours": format_decimal(round(counts.total_minutes / 60), locale=locale),
            "median": format_decimal(counts.median_minutes, locale=locale),
        }
    return {
        "since": _since(counts, lang),
        "total": count_text(counts.total, lang),
        "total_published": not counts.total.suppressed,
        "synthetic": count_text(counts.synthetic, lang),
        "synthetic_zero": counts.synthetic.count == 0,
        "tables": tables,
        "minutes": minutes,
        "charts": incident_charts(counts, lang=lang, since=_since(counts, lang)),
    }


def observatory_page(
    *, session: Session, request: Request, now: datetime, lang: Language
) -> ObservatoryPage:
    """The page for the request's filters (``region``, ``nis_code``, ``from``, ``to``,
    ``synthetic``); a filter that cannot be read is said in the page (422)."""
    _ = gettext_for(lang)
    params = dict(request.query_params)
    query, errors = read_filters(params, lang)
    try:
        counts = count_incidents(session=session, query=query, today=now.date())
    except InvalidQueryError:
        errors.append(_("These filters cannot be used: the figures below are for all incidents."))
        query = IncidentQuery(synthetic=query.synthetic)
        counts = count_incidents(session=session, query=query, today=now.date())
    csv_params = {
        "region": query.region.value if query.region else None,
        "nis_code": query.nis_code,
        "from": f"{query.period_from:%Y-%m}" if query.period_from else None,
        "to": f"{query.period_to:%Y-%m}" if query.period_to else None,
        "synthetic": query.synthetic.value,
    }
    context = {
        "page": "observatory",
        "path": request.url.path,
        "params": params,
        "now_text": instant_text(now, lang),
        "title": _("Observatory: when there was no one to talk to"),
        "errors": errors,
        "filters": csv_params,
        "communes": _communes(session, lang),
        "csv_all": INCIDENTS_CSV_PATH + _link_query(csv_params),
        "csv_by": {
            g.value: INCIDENTS_CSV_PATH + _link_query(csv_params | {"group_by": g.value})
            for g in GroupBy
        },
        "json_all": "/v1/observatory/incidents" + _link_query(csv_params),
        "real_only": "/observatory"
        + _link_query(csv_params | {"synthetic": "exclude", "lang": lang}),
        "licence_name": LICENCE_NAME,
        "licence_url": LICENCE_URL,
    } | _content(counts, lang)
    return ObservatoryPage("observatory/incidents.html", context, 422 if errors else 200)
