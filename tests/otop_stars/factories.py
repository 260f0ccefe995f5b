"""Factories and helpers for the star ratings plugin's tests."""
import itertools
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from saleor.order import OrderStatus
from saleor.order.models import Order, OrderLine

from otop_kernel.otop_categories import OtopCategory
from plugins.otop_stars import services
from plugins.otop_stars.models import ReviewStatus
from tests.factories import ProductVariantFactory, UserFactory

_certificate_numbers = itertools.count(1)


def grant(product, *, stars=4, round_year=2022, actor=None, **values):
    """Record a certification through the service, as staff would."""
    values.setdefault("certificate_number", f"TEST-{next(_certificate_numbers):05d}")
    values.setdefault("category", OtopCategory.FOOD)
    return services.certification_grant(
        product=product, stars=stars, round_year=round_year, actor=actor, **values
    )


class OrderFactory(DjangoModelFactory):
    class Meta:
        model = Order

    user = factory.SubFactory(UserFactory)
    user_email = factory.LazyAttribute(lambda order: order.user.email if order.user else "guest@example.com")
    status = OrderStatus.UNFULFILLED
    currency = "THB"


class OrderLineFactory(DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    variant = factory.SubFactory(ProductVariantFactory)
    product_name = factory.LazyAttribute(lambda line: line.variant.product.name)
    product_sku = factory.LazyAttribute(lambda line: line.variant.sku)
    is_shipping_required = True
    quantity = 1
    currency = "THB"
    unit_price_net_amount = Decimal("250.00")
    unit_price_gross_amount = Decimal("250.00")
    tax_rate = Decimal(0)


def purchase(user, product, *, status=OrderStatus.UNFULFILLED):
    """An order of the user's containing a variant of the product."""
    variant = product.variants.first() or ProductVariantFactory(product=product)
    return OrderLineFactory(order=OrderFactory(user=user, status=status), variant=variant)


def approved_review(product, *, stars=5, user=None, title="Lovely", text="", moderator=None):
    user = user or UserFactory()
    purchase(user, product)
    review = services.review_create(product=product, user=user, stars=stars, title=title, text=text)
    return services.review_moderate(review=review, moderator=moderator, status=ReviewStatus.APPROVED)


_producer_numbers = itertools.count(1)


def producer_of(*products, email="producer@example.com", name_en=None, name_th=None, subdistrict_code="500101", members=()):
    """A producer (producer_channels) owning the products, with members."""
    from plugins.producer_channels.models import (
        MemberRole,
        Producer,
        ProducerKind,
        ProducerMember,
        ProducerProduct,
    )

    number = next(_producer_numbers)
    producer = Producer.objects.create(
        slug=f"producer-{number}",
        name_en=name_en or f"Producer {number}",
        name_th=name_th or f"ผู้ผลิต {number}",
        kind=ProducerKind.values[0],
        home_subdistrict_id=subdistrict_code,
        contact_email=email,
        commission_rate=Decimal("10.00"),
    )
    for product in products:
        ProducerProduct.objects.create(product=product, producer=producer)
    for user in members:
        ProducerMember.objects.create(producer=producer, user=user, role=MemberRole.OWNER)
    return producer
