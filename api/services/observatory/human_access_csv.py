"""The human-access series as CSV (open data, ODbL 1.0 like the directory's exports): one
row per week, a UTF-8 BOM for spreadsheets in Belgium, CRLF line ends (RFC 4180)."""

import csv
import io

from api.models.human_access import HumanAccessSeries

HUMAN_ACCESS_CSV_COLUMNS: dict[str, str] = {
    "scope": "region, commune or organization: what the row covers.",
    "scope_id": "The region (brussels, wallonia), the commune's NIS code or the organization's id.",
    "scope_name": "Its name in French.",
    "week": "The Monday of the week (ISO date, Europe/Brussels); the week runs to Sunday.",
    "counter_hours": "Open hours that week of the counters (kind guichet) with known hours, "
    "summed; lunch breaks, Belgian public holidays (PH off) and closures applied; each place "
    "as its record stood at the end of the week (change history). Hours, two decimals.",
    "counters": "Counters with known hours that week (summed in counter_hours; a temporarily "
    "closed counter counts with 0 hours).",
    "counters_unknown": "Counters whose hours are not known that week: not in counter_hours, "
    "never counted as 0.",
    "phone_line_hours": "Hours that week of the phone lines answered by a person (kind "
    "phone_line) with known hours, summed. A line counts for every commune of its service "
    "area and once for a region it serves.",
    "phone_lines": "Phone lines with known hours that week.",
    "phone_lines_unknown": "Phone lines whose hours are not known that week: not in "
    "phone_line_hours.",
}
"""The CSV's columns, in order, and what each means (the observatory's data dictionary)."""


def human_access_csv(series: HumanAccessSeries) -> str:
    """``series`` as CSV text: the header (``HUMAN_ACCESS_CSV_COLUMNS``), then one row per
    week, oldest first; numbers with a dot as decimal separator."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(
        buffer, fieldnames=list(HUMAN_ACCESS_CSV_COLUMNS), lineterminator="\r\n"
    )
    writer.writeheader()
    for week in series.weeks:
        writer.writerow(
            {
                "scope": series.scope.value,
                "scope_id": series.scope_id,
                "scope_name": series.scope_name,
                "week": week.week.isoformat(),
                "counter_hours": f"{week.counter_hours:.2f}",
                "counters": week.counters,
                "counters_unknown": week.counters_unknown,
                "phone_line_hours": f"{week.phone_line_hours:.2f}",
                "phone_lines": week.phone_lines,
                "phone_lines_unknown": week.phone_lines_unknown,
            }
        )
    return buffer.getvalue()
