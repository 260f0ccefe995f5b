"""What a checkout to a foreign address must satisfy: eligible lines, parcel limits, duty estimate.

One pass, a fixed number of queries whatever the number of lines or producers. Each producer
ships its own lines from its own warehouse, so each producer's lines make one parcel.
"""
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from saleor.product.models import ProductVariant

from .choices import DutyTerms, ShippingService
from .errors import ExportMarketsErrorCode
from .models import (
    ExportProfile,
    Market,
    ProductMarketEligibility,
    ShippingMethodService,
)
from .selectors import (
    BASE_CURRENCY,
    convert_from_thb,
    exchange_rates_by_currency,
    home_country,
    quantize_for_currency,
    verdict_of,
)

HUNDRED = Decimal(100)


@dataclass
class LineCheck:
    line_id: int
    variant_id: int
    product_id: int
    product_name: str
    quantity: int
    value: Decimal
    hs_code: str
    gross_weight_grams: int | None
    eligible: bool
    reasons: list[dict]


@dataclass
class Parcel:
    producer_id: int | None
    producer_name: str
    weight_grams: int
    value: Decimal
    duty: Decimal = Decimal(0)
    tax: Decimal = Decimal(0)
    de_minimis_applies: bool = False


@dataclass
class Problem:
    field: str
    code: ExportMarketsErrorCode
    message: str
    variant_id: int | None = None


@dataclass
class ExportCheck:
    country: str | None
    abroad: bool
    market: Market | None = None
    service: str | None = None
    lines: list[LineCheck] = field(default_factory=list)
    parcels: list[Parcel] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    display_currency: str = BASE_CURRENCY
    units_per_thb: Decimal | None = Decimal(1)

    @property
    def goods_value(self) -> Decimal:
        return sum((line.value for line in self.lines), Decimal(0))

    @property
    def duty(self) -> Decimal:
        return sum((parcel.duty for parcel in self.parcels), Decimal(0))

    @property
    def tax(self) -> Decimal:
        return sum((parcel.tax for parcel in self.parcels), Decimal(0))

    @property
    def duties_collected(self) -> bool:
        return bool(self.market and self.market.duty_terms == DutyTerms.DDP)

    @property
    def collected_duty_and_tax(self) -> Decimal:
        return self.duty + self.tax if self.abroad and self.duties_collected else Decimal(0)

    @property
    def ok(self) -> bool:
        return not self.problems

    def to_display(self, amount: Decimal):
        if self.units_per_thb is None:
            return None
        return convert_from_thb(amount, currency=self.display_currency, units_per_thb=self.units_per_thb)


def _rates_for_chapter(market: Market):
    rates = {rate.hs_chapter: (rate.duty_rate, rate.tax_rate) for rate in market.duty_rates.all()}
    return lambda chapter: rates.get(chapter, (market.default_duty_rate, market.default_tax_rate))


def _estimate_parcel(parcel: Parcel, lines: list[LineCheck], market: Market, rates_of, units_per_thb) -> None:
    if units_per_thb is not None and market.de_minimis_value > 0:
        local_value = parcel.value * units_per_thb
        if local_value <= market.de_minimis_value:
            parcel.de_minimis_applies = True
            return
    for line in lines:
        duty_rate, tax_rate = rates_of(line.hs_code[:2])
        duty = line.value * duty_rate / HUNDRED
        parcel.duty += duty
        parcel.tax += (line.value + duty) * tax_rate / HUNDRED
    parcel.duty = quantize_for_currency(parcel.duty, BASE_CURRENCY)
    parcel.tax = quantize_for_currency(parcel.tax, BASE_CURRENCY)


