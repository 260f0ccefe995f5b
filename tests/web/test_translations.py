"""Every string of the shop's and the back office's code and templates is translated into each
of their languages (th, en, ja, zh_Hans); the producer portal's too."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils.translation import to_locale

PROJECT_DIR = Path(__file__).resolve().parents[2]
WEB_DIR = PROJECT_DIR / "web"
# Each catalogue with the sources it translates: the shop's pages (and the plugin templates
# they include); the back office (web/staff, the kernel's staff site, each plugin's staff_admin.py).
CATALOGUES = {
    "storefront": [WEB_DIR / "storefront", PROJECT_DIR / "plugins" / "promptpay"],
    "staff": [
        WEB_DIR / "staff", PROJECT_DIR / "otop_kernel",
        *sorted(PROJECT_DIR.glob("plugins/*/staff_admin.py")), *PROJECT_DIR.glob("saleor_otop/staff_admin.py"),
    ],
    "seller": [WEB_DIR / "seller"],
}
KEYWORDS = {
    "_": None, "gettext": None, "gettext_lazy": None, "ngettext": (1, 2), "ngettext_lazy": (1, 2),
    "pgettext": ((1, "c"), 2), "pgettext_lazy": ((1, "c"), 2), "npgettext": ((1, "c"), 2, 3),
}


def _extracted(path: Path, method_map, options_map):
    if path.is_dir():
        yield from extract_from_dir(str(path), method_map, options_map, keywords=KEYWORDS)
    else:
        for line, message, comments, context in extract_from_file("python", str(path), keywords=KEYWORDS):
            yield path.name, line, message, comments, context


def _source_messages(sources) -> set:
    with open(PROJECT_DIR / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = set()
    for _file, _line, message, _comments, context in (
        extracted for source in sources for extracted in _extracted(source, method_map, options_map)
    ):
        key = message if isinstance(message, str) else tuple(message)
        found.add((context, key if isinstance(key, str) else key[0]))
    return found


@pytest.fixture(scope="module")
def source_messages():
    found = {name: _source_messages(sources) for name, sources in CATALOGUES.items()}
    for name, messages in found.items():
        assert len(messages) > 20, f"the extraction found (almost) nothing for {name}: babel.cfg or enmerkar is wrong"
    return found


def test_every_web_folder_is_a_catalogue():
    surfaces = {path.name for path in WEB_DIR.iterdir() if (path / "apps.py").exists()}
    assert surfaces == set(CATALOGUES)


@pytest.mark.parametrize("catalogue", sorted(CATALOGUES))
@pytest.mark.parametrize("language", [code for code, _name in settings.STOREFRONT_LANGUAGES])
def test_every_string_is_translated_and_none_is_fuzzy(catalogue, language, source_messages):
    path = WEB_DIR / catalogue / "locale" / to_locale(language) / "LC_MESSAGES" / "django.po"
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
    missing = sorted(str(key[1]) for key in source_messages[catalogue] - translated)
    assert not problems, problems
    assert not missing, f"{path.relative_to(PROJECT_DIR)} lacks: {missing} (make messages-update, then translate)"
