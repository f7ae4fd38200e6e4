"""Open data of the observatory (issue 13, part 5): the aggregated incidents as CSV, under the
licence of the project's other exports, with a data dictionary describing every column of
every observatory CSV. Never a free text, never a reporter: the CSV is written from the
suppressed counts only (``IncidentCounts``).

Licence: ODbL 1.0, as the directory's exports (``api.main``'s ``license_info``): the figures
name the directory's organizations and communes, a database derived from it.
"""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass

from api.models.observatory_incidents import (
    DataDictionaryPublic,
    DictionaryColumn,
    DictionaryFile,
    GroupBy,
)
from api.services.observatory.human_access_csv import HUMAN_ACCESS_CSV_COLUMNS
from api.services.observatory.incidents import IncidentCounts
from api.services.observatory.incidents_labels import Names
from api.services.observatory.incidents_suppression import Published

LICENCE_NAME = "ODbL 1.0"
LICENCE_URL = "https://opendatacommons.org/licenses/odbl/1-0/"
ATTRIBUTION = "guichets observatory: incident reports of front-desk workers, aggregated"
DICTIONARY_PATH = "/v1/observatory/dictionary"
INCIDENTS_CSV_PATH = "/v1/observatory/incidents.csv"
HUMAN_ACCESS_CSV_PATH = "/v1/observatory/human-access.csv"
CSV_LINK = f'<{LICENCE_URL}>; rel="license", <{DICTIONARY_PATH}>; rel="describedby"'
"""The ``Link`` header of every observatory CSV: its licence and its data dictionary."""

INCIDENT_CSV_COLUMNS: dict[str, str] = {
    "group_by": (
        "What the row counts by: kind, channel, organization, commune (of residence), theme, "
        "month; or total (all incidents), synthetic (how many of them are synthetic), "
        "worker_minutes (the workers' minutes spent)."
    ),
    "key": (
        "The row's code: a kind, channel or theme code, an organization id, a commune's NIS "
        "code, a month (YYYY-MM); empty for incidents that do not say (no commune, no theme) "
        "or about a service outside the directory; for worker_minutes: incidents, sum or "
        "median."
    ),
    "label_fr": "The row in words, in French.",
    "label_nl": "The row in words, in Dutch.",
    "label_en": "The row in words, in English.",
    "value": (
        "The number (incidents, or minutes for worker_minutes sum and median); empty when "
        "suppressed."
    ),
    "unit": "incidents or minutes.",
    "suppressed": "true when the value is not published, else false.",
    "suppression": (
        "Why: small (a count from 1 to 4, shown as '< 5'), complementary (5 or more, hidden "
        "so that a small count cannot be worked out from the total), or not_enough (minutes "
        "given by fewer than 5 incidents); empty when published."
    ),
    "first_incident_on": (
        "The day of the first incident counted (YYYY-MM-DD): the figures count since then."
    ),
    "period_from": "The first month asked (YYYY-MM); empty: from the first incident.",
    "period_to": "The last month asked (YYYY-MM); empty: up to the latest.",
    "region": "The region of residence asked (brussels, wallonia); empty: all.",
    "nis_code": "The commune of residence asked (NIS code); empty: all.",
    "synthetic": (
        "include (real and synthetic incidents), exclude (real only) or only (synthetic only)."
    ),
}
"""The columns of ``/v1/observatory/incidents.csv``, in order, with what they hold."""

_TOTAL_NAMES: Names = {"fr": "Tous les incidents", "nl": "Alle incidenten", "en": "All incidents"}
_SYNTHETIC_NAMES: Names = {
    "fr": "Incidents synthétiques (générés pour la démonstration)",
    "nl": "Synthetische incidenten (gegenereerd voor de demonstratie)",
    "en": "Synthetic incidents (generated for demonstration)",
}
_MINUTES_NAMES: dict[str, Names] = {
    "incidents": {
        "fr": "Incidents qui donnent les minutes",
        "nl": "Incidenten met de minuten",
        "en": "Incidents giving the minutes",
    },
    "sum": {"fr": "Minutes au total", "nl": "Minuten in totaal", "en": "Minutes in total"},
    "median": {"fr": "Minutes (médiane)", "nl": "Minuten (mediaan)", "en": "Minutes (median)"},
}


@dataclass(frozen=True, slots=True)
class CsvFile:
    """One CSV file of the observatory, for the data dictionary."""

    path: str
    description: str
    columns: dict[str, str]
    downloads: tuple[str, ...]
    """Links that download it as it is (with example parameters when it needs some)."""


def _row(
    counts: IncidentCounts,
    group_by: str,
    key: str | None,
    names: Names,
    published: Published,
    *,
    unit: str = "incidents",
) -> dict[str, str]:
    query = counts.query
    return {
        "group_by": group_by,
        "key": key or "",
        "label_fr": names["fr"],
        "label_nl": names["nl"],
        "label_en": names["en"],
        "value": "" if published.count is None else str(published.count),
        "unit": unit,
        "suppressed": "true" if published.suppressed else "false",
        "suppression": published.suppression.value if published.suppression else "",
        "first_incident_on": counts.first_incident_on.isoformat()
        if counts.first_incident_on
        else "",
        "period_from": f"{query.period_from:%Y-%m}" if query.period_from else "",
        "period_to": f"{query.period_to:%Y-%m}" if query.period_to else "",
        "region": query.region.value if query.region else "",
        "nis_code": query.nis_code or "",
        "synthetic": query.synthetic.value,
    }


