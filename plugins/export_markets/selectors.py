"""Reads of the export markets plugin."""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import get_currency_precision
from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from prices import Money

from .models import ExchangeRate, ExportProfile, Market, ProductCertificate, ProductMarketEligibility

BASE_CURRENCY = "THB"


def home_country() -> str:
    return settings.DEFAULT_COUNTRY


def today() -> date:
    return timezone.localdate()


def market_by_country(*, country: str) -> Market | None:
    return Market.objects.filter(country=country.upper()).first()


def markets_by_countries(*, countries: Iterable[str]) -> dict[str, Market]:
    return {str(market.country): market for market in Market.objects.filter(country__in=list(countries))}


def markets_open_abroad() -> QuerySet:
    """Enabled markets other than the home country, by country code."""
    return Market.objects.filter(enabled=True).exclude(country=home_country()).order_by("country")


def current_verdict_filter(*, day: date | None = None) -> Q:
    """Eligible and still inside the validity of every certificate the verdict relied on."""
    day = day or today()
    return Q(eligible=True) & (Q(valid_until__isnull=True) | Q(valid_until__gte=day))


def exportable_product_condition(*, country: str) -> Exists:
    """An EXISTS condition on Product: eligible for the enabled market of `country` today."""
    return Exists(
        ProductMarketEligibility.objects.filter(
            current_verdict_filter(),
            product_id=OuterRef("pk"),
            market__country=country.upper(),
            market__enabled=True,
        )
    )


def products_exportable_to(*, queryset: QuerySet, country: str) -> QuerySet:
    return queryset.filter(exportable_product_condition(country=country))


@dataclass(frozen=True)
class Verdict:
    """A stored eligibility row as the shopper sees it today."""

    product_id: int
    market: Market
    eligible: bool
    reasons: list[dict]
    valid_until: date | None


def verdict_of(row: ProductMarketEligibility, *, day: date | None = None) -> Verdict:
    day = day or today()
    reasons = list(row.reasons)
    eligible = row.eligible
    if eligible and row.valid_until is not None and row.valid_until < day:
        # A certificate ran out since the last recompute; the daily task will store it.
        eligible = False
        reasons = [{"code": "CERTIFICATE_EXPIRED", "message": f"certificate expired {row.valid_until.isoformat()}"}]
    if not row.market.enabled and not any(reason["code"] == "MARKET_DISABLED" for reason in reasons):
        eligible = False
        reasons = [{"code": "MARKET_DISABLED", "message": f"market {row.market} is closed"}, *reasons]
    return Verdict(row.product_id, row.market, eligible, reasons, row.valid_until)


def verdicts_by_product_ids(*, product_ids: Iterable[int], country: str | None = None) -> dict[int, list[Verdict]]:
    """Every stored verdict of the products (of one country's market if given). One query."""
    rows = ProductMarketEligibility.objects.filter(product_id__in=list(product_ids)).select_related("market")
    if country:
        rows = rows.filter(market__country=country.upper())
    day = today()
    found: dict[int, list[Verdict]] = {}
    for row in rows.order_by("product_id", "market__country"):
        found.setdefault(row.product_id, []).append(verdict_of(row, day=day))
    return found


def exchange_rates_by_currency(*, currencies: Iterable[str]) -> dict[str, Decimal]:
    """Units of each currency per baht; THB is 1 without a row."""
    currencies = {currency.upper() for currency in currencies}
    rates = dict(ExchangeRate.objects.filter(currency__in=currencies).values_list("currency", "units_per_thb"))
    if BASE_CURRENCY in currencies:
        rates[BASE_CURRENCY] = Decimal(1)
    return rates


def quantize_for_currency(amount: Decimal, currency: str) -> Decimal:
    exponent = Decimal(1).scaleb(-get_currency_precision(currency))
    return amount.quantize(exponent, rounding=ROUND_HALF_UP)


def convert_from_thb(amount: Decimal, *, currency: str, units_per_thb: Decimal) -> Money:
    return Money(quantize_for_currency(Decimal(amount) * units_per_thb, currency), currency)


def convert_to_thb(amount: Decimal, *, currency: str, units_per_thb: Decimal) -> Decimal:
    return quantize_for_currency(Decimal(amount) / units_per_thb, BASE_CURRENCY)


def export_profile_of_product(*, product_id: int) -> ExportProfile | None:
    return ExportProfile.objects.filter(product_id=product_id).first()


def certificates_of_product(*, product_id: int) -> QuerySet:
    return ProductCertificate.objects.filter(product_id=product_id)
