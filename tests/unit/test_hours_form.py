"""The hours editor's form (api/pages/editing/hours_form.py) and its macro: which input is
saved, errors next to their field in the editor's language, the 14 days in words."""

from datetime import date
from html.parser import HTMLParser

from api.pages.editing.hours_form import (
    build_hours_preview,
    hours_input_from_value,
    preview_days,
    read_hours_form,
)
from api.pages.rendering import environment

LUNCH_BREAK = {
    "hours_source": "grid",
    "hours_mo_1_opens": "09:00",
    "hours_mo_1_closes": "12:00",
    "hours_mo_2_opens": "13:00",
    "hours_mo_2_closes": "16:00",
    "hours_tu_1_opens": "9:00",
    "hours_tu_1_closes": "12:00",
    "hours_tu_2_opens": "13h",
    "hours_tu_2_closes": "16h",
    "hours_ph_off": "1",
    "hours_raw": "",
}


def test_the_grid_is_saved_as_a_canonical_value_and_shown_in_the_raw_field() -> None:
    hours = read_hours_form(LUNCH_BREAK, lang="fr")
    assert hours.errors == {}
    assert hours.value == "Mo,Tu 09:00-12:00,13:00-16:00; PH off"
    assert hours.raw == hours.value
    assert hours.grid.source == "grid"
    assert [c.opens for c in hours.grid.days[1].cells] == ["09:00", "13:00", ""]
    assert not hours.preview_requested


def test_an_untouched_grid_keeps_the_stored_value_as_written() -> None:
    stored = "Mo-Fr 08:30-12:45, We 13:45-15:45"
    shown = hours_input_from_value(stored, lang="fr")
    assert shown.grid.source == "grid" and shown.grid.representable
    form = {"hours_source": "grid", "hours_raw": shown.raw}
    for day in shown.grid.days:
        for cell in day.cells:
            form[cell.opens_name], form[cell.closes_name] = cell.opens, cell.closes
    assert read_hours_form(form, lang="fr").value == stored


def test_a_closing_at_midnight_is_00_00_in_the_grid_and_24_00_in_the_value() -> None:
    shown = hours_input_from_value("Sa 18:00-24:00", lang="en")
    assert (shown.grid.days[5].cells[0].opens, shown.grid.days[5].cells[0].closes) == (
        "18:00",
        "00:00",
    )
    form = {"hours_sa_1_opens": "18:00", "hours_sa_1_closes": "00:00"}
    assert read_hours_form(form, lang="en").value == "Sa 18:00-24:00"


def test_the_raw_field_wins_when_chosen_and_the_grid_shows_it_when_it_can() -> None:
    form = {**LUNCH_BREAK, "hours_source": "raw", "hours_raw": "Mo-Fr 9-17"}
    hours = read_hours_form(form, lang="nl")
    assert hours.value == "Mo-Fr 09:00-17:00"
    assert hours.grid.source == "raw" and hours.grid.representable
    assert hours.grid.days[4].cells[0].opens == "09:00"
    assert hours.grid.closed_on_public_holidays is False


def test_a_value_the_grid_cannot_show_is_kept_in_the_raw_field() -> None:
    stored = 'Mo-Fr 09:00-12:00 "sur rendez-vous"'
    shown = hours_input_from_value(stored, lang="fr")
    assert shown.grid.source == "raw" and not shown.grid.representable
    assert shown.raw == stored
    form = {"hours_source": "raw", "hours_raw": stored}
    assert read_hours_form(form, lang="fr").value == stored


def test_errors_are_next_to_their_day_in_the_editors_language() -> None:
    form = {
        "hours_we_1_opens": "14:00",
        "hours_we_1_closes": "12:00",
        "hours_th_1_opens": "9:00",
        "hours_fr_1_opens": "25:00",
        "hours_fr_1_closes": "26:00",
    }
    hours = read_hours_form(form, lang="fr")
    assert hours.value is None
    assert hours.errors == {
        "hours_th": ["Plage 1\u00a0: indiquez l’heure d’ouverture et l’heure de fermeture."],
        "hours_fr": ["Plage 1\u00a0: écrivez les heures comme 09:00 ou 9h30."],
    }
    # Once every cell is readable, the day's ranges are checked.
    del form["hours_th_1_opens"], form["hours_fr_1_opens"], form["hours_fr_1_closes"]
    hours = read_hours_form(form, lang="nl")
    assert hours.errors == {
        "hours_we": [
            "Tijdvak 1 sluit voor het opent (voor uren na middernacht: gebruik de tekstwaarde)."
        ]
    }


