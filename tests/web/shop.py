"""A small market to buy from: two approved producers (Kalasin silk, Chiang Mai umbrellas), each
stocking its own warehouse, a shipping zone for Thailand and Japan with EMS, and Japan as an
export market at 4 yen to the baht."""
from dataclasses import dataclass
from decimal import Decimal

from saleor.product.models import ProductVariant
from saleor.shipping.models import ShippingMethod
from saleor.warehouse.models import Stock

from otop_kernel.otop_categories import OtopCategory
from plugins.export_markets.choices import ShippingService
from plugins.export_markets.models import Market
from plugins.export_markets.services import product_eligibility_recompute
from plugins.producer_channels.models import Producer
from tests import factories
from tests.factories.export_markets import (
    MarketFactory,
    allow_service,
    map_shipping_method,
    otop_product,
    set_rate,
)
from tests.factories.places import KALASIN_MUEANG_KALASIN, SI_PHUM_CHIANG_MAI
from tests.factories.producer_channels import MemberFactory, approved_producer

BANGKOK = {
    "first_name": "Somsri", "last_name": "Rakthai", "street_address_1": "123 Sukhumvit Road",
    "city": "Khlong Toei", "city_area": "Khlong Tan", "country_area": "Bangkok",
    "postal_code": "10110", "country": "TH", "phone": "+66812345678",
}
TOKYO = {
    "first_name": "Hanako", "last_name": "Sato", "street_address_1": "1-1 Chiyoda", "city": "Chiyoda-ku",
    "country_area": "Tokyo", "postal_code": "100-0001", "country": "JP", "phone": "+81312345678",
}


@dataclass
class Shop:
    silk: ProductVariant
    umbrella: ProductVariant
    chili: ProductVariant
    ems: ShippingMethod
    japan: Market
    silk_producer: Producer
    umbrella_producer: Producer


def _sellable(producer, *, name, price, stars, category, quantity=20, sku) -> ProductVariant:
    product = otop_product(
        producer=producer, stars=stars, category=category, name=name,
        price_amount=Decimal(price), minimal_variant_price_amount=Decimal(price), is_published=True,
    )
    variant = factories.ProductVariantFactory(product=product, sku=sku)
    Stock.objects.create(warehouse_id=producer.warehouse_id, product_variant=variant, quantity=quantity)
    return variant


def sub_order_send(order_id: int, *, producer: Producer, tracking_number: str) -> None:
    """The producer sends its whole parcel of the order (producer_channels' fulfilment)."""
    from plugins.producer_channels.models import SubOrder
    from plugins.producer_channels.services import producer_fulfill_lines

    sub_order = SubOrder.objects.get(order_id=order_id, producer=producer)
    lines = [(line.order_line_id, line.order_line.quantity) for line in sub_order.lines.select_related("order_line")]
    owner = producer.members.first().user
    producer_fulfill_lines(sub_order=sub_order, lines=lines, user=owner, tracking_number=tracking_number)


def build_shop() -> Shop:
    zone = factories.ShippingZoneFactory(name="Thailand and Japan", countries=["TH", "JP"])
    ems = factories.ShippingMethodFactory(shipping_zone=zone, name="EMS", price_amount=Decimal("120.00"))
    map_shipping_method(ems, ShippingService.EMS_WORLD)
    japan = MarketFactory(country="JP")
    allow_service(japan, ShippingService.EMS_WORLD, 30_000)
    set_rate("JPY", "4")
    silk_producer = approved_producer(
        slug="praewa-kalasin", name_en="Praewa Silk Group", name_th="กลุ่มผ้าไหมแพรวา",
        home_subdistrict_id=KALASIN_MUEANG_KALASIN,
    )
    umbrella_producer = approved_producer(
        slug="bo-sang", name_en="Bo Sang Umbrella Makers", name_th="กลุ่มร่มบ่อสร้าง",
        home_subdistrict_id=SI_PHUM_CHIANG_MAI,
    )
    silk = _sellable(silk_producer, name="Praewa silk scarf", price="1200.00", stars=5,
                     category=OtopCategory.TEXTILE, sku="SILK-1")
    umbrella = _sellable(umbrella_producer, name="Bo Sang paper umbrella", price="350.00", stars=5,
                         category=OtopCategory.HOUSEHOLD, sku="UMB-1")
    chili = _sellable(umbrella_producer, name="Nam prik chili paste", price="90.00", stars=3,
                      category=OtopCategory.FOOD, sku="CHILI-1")
    for producer in (silk_producer, umbrella_producer):
        MemberFactory(producer=producer, role="owner")
    product_eligibility_recompute()
    return Shop(silk, umbrella, chili, ems, japan, silk_producer, umbrella_producer)
