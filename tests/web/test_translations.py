"""Every string of the shop's code and templates is translated into each shop language."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale

PROJECT_DIR = Path(__file__).resolve().parents[2]
WEB_DIR = PROJECT_DIR / "web"
# Plugins whose templates the shop's pages include (and the shop's .po files translate).
SHOWN_PLUGIN_DIRS = [PROJECT_DIR / "plugins" / "promptpay"]
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "ngettext": (1, 2), "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
}


def _source_messages() -> set:
    with open(PROJECT_DIR / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, context in (
        extracted for directory in [WEB_DIR, *SHOWN_PLUGIN_DIRS]
        for extracted in extract_from_dir(str(directory), method_map, options_map, keywords=KEYWORDS)
    ):
        key = message if isinstance(message, str) else tuple(message)
        found.add((context, key if isinstance(key, str) else key[0]))
    return found


@pytest.fixture(scope="module")
def source_messages():
    messages = _source_messages()
    assert len(messages) > 20, "the extraction found (almost) nothing: babel.cfg or enmerkar is wrong"
    return messages


@pytest.mark.parametrize("language", [code for code, _name in settings.STOREFRONT_LANGUAGES])
def test_every_string_is_translated_and_none_is_fuzzy(language, source_messages):
    path = WEB_DIR / "storefront" / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"
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
    missing = sorted(str(key[1]) for key in source_messages - translated)
    assert not problems, problems
    assert not missing, f"{path.relative_to(PROJECT_DIR)} lacks: {missing} (make messages-update, then translate)"
