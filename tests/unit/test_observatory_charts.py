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
        rows=[{"kind": "a", "n": 3}, {"kind": "b", "n": 5}],
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
