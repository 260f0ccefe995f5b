"""The shopper's market (destination country): chosen among the storefront_config markets,
remembered in a cookie."""
from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django_countries import countries

from storefront_config.loader import MarketConfig, market_configs

MARKET_COOKIE_AGE = timedelta(days=365)
_REQUEST_ATTRIBUTE = "_storefront_market"


def markets_configured() -> list[MarketConfig]:
    """Every market with a valid storefront file, the home market first."""
    configs = market_configs().configs
    return sorted(configs.values(), key=lambda config: (config.market != settings.DEFAULT_COUNTRY, config.market))


def market_name(config: MarketConfig) -> str:
    """The country's name in the active language."""
    return str(dict(countries).get(config.market, config.market))


def _market_for_language(language: str) -> MarketConfig | None:
    configs = market_configs().configs
    speaking = [config for config in configs.values() if config.default_language == language]
    if len(speaking) == 1:
        return speaking[0]
    return configs.get(settings.DEFAULT_COUNTRY)


def market_for_request(request) -> MarketConfig | None:
    """The remembered market, else the one whose language the page is in, else the home market."""
    if hasattr(request, _REQUEST_ATTRIBUTE):
        return getattr(request, _REQUEST_ATTRIBUTE)
    configs = market_configs().configs
    chosen = configs.get(request.COOKIES.get(settings.STOREFRONT_MARKET_COOKIE, "").upper())
    if chosen is None:
        chosen = _market_for_language(getattr(request, "LANGUAGE_CODE", settings.STOREFRONT_DEFAULT_LANGUAGE))
    setattr(request, _REQUEST_ATTRIBUTE, chosen)
    return chosen


def market_remember(response, *, market: MarketConfig) -> None:
    response.set_cookie(
        settings.STOREFRONT_MARKET_COOKIE,
        market.market,
        max_age=int(MARKET_COOKIE_AGE.total_seconds()),
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
    )


def localized(text: dict, *, language: str, market: MarketConfig) -> str:
    """A text of a market file in the page's language, else the market's default language."""
    return text.get(language) or text.get(market.default_language) or next(iter(text.values()), "")


def link_url(link) -> str:
    """Where a market file's link goes; empty for a path the shop has no page for."""
    if link is None:
        return ""
    if link.collection:
        return reverse("storefront:collection", kwargs={"slug": link.collection})
    if link.province:
        return reverse("storefront:province", kwargs={"code": link.province})
    if link.producer:
        return reverse("storefront:shop", kwargs={"slug": link.producer})
    return {"/products/": reverse("storefront:catalogue"), "/shops/": reverse("storefront:shops")}.get(link.path, "")


def market_navigation(market: MarketConfig | None) -> list[dict]:
    """The market file's navigation in the page's language, without links to no page."""
    if market is None:
        return []
    language = translation.get_language()
    items = [{"label": localized(item.label, language=language, market=market), "url": link_url(item.link)}
             for item in market.navigation]
    return [item for item in items if item["url"]]
