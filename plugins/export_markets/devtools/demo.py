"""Demo data of the export markets plugin: seven markets with their rules, exchange rates, the
international shipping method as EMS World, and an export profile with certificates for every
demo product. Duty, tax and de-minimis figures are illustrative estimates, kept in data (not
code) as DOMAIN.md asks of unconfirmed numbers. Idempotent: markets by country, profiles by
product, certificates by product, kind and number, registrations by producer, kind and number."""
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.utils import timezone

from otop_kernel.otop_categories import OtopCategory

from .. import services
from ..choices import (
    CertificateKind,
    DutyTerms,
    RegistrationKind,
    RequirementKind,
    ShippingService,
)
from ..models import ExportProfile, Market, ProducerRegistration, ProductCertificate

FOOD, BEVERAGE, TEXTILE, HOUSEHOLD, HERBAL = (
    OtopCategory.FOOD, OtopCategory.BEVERAGE, OtopCategory.TEXTILE, OtopCategory.HOUSEHOLD, OtopCategory.HERBAL,
)
ALL_CATEGORIES = [FOOD, BEVERAGE, TEXTILE, HOUSEHOLD, HERBAL]
EMS = {"service": ShippingService.EMS_WORLD, "max_weight_grams": 30_000, "max_value": None}
EPACKET = {"service": ShippingService.EPACKET, "max_weight_grams": 2_000, "max_value": Decimal(20000)}


def _rates(*rows):
    return [{"hs_chapter": chapter, "duty_rate": Decimal(duty), "tax_rate": Decimal(tax)} for chapter, duty, tax in rows]


def _requirements(categories, kind):
    return [{"category": category, "kind": kind} for category in categories]


DEMO_MARKETS = {
    "TH": dict(
        display_currency="THB", enabled=True, allowed_categories=ALL_CATEGORIES, label_languages=["th"],
        duty_terms=DutyTerms.DAP, shipping_services=[EMS, EPACKET],
    ),
    "JP": dict(
        display_currency="JPY", enabled=True, allowed_categories=ALL_CATEGORIES, label_languages=["ja"],
        duty_terms=DutyTerms.DAP, de_minimis_value=Decimal(10000), default_duty_rate=Decimal(5),
        default_tax_rate=Decimal(10), duty_rates=_rates(("09", "0", "8"), ("20", "9", "8"), ("62", "9", "10")),
        requirements=_requirements([FOOD], RequirementKind.THAI_FDA), shipping_services=[EMS, EPACKET],
    ),
    "CN": dict(
        display_currency="CNY", enabled=True, allowed_categories=ALL_CATEGORIES, label_languages=["zh"],
        duty_terms=DutyTerms.DDP, de_minimis_value=Decimal(50), default_duty_rate=Decimal(10),
        default_tax_rate=Decimal(13), duty_rates=_rates(("09", "15", "9"), ("20", "15", "13")),
        requirements=_requirements([FOOD, BEVERAGE], RequirementKind.GACC), shipping_services=[EMS],
    ),
    "US": dict(
        display_currency="USD", enabled=True, allowed_categories=ALL_CATEGORIES, label_languages=["en"],
        duty_terms=DutyTerms.DDP, de_minimis_value=Decimal(0), default_duty_rate=Decimal(10),
        default_tax_rate=Decimal(0), duty_rates=_rates(("09", "10", "0"), ("62", "16", "0")),
        requirements=_requirements([FOOD, BEVERAGE], RequirementKind.US_FDA_FACILITY), shipping_services=[EMS],
    ),
    "DE": dict(
        display_currency="EUR", enabled=True, allowed_categories=ALL_CATEGORIES, label_languages=["de", "en"],
        duty_terms=DutyTerms.DDP, de_minimis_value=Decimal(150), default_duty_rate=Decimal(6),
        default_tax_rate=Decimal(19), duty_rates=_rates(("09", "0", "7"), ("20", "12", "7"), ("62", "12", "19")),
        requirements=_requirements([FOOD], RequirementKind.ALLERGEN_DECLARATION), shipping_services=[EMS, EPACKET],
    ),
    "MY": dict(
        display_currency="MYR", enabled=True, allowed_categories=ALL_CATEGORIES, label_languages=["ms", "en"],
        duty_terms=DutyTerms.DAP, de_minimis_value=Decimal(500), default_duty_rate=Decimal(5),
        default_tax_rate=Decimal(10), requirements=_requirements([FOOD, BEVERAGE, HERBAL], RequirementKind.HALAL),
        shipping_services=[EMS, EPACKET],
    ),
    "SG": dict(
        display_currency="SGD", enabled=True, allowed_categories=[FOOD, BEVERAGE, TEXTILE, HOUSEHOLD],
        label_languages=["en"], duty_terms=DutyTerms.DAP, de_minimis_value=Decimal(400),
        default_duty_rate=Decimal(0), default_tax_rate=Decimal(9), shipping_services=[EMS, EPACKET],
    ),
}
# Units per baht, entered by hand for the demo (a configured source refreshes them).
DEMO_RATES = {"JPY": "4.30", "CNY": "0.21", "USD": "0.029", "EUR": "0.027", "MYR": "0.13", "SGD": "0.039"}


