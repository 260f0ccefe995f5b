"""Factories for Saleor orders, for tests that need an order without a checkout."""
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory
from saleor.order import OrderStatus
from saleor.order.models import Fulfillment, FulfillmentLine, Order, OrderLine

from tests import factories


class OrderFactory(DjangoModelFactory):
    class Meta:
        model = Order

    status = OrderStatus.UNFULFILLED
    user_email = "shopper@example.com"
    billing_address = factory.SubFactory(factories.ThaiAddressFactory)
    shipping_address = factory.SubFactory(factories.ThaiAddressFactory)
    shipping_method_name = "Thailand Post EMS"
    currency = "THB"
    shipping_price_net_amount = Decimal("50.00")
    shipping_price_gross_amount = Decimal("50.00")
    total_net_amount = Decimal("550.00")
    total_gross_amount = Decimal("550.00")


class OrderLineFactory(DjangoModelFactory):
    class Meta:
        model = OrderLine

    order = factory.SubFactory(OrderFactory)
    variant = factory.SubFactory(factories.ProductVariantFactory)
    product_name = factory.LazyAttribute(lambda line: line.variant.product.name)
    variant_name = ""
    product_sku = factory.LazyAttribute(lambda line: line.variant.sku)
    is_shipping_required = True
    quantity = 2
    currency = "THB"
    unit_price_net_amount = Decimal("250.00")
    unit_price_gross_amount = Decimal("250.00")


class FulfillmentFactory(DjangoModelFactory):
    class Meta:
        model = Fulfillment

    order = factory.SubFactory(OrderFactory)
    fulfillment_order = 1
    tracking_number = "EF123456789TH"


class FulfillmentLineFactory(DjangoModelFactory):
    class Meta:
        model = FulfillmentLine

    fulfillment = factory.SubFactory(FulfillmentFactory)
    order_line = factory.SubFactory(OrderLineFactory)
    quantity = 2
