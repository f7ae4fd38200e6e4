"""The observatory's incident aggregates as the JSON API shows them
(``GET /v1/observatory/incidents``). Counts of 1 to 4 are never published: ``count`` is null
and ``suppressed`` true (rules in ``api.services.observatory.incidents_suppression``). No
free text and no reporter is ever part of these shapes."""

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from api.models.common import Region


class GroupBy(StrEnum):
    """What the incidents are counted by."""

    KIND = "kind"
    CHANNEL = "channel"
    ORGANIZATION = "organization"
    COMMUNE = "commune"
    THEME = "theme"
    MONTH = "month"


class SyntheticFilter(StrEnum):
    """Which incidents count: real and synthetic ones (``include``), real ones only
    (``exclude``) or synthetic ones only (``only``)."""

    INCLUDE = "include"
    EXCLUDE = "exclude"
    ONLY = "only"


SuppressionReason = Literal["small", "complementary"]


class CountPublic(BaseModel):
    """A count as published: null and ``suppressed`` when it is 1 to 4 (``small``) or could
    let one of those be worked out from the total (``complementary``)."""

    count: int | None = Field(
        description="The number; null when suppressed (never 1 to 4).", examples=[12]
    )
    suppressed: bool = Field(
        description="True when the count is not published (shown as '< 5' when small).",
        examples=[False],
    )
    suppression: SuppressionReason | None = Field(
        default=None,
        description="Why it is suppressed: small (1 to 4) or complementary (5 or more, hidden "
        "so that a small count cannot be worked out from the total); null when published.",
        examples=["small"],
    )


class IncidentRow(CountPublic):
    """One row of a table: a kind, channel, organization, commune, theme or month, and how
    many incidents it counts."""

    key: str | None = Field(
        description="The code (kind, channel, theme), organization id, NIS code or month "
        "(YYYY-MM); null for the row of incidents that do not say (no commune, no theme) or "
        "whose service is not in the directory.",
        examples=["unreachable_phone"],
    )
    label: str = Field(
        description="The row in words, in the answer's language (Content-Language).",
        examples=["Ligne téléphonique injoignable"],
    )


class IncidentTable(BaseModel):
    """The incidents counted by one dimension."""

    group_by: GroupBy = Field(description="The dimension of the rows.", examples=["kind"])
    splits: bool = Field(
        description="True when each incident is in exactly one row (every dimension but kind: "
        "an incident may have several kinds, so the kinds' counts add up to more than the "
        "total).",
        examples=[False],
    )
    rows: list[IncidentRow] = Field(
        description="The rows: every code of the controlled list for kind, channel and theme "
        "(0 included), the months from the first to the last of the period, and the "
        "organizations and communes with at least one incident, largest first.",
        examples=[
            [
                {
                    "key": "unreachable_phone",
                    "label": "Ligne téléphonique injoignable",
                    "count": 12,
                    "suppressed": False,
                    "suppression": None,
                }
            ]
        ],
    )


class MinutesPublic(BaseModel):
    """The minutes the workers spent on the incidents (doing the administration's work)."""

    incidents: CountPublic = Field(
        description="How many incidents give the worker's minutes.",
        examples=[{"count": 40, "suppressed": False, "suppression": None}],
    )
    total_minutes: int | None = Field(
        description="Their sum, in minutes; null when fewer than 5 incidents give them or the "
        "total is withheld.",
        examples=[1260],
    )
    median_minutes: float | None = Field(
        description="Their median, in minutes; null as ``total_minutes``.", examples=[25.0]
    )


class IncidentFilters(BaseModel):
    """The filters the answer is for."""

    region: Region | None = Field(
        description="Only incidents of people living in this region (brussels or wallonia: "
        "the region of the commune of residence); null: all.",
        examples=["brussels"],
    )
    nis_code: str | None = Field(
        description="Only incidents of people living in this commune (NIS code of the commune "
        "of residence); null: all.",
        examples=["21001"],
    )
    period_from: str | None = Field(
        description="First month counted (YYYY-MM, Europe/Brussels), null: from the first "
        "incident.",
        examples=["2026-01"],
    )
    period_to: str | None = Field(
        description="Last month counted (YYYY-MM), null: up to the latest.", examples=["2026-11"]
    )
    synthetic: SyntheticFilter = Field(
        description="include: real and synthetic incidents; exclude: real ones only; only: "
        "synthetic ones only.",
        examples=["include"],
    )