def _thai_fda_number(index: int) -> str:
    digits = f"10{index % 10}{index:05d}1{(index * 7) % 10000:04d}"
    return f"{digits[:2]}-{digits[2]}-{digits[3:8]}-{digits[8]}-{digits[9:]}"


def _markets_load(log) -> None:
    for country, settings in DEMO_MARKETS.items():
        market = Market.objects.filter(country=country).first()
        if market is None:
            services.market_create(country=country, **settings)
        else:
            services.market_update(market=market, **{k: v for k, v in settings.items()})
    log(f"export markets: {', '.join(DEMO_MARKETS)}")
    for currency, rate in DEMO_RATES.items():
        services.exchange_rate_set(currency=currency, units_per_thb=Decimal(rate), source="demo")


def _profiles_load(catalogue, today: date) -> int:
    loaded = 0
    for index, (item, product) in enumerate(catalogue.items, start=1):
        food_like = item.category in (FOOD, BEVERAGE, HERBAL)
        profile = ExportProfile.objects.filter(product=product).first() or ExportProfile(product=product)
        profile.hs_code = item.hs_code
        profile.customs_description_en = item.name_en[:200]
        profile.net_weight_grams = item.weight_grams
        profile.gross_weight_grams = item.weight_grams + max(50, item.weight_grams // 10)
        profile.allergens_declared = food_like
        profile.save()
        certificates = []
        if item.category in (FOOD, BEVERAGE):
            certificates.append((CertificateKind.THAI_FDA, _thai_fda_number(index), "Thai FDA"))
        else:
            certificates.append((CertificateKind.COMMUNITY_STANDARD, f"มผช. {index:04d}/2566", "TISI"))
        if food_like and index % 2 == 0:
            certificates.append((CertificateKind.HALAL, f"CICOT-{index:05d}", "CICOT"))
        for kind, number, issuer in certificates:
            ProductCertificate.objects.get_or_create(
                product=product, kind=kind, number=number,
                defaults={"issuer": issuer, "valid_from": date(today.year - 1, 1, 1), "valid_until": date(today.year + 2, 12, 31)},
            )
        loaded += 1
    return loaded


def _registrations_load(catalogue, today: date) -> int:
    from plugins.producer_channels.selectors import producers_by_slugs

    producers = producers_by_slugs(slugs=[p.key for p in catalogue.producers])
    loaded = 0
    for index, demo_producer in enumerate(catalogue.producers):
        producer = producers.get(demo_producer.key)
        makes_food = any(item.category in (FOOD, BEVERAGE) for item, _product in catalogue.products_of_producer(demo_producer.key))
        if producer is None or not makes_food:
            continue
        kinds = [(RegistrationKind.US_FDA_FACILITY, f"1{index:010d}", "US FDA")]
        if index % 2 == 0:
            kinds.append((RegistrationKind.GACC, f"CTHA{index:08d}", "GACC"))
        for kind, number, issuer in kinds:
            ProducerRegistration.objects.get_or_create(
                producer=producer, kind=kind, number=number,
                defaults={"issuer": issuer, "valid_from": date(today.year - 1, 1, 1), "valid_until": date(today.year + 1, 12, 31)},
            )
            loaded += 1
    return loaded


def demo_load(*, catalogue, log: Callable[[str], None]) -> None:
    today = timezone.localdate()
    _markets_load(log)
    if catalogue.international_shipping_method is not None:
        services.shipping_method_service_set(
            shipping_method=catalogue.international_shipping_method, service=ShippingService.EMS_WORLD
        )
    profiles = _profiles_load(catalogue, today)
    registrations = _registrations_load(catalogue, today)
    rows = services.product_eligibility_recompute(product_ids=[product.pk for _item, product in catalogue.items])
    eligible = {
        country: Market.objects.get(country=country).eligibility.filter(eligible=True).count() for country in DEMO_MARKETS
    }
    log(
        f"export profiles: {profiles}, producer registrations: {registrations}, eligibility rows: {rows}; "
        f"exportable: {', '.join(f'{country} {count}' for country, count in eligible.items())}"
    )
