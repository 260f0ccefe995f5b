"""The rules SECURITY.md sets for Django 3.2 features whose advisories are not backported:
none of them is used in the project's code or templates."""
import re
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
SOURCE_FOLDERS = ("saleor_otop", "plugins", "storefront_config", "web")

# name -> the advisories that make it unsafe on Django 3.2.25
UNPATCHED = {
    "urlize": "CVE-2024-38875, CVE-2024-41990, CVE-2024-41991, CVE-2024-45230",
    "urlizetrunc": "CVE-2024-38875, CVE-2024-41990, CVE-2024-41991, CVE-2024-45230",
    "truncatechars_html": "CVE-2026-1285",
    "truncatewords_html": "CVE-2026-1285",
    "cache_page": "CVE-2026-6907, CVE-2026-8404, CVE-2026-35193, CVE-2026-48587, CVE-2026-48588, CVE-2026-113593",
    "UpdateCacheMiddleware": "CVE-2026-6907, CVE-2026-8404, CVE-2026-35193, CVE-2026-48587, CVE-2026-48588",
    "SESSION_SAVE_EVERY_REQUEST": "CVE-2026-35192",
    "list_editable": "CVE-2026-4292",
    "GenericInlineModelAdmin": "CVE-2026-4277",
    "GenericTabularInline": "CVE-2026-4277",
    "GenericStackedInline": "CVE-2026-4277",
}
PATTERN = re.compile(r"\b(" + "|".join(UNPATCHED) + r")\b")


def source_files():
    for folder in SOURCE_FOLDERS:
        for path in (PROJECT_DIR / folder).rglob("*"):
            if path.suffix in {".py", ".html", ".txt"} and "migrations" not in path.parts:
                yield path


def test_no_unpatched_django_feature_is_used():
    found = [
        f"{path.relative_to(PROJECT_DIR)}:{number}: {match.group(1)} ({UNPATCHED[match.group(1)]})"
        for path in source_files()
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1)
        for match in PATTERN.finditer(line)
    ]
    assert found == [], "backport the fix first (SECURITY.md):\n" + "\n".join(found)


def test_the_rule_finds_a_use(tmp_path):
    template = tmp_path / "page.html"
    template.write_text("{{ product.description|truncatewords_html:30 }}\n", encoding="utf-8")
    assert PATTERN.search(template.read_text(encoding="utf-8")).group(1) == "truncatewords_html"