class IncidentAggregatesPublic(BaseModel):
    """The incidents counted, as the observatory publishes them: no free text, no reporter,
    no count of 1 to 4."""

    filters: IncidentFilters = Field(
        description="The filters applied.",
        examples=[
            {
                "region": None,
                "nis_code": None,
                "period_from": None,
                "period_to": None,
                "synthetic": "include",
            }
        ],
    )
    first_incident_on: date | None = Field(
        description="The day of the first incident counted (Europe/Brussels): the figures "
        "count since then; null when the total is not published.",
        examples=["2025-12-04"],
    )
    total: CountPublic = Field(
        description="How many incidents (the true number, not the sum of the published rows).",
        examples=[{"count": 523, "suppressed": False, "suppression": None}],
    )
    synthetic: CountPublic = Field(
        description="How many of them are synthetic (generated for demonstration, reporter "
        "'synthetic'), with the same suppression.",
        examples=[{"count": 500, "suppressed": False, "suppression": None}],
    )
    worker_minutes: MinutesPublic = Field(
        description="The workers' minutes spent.",
        examples=[
            {
                "incidents": {"count": 40, "suppressed": False, "suppression": None},
                "total_minutes": 1260,
                "median_minutes": 25.0,
            }
        ],
    )
    tables: list[IncidentTable] = Field(
        description="One table per dimension asked (``group_by``), or all six.",
        examples=[[{"group_by": "channel", "splits": True, "rows": []}]],
    )
    licence: str = Field(
        description="The licence of these figures (a URL).",
        examples=["https://opendatacommons.org/licenses/odbl/1-0/"],
    )
    dictionary: str = Field(
        description="Where every field and CSV column is described (a path of this service).",
        examples=["/v1/observatory/dictionary"],
    )


class DictionaryColumn(BaseModel):
    """One column of an observatory CSV."""

    name: str = Field(description="The column's name in the header row.", examples=["value"])
    description: str = Field(
        description="What it holds (English).", examples=["The number; empty when suppressed."]
    )


class DictionaryFile(BaseModel):
    """One CSV of the observatory and its columns, in order."""

    path: str = Field(
        description="Where to download it (a path of this service).",
        examples=["/v1/observatory/incidents.csv"],
    )
    description: str = Field(
        description="What it holds (English).",
        examples=["The workers' incident reports counted by kind, channel, ..."],
    )
    downloads: list[str] = Field(
        description="Links that download it (with example parameters when it needs some).",
        examples=[["/v1/observatory/human-access.csv?region=brussels"]],
    )
    columns: list[DictionaryColumn] = Field(
        description="Its columns, in the order of the header row.",
        examples=[[{"name": "group_by", "description": "What the row counts by."}]],
    )


class DataDictionaryPublic(BaseModel):
    """The observatory's open data: its licence, its suppression rule and every column of
    every CSV."""

    licence: str = Field(description="The licence's name.", examples=["ODbL 1.0"])
    licence_url: str = Field(
        description="The licence's text.",
        examples=["https://opendatacommons.org/licenses/odbl/1-0/"],
    )
    attribution: str = Field(
        description="How to credit the data.",
        examples=["guichets observatory: incident reports of front-desk workers, aggregated"],
    )
    suppression: str = Field(
        description="The small-count rule every file follows (English).",
        examples=["Counts of 1 to 4 are never published ..."],
    )
    files: list[DictionaryFile] = Field(
        description="Every CSV of the observatory.",
        examples=[
            [
                {
                    "path": "/v1/observatory/incidents.csv",
                    "description": "...",
                    "downloads": ["/v1/observatory/incidents.csv"],
                    "columns": [],
                }
            ]
        ],
    )
