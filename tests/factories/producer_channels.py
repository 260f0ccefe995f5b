"""Producers (the one ProducerFactory), their people and products, orders placed and paid."""
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from saleor.order import OrderStatus
from saleor.order.actions import order_created
from saleor.order.models import Order, OrderLine
from saleor.warehouse.models import Stock

from plugins.producer_channels import services
from plugins.producer_channels.models import (
    MemberRole,
    OfficerAssignment,
    PayoutMethod,
    Producer,
    ProducerKind,
    ProducerMember,
    ProducerProduct,
    ProducerStatus,
)
from plugins.producer_channels.plugin import ProducerChannelsConfiguration

from .places import SI_PHUM_CHIANG_MAI
from .saleor import (
    ProductFactory,
    ProductVariantFactory,
    ThaiAddressFactory,
    UserFactory,
)

CONFIGURATION = ProducerChannelsConfiguration(payout_hold_days=0, minimum_payout_amount=Decimal("1.00"))


class ProducerFactory(DjangoModelFactory):
    """An approved producer (a community group of Si Phum, Chiang Mai) with no warehouse yet;
    `status=ProducerStatus.APPLIED` for one that has only applied, `approved_producer()` for one
    approved through the service (it gets its warehouse)."""

    class Meta:
        model = Producer

    slug = factory.Sequence(lambda n: f"producer-{n}")
    name_th = factory.Sequence(lambda n: f"กลุ่มผู้ผลิต {n}")
    name_en = factory.Sequence(lambda n: f"Producer group {n}")
    kind = ProducerKind.COMMUNITY_GROUP
    status = ProducerStatus.APPROVED
    home_subdistrict_id = SI_PHUM_CHIANG_MAI
    address_line = "99 Moo 3"
    contact_email = factory.Sequence(lambda n: f"producer{n}@otop.example")
    contact_phone = "+66812345678"
    commission_rate = Decimal("10.00")
    payout_method = PayoutMethod.PROMPTPAY
    promptpay_id = "0812345678"


class MemberFactory(DjangoModelFactory):
    class Meta:
        model = ProducerMember

    producer = factory.SubFactory(ProducerFactory)
    user = factory.SubFactory(UserFactory)
    role = MemberRole.OWNER


class OfficerAssignmentFactory(DjangoModelFactory):
    class Meta:
        model = OfficerAssignment

    producer = factory.SubFactory(ProducerFactory)
    officer = factory.SubFactory(UserFactory)


def approved_producer(**kwargs) -> Producer:
    """A producer approved through the service: it has its own warehouse."""
    producer = ProducerFactory(**{"status": ProducerStatus.APPLIED, **kwargs})
    return services.producer_approve(producer=producer, configuration=CONFIGURATION)


def producer_with_owner(**kwargs):
    producer = approved_producer(**kwargs)
    owner = MemberFactory(producer=producer, role=MemberRole.OWNER).user
    return producer, owner


def producer_product(producer: Producer, *, price="250.00", quantity=10, sku=None, published=True):
    """A product of the producer with one variant stocked in its warehouse."""
    product = ProductFactory(price_amount=Decimal(price), minimal_variant_price_amount=Decimal(price), is_published=published)
    ProducerProduct.objects.create(product=product, producer=producer)
    variant_kwargs = {"product": product}
    if sku:
        variant_kwargs["sku"] = sku
    variant = ProductVariantFactory(**variant_kwargs)
    Stock.objects.create(warehouse_id=producer.warehouse_id, product_variant=variant, quantity=quantity)
    return product, variant


def placed_order(lines, *, user=None, shipping="50.00") -> Order:
    """An order of (variant, quantity) lines, placed through Saleor's order_created action
    (so every plugin's hook runs)."""
    user = user or UserFactory()
    subtotal = sum((variant.product.price_amount * quantity for variant, quantity in lines), Decimal(0))
    total = subtotal + Decimal(shipping)
    order = Order.objects.create(
        user=user,
        user_email=user.email,
        status=OrderStatus.UNFULFILLED,
        currency="THB",
        billing_address=ThaiAddressFactory(),
        shipping_address=ThaiAddressFactory(),
        shipping_method_name="Thailand Post EMS",
        shipping_price_net_amount=Decimal(shipping),
        shipping_price_gross_amount=Decimal(shipping),
        total_net_amount=total,
        total_gross_amount=total,
    )
    for variant, quantity in lines:
        price = variant.product.price_amount
        OrderLine.objects.create(
            order=order,
            variant=variant,
            product_name=variant.product.name,
            product_sku=variant.sku,
            is_shipping_required=True,
            quantity=quantity,
            currency="THB",
            unit_price_net_amount=price,
            unit_price_gross_amount=price,
        )
    order_created(order, user=user)
    return order


def pay(order, amount=None):
    """Pay the order with Saleor's Dummy gateway (captured at once): Saleor then calls the
    plugins' order_fully_paid hook, as for orderCapture."""
    from saleor.payment import gateway
    from saleor.payment.utils import create_payment

    payment = create_payment(
        gateway="mirumee.payments.dummy",
        payment_token="charged",
        total=amount if amount is not None else order.total_gross_amount,
        currency="THB",
        email=order.user_email,
        order=order,
    )
    gateway.process_payment(payment=payment, token="charged")
    order.refresh_from_db()
    return payment
