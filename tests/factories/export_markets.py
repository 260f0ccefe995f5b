"""Factories of export-market data, and helpers that make a product exportable."""
from datetime import date, timedelta
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from otop_kernel.otop_categories import OtopCategory
from plugins.export_markets.choices import (
    CertificateKind,
    DutyTerms,
    RegistrationKind,
    ShippingService,
)
from plugins.export_markets.models import (
    CategoryRequirement,
    DutyRate,
    ExchangeRate,
    ExportProfile,
    Market,
    MarketShippingService,
    ProducerRegistration,
    ProductCertificate,
    ShippingMethodService,
)
from plugins.otop_stars.models import ProductStars
from plugins.producer_channels.models import ProducerMember, ProducerProduct
from plugins.provenance.models import ProductProvenance

from .places import SI_PHUM_CHIANG_MAI
from .producer_channels import ProducerFactory
from .saleor import ProductFactory


def today() -> date:
    return timezone.localdate()


def make_member(producer, user, role="owner"):
    return ProducerMember.objects.create(producer=producer, user=user, role=role)


class MarketFactory(DjangoModelFactory):
    """Japan (one market per country), open to every OTOP category from 4 stars, DAP."""

    class Meta:
        model = Market
        django_get_or_create = ("country",)

    country = "JP"
    enabled = True
    display_currency = "JPY"
    minimum_stars = 4
    allowed_categories = factory.LazyFunction(lambda: list(OtopCategory.values))
    duty_terms = DutyTerms.DAP
    de_minimis_value = Decimal(0)
    default_duty_rate = Decimal("5.00")
    default_tax_rate = Decimal("10.00")
    label_languages = factory.LazyFunction(lambda: ["ja"])


def require(market, category, kind):
    return CategoryRequirement.objects.create(market=market, category=category, kind=kind)


def duty_rate(market, chapter, duty, tax):
    return DutyRate.objects.create(market=market, hs_chapter=chapter, duty_rate=Decimal(duty), tax_rate=Decimal(tax))


def allow_service(market, service=ShippingService.EMS_WORLD, max_weight_grams=30_000, max_value=None):
    return MarketShippingService.objects.create(
        market=market, service=service, max_weight_grams=max_weight_grams, max_value=max_value
    )


def map_shipping_method(shipping_method, service=ShippingService.EMS_WORLD):
    return ShippingMethodService.objects.create(shipping_method=shipping_method, service=service)


def set_rate(currency, units_per_thb):
    return ExchangeRate.objects.update_or_create(currency=currency, defaults={"units_per_thb": Decimal(units_per_thb)})[0]


class ExportProfileFactory(DjangoModelFactory):
    class Meta:
        model = ExportProfile

    product = factory.SubFactory(ProductFactory)
    hs_code = "200899"
    customs_description_en = "Dried mango"
    net_weight_grams = 200
    gross_weight_grams = 250
    allergens_declared = True
    allergens = factory.LazyFunction(list)


class ProductCertificateFactory(DjangoModelFactory):
    class Meta:
        model = ProductCertificate

    product = factory.SubFactory(ProductFactory)
    kind = CertificateKind.HALAL
    number = factory.Sequence(lambda n: f"HALAL-{n:05d}")
    issuer = "CICOT"
    valid_from = factory.LazyFunction(lambda: today() - timedelta(days=100))
    valid_until = factory.LazyFunction(lambda: today() + timedelta(days=300))


class ProducerRegistrationFactory(DjangoModelFactory):
    class Meta:
        model = ProducerRegistration

    producer = factory.SubFactory(ProducerFactory)
    kind = RegistrationKind.US_FDA_FACILITY
    number = factory.Sequence(lambda n: f"1{n:010d}")
    issuer = "US FDA"
    valid_from = factory.LazyFunction(lambda: today() - timedelta(days=100))
    valid_until = factory.LazyFunction(lambda: today() + timedelta(days=600))


def set_stars(product, stars):
    ProductStars.objects.update_or_create(product=product, defaults={"current_stars": stars})


def otop_product(*, category=OtopCategory.FOOD, stars=5, producer=None, profile=True, **product_kwargs):
    """A product with a category, stars, a producer and (by default) a complete export profile.

    Eligibility is not computed: tests call the recompute service when they want it.
    """
    product = ProductFactory(**product_kwargs)
    ProductProvenance.objects.create(
        product=product, subdistrict_id=SI_PHUM_CHIANG_MAI, category=category
    )
    if stars is not None:
        set_stars(product, stars)
    ProducerProduct.objects.create(product=product, producer=producer or ProducerFactory())
    if profile:
        ExportProfileFactory(product=product)
    return product
