"""The description and an example of every field the API shows, in one place, so that the
same word means the same thing in every model (DESIGN.md's vocabulary). Models inherit
``Documented``; a field's own ``description`` or ``examples`` win over the glossary."""

from typing import Any

from pydantic import ConfigDict
from sqlmodel import SQLModel

# field -> (description, example); "Model.field" entries override a plain field name.
GLOSSARY: dict[str, tuple[str, Any]] = {
    "id": ("Stable identifier (a slug).", "cpas-schaerbeek"),
    "kind": (
        "guichet (staffed counter), phone_line (answered by a person), epn (public digital "
        "space) or outreach (a session at a host venue).",
        "guichet",
    ),
    "name": ("The name in French (all names are in `names`).", "CPAS de Schaerbeek"),
    "names": (
        "The name in French, Dutch and English.",
        {"fr": "CPAS de Schaerbeek", "nl": "OCMW Schaarbeek", "en": None},
    ),
    "fr": ("In French (required).", "CPAS de Schaerbeek"),
    "nl": ("In Dutch.", "OCMW Schaarbeek"),
    "en": ("In English.", "Schaerbeek Public Social Welfare Centre"),
    "organization": (
        "Who runs it.",
        {"id": "cpas-ocmw-schaerbeek", "name": "CPAS / OCMW Schaerbeek"},
    ),
    "organization_id": ("Id of the organization that runs it.", "cpas-ocmw-schaerbeek"),
    "description": (
        "What happens there, in a few sentences.",
        "Accueil social et premières demandes d'aide.",
    ),
    "themes": ("What a person can get help with there (GET /v1/themes).", ["social_aid", "health"]),
    "languages": ("ISO 639-1 codes of the languages spoken there.", ["fr", "nl"]),
    "address": (
        "Postal address in Belgium; null for a phone line.",
        {
            "street": "Boulevard Auguste Reyers 70",
            "postcode": "1030",
            "municipality": "Schaerbeek",
            "nis_code": "21015",
        },
    ),
    "street": ("Street and number.", "Boulevard Auguste Reyers 70"),
    "postcode": ("Belgian postcode (4 digits).", "1030"),
    "municipality": ("Municipality name.", "Schaerbeek"),
    "nis_code": ("Statbel NIS code of the municipality (5 digits).", "21015"),
    "location": (
        "WGS84 position and its precision; null when unknown or for a phone line.",
        {"lat": 50.851756, "lon": 4.401445, "precision": "building"},
    ),
    "lat": ("Latitude, WGS84 degrees.", 50.851756),
    "lon": ("Longitude, WGS84 degrees.", 4.401445),
    "precision": ("building, street, or postcode (the postcode's centroid only).", "building"),
    "host": ("Outreach only: the venue that hosts the session.", "Bibliothèque de Laeken"),
    "service_area": (
        "NIS codes of the municipalities it is competent for; null when not stated.",
        ["21015"],
    ),
    "phones": (
        "Phone numbers.",
        [
            {
                "number": "+3222403080",
                "display": "02 240 30 80",
                "free_of_charge": False,
                "label": None,
            }
        ],
    ),
    "number": ("E.164 (short numbers such as 107 as dialled); any format on write.", "+3222403080"),
    "display": ("The number as dialled in Belgium.", "02 240 30 80"),
    "free_of_charge": ("Free of charge; null when not known.", True),
    "label": ("What this number is for.", "Service social"),
    "email": ("E-mail address.", "accueil@example.org"),
    "website": (
        "Website: an http or https URL (other schemes are refused).",
        "https://www.cpas-schaerbeek.brussels",
    ),
    "opening_hours": (
        "OpenStreetMap opening_hours, Europe/Brussels; null when unknown.",
        "Mo-Th 08:00-12:05,12:50-16:30; Fr 08:00-12:05; PH off",
    ),
    "opening_hours_note": (
        "The hours as the source words them, when OSM syntax cannot say it.",
        "accueil 07:30-11:00 (jours non précisés)",
    ),
    "access": (
        "How a person gets in.",
        {
            "walk_in": True,
            "appointment_by_phone": None,
            "appointment_online_only": False,
            "free_of_charge": True,
            "wheelchair": "unknown",
        },
    ),
    "walk_in": ("Reachable without an appointment; null when not known.", True),
    "appointment_by_phone": ("An appointment can be made by phone; null when not known.", True),
    "appointment_online_only": ("Appointments only online; null when not known.", False),
    "wheelchair": ("Wheelchair access (OSM values): yes, limited, no or unknown.", "unknown"),
    "documents_to_bring": (
        "What to bring.",
        ["carte d'identité", "dernier avertissement-extrait de rôle"],
    ),
    "closures": (
        "Closures that have not ended at `at`: its own and its organization's.",
        [
            {
                "start": "2026-12-24",
                "end": "2026-12-26",
                "reason": "Fermeture de fin d'année",
                "reason_nl": "Eindejaarssluiting",
            }
        ],
    ),
    "status": ("active, temporarily_closed, or inactive (deleted: kept as a tombstone).", "active"),
    "verified_at": ("When a person last checked it.", "2026-11-02"),
    "updated_at": ("Last change, UTC.", "2026-11-21T09:14:03Z"),
    "source": (
        "Where the facts come from (URLs), and how sure.",
        "https://www.cpas-schaerbeek.brussels/ (verification: official)",
    ),
    "opening": (
        "The state at `at`.",
        {
            "state": "open",
            "closes_at": "2026-11-23T12:05:00+01:00",
            "next_opens_at": None,
            "comment": None,
            "text": "Ouvert jusqu’à 12h05",
            "closes_soon": False,
            "warning": None,
        },
    ),
    "state": ("open, closed or unknown.", "open"),
    "closes_at": (
        "When open: the end of this open stretch (Europe/Brussels).",
        "2026-11-23T12:05:00+01:00",
    ),
    "next_opens_at": (
        "When closed or unknown: the next opening within a year, else null.",
        "2026-11-23T12:50:00+01:00",
    ),
    "comment": (
        "The rule's comment, the holiday's name, or the closure's reason.",
        "sur rendez-vous",
    ),
    "OpeningPublic.text": (
        "The state in words, in the response's language (`lang`, else Accept-Language, else "
        "fr): when it closes, or why it is closed and when it opens.",
        "Fermé — jour férié (Noël) · ouvre lundi à 9h",
    ),
    "closes_soon": ("Open and closing within 30 minutes of `at`.", True),
    "warning": (
        "When it closes within 30 minutes: a warning in words; else null.",
        "Ferme dans 20 min (16h)",
    ),
    "week": (
        "The typical week in words, Monday to Sunday, in the response's language: a week "
        "without public holiday from `at` on, no closures (see `opening` and the calendar "
        "for those); empty when the hours are unknown.",
        [{"day": "monday", "label": "lundi", "text": "8h–12h05, 12h50–16h30"}],
    ),
    "WeekDayPublic.day": (
        "The day: monday, tuesday, wednesday, thursday, friday, saturday or sunday.",
        "monday",
    ),
    "WeekDayPublic.label": ("The day's name in the response's language.", "lundi"),
    "WeekDayPublic.text": (
        "Its hours in words (hours past midnight on the day they start), or closed, or the "
        "rule's comment.",
        "8h–12h05, 12h50–16h30",
    ),
    "notices": (
        "What the server did that the editor should know.",
        ["geocoding is off: placed at the centroid of its postcode"],
    ),
    "warnings": (
        "What the editor should fix although the write was accepted.",
        [
            "no rule for public holidays: opening_hours 'Mo-Fr 09:00-12:00' open on the 10 "
            "Belgian public holidays as on any other day; if it closes on them (a public "
            "administration does), add `PH off`; if it opens on them, say when: "
            "`PH 09:00-12:00`, or `PH open` (all day)"
        ],
    ),
    "items": ("The results, in order.", []),
    "next_cursor": (
        "Pass as `cursor` for the next page; null on the last page.",
        "eyJpZCI6ICJjcGFzLWV2ZXJlIn0",
    ),
    "origin": (
        "Where the search starts.",
        {"lat": 50.8759, "lon": 4.3484, "source": "postcode", "nis_code": "21004"},
    ),
    "at": ("The instant of the opening states (Europe/Brussels).", "2026-11-23T10:00:00+01:00"),
    "access_point": ("The access point.", {"id": "cpas-schaerbeek"}),
    "distance_m": ("Great-circle distance from the origin in metres; null for a phone line.", 1933),
    "walking_minutes": (
        "Estimated walk from the origin in minutes: distance_m x 1.3 (street detour) at "
        "4.5 km/h, rounded up; null for a phone line.",
        34,
    ),
    "arrival_at": (
        "When the person would arrive on foot (at + walking_minutes); null for a phone line.",
        "2026-11-23T10:34:00+01:00",
    ),
    "open_on_arrival": (
        "Whether it will be open at arrival_at (closures applied); false flags a place that "
        "closes before the person gets there; null for a phone line.",
        True,
    ),
    "Origin.source": ("How the origin was given: coordinates, postcode or address.", "postcode"),
    "Origin.nis_code": ("Municipality of the origin; phone lines are matched on it.", "21004"),
    "start": ("First day (inclusive, local date).", "2026-12-24"),
    "end": ("Last day (inclusive, local date).", "2026-12-26"),
    "IntervalPublic.start": ("Start, Europe/Brussels.", "2026-12-21T09:00:00+01:00"),
    "IntervalPublic.end": ("End, Europe/Brussels.", "2026-12-21T17:00:00+01:00"),
    "reason": ("Why, in French.", "Fermeture de fin d'année"),
    "reason_nl": ("Why, in Dutch.", "Eindejaarssluiting"),
    "access_point_id": ("The access point it concerns.", "cpas-schaerbeek"),
    "cancelled_at": ("When it was cancelled (it no longer applies), UTC.", None),
    "date": ("A local day (Europe/Brussels).", "2026-12-25"),
    "intervals": (
        "The open and unknown stretches of the day.",
        [
            {
                "start": "2026-12-21T09:00:00+01:00",
                "end": "2026-12-21T17:00:00+01:00",
                "state": "open",
                "comment": None,
            }
        ],
    ),
    "public_holiday": (
        "The Belgian national public holiday that day, if any.",
        {"names": {"fr": "Noël", "nl": "Kerstmis", "en": "Christmas Day"}},
    ),
    "closure": ("The closure that applies that day, if any.", None),
    "time_zone": ("The time zone of every local time.", "Europe/Brussels"),
    "days": ("The days, in order.", []),
    "PublicHolidayPublic.names": (
        "The holiday's names in French, Dutch and English.",
        {"fr": "Noël", "nl": "Kerstmis", "en": "Christmas Day"},
    ),
    "labels": (
        "Labels in French, Dutch and English.",
        {"fr": "Chômage", "nl": "Werkloosheid", "en": "Unemployment"},
    ),
    "ThemePublic.id": ("Theme id.", "unemployment"),
    "name_fr": ("Name in French.", "Bruxelles"),
    "name_nl": ("Name in Dutch.", "Brussel"),
    "region": ("brussels, wallonia or flanders.", "brussels"),
    "province": ("Province (none for Brussels).", "Namur"),
    "postcodes": ("Its postcodes.", ["1000", "1020", "1120", "1130"]),
    "MunicipalityPublic.nis_code": ("Statbel NIS code (2020 list).", "21004"),
    "detail": ("What is wrong, for a person to act on.", "no access point with id 'x'"),
    "Health.status": ("ok, or unavailable.", "ok"),
    "Health.detail": ("Why it is unavailable.", None),
    "version": ("The version after the change (the ETag).", 2),
    "action": ("create, update, delete or restore.", "update"),
    "changed_at": ("When, UTC.", "2026-11-21T09:14:03Z"),
    "changed_by": ("Who: the API key's name.", "fdss-editor"),
    "changes": (
        "Each changed field, before and after.",
        {"email": {"before": None, "after": "accueil@example.org"}},
    ),
    "OrganizationPublic.name": ("Name.", "CPAS / OCMW Schaerbeek"),
    "OrganizationCreate.name": ("Name.", "CPAS / OCMW Schaerbeek"),
    "OrganizationRef.name": ("Name.", "CPAS / OCMW Schaerbeek"),
    "OrganizationPublic.name_nl": ("Name in Dutch.", "OCMW Schaarbeek"),
    "OrganizationCreate.name_nl": ("Name in Dutch.", "OCMW Schaarbeek"),
    "OrganizationRef.id": ("Organization id.", "cpas-ocmw-schaerbeek"),
    "OrganizationPublic.id": ("Organization id.", "cpas-ocmw-schaerbeek"),
    "OrganizationCreate.id": (
        "Organization id (a slug of the name when omitted).",
        "cpas-ocmw-schaerbeek",
    ),
    "ClosureRead.id": ("Closure id.", 12),
    "ClosureRead.organization_id": ("The organization it concerns (all its access points).", None),
    "AccessPointCreate.id": (
        "Stable slug; derived from the French name when omitted.",
        "permanence-sociale-helmet",
    ),
}


def document_fields(schema: dict[str, Any], model: type) -> None:
    """Pydantic ``json_schema_extra`` hook: fill each property's missing description and
    examples from the glossary."""
    for name, prop in schema.get("properties", {}).items():
        entry = GLOSSARY.get(f"{model.__name__}.{name}") or GLOSSARY.get(name)
        if entry is None:
            continue
        description, example = entry
        if description and "description" not in prop:
            prop["description"] = description
        if "examples" not in prop and "example" not in prop:
            prop["examples"] = [example]


class Documented(SQLModel):
    """Base of the API's models: their JSON schema is documented from the glossary."""

    model_config = ConfigDict(json_schema_extra=document_fields)  # type: ignore[assignment]
