"""OTOP products with the facts rules read (stars, provenance, producer, export eligibility)."""
import itertools
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine

from otop_kernel.otop_categories import OtopCategory
from plugins.curation import services
from plugins.curation.models import FeaturedCollectionKind, Selection
from plugins.curation.rules import RuleCriteria
from plugins.export_markets.models import Market, ProductMarketEligibility
from plugins.otop_stars.models import ProductStars
from plugins.producer_channels.models import Producer, ProducerProduct, ProducerStatus
from plugins.provenance.models import ProductProvenance
from tests.factories import ProductFactory, ProductVariantFactory, ThaiAddressFactory

BAN_PHON_KALASIN = "461002"  # Northeast
SI_PHUM_CHIANG_MAI = "500101"  # North
KHIRIWONG_NAKHON_SI_THAMMARAT = "800106"  # South

_counter = itertools.count(1)


class MarketFactory(DjangoModelFactory):
    class Meta:
        model = Market
        django_get_or_create = ("country",)

    country = "JP"
    enabled = True
    display_currency = "JPY"
    minimum_stars = 1


class ProducerFactory(DjangoModelFactory):
    class Meta:
        model = Producer

    slug = factory.Sequence(lambda n: f"curated-producer-{n}")
    name_th = factory.Sequence(lambda n: f"กลุ่มผู้ผลิต {n}")
    name_en = factory.Sequence(lambda n: f"Producer group {n}")
    kind = "community_group"
    home_subdistrict_id = BAN_PHON_KALASIN
    contact_email = "producer@example.com"
    status = ProducerStatus.APPROVED
    commission_rate = Decimal("10.00")


def otop_product(
    *,
    stars=None,
    subdistrict=BAN_PHON_KALASIN,
    category=OtopCategory.TEXTILE,
    producer=None,
    gi=None,
    markets=(),
    price=Decimal("250.00"),
    **product_values,
):
    product = ProductFactory(price_amount=price, minimal_variant_price_amount=price, **product_values)
    if stars is not None:
        ProductStars.objects.create(product=product, current_stars=stars)
    ProductProvenance.objects.create(product=product, subdistrict_id=subdistrict, category=category, gi=gi)
    if producer is not None:
        ProducerProduct.objects.create(product=product, producer=producer)
    for market in markets:
        ProductMarketEligibility.objects.create(product=product, market=market, eligible=True)
    return product



def rule_collection(*, name=None, kind=FeaturedCollectionKind.OTOP_PLUS, **criteria):
    return services.featured_collection_create(
        name=name or f"Rule collection {next(_counter)}",
        kind=kind,
        selection=Selection.RULE_BASED,
        rule=RuleCriteria.build(**criteria),
    )


def hand_picked_collection(*, products=(), name=None, kind=FeaturedCollectionKind.OTOP_NEXT, **values):
    return services.featured_collection_create(
        name=name or f"Hand-picked {next(_counter)}",
        kind=kind,
        selection=Selection.HAND_PICKED,
        product_ids=[product.pk for product in products],
        **values,
    )


class OrderFactory(DjangoModelFactory):
    class Meta:
        model = Order

    user_email = "shopper@example.com"
    status = OrderStatus.UNFULFILLED
    currency = "THB"
    shipping_address = factory.SubFactory(ThaiAddressFactory)


def order_of(*lines, country="TH", created=None, status=OrderStatus.UNFULFILLED):
    """An order with (product, quantity, unit gross price) lines, shipped to `country`."""
    order = OrderFactory(shipping_address=ThaiAddressFactory(country=country), status=status)
    if created is not None:
        Order.objects.filter(pk=order.pk).update(created=created)
    for product, quantity, price in lines:
        variant = product.variants.first() or ProductVariantFactory(product=product)
        OrderLine.objects.create(
            order=order,
            variant=variant,
            product_name=product.name,
            product_sku=variant.sku,
            is_shipping_required=True,
            quantity=quantity,
            currency="THB",
            unit_price_net_amount=price,
            unit_price_gross_amount=price,
            tax_rate=Decimal(0),
        )
    return order
