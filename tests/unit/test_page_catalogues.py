"""Every interface text of the pages is translated into French and Dutch, with the same
placeholders (the English texts are the message ids)."""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from api.pages.rendering import catalogue_path

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "w_": None}
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


def _extracted() -> set[str | tuple[str, ...]]:
    with (ROOT / "api/locales/babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    return {
        message
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS
        )
    }


def _catalogue(lang: str) -> Catalog:
    """The texts of ``messages.po`` and of every domain's catalogue beside it, as the pages
    read them (``api.pages.rendering.translations``)."""
    folder = catalogue_path(lang).parent  # type: ignore[arg-type]
    merged = Catalog(locale=lang)
    for path in sorted(folder.glob("*.po")):
        with path.open("rb") as handle:
            for entry in read_po(handle):
                # An empty translation in one catalogue does not hide another's (``make
                # messages`` writes every extracted text into messages.po; compiling skips
                # the empty ones, as here).
                translated = all(entry.string) if isinstance(entry.string, tuple) else entry.string
                if entry.id and (translated or entry.id not in merged):
                    if entry.id in merged:
                        del merged[entry.id]  # (setting would merge the two, keeping the first)
                    merged[entry.id] = entry
    return merged


def test_the_pages_have_texts_to_translate() -> None:
    assert len(_extracted()) > 100


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_every_text_is_translated(lang: str) -> None:
    catalogue = _catalogue(lang)
    missing = []
    for message in _extracted():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalogue.get(key)
        if (
            entry is None
            or entry.fuzzy
            or not all(entry.string if isinstance(entry.string, tuple) else (entry.string,))
        ):
            missing.append(key)
    assert missing == [], f"untranslated in {lang}: run `make messages`, then translate"


@pytest.mark.parametrize("lang", ["fr", "nl"])
def test_translations_keep_the_placeholders(lang: str) -> None:
    for entry in _catalogue(lang):
        if not entry.id:
            continue
        ids = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        strings = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == wanted, (lang, entry.id, string)