def checkout_export_check(*, checkout, lines: Iterable | None = None, discounts=()) -> ExportCheck:
    """Check a checkout against the market of its shipping country (nothing to check at home)."""
    from plugins.producer_channels.selectors import producers_by_product_ids

    address = checkout.shipping_address
    country = str(address.country) if address and address.country else None
    if country is None or country == home_country():
        return ExportCheck(country=country, abroad=False)
    check = ExportCheck(country=country, abroad=True)
    market = Market.objects.filter(country=country).prefetch_related("duty_rates", "shipping_services").first()
    if market is None or not market.enabled:
        check.problems.append(
            Problem("shipping_address", ExportMarketsErrorCode.NO_MARKET, f"OTOP goods are not sold to {address.country.name}.")
        )
        return check
    check.market = market
    check.display_currency = market.display_currency
    check.units_per_thb = exchange_rates_by_currency(currencies=[market.display_currency]).get(market.display_currency)

    lines = list(checkout.lines.all() if lines is None else lines)
    variants = ProductVariant.objects.select_related("product").prefetch_related("product__collections").in_bulk(
        [line.variant_id for line in lines]
    )
    product_ids = {variant.product_id for variant in variants.values()}
    verdicts = {}
    for row in ProductMarketEligibility.objects.filter(product_id__in=product_ids, market=market):
        row.market = market
        verdicts[row.product_id] = verdict_of(row)
    profiles = {profile.product_id: profile for profile in ExportProfile.objects.filter(product_id__in=product_ids)}
    producers = producers_by_product_ids(product_ids=product_ids)

    parcels: dict[int | None, Parcel] = {}
    parcel_lines: dict[int | None, list[LineCheck]] = {}
    for line in lines:
        variant = variants[line.variant_id]
        product = variant.product
        profile = profiles.get(product.pk)
        verdict = verdicts.get(product.pk)
        if verdict is None:
            eligible, reasons = False, [{"code": "NOT_ASSESSED", "message": "export eligibility not assessed yet"}]
        else:
            eligible, reasons = verdict.eligible, verdict.reasons
        line_check = LineCheck(
            line_id=line.pk,
            variant_id=variant.pk,
            product_id=product.pk,
            product_name=product.name,
            quantity=line.quantity,
            value=quantize_for_currency(variant.get_price(discounts or []).amount * line.quantity, BASE_CURRENCY),
            hs_code=profile.hs_code if profile else "",
            gross_weight_grams=profile.gross_weight_grams if profile else None,
            eligible=eligible,
            reasons=reasons,
        )
        check.lines.append(line_check)
        if not eligible:
            why = "; ".join(reason["message"] for reason in reasons)
            check.problems.append(
                Problem(
                    "lines",
                    ExportMarketsErrorCode.NOT_ELIGIBLE,
                    f"{product.name} cannot be sent to {market}: {why}.",
                    variant_id=variant.pk,
                )
            )
        producer = producers.get(product.pk)
        key = producer.pk if producer else None
        if key not in parcels:
            parcels[key] = Parcel(key, producer.name_en if producer else "", 0, Decimal(0))
            parcel_lines[key] = []
        parcels[key].weight_grams += (line_check.gross_weight_grams or 0) * line.quantity
        parcels[key].value += line_check.value
        parcel_lines[key].append(line_check)

    rates_of = _rates_for_chapter(market)
    for key, parcel in parcels.items():
        _estimate_parcel(parcel, parcel_lines[key], market, rates_of, check.units_per_thb)
    check.parcels = list(parcels.values())
    _check_service(check, checkout, market)
    return check


def checkout_export_check_cached(*, checkout, lines: Iterable, discounts=()) -> ExportCheck:
    """One export check per checkout state within a request: Saleor asks for totals several times."""
    lines = list(lines)
    address = checkout.shipping_address
    key = (
        str(address.country) if address else None,
        checkout.shipping_method_id,
        tuple((line.pk, line.variant_id, line.quantity) for line in lines),
    )
    cached = getattr(checkout, "_otop_export_check", None)
    if cached is None or cached[0] != key:
        cached = (key, checkout_export_check(checkout=checkout, lines=lines, discounts=discounts))
        checkout._otop_export_check = cached
    return cached[1]


def _check_service(check: ExportCheck, checkout, market: Market) -> None:
    if not checkout.shipping_method_id:
        return
    link = ShippingMethodService.objects.filter(shipping_method_id=checkout.shipping_method_id).first()
    allowed = {service.service: service for service in market.shipping_services.all()}
    if link is None or link.service not in allowed:
        names = ", ".join(ShippingService(name).label for name in allowed) or "none"
        check.problems.append(
            Problem(
                "shipping_method",
                ExportMarketsErrorCode.SHIPPING_SERVICE_NOT_ALLOWED,
                f"This shipping method is not an export service allowed to {market} (allowed: {names}).",
            )
        )
        return
    check.service = link.service
    limits = allowed[link.service]
    label = ShippingService(link.service).label
    for parcel in check.parcels:
        whose = f"the parcel from {parcel.producer_name}" if parcel.producer_name else "the parcel"
        if parcel.weight_grams > limits.max_weight_grams:
            check.problems.append(
                Problem(
                    "shipping_method",
                    ExportMarketsErrorCode.PARCEL_TOO_HEAVY,
                    f"{whose.capitalize()} weighs {parcel.weight_grams} g; {label} to {market} carries up to "
                    f"{limits.max_weight_grams} g.",
                )
            )
        if limits.max_value is not None and parcel.value > limits.max_value:
            check.problems.append(
                Problem(
                    "shipping_method",
                    ExportMarketsErrorCode.PARCEL_VALUE_TOO_HIGH,
                    f"{whose.capitalize()} is worth {parcel.value} THB; {label} to {market} takes up to "
                    f"{limits.max_value} THB.",
                )
            )


def raise_for_problems(check: ExportCheck, *, variant_global_id) -> None:
    """A ValidationError with one error per problem (per line for ineligible lines)."""
    if check.ok:
        return
    errors: dict[str, list[ValidationError]] = {}
    for problem in check.problems:
        params = {"export_code": problem.code}
        if problem.variant_id is not None:
            params["variant_id"] = variant_global_id(problem.variant_id)
        # Django formats messages with params: a literal % must be doubled.
        errors.setdefault(problem.field, []).append(
            ValidationError(problem.message.replace("%", "%%"), code=problem.code, params=params)
        )
    raise ValidationError(errors)
