"""The observatory's incident charts, drawn on the server (``api.services.observatory.charts``:
SVG safe under the pages' CSP): by kind, by channel, by month. Only published counts are
drawn: a suppressed row ("< 5", hidden) is never a bar or a point, and the caption says how
many rows were left out."""

from typing import Any

from api.i18n import Language
from api.models.observatory_incidents import GroupBy
from api.pages.rendering import translations
from api.pages.views import gettext_for
from api.services.observatory.charts import render_bar_chart, render_line_chart
from api.services.observatory.incidents import IncidentCounts


def _drawn(counts: IncidentCounts, group_by: GroupBy, lang: Language) -> tuple[list[Any], int]:
    rows = counts.tables[group_by]
    drawn = [
        {"label": row.names[lang], "key": row.key, "count": row.published.count}
        for row in rows
        if row.published.count is not None
    ]
    return drawn, len(rows) - len(drawn)


def incident_charts(
    counts: IncidentCounts, *, lang: Language, since: str | None
) -> dict[str, dict[str, Any]]:
    """The SVG (``svg``, None when nothing can be drawn) and the note on left-out rows
    (``left_out``) of the charts by kind, channel and month, titled in ``lang``; ``since``
    is the first incident's day in words."""
    _ = gettext_for(lang)
    ngettext = translations(lang).ngettext
    since_text = _(" since %(day)s") % {"day": since} if since else ""
    specs = {
        GroupBy.KIND: (_("Incidents by what happened"), _("What happened")),
        GroupBy.CHANNEL: (_("Incidents by channel tried"), _("Channel")),
        GroupBy.MONTH: (_("Incidents by month"), _("Month")),
    }
    charts: dict[str, dict[str, Any]] = {}
    for group_by, (title, axis) in specs.items():
        rows, left_out = _drawn(counts, group_by, lang)
        description = _("%(title)s%(since)s: number of incidents") % {
            "title": title,
            "since": since_text,
        }
        svg = None
        if any(row["count"] for row in rows):
            if group_by is GroupBy.MONTH:
                # Every month, a suppressed one as a gap in the line (None), never a point.
                points = [
                    {"month": f"{row.key}-01", "count": row.published.count}
                    for row in counts.tables[GroupBy.MONTH]
                ]
                svg = render_line_chart(
                    rows=points,
                    x="month",
                    y="count",
                    title=title,
                    description=description,
                    x_title=axis,
                    y_title=_("Incidents"),
                    lang=lang,
                )
            else:
                svg = render_bar_chart(
                    rows=rows,
                    x="label",
                    y="count",
                    title=title,
                    description=description,
                    x_title=axis,
                    y_title=_("Incidents"),
                    lang=lang,
                    horizontal=True,
                    height=max(120, 22 * len(rows)),
                )
        note = (
            ngettext(
                "%(num)d row with fewer than 5 incidents (or hidden) is not drawn.",
                "%(num)d rows with fewer than 5 incidents (or hidden) are not drawn.",
                left_out,
            )
            % {"num": left_out}
            if left_out
            else None
        )
        charts[group_by.value] = {"svg": svg, "left_out": note, "description": description}
    return charts
