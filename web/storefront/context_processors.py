from django.conf import settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject

from .languages import path_in_language
from .markets import market_for_request, market_name, market_navigation, markets_configured


def _language_links(request) -> list[dict]:
    path = request.path_info
    query = request.META.get("QUERY_STRING", "")
    current = translation.get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": path_in_language(path, code) + (f"?{query}" if query else ""),
            "current": code == current,
        }
        for code, name in settings.STOREFRONT_LANGUAGES
    ]


def _market_choices(request) -> list[dict]:
    chosen = market_for_request(request)
    return [
        {"code": config.market, "name": market_name(config), "currency": config.currency, "current": config == chosen}
        for config in markets_configured()
    ]


def storefront(request) -> dict:
    """What every shop page shows in its header: the languages and the chosen market."""
    return {
        "market": SimpleLazyObject(lambda: market_for_request(request)),
        "market_choices": SimpleLazyObject(lambda: _market_choices(request)),
        "language_links": SimpleLazyObject(lambda: _language_links(request)),
        "market_name": SimpleLazyObject(lambda: market_name(market_for_request(request))),
        "market_navigation": SimpleLazyObject(lambda: market_navigation(market_for_request(request))),
    }