def _minutes_rows(counts: IncidentCounts) -> list[dict[str, str]]:
    rows = [
        _row(
            counts,
            "worker_minutes",
            "incidents",
            _MINUTES_NAMES["incidents"],
            counts.minutes_incidents,
        )
    ]
    for key, value in (("sum", counts.total_minutes), ("median", counts.median_minutes)):
        text = None if value is None else (int(value) if float(value).is_integer() else value)
        row = _row(counts, "worker_minutes", key, _MINUTES_NAMES[key], Published(0), unit="minutes")
        row |= {"value": "" if text is None else str(text)}
        if text is None:
            row |= {"suppressed": "true", "suppression": "not_enough"}
        rows.append(row)
    return rows


def incidents_csv(counts: IncidentCounts, *, group_by: GroupBy | None) -> Iterator[str]:
    """The CSV of ``counts``: a UTF-8 BOM (spreadsheets in Belgium open it right), the header
    (``INCIDENT_CSV_COLUMNS``), the total, the synthetic count and the workers' minutes, then
    the rows of ``group_by`` (all six tables when None). CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(INCIDENT_CSV_COLUMNS), lineterminator="\r\n")
    buffer.write("\ufeff")
    writer.writeheader()
    writer.writerow(_row(counts, "total", "all", _TOTAL_NAMES, counts.total))
    writer.writerow(_row(counts, "synthetic", "synthetic", _SYNTHETIC_NAMES, counts.synthetic))
    writer.writerows(_minutes_rows(counts))
    for dimension in [group_by] if group_by is not None else list(GroupBy):
        writer.writerows(
            _row(counts, dimension.value, row.key, row.names, row.published)
            for row in counts.tables[dimension]
        )
    yield buffer.getvalue()


def observatory_files() -> list[CsvFile]:
    """Every CSV of the observatory with its columns: the incidents' and the human-access
    series'."""
    files = [
        CsvFile(
            path=INCIDENTS_CSV_PATH,
            description=(
                "The workers' incident reports counted by kind, channel, organization, commune "
                "of residence, theme and month, with the total, the synthetic ones and the "
                "workers' minutes; counts of 1 to 4 suppressed. Parameters as "
                "/v1/observatory/incidents: group_by, region, nis_code, from, to, synthetic."
            ),
            columns=INCIDENT_CSV_COLUMNS,
            downloads=(
                INCIDENTS_CSV_PATH,
                f"{INCIDENTS_CSV_PATH}?group_by=month&synthetic=exclude",
            ),
        )
    ]
    return files + human_access_files()


def human_access_files() -> list[CsvFile]:
    """The human-access CSV with its columns (``human_access_csv.HUMAN_ACCESS_CSV_COLUMNS``)."""
    return [
        CsvFile(
            path=HUMAN_ACCESS_CSV_PATH,
            description=(
                "Human access over time: the hours per week of counters and of phone lines "
                "answered by a person, for one region, commune or organization (parameters "
                "region, nis_code or organization_id), one row per week, from the opening "
                "hours and their history."
            ),
            columns=HUMAN_ACCESS_CSV_COLUMNS,
            downloads=(
                f"{HUMAN_ACCESS_CSV_PATH}?region=brussels",
                f"{HUMAN_ACCESS_CSV_PATH}?region=wallonia",
            ),
        )
    ]


SUPPRESSION_RULE = (
    "Counts of 1 to 4 are never published: the value is empty (JSON: null) with suppression "
    "'small', shown as '< 5' on the pages and never drawn on a chart. In a table whose rows "
    "split the incidents (channel, organization, commune, theme, month), the smallest other "
    "rows of 5 or more are hidden too ('complementary') while the total minus the published "
    "rows would give a small count away. The total is the true number of incidents; in the "
    "rare answers where no hiding protects the small counts, it is withheld. The workers' "
    "minutes (sum, median) are published when at least 5 incidents give them. Free texts, "
    "the names typed for services outside the directory and the reporters are never published."
)


def data_dictionary() -> DataDictionaryPublic:
    """The licence, the suppression rule and every observatory CSV with its columns."""
    return DataDictionaryPublic(
        licence=LICENCE_NAME,
        licence_url=LICENCE_URL,
        attribution=ATTRIBUTION,
        suppression=SUPPRESSION_RULE,
        files=[
            DictionaryFile(
                path=f.path,
                description=f.description,
                downloads=list(f.downloads),
                columns=[DictionaryColumn(name=n, description=d) for n, d in f.columns.items()],
            )
            for f in observatory_files()
        ],
    )
