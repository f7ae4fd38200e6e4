"""The names of the fields of the editors' forms, in the editor's language: one table used by
the forms (labels), the error messages, the readable history diff and the merge page, so that
a field is called the same everywhere.

Keys are the dotted paths of the write shape (``AccessPointCreate`` / ``OrganizationCreate``
/ ``ClosureCreate`` dumped as JSON): ``names.fr``, ``address.postcode``, ``access.walk_in``...
"""

from api.i18n import Language
from api.pages.views import gettext_for


def field_labels(lang: Language) -> dict[str, str]:
    """Every editable field's label in ``lang``, keyed by its dotted path."""
    _ = gettext_for(lang)
    return {
        "id": _("Identifier"),
        "organization_id": _("Organization"),
        "kind": _("Kind"),
        "names.fr": _("Name in French"),
        "names.nl": _("Name in Dutch"),
        "names.en": _("Name in English"),
        "description": _("Description"),
        "themes": _("Themes"),
        "languages": _("Languages spoken"),
        "host": _("Host venue"),
        "service_area": _("Municipalities served (NIS codes)"),
        "email": _("E-mail"),
        "website": _("Website"),
        "opening_hours": _("Opening hours"),
        "opening_hours_note": _("Note on the hours"),
        "documents_to_bring": _("Documents to bring"),
        "status": _("Status"),
        "verified_at": _("Verified on"),
        "verification_method": _("How it was verified"),
        "source": _("Source"),
        "address.street": _("Street and number"),
        "address.postcode": _("Postcode"),
        "address.municipality": _("Municipality"),
        "address.nis_code": _("Municipality's NIS code"),
        "location": _("Location"),
        "location.lat": _("Latitude"),
        "location.lon": _("Longitude"),
        "location.precision": _("Precision of the location"),
        "phones": _("Phone numbers"),
        "access.walk_in": _("Walk-in (no appointment)"),
        "access.appointment_by_phone": _("Appointment by phone"),
        "access.appointment_online_only": _("Appointment online only"),
        "access.free_of_charge": _("Free of charge"),
        "access.wheelchair": _("Wheelchair access"),
        "name": _("Name"),
        "name_nl": _("Name in Dutch"),
        "start": _("First day closed"),
        "end": _("Last day closed"),
        "reason": _("Reason (French)"),
        "reason_nl": _("Reason (Dutch)"),
        "cancelled_at": _("Cancelled on"),
    }


def label_of(path: str, lang: Language) -> str:
    """The label of ``path``, or the path itself for a field without one."""
    return field_labels(lang).get(path, path)
