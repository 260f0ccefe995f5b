"""The portal's language: Thai unless the member chose another one (a cookie of its own, so
the portal's addresses carry no language prefix and the shop's choice does not change it)."""
from django.conf import settings

SELLER_PATH_PREFIX = "/seller/"


def seller_language_codes() -> list[str]:
    return [code for code, _name in settings.SELLER_LANGUAGES]


def seller_language(*, request) -> str:
    chosen = request.COOKIES.get(settings.SELLER_LANGUAGE_COOKIE, "")
    return chosen if chosen in seller_language_codes() else settings.SELLER_DEFAULT_LANGUAGE
