"""factory_boy factories for Saleor's models (users, catalogue, stock, shipping, orders)."""
from decimal import Decimal

import factory
from django.contrib.auth.models import Permission
from factory.django import DjangoModelFactory
from saleor.account.models import Address, User
from saleor.order import OrderStatus
from saleor.order.models import Fulfillment, FulfillmentLine, Order, OrderLine
from saleor.product.models import Category, Product, ProductType, ProductVariant
from saleor.shipping.models import ShippingMethod, ShippingMethodType, ShippingZone
from saleor.warehouse.models import Stock, Warehouse


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    is_active = True
    password = factory.PostGenerationMethodCall("set_password", "password")

    @factory.post_generation
    def permissions(user, create, codenames, **_kwargs):
        """`UserFactory(permissions=["product.manage_products"])`."""
        if create and codenames:
            user.user_permissions.add(*permissions_by_name(codenames))


class StaffFactory(UserFactory):
    is_staff = True


def permissions_by_name(names):
    """Permissions from "app_label.codename" names, as Saleor's enums spell them."""
    codenames = [name.split(".", 1)[1] for name in names]
    found = list(Permission.objects.filter(codename__in=codenames))
    missing = set(codenames) - {permission.codename for permission in found}
    assert not missing, f"unknown permissions: {sorted(missing)}"
    return found


class ThaiAddressFactory(DjangoModelFactory):
    class Meta:
        model = Address

    first_name = "Somchai"
    last_name = "Jaidee"
    street_address_1 = "99 Moo 3"
    city = "Mueang Chiang Mai"
    city_area = "Suthep"
    postal_code = "50200"
    country = "TH"
    country_area = "Chiang Mai"
    phone = "+66812345678"


class CategoryFactory(DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.Sequence(lambda n: f"category-{n}")


class ProductTypeFactory(DjangoModelFactory):
    class Meta:
        model = ProductType
        django_get_or_create = ("slug",)

    name = "OTOP good"
    slug = "otop-good"
    has_variants = True
    is_shipping_required = True


class ProductFactory(DjangoModelFactory):
    class Meta:
        model = Product

    product_type = factory.SubFactory(ProductTypeFactory)
    category = factory.SubFactory(CategoryFactory)
    name = factory.Sequence(lambda n: f"OTOP product {n}")
    slug = factory.Sequence(lambda n: f"otop-product-{n}")
    currency = "THB"
    price_amount = Decimal("250.00")
    minimal_variant_price_amount = Decimal("250.00")
    is_published = True


class ProductVariantFactory(DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"OTOP-{n:06d}")
    currency = "THB"
    track_inventory = True


class WarehouseFactory(DjangoModelFactory):
    class Meta:
        model = Warehouse

    name = factory.Sequence(lambda n: f"Warehouse {n}")
    slug = factory.Sequence(lambda n: f"warehouse-{n}")
    address = factory.SubFactory(ThaiAddressFactory)
    email = "warehouse@example.com"


class StockFactory(DjangoModelFactory):
    class Meta:
        model = Stock

    warehouse = factory.SubFactory(WarehouseFactory)
    product_variant = factory.SubFactory(ProductVariantFactory)
    quantity = 100


class ShippingZoneFactory(DjangoModelFactory):
    class Meta:
        model = ShippingZone

    name = factory.Sequence(lambda n: f"Zone {n}")
    countries = ["TH"]


class ShippingMethodFactory(DjangoModelFactory):
    class Meta:
        model = ShippingMethod

    name = "Thailand Post EMS"
    type = ShippingMethodType.PRICE_BASED
    shipping_zone = factory.SubFactory(ShippingZoneFactory)
    currency = "THB"
    price_amount = Decimal("50.00")


class OrderFactory(DjangoModelFactory):
    """An order as checkout leaves it (one 250 THB product twice, 50 THB shipping), without a
    checkout; `tests.factories.producer_channels.placed_order` places one through Saleor."""

    class Meta:
        model = Order

    status = OrderStatus.UNFULFILLED
    user = None
    user_email = factory.LazyAttribute(lambda order: order.user.email if order.user else "shopper@example.com")
    billing_address = factory.SubFactory(ThaiAddressFactory)
    shipping_address = factory.SubFactory(ThaiAddressFactory)
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
    variant = factory.SubFactory(ProductVariantFactory)
    product_name = factory.LazyAttribute(lambda line: line.variant.product.name)
    variant_name = ""
    product_sku = factory.LazyAttribute(lambda line: line.variant.sku)
    is_shipping_required = True
    quantity = 2
    currency = "THB"
    unit_price_net_amount = Decimal("250.00")
    unit_price_gross_amount = Decimal("250.00")
    tax_rate = Decimal(0)


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
