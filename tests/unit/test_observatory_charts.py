"""The observatory's server-rendered charts: SVG safe to inline under the pages' CSP,
deterministic, accessible name escaped, numbers and dates in the page's language."""

import re

import pytest

from api.services.observatory.charts import render_bar_chart, render_line_chart

ROWS = [
    {"week": "2026-01-05", "hours": 30, "series": "Counters"},
    {"week": "2026-01-12", "hours": 12, "series": "Counters"},
    {"week": "2026-01-05", "hours": 7.5, "series": "Phone <lines>"},
    {"week": "2026-01-12", "hours": None, "series": "Phone <lines>"},
]


def _line(lang: str = "en", description: str = 'Hours & "more"') -> str:
    return render_line_chart(
        rows=ROWS,
        x="week",
        y="hours",
        series="series",
        title="Hours per week",
        description=description,
        x_title="Week",
        y_title="Hours",
        lang=lang,  # type: ignore[arg-type]
        step=True,
    )


def test_line_chart_is_csp_safe_and_accessible() -> None:
    svg = _line()
    assert svg.startswith('<svg role="img" aria-label="Hours &amp; &quot;more&quot;" ')
    assert "<title>Hours &amp; &quot;more&quot;</title>" in svg
    for forbidden in ("<script", "style=", "<style", "foreignObject", "href="):
        assert forbidden not in svg
    # Vega's ARIA on inner marks is gone: one image, named once.
    assert svg.count("role=") == 1
    assert "aria-roledescription" not in svg
    # The legend's text from the data is escaped, never markup.
    assert "Phone &lt;lines&gt;" in svg


def test_rendering_is_deterministic() -> None:
    assert _line() == _line()
    assert _line(description="other") != _line()


@pytest.mark.parametrize(("lang", "month"), [("fr", "janv."), ("nl", "jan"), ("en", "Jan")])
def test_dates_follow_the_language(lang: str, month: str) -> None:
    labels = re.findall(r">([^<]+)</text>", _line(lang=lang))
    assert any(month in label and "2026" in label for label in labels), labels


def test_bar_chart() -> None:
    svg = render_bar_chart(
        # An organization's name from the database may hold markup: drawn as text only.
        rows=[{"kind": "a", "n": 3}, {"kind": '<img src=x onerror="alert(1)">', "n": 5}],
        x="kind",
        y="n",
        title="Bars",
        description="Two bars",
        x_title="Kind",
        y_title="Number",
        lang="fr",
        horizontal=True,
    )
    assert svg.startswith('<svg role="img" aria-label="Two bars" ')
    assert svg.count("<path") >= 2
    assert "style=" not in svg
    assert "<img" not in svg and "&lt;img" in svg


def test_time_ticks_fall_on_the_rows_days() -> None:
    """A weekly series is ticked on its Mondays (Vega's own week ticks are Sundays), at most
    12 ticks however long the series."""
    weeks = [f"2026-{month:02d}-{day:02d}" for month, day in [(1, 5), (1, 12), (1, 19), (1, 26)]]
    svg = render_line_chart(
        rows=[{"week": week, "hours": 30 - n} for n, week in enumerate(weeks)],
        x="week",
        y="hours",
        title="Hours",
        description="Hours",
        x_title="Week",
        y_title="Hours",
        lang="en",
    )
    assert re.findall(r">(\d+ Jan 2026)</text>", svg) == [
        "5 Jan 2026",
        "12 Jan 2026",
        "19 Jan 2026",
        "26 Jan 2026",
    ]
    many = [{"week": f"2026-{m:02d}-01", "hours": m} for m in range(1, 13)] + [
        {"week": f"2027-{m:02d}-01", "hours": m} for m in range(1, 13)
    ]
    long = render_line_chart(
        rows=many,
        x="week",
        y="hours",
        title="Hours",
        description="Hours",
        x_title="Month",
        y_title="Hours",
        lang="en",
    )
    ticks = long[long.index("role-axis-tick") :]
    assert ticks[: ticks.index("</g>")].count("<line") == 12
    assert re.findall(r">(\d+ \w+ 202\d)</text>", long)[:2] == ["1 Jan 2026", "1 Mar 2026"]


def test_long_category_labels_are_whole() -> None:
    label = "Le formulaire en ligne exige l'eID ou itsme"
    svg = render_bar_chart(
        rows=[{"kind": label, "n": 7}, {"kind": "Autre", "n": 5}],
        x="kind",
        y="n",
        title="Bars",
        description="Two bars",
        x_title="Kind",
        y_title="Incidents",
        lang="fr",
        horizontal=True,
    )
    assert f">{label}</text>" in svg
    assert "…" not in svg
    assert ">Kind</text>" not in svg  # the category axis has no title (the chart has)
