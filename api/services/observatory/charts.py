"""Charts drawn on the server: a Vega-Lite specification (built with ``altair``) rendered to
an SVG string by ``vl-convert-python`` (Vega in an embedded V8, no browser, no network).

Why SVG inlined in the page: the pages' Content-Security-Policy (``api.security_headers``)
forbids inline scripts and ``style`` attributes; vl-convert's SVG has neither (it draws with
presentation attributes: ``fill``, ``stroke``, ``font-size``..., which CSP does not govern),
and ``render_*`` checks it (``ChartError`` otherwise), so the SVG can be put straight into a
page or served as ``image/svg+xml``. Vega's own ARIA attributes on the inner marks are
removed (``role="graphics-object"`` on groups is unknown to most screen readers and to
axe-core); the root gets ``role="img"``, a ``<title>`` and an ``aria-label``: the chart is one
image whose ``description`` says what it shows, and the page gives the numbers as a table.

Deterministic: the same rows, titles and language give the same bytes (no random ids, no
clock); renders are cached on their input (``functools.lru_cache``, 256 charts): the first
render in a process costs ~0.4 s (V8 warm-up), the next ones ~0.05 s.

Numbers and dates on the axes follow the language (d3 locales ``fr-FR``, ``nl-NL``,
``en-GB``): ``1 234,5`` and ``janv. 2026`` in French.
"""

import html
import json
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from api.i18n import Language

if TYPE_CHECKING:
    import altair as alt

# altair and vl-convert (about 60 MB and half a second at import) are imported on the first
# chart, not with the app: a worker that never draws one (the API's) does not carry them.

Cell = str | int | float | None
Row = Mapping[str, Cell]
FieldType = Literal["temporal", "quantitative", "nominal", "ordinal"]

_LOCALES: dict[Language, Literal["fr-FR", "nl-NL", "en-GB"]] = {
    "fr": "fr-FR",
    "nl": "nl-NL",
    "en": "en-GB",
}
_TYPES: dict[FieldType, str] = {
    "temporal": "T",
    "quantitative": "Q",
    "nominal": "N",
    "ordinal": "O",
}
# Vega's ARIA attributes on inner marks (see the module docstring).
_INNER_ARIA = re.compile(r' (?:role|aria-[a-z]+)="[^"]*"')
# What CSP or a safe image forbids, looked for in the tags only (attribute values blanked:
# text drawn from the data, an organization's name, may say anything; it is escaped).
_TAG = re.compile(r"<[^>]*>")
_VALUE = re.compile(r'"[^"]*"')
_FORBIDDEN = re.compile(
    r"^</?(?:script|style|foreignobject|image|a)\b|\s(?:style|on[a-z]+|href|xlink:href)=", re.I
)
_ROOT = re.compile(r"^<svg ")
# Colour-blind safe palette (Okabe-Ito), dark enough on white for lines and bars.
_PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]

MAX_TICKS = 12
"""At most this many ticks on a time axis (their labels, about 80 px each, fit 640 px)."""
CATEGORY_LABEL_LIMIT = 340
"""Pixels of a horizontal bar chart's category label before Vega cuts it with "…" (its
default, 180, cut most kinds of incident: "Fermé pendant les heures ann…")."""


class ChartError(RuntimeError):
    """vl-convert gave an SVG that could not be inlined under the pages' CSP (never expected:
    a guard, not a user error)."""


def _spec(
    chart: "alt.Chart", *, title: str, width: int, height: int, series: str | None
) -> dict[str, Any]:
    chart = chart.properties(title=title, width=width, height=height).configure_range(
        category=_PALETTE
    )
    chart = chart.configure_axis(labelFontSize=12, titleFontSize=13).configure_title(fontSize=15)
    if series is not None:
        chart = chart.configure_legend(orient="bottom", labelFontSize=12, title=None)
    spec: dict[str, Any] = chart.to_dict()
    spec.pop("$schema", None)  # the altair version's URL: not needed offline, not in the cache key
    return spec


@lru_cache(maxsize=256)
def _render(spec_json: str, lang: Language, description: str) -> str:
    import vl_convert as vlc

    locale = _LOCALES[lang]
    svg: str = vlc.vegalite_to_svg(
        json.loads(spec_json),
        format_locale=locale,
        time_format_locale=locale,
        allowed_base_urls=[],  # the data is in the spec: never fetch anything
    )
    svg = _INNER_ARIA.sub("", svg)
    for tag in _TAG.findall(svg):
        found = _FORBIDDEN.search(_VALUE.sub('""', tag))
        if found:
            raise ChartError(f"the rendered SVG contains {found.group(0).strip()!r}")
    label = html.escape(description, quote=True)
    svg = _ROOT.sub(f'<svg role="img" aria-label="{label}" ', svg, count=1)
    head = svg.index(">") + 1
    return f"{svg[:head]}<title>{html.escape(description)}</title>{svg[head:]}"


