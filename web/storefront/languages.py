"""The shop's languages: which one a request is in, and which one a first visit gets."""
from django.conf import settings
from django.utils.translation.trans_real import parse_accept_lang_header


def storefront_language_codes() -> list[str]:
    return [code for code, _name in settings.STOREFRONT_LANGUAGES]


def language_from_path(path: str) -> str | None:
    """The shop language a path starts with (`/ja/products/` → `ja`), else None."""
    first = path.lstrip("/").split("/", 1)[0]
    return first if first in storefront_language_codes() else None


def _supported(tag: str) -> str | None:
    tag = tag.lower()
    codes = storefront_language_codes()
    if tag in codes:
        return tag
    primary = tag.split("-", 1)[0]
    if primary == "zh":  # the shop's Chinese is simplified; it still reads better than English
        return "zh-hans" if "zh-hans" in codes else None
    return primary if primary in codes else None


def language_from_accept_header(header: str) -> str | None:
    for tag, _quality in parse_accept_lang_header(header or ""):
        if tag == "*":
            continue
        found = _supported(tag)
        if found:
            return found
    return None


def language_negotiate(*, request) -> str:
    """The language of a request without one in its path: the shopper's last one, else the
    browser's preference, else the shop's default."""
    remembered = request.COOKIES.get(settings.STOREFRONT_LANGUAGE_COOKIE, "")
    if remembered in storefront_language_codes():
        return remembered
    return (
        language_from_accept_header(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
        or settings.STOREFRONT_DEFAULT_LANGUAGE
    )


def path_in_language(path: str, language: str) -> str:
    """The same page in another language: the prefix is the only part of a path that changes."""
    rest = path.lstrip("/")
    if language_from_path(path):
        rest = rest.partition("/")[2]
    return f"/{language}/{rest}"
