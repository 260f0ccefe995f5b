"""Featured collections, and OTOP products with the facts rules read (stars, provenance, producer,
export eligibility) written as plain rows; orders of (product, quantity, price) lines."""
import itertools
from decimal import Decimal

from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine

from otop_kernel.otop_categories import OtopCategory
from plugins.curation import services
from plugins.curation.models import FeaturedCollectionKind, Selection
from plugins.curation.rules import RuleCriteria
from plugins.export_markets.models import ProductMarketEligibility
from plugins.otop_stars.models import ProductStars
from plugins.producer_channels.models import ProducerProduct
from plugins.provenance.models import ProductProvenance

from .places import PHON_KALASIN
from .saleor import OrderFactory, ProductFactory, ProductVariantFactory, ThaiAddressFactory

_counter = itertools.count(1)


def otop_product(
    *,
    stars=None,
    subdistrict=PHON_KALASIN,
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
