"""The observatory's incident counts in the JSON API's shapes (``IncidentAggregatesPublic``),
in one language."""

from datetime import date

from api.i18n import Language
from api.models.observatory_incidents import (
    CountPublic,
    GroupBy,
    IncidentAggregatesPublic,
    IncidentFilters,
    IncidentRow,
    IncidentTable,
    MinutesPublic,
)
from api.services.observatory.incidents import SPLITTING, IncidentCounts
from api.services.observatory.incidents_suppression import Published
from api.services.observatory.opendata import DICTIONARY_PATH, LICENCE_URL


def count_public(published: Published) -> CountPublic:
    """A published count as the API shows it (``count`` null when suppressed)."""
    reason = published.suppression.value if published.suppression is not None else None
    return CountPublic(count=published.count, suppressed=published.suppressed, suppression=reason)


def month_text(month: date | None) -> str | None:
    """A month (the 1st of it) as ``YYYY-MM``; None stays None."""
    return None if month is None else f"{month:%Y-%m}"


def aggregates_public(
    counts: IncidentCounts, *, lang: Language, group_by: GroupBy | None
) -> IncidentAggregatesPublic:
    """``counts`` in the API's shape, row labels in ``lang``: the table of ``group_by``, or
    all six (kind, channel, organization, commune, theme, month) when None."""
    query = counts.query
    wanted = [group_by] if group_by is not None else list(GroupBy)
    tables = [
        IncidentTable(
            group_by=dimension,
            splits=dimension in SPLITTING,
            rows=[
                IncidentRow(
                    key=row.key, label=row.names[lang], **count_public(row.published).model_dump()
                )
                for row in counts.tables[dimension]
            ],
        )
        for dimension in wanted
    ]
    return IncidentAggregatesPublic(
        filters=IncidentFilters(
            region=query.region,
            nis_code=query.nis_code,
            period_from=month_text(query.period_from),
            period_to=month_text(query.period_to),
            synthetic=query.synthetic,
        ),
        first_incident_on=counts.first_incident_on,
        total=count_public(counts.total),
        synthetic=count_public(counts.synthetic),
        worker_minutes=MinutesPublic(
            incidents=count_public(counts.minutes_incidents),
            total_minutes=counts.total_minutes,
            median_minutes=counts.median_minutes,
        ),
        tables=tables,
        licence=LICENCE_URL,
        dictionary=DICTIONARY_PATH,
    )
