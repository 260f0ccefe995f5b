"""Every string of each web surface's code and templates (the shop, the producer portal) is
translated into each shop language, in that surface's own .po files."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale

PROJECT_DIR = Path(__file__).resolve().parents[2]
WEB_DIR = PROJECT_DIR / "web"
# Each surface's folders (with the plugins whose templates its pages include).
SURFACE_DIRS = {
    "storefront": [WEB_DIR / "storefront", PROJECT_DIR / "plugins" / "promptpay"],
    "seller": [WEB_DIR / "seller"],
}
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "ngettext": (1, 2), "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
}


def _source_messages(directories) -> set:
    with open(PROJECT_DIR / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, context in (
        extracted for directory in directories
        for extracted in extract_from_dir(str(directory), method_map, options_map, keywords=KEYWORDS)
    ):
        key = message if isinstance(message, str) else tuple(message)
        found.add((context, key if isinstance(key, str) else key[0]))
    return found


_extracted = {}


def source_messages(surface: str) -> set:
    if surface not in _extracted:
        _extracted[surface] = _source_messages(SURFACE_DIRS[surface])
    messages = _extracted[surface]
    assert len(messages) > 20, "the extraction found (almost) nothing: babel.cfg or enmerkar is wrong"
    return messages


def test_every_web_folder_is_a_surface_with_translations():
    surfaces = {path.name for path in WEB_DIR.iterdir() if (path / "apps.py").exists()}
    assert surfaces == set(SURFACE_DIRS)


@pytest.mark.parametrize("surface", sorted(SURFACE_DIRS))
@pytest.mark.parametrize("language", [code for code, _name in settings.STOREFRONT_LANGUAGES])
def test_every_string_is_translated_and_none_is_fuzzy(language, surface):
    path = WEB_DIR / surface / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"
    with open(path, "rb") as file:
        catalog = read_po(file, locale=to_locale(language))
    translated, problems = set(), []
    for message in catalog:
        if not message.id:
            continue
        singular = message.id if isinstance(message.id, str) else message.id[0]
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        if message.fuzzy:
            problems.append(f"fuzzy: {singular!r}")
        elif not all(strings):
            problems.append(f"untranslated: {singular!r}")
        else:
            translated.add((message.context, singular))
    missing = sorted(str(key[1]) for key in source_messages(surface) - translated)
    assert not problems, problems
    assert not missing, f"{path.relative_to(PROJECT_DIR)} lacks: {missing} (make messages-update, then translate)"
