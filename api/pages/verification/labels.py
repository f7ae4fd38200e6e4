"""Words of the verification pages, in the reader's language."""

from api.i18n import Language
from api.models.common import Kind
from api.models.verification import CampaignScope, VerificationMethod
from api.pages.views import gettext_for, kind_label


def method_labels(lang: Language) -> dict[str, str]:
    """How an entry was checked, named for people."""
    _ = gettext_for(lang)
    return {
        VerificationMethod.PHONE_CALL: _("Phone call"),
        VerificationMethod.VISIT: _("Visit"),
        VerificationMethod.WEBSITE: _("Website"),
        VerificationMethod.EMAIL: _("E-mail"),
        VerificationMethod.DOCUMENT: _("Document from the organization"),
    }


def scope_labels(lang: Language) -> dict[str, str]:
    """What a campaign covers, named for people."""
    _ = gettext_for(lang)
    return {
        CampaignScope.ORGANIZATION: _("Organizations"),
        CampaignScope.KIND: _("Kinds of entry"),
        CampaignScope.COMMUNE: _("Communes (NIS codes)"),
    }


def kind_labels(lang: Language) -> dict[str, str]:
    """The kinds of entry, named for people (``api.pages.views.kind_label``)."""
    return {kind: kind_label(kind, lang) for kind in Kind}
