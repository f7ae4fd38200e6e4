"""The incidents' controlled lists as data: the CSV codes are exactly the enums' values."""

import pytest

from api.i18n import LANGUAGES
from api.models.incidents import IncidentChannel, IncidentConsequence, IncidentKind
from api.services.incidents import vocabulary


@pytest.mark.parametrize(
    ("terms", "enum"),
    [
        (vocabulary.kinds, IncidentKind),
        (vocabulary.channels, IncidentChannel),
        (vocabulary.consequences, IncidentConsequence),
    ],
)
def test_codes_equal_the_enum(terms, enum) -> None:  # type: ignore[no-untyped-def]
    codes = [term.code for term in terms()]
    assert len(codes) == len(set(codes))
    assert set(codes) == {member.value for member in enum}


def test_every_label_in_every_language() -> None:
    for terms in (vocabulary.kinds(), vocabulary.channels(), vocabulary.consequences()):
        for term in terms:
            assert all(term.label(lang) for lang in LANGUAGES)


def test_labels_by_language() -> None:
    assert vocabulary.kind_labels("nl")[IncidentKind.LOST_FILE] == "Dossier verloren"
    assert vocabulary.channel_labels("fr")[IncidentChannel.COUNTER] == "Guichet"
    assert vocabulary.consequence_labels("en")[IncidentConsequence.EXTRA_COST] == "Extra cost"
    assert next(iter(vocabulary.kind_labels("en"))) is IncidentKind.UNREACHABLE_PHONE


def test_details() -> None:
    assert vocabulary.kind_detail(IncidentKind.UNREACHABLE_PHONE) == "wait_minutes"
    assert vocabulary.kind_detail(IncidentKind.DELAY) == "delay_days"
    assert {k for k in IncidentKind if vocabulary.kind_detail(k)} == {
        IncidentKind.UNREACHABLE_PHONE,
        IncidentKind.DELAY,
    }