def _day_ticks(rows: Sequence[Row], x: str) -> list[int]:
    """The time axis' ticks on the rows' own days (UTC milliseconds), at most ``MAX_TICKS``
    evenly spaced from the first: a weekly series is ticked on its Mondays, a monthly one on
    its 1sts (Vega's own week ticks fall on Sundays: a drop at a Monday's week would show a
    day off its tick)."""
    days = sorted({str(row[x]) for row in rows if row[x] is not None})
    step = -(-len(days) // MAX_TICKS) or 1
    return [
        int(datetime.fromisoformat(day).replace(tzinfo=UTC).timestamp() * 1000)
        for day in days[::step]
    ]


def _encode(name: str, kind: FieldType) -> str:
    return f"{name}:{_TYPES[kind]}"


def render_line_chart(
    *,
    rows: Sequence[Row],
    x: str,
    y: str,
    series: str | None = None,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    lang: Language,
    x_type: FieldType = "temporal",
    step: bool = False,
    width: int = 640,
    height: int = 260,
) -> str:
    """An SVG line chart (points marked) of ``rows``: ``x`` (an ISO date ``YYYY-MM-DD`` when
    ``x_type`` is temporal) against the number ``y``, one line per value of ``series`` (a
    legend below), or one line when None. A row whose ``y`` is None is a gap, never 0.
    ``step``: the value holds until the next point (weekly totals), drawn as steps.

    ``title`` is drawn above the chart; ``description`` (what it counts, since when) is the
    image's accessible name. ``width``/``height``: the plot area in CSS pixels (the SVG has a
    viewBox: the page's CSS scales it). Axis numbers and dates in ``lang``. Raises
    ``ChartError`` if the SVG could not be inlined safely (see the module docstring).
    """
    import altair as alt

    if x_type == "temporal":
        # Dates are days (ISO, no time): read and labelled in UTC so that no time zone of the
        # renderer shifts them; ticks on whole days.
        x_field = alt.X(
            _encode(x, x_type),
            title=x_title,
            timeUnit="utcyearmonthdate",
            axis=alt.Axis(
                format="%-d %b %Y",
                labelAngle=0,
                labelOverlap=True,
                values=_day_ticks(rows, x),
            ),
        )
    else:
        x_field = alt.X(_encode(x, x_type), title=x_title)
    encoding: dict[str, Any] = {
        "x": x_field,
        "y": alt.Y(f"{y}:Q", title=y_title, scale=alt.Scale(zero=True)),
    }
    if series is not None:
        encoding["color"] = alt.Color(f"{series}:N", title=None, sort=None)
    chart = alt.Chart(alt.Data(values=[dict(row) for row in rows])).mark_line(
        point=True, strokeWidth=2, interpolate="step-after" if step else "linear"
    )
    spec = _spec(chart.encode(**encoding), title=title, width=width, height=height, series=series)
    return _render(json.dumps(spec, sort_keys=True), lang, description)


def render_bar_chart(
    *,
    rows: Sequence[Row],
    x: str,
    y: str,
    series: str | None = None,
    title: str,
    description: str,
    x_title: str,
    y_title: str,
    lang: Language,
    x_type: FieldType = "nominal",
    horizontal: bool = False,
    width: int = 640,
    height: int = 260,
) -> str:
    """An SVG bar chart of ``rows``: one bar per ``x`` (categories in the order of the rows)
    of height ``y`` (a number), stacked by ``series`` when given; ``horizontal`` puts the
    categories on the vertical axis (long labels: organization names, kept whole up to
    ``CATEGORY_LABEL_LIMIT`` pixels; ``x_title`` is then not drawn). Same ``title``,
    ``description``, ``lang`` and ``ChartError`` as ``render_line_chart``.
    """
    import altair as alt

    sort = None if x_type in ("nominal", "ordinal") else "ascending"
    category, value = _encode(x, x_type), f"{y}:Q"
    encoding: dict[str, Any] = (
        {
            "x": alt.X(value, title=y_title),
            # No title on the category axis: Vega places it from the labels' widths as
            # measured in V8, which the browser's font does not match (it overlapped long
            # labels); the chart's title names the categories.
            "y": alt.Y(
                category, title=None, sort=sort, axis=alt.Axis(labelLimit=CATEGORY_LABEL_LIMIT)
            ),
        }
        if horizontal
        else {"x": alt.X(category, title=x_title, sort=sort), "y": alt.Y(value, title=y_title)}
    )
    if series is not None:
        encoding["color"] = alt.Color(f"{series}:N", title=None, sort=None)
    chart = alt.Chart(alt.Data(values=[dict(row) for row in rows])).mark_bar()
    spec = _spec(chart.encode(**encoding), title=title, width=width, height=height, series=series)
    return _render(json.dumps(spec, sort_keys=True), lang, description)