def test_an_invalid_raw_value_is_refused_with_the_reason() -> None:
    hours = read_hours_form({"hours_source": "raw", "hours_raw": "Mo-Fx 09:00"}, lang="en")
    assert hours.value is None
    (message,) = hours.errors["hours_raw"]
    assert message.startswith("This value is not valid OpenStreetMap syntax: ")
    assert "column" in message


def test_public_holidays_off_without_hours_is_an_error_and_empty_is_unknown() -> None:
    assert read_hours_form({"hours_ph_off": "1"}, lang="en").errors.keys() == {"hours_ph_off"}
    empty = read_hours_form({"hours_source": "grid"}, lang="en")
    assert (empty.value, empty.errors) == (None, {})


def test_the_preview_says_14_days_with_the_public_holiday() -> None:
    days = preview_days(
        value="Mo-Fr 09:00-12:00,13:00-16:00; PH off",
        start=date(2026, 12, 21),
        lang="fr",
        location=None,
    )
    assert len(days) == 14
    assert (days[0].label, days[0].text) == ("lundi 21 décembre", "9h–12h, 13h–16h")
    christmas = days[4]
    assert christmas.text == "Fermé — jour férié (Noël)" and christmas.exception
    assert days[5].text == "Fermé"


def test_the_live_preview_gives_no_days_while_the_form_has_errors() -> None:
    bad = build_hours_preview(
        form={"hours_mo_1_opens": "9:00"}, lang="en", today=date(2026, 12, 21), location=None
    )
    assert bad.days == [] and bad.errors
    good = build_hours_preview(form=LUNCH_BREAK, lang="en", today=date(2026, 12, 21), location=None)
    assert good.value == "Mo,Tu 09:00-12:00,13:00-16:00; PH off"
    assert good.days[1].text == "9 am – 12 pm, 1 pm – 4 pm"


class _Inputs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.inputs: dict[str, dict[str, str | None]] = {}
        self.labels: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "input" and found.get("name"):
            self.inputs[str(found["id"])] = found
        if tag == "label" and found.get("for"):
            self.labels.add(str(found["for"]))


def test_the_macro_renders_every_input_labelled_with_values_errors_and_preview() -> None:
    form = {**LUNCH_BREAK, "hours_we_1_opens": "14:00", "hours_we_1_closes": "12:00"}
    hours = read_hours_form(form, lang="fr")
    template = environment("fr").from_string(
        '{% from "editing/_hours_grid.html" import hours_grid %}'
        "{{ hours_grid(grid, raw, errors, preview, location=(50.85, 4.35)) }}"
    )
    html = template.render(lang="fr", grid=hours.grid, raw="<b>", errors=hours.errors, preview=None)
    parser = _Inputs()
    parser.feed(html)
    assert len(parser.inputs) == 7 * 3 * 2 + 2 + 1 + 1
    assert set(parser.inputs) <= parser.labels
    assert parser.inputs["hours_we_1_opens"]["value"] == "14:00"
    assert parser.inputs["hours_we_1_opens"]["aria-describedby"] == "hours_we-errors"
    assert parser.inputs["hours_raw"]["value"] == "<b>"
    assert "&lt;b&gt;" in html
    assert "La plage 1 ferme avant d’ouvrir" in html
    assert 'data-lat="50.85"' in html
    days = preview_days(value=hours.raw or None, start=date(2026, 12, 21), lang="fr", location=None)
    with_preview = template.render(lang="fr", grid=hours.grid, raw="", errors={}, preview=days)
    assert "lundi 21 décembre" in with_preview
