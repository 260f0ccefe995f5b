"""`make bench` for producer channels: 1,000 approved producers, each with its own warehouse
(serving the domestic and international zones) holding the stock of the bench products it
owns; a checkout of a cart with lines from 5 producers (and, for comparison, 5 lines of one
producer) against a one-line checkout, and the shop listing (50 shops) against Saleor's plain
`products(first: 50)`."""
from decimal import Decimal

from django.db import connection
from django.utils import timezone
from saleor.account.models import Address
from saleor.shipping.models import ShippingMethod
from saleor.warehouse.models import Warehouse

from otop_kernel.bench import (
    BASELINE_CHECKOUT_1_LINE,
    BASELINE_PRODUCTS_50,
    BenchContext,
    Scenario,
    checkout_complete_saleor_alone,
)
from otop_kernel.demo_catalogue import PRODUCERS as DEMO_PRODUCERS

from ..models import PayoutMethod, Producer, ProducerProduct, ProducerStatus

SEED_VERSION = 1
BENCH_PRODUCERS = 1_000
CART_PRODUCERS = 5

SHOP_LISTING = """query { producerShops(first: 50) { edges { node {
    slug nameTh nameEn kind productCount locality { provinceNameEn districtNameEn } } } } }"""


def producer_of_index(index: int) -> int:
    """Bench product `index` belongs to producer number index % BENCH_PRODUCERS."""
    return index % BENCH_PRODUCERS


def bench_seed(ctx: BenchContext) -> None:
    now = timezone.now()
    count = min(BENCH_PRODUCERS, max(len(ctx.products), CART_PRODUCERS))
    addresses, warehouses, producers = [], [], []
    for number in range(count):
        template = DEMO_PRODUCERS[number % len(DEMO_PRODUCERS)]
        addresses.append(
            Address(
                company_name=f"{template.name_en} #{number + 1}"[:256], street_address_1=f"{number + 1} Moo 1",
                city_area=template.subdistrict_code, city="Mueang", country="TH", postal_code="10200",
            )
        )
    ctx.copy_objects(addresses)
    for number, address in enumerate(addresses):
        warehouses.append(
            Warehouse(name=address.company_name[:250], slug=f"bench-producer-{number + 1:04d}", address=address,
                      company_name=address.company_name[:255], email="")
        )
    ctx.copy_objects(warehouses)
    zone_ids = set(
        ShippingMethod.objects.filter(
            pk__in=[ctx.domestic_shipping_method_id, ctx.international_shipping_method_id]
        ).values_list("shipping_zone_id", flat=True)
    )
    Through = Warehouse.shipping_zones.through
    ctx.copy_objects(
        [Through(warehouse_id=warehouse.pk, shippingzone_id=zone_id) for warehouse in warehouses for zone_id in zone_ids]
    )
    for number, warehouse in enumerate(warehouses):
        template = DEMO_PRODUCERS[number % len(DEMO_PRODUCERS)]
        producers.append(
            Producer(
                slug=f"bench-{template.key}-{number + 1:04d}"[:100], name_th=f"{template.name_th} {number + 1}",
                name_en=f"{template.name_en} {number + 1}", kind=template.kind,
                home_subdistrict_id=template.subdistrict_code, contact_email=template.contact_email,
                status=ProducerStatus.APPROVED, applied_at=now, approved_at=now, commission_rate=Decimal("10.00"),
                payout_method=PayoutMethod.PROMPTPAY, promptpay_id="0812345678", warehouse_id=warehouse.pk,
            )
        )
    ctx.copy_objects(producers)
    ctx.copy_objects(
        ProducerProduct(product_id=seeded.product_id, producer_id=producers[producer_of_index(seeded.index)].pk,
                        created_at=now)
        for seeded in ctx.products
    )
    # The harness stocked every product in the market's warehouse; producers ship their own.
    with connection.cursor() as cursor:
        cursor.execute(
            """
            UPDATE warehouse_stock AS stock SET warehouse_id = producer.warehouse_id
            FROM product_productvariant AS variant, otop_producers_producerproduct AS link,
                 otop_producers_producer AS producer
            WHERE stock.product_variant_id = variant.id AND variant.product_id = link.product_id
              AND link.producer_id = producer.id
            """
        )
        cursor.execute("ANALYZE otop_producers_producer; ANALYZE otop_producers_producerproduct; ANALYZE warehouse_stock")
    ctx.log(f"  {count:,} producers with own warehouses, {len(ctx.products):,} products assigned")


def five_producer_cart(ctx: BenchContext) -> str:
    """A fresh checkout of one line from each of 5 different producers."""
    start = ctx.rng.randrange(len(ctx.variant_ids) - CART_PRODUCERS)
    variant_ids = ctx.variant_ids[start:start + CART_PRODUCERS]
    return ctx.checkout_prepare(lines=[(variant_id, 1) for variant_id in variant_ids])


def one_producer_cart(ctx: BenchContext) -> str:
    """The same five lines' worth of checkout, all from one producer (the split's own cost is
    the difference to checkout_5_producers)."""
    producers = min(BENCH_PRODUCERS, len(ctx.variant_ids))
    start = ctx.rng.randrange(producers)
    indexes = range(start, len(ctx.variant_ids), producers)
    variant_ids = [ctx.variant_ids[index] for index in indexes][:CART_PRODUCERS]
    return ctx.checkout_prepare(lines=[(variant_id, 1) for variant_id in variant_ids])


SCENARIOS = [
    Scenario(
        name="checkout_5_producers",
        baseline=BASELINE_CHECKOUT_1_LINE,
        prepare=five_producer_cart,
        run=lambda ctx, checkout_id: ctx.checkout_complete(checkout_id),
        description="checkoutComplete of a domestic cart with lines from 5 producers (split into 5 sub-orders, ledger)",
    ),
    Scenario(
        name="checkout_5_producers_saleor_alone",
        baseline=BASELINE_CHECKOUT_1_LINE,
        prepare=five_producer_cart,
        run=checkout_complete_saleor_alone,
        description="The same kind of cart completed with the OTOP plugins off (Saleor alone)",
    ),
    Scenario(
        name="checkout_5_producers_vs_saleor_alone",
        baseline="checkout_5_producers_saleor_alone",
        prepare=five_producer_cart,
        run=lambda ctx, checkout_id: ctx.checkout_complete(checkout_id),
        description="checkout_5_producers against the same kind of cart with the plugins off: what the plugins add",
    ),
    Scenario(
        name="checkout_5_lines_1_producer",
        baseline=BASELINE_CHECKOUT_1_LINE,
        prepare=one_producer_cart,
        run=lambda ctx, checkout_id: ctx.checkout_complete(checkout_id),
        description="checkoutComplete of a domestic cart with 5 lines of one producer (one sub-order)",
    ),
    Scenario(
        name="producer_shops_50",
        baseline=BASELINE_PRODUCTS_50,
        query=SHOP_LISTING,
        description="the public listing of 50 producer shops",
    ),
]
