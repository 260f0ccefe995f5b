"""Whether a product can be sent to the shopper's market, said in the page's language from
the export markets plugin's stored verdicts (the plugin decides; this only words it)."""
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from plugins.export_markets import selectors as export_selectors
from storefront_config.loader import MarketConfig

from .markets import market_name


def _reason_text(reason: dict, *, market, stars: int | None) -> str:
    code = reason.get("code", "")
    texts = {
        "MARKET_DISABLED": _("We do not send goods to this country at the moment."),
        "NO_STARS": _("It has no current official OTOP star rating, which this country requires."),
        "STARS_BELOW_MINIMUM": _("This country takes goods of at least %(minimum)s stars; this one has %(stars)s.")
        % {"minimum": getattr(market, "minimum_stars", ""), "stars": stars or 0},
        "CATEGORY_UNKNOWN": _("Its OTOP category is not recorded yet."),
        "CATEGORY_NOT_ALLOWED": _("Goods of its OTOP category may not be sent to this country."),
        "PROFILE_MISSING": _("Its customs details are not recorded yet."),
        "HS_CODE_MISSING": _("Its customs tariff (HS) code is not recorded yet."),
        "WEIGHT_MISSING": _("Its weight is not recorded yet."),
        "CERTIFICATE_MISSING": _("A certificate this country requires is missing."),
        "CERTIFICATE_EXPIRED": _("A certificate this country requires has expired."),
        "PRODUCER_UNKNOWN": _("Its producer is not recorded."),
        "REGISTRATION_MISSING": _("The producer lacks a registration this country requires."),
        "REGISTRATION_EXPIRED": _("A registration of the producer that this country requires has expired."),
        "ALLERGENS_NOT_DECLARED": _("Its allergen information, which this country requires, is not declared."),
    }
    return texts.get(code, _("It does not meet this country's import rules."))


def _duties_note(market) -> str:
    if market is None:
        return ""
    if market.duty_terms == "DDP":
        return _("Import duties and taxes are included in the total at checkout: nothing more to pay on delivery.")
    if market.de_minimis_value:
        return _(
            "Import duties and taxes may be charged to the recipient on delivery, above a value of "
            "%(value)s %(currency)s."
        ) % {"value": f"{market.de_minimis_value:,.0f}", "currency": market.display_currency}
    return _("Import duties and taxes may be charged to the recipient on delivery.")


@dataclass
class Shipping:
    market_name: str
    domestic: bool
    shippable: bool
    reasons: list[str] = field(default_factory=list)
    duties_note: str = ""


def shipping_to_market(*, product_id: int, market: MarketConfig, stars: int | None) -> Shipping:
    name = market_name(market)
    if market.market == export_selectors.home_country():
        return Shipping(market_name=name, domestic=True, shippable=True)
    export_market = export_selectors.market_by_country(country=market.market)
    verdicts = export_selectors.verdicts_by_product_ids(product_ids=[product_id], country=market.market)
    verdict = next(iter(verdicts.get(product_id, [])), None)
    if export_market is None or verdict is None:
        return Shipping(market_name=name, domestic=False, shippable=False,
                        reasons=[_("We do not send goods to this country at the moment.")])
    reasons = [] if verdict.eligible else [_reason_text(r, market=export_market, stars=stars) for r in verdict.reasons]
    return Shipping(market_name=name, domestic=False, shippable=verdict.eligible,
                    reasons=list(dict.fromkeys(reasons)), duties_note=_duties_note(export_market))
