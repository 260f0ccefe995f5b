"""Reads of producer data. Who may read or write what is not decided here but in access.py:
these reads take a producer (or ids) already reached through it.

The choices callers above this plugin name (the web surfaces' forms): MemberRole, PayoutMethod,
ProducerKind, ProducerStatus, InvitationStatus, SubOrderStatus, importable from here.
"""
from decimal import Decimal
from typing import Dict, Iterable, Optional, Set

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce
from saleor.order.models import FulfillmentLine
from saleor.product.models import Category, Product, ProductImage, ProductType, ProductVariant
from saleor.warehouse.models import Stock

from .models import (  # noqa: F401 (choices named by callers, see above)
    InvitationStatus,
    LedgerEntry,
    MemberRole,
    Payout,
    PayoutMethod,
    PayoutRun,
    PayoutStatus,
    Producer,
    ProducerKind,
    ProducerProduct,
    ProducerStatus,
    SubOrder,
    SubOrderLine,
    SubOrderStatus,
)


def producer_of_product(*, product_id: int) -> Optional[Producer]:
    return Producer.objects.filter(product_links__product_id=product_id).first()


def producers_by_product_ids(*, product_ids: Iterable[int]) -> Dict[int, Producer]:
    links = ProducerProduct.objects.filter(product_id__in=list(product_ids)).select_related("producer")
    return {link.product_id: link.producer for link in links}


def producers_not_selling_by_product_ids(*, product_ids: Iterable[int]) -> Dict[int, tuple]:
    """Products whose producer may not sell now (applied, not approved; or suspended):
    {product_id: (producer, ProducerErrorCode)}. Products of no producer are the market's own."""
    from .error_codes import ProducerErrorCode

    links = (
        ProducerProduct.objects.filter(product_id__in=list(product_ids))
        .exclude(producer__status=ProducerStatus.APPROVED)
        .select_related("producer")
    )
    return {
        link.product_id: (
            link.producer,
            ProducerErrorCode.PRODUCER_SUSPENDED
            if link.producer.status == ProducerStatus.SUSPENDED
            else ProducerErrorCode.PRODUCER_NOT_APPROVED,
        )
        for link in links
    }


def product_ids_of_producer(*, producer_id: int) -> QuerySet:
    return ProducerProduct.objects.filter(producer_id=producer_id).values_list("product_id", flat=True)


def producer_balance(*, producer_id: int) -> Dict[str, Decimal]:
    """What the ledger holds for a producer: total = paid + due, with due = pending + unbatched."""
    zero = Decimal("0.00")
    entries = LedgerEntry.objects.filter(producer_id=producer_id)
    total = entries.aggregate(total=Coalesce(Sum("net_amount"), zero))["total"]
    unbatched = entries.filter(payout__isnull=True).aggregate(total=Coalesce(Sum("net_amount"), zero))["total"]
    payouts = Payout.objects.filter(producer_id=producer_id)
    pending = payouts.filter(status=PayoutStatus.PENDING).aggregate(total=Coalesce(Sum("amount"), zero))["total"]
    paid = payouts.filter(status=PayoutStatus.PAID).aggregate(total=Coalesce(Sum("amount"), zero))["total"]
    return {"total": total, "paid": paid, "due": unbatched + pending, "pending": pending, "unbatched": unbatched}


def producer_channels_configuration(*, plugins=None):
    """The plugin's typed configuration; pass a request's `plugins` manager to reuse it."""
    from .plugin import ProducerChannelsPlugin

    return ProducerChannelsPlugin.settings_read(plugins=plugins)


# --- lists, each with what its rows need prefetched (query count independent of page size)


def producer_products(*, producer: Producer, search: str = "", is_published: Optional[bool] = None) -> QuerySet:
    stocks = Stock.objects.filter(warehouse_id=producer.warehouse_id).annotate(
        allocated=Coalesce(Sum("allocations__quantity_allocated"), 0)
    )
    variants = ProductVariant.objects.order_by("pk").prefetch_related(
        Prefetch("stocks", queryset=stocks, to_attr="own_stocks")
    )
    products = (
        Product.objects.filter(otop_producer__producer=producer)
        .select_related("category", "product_type")
        .prefetch_related(Prefetch("variants", queryset=variants))
    )
    if search:
        products = products.filter(Q(name__icontains=search) | Q(variants__sku__icontains=search)).distinct()
    if is_published is not None:
        products = products.filter(is_published=is_published)
    return products


def producer_sub_orders(*, producer: Producer, status: Optional[str] = None) -> QuerySet:
    sub_orders = (
        SubOrder.objects.filter(producer=producer)
        .select_related("order__shipping_address")
        .prefetch_related(
            Prefetch("lines", queryset=SubOrderLine.objects.select_related("order_line").order_by("pk"))
        )
    )
    if status:
        sub_orders = sub_orders.filter(status=status)
    return sub_orders


def producer_ledger(*, producer: Producer) -> QuerySet:
    return LedgerEntry.objects.filter(producer=producer).select_related("payout", "sub_order")


def payouts(*, producer: Optional[Producer] = None, status: Optional[str] = None) -> QuerySet:
    found = Payout.objects.select_related("producer")
    if producer is not None:
        found = found.filter(producer=producer)
    if status:
        found = found.filter(status=status)
    return found


def payout_runs() -> QuerySet:
    return PayoutRun.objects.prefetch_related(
        Prefetch("payouts", queryset=Payout.objects.select_related("producer").order_by("pk"))
    )


def shops(*, search: str = "", province_code: str = "", kind: str = "") -> QuerySet:
    """Open shops (approved producers), with what a shop card shows."""
    found = (
        Producer.objects.filter(status=ProducerStatus.APPROVED)
        .select_related("home_subdistrict__district__province")
        .annotate(
            published_product_count=Count(
                "product_links", filter=Q(product_links__product__is_published=True)
            )
        )
    )
    if search:
        found = found.filter(Q(name_th__icontains=search) | Q(name_en__icontains=search))
    if province_code:
        found = found.filter(home_subdistrict__district__province_id=province_code)
    if kind:
        found = found.filter(kind=kind)
    return found


def shop_by_slug(*, slug: str) -> Optional[Producer]:
    return shops().filter(slug=slug).first()


def fulfillments_by_sub_order_ids(*, sub_order_ids: Iterable[int]) -> Dict[int, list]:
    """{sub-order id: [(fulfillment, [(order line id, quantity)])]}: only the lines of each
    sub-order, so a shared fulfilment never shows another producer's lines. One query."""
    rows = (
        FulfillmentLine.objects.filter(order_line__otop_sub_order_line__sub_order_id__in=list(sub_order_ids))
        .select_related("fulfillment")
        .annotate(sub_order_id=F("order_line__otop_sub_order_line__sub_order_id"))
        .order_by("fulfillment_id", "pk")
    )
    found: Dict[int, dict] = {}
    for row in rows:
        fulfillments = found.setdefault(row.sub_order_id, {})
        _, lines = fulfillments.setdefault(row.fulfillment_id, (row.fulfillment, []))
        lines.append((row.order_line_id, row.quantity))
    return {sub_order_id: list(fulfillments.values()) for sub_order_id, fulfillments in found.items()}


def sub_orders_by_order_ids(*, order_ids: Iterable[int]) -> Dict[int, list]:
    sub_orders = (
        SubOrder.objects.filter(order_id__in=list(order_ids))
        .select_related("producer__home_subdistrict__district__province")
        .prefetch_related(
            Prefetch("lines", queryset=SubOrderLine.objects.select_related("order_line").order_by("pk"))
        )
        .order_by("pk")
    )
    found: Dict[int, list] = {}
    for sub_order in sub_orders:
        found.setdefault(sub_order.order_id, []).append(sub_order)
    return found


def shops_by_product_ids(*, product_ids: Iterable[int]) -> Dict[int, Producer]:
    """The open shop (approved producer) of each product; one query."""
    links = ProducerProduct.objects.filter(
        product_id__in=list(product_ids), producer__status=ProducerStatus.APPROVED
    ).select_related("producer__home_subdistrict__district__province")
    return {link.product_id: link.producer for link in links}


def collections_by_producer_ids(*, producer_ids: Iterable[int], user) -> Dict[int, list]:
    """Collections (visible to the user) holding published products of each producer; two queries."""
    from saleor.product.models import Collection, CollectionProduct

    pairs = list(
        CollectionProduct.objects.filter(
            product__otop_producer__producer_id__in=list(producer_ids),
            product__is_published=True,
            collection__in=Collection.objects.visible_to_user(user),
        )
        .values_list("product__otop_producer__producer_id", "collection_id")
        .distinct()
    )
    collections = Collection.objects.in_bulk({collection_id for _, collection_id in pairs})
    found: Dict[int, list] = {}
    for producer_id, collection_id in pairs:
        found.setdefault(producer_id, []).append(collections[collection_id])
    return {key: sorted(value, key=lambda collection: collection.name) for key, value in found.items()}


# What plugins above read of producers and their products, as conditions and querysets.


def product_of_producers_q(*, producer_slugs: Iterable[str]) -> Q:
    """Products sold by any of these producers (a condition on Saleor's Product)."""
    return Q(otop_producer__producer__slug__in=list(producer_slugs))


def producer_slugs_existing(*, slugs: Iterable[str]) -> Set[str]:
    return set(Producer.objects.filter(slug__in=list(slugs)).values_list("slug", flat=True))


def producers_by_slugs(*, slugs: Iterable[str]) -> Dict[str, Producer]:
    return {producer.slug: producer for producer in Producer.objects.filter(slug__in=list(slugs))}


def product_ids_of_producers(*, producer_ids: Iterable[int]) -> Set[int]:
    return set(ProducerProduct.objects.filter(producer_id__in=list(producer_ids)).values_list("product_id", flat=True))


def producer_is_approved(producer: Producer) -> bool:
    return producer.status == ProducerStatus.APPROVED


def producers_approved(*, selling: Optional[QuerySet] = None) -> QuerySet:
    """Approved producers; with `selling` (Saleor products), only those selling one of them."""
    producers = Producer.objects.filter(status=ProducerStatus.APPROVED)
    if selling is not None:
        producers = producers.filter(
            Exists(ProducerProduct.objects.filter(producer=OuterRef("pk"), product__in=selling))
        )
    return producers


def producer_count_in_home_province(*, producers: QuerySet, province_code) -> Coalesce:
    """How many of `producers` have their home in the province `province_code` (an OuterRef
    of the outer query): a subquery, 0 when none."""
    per_province = (
        producers.filter(home_subdistrict__district__province=province_code)
        .order_by()
        .values("home_subdistrict__district__province")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(per_province, output_field=IntegerField()), 0)


# --- the producer portal's orders, money and notifications: each list a fixed number of queries


def sub_order_status_counts(*, producer: Producer) -> Dict[str, int]:
    """{status: number of the producer's sub-orders}; one query."""
    rows = SubOrder.objects.filter(producer=producer).order_by().values("status").annotate(count=Count("pk"))
    return {row["status"]: row["count"] for row in rows}


def producer_sub_order_list(*, producer: Producer, status: Optional[str] = None) -> QuerySet:
    """The producer's sub-orders with what a list row shows (order, ship-to, item count)."""
    found = (
        SubOrder.objects.filter(producer=producer)
        .select_related("order__shipping_address")
        .annotate(item_count=Coalesce(Sum("lines__order_line__quantity"), 0))
        .order_by("-created_at", "-pk")
    )
    if status:
        found = found.filter(status=status)
    return found


def producer_sub_order_detail(*, producer: Producer, pk: int) -> Optional[SubOrder]:
    """One sub-order of the producer with its lines, their products and the order's address."""
    lines = SubOrderLine.objects.select_related("order_line__variant__product").order_by("pk")
    return (
        SubOrder.objects.filter(producer=producer, pk=pk)
        .select_related("order__shipping_address", "order__billing_address", "producer__warehouse")
        .prefetch_related(Prefetch("lines", queryset=lines))
        .first()
    )


def producer_ledger_page(*, producer: Producer) -> QuerySet:
    """Ledger entries with their order and payout, newest first."""
    return (
        LedgerEntry.objects.filter(producer=producer)
        .select_related("payout", "sub_order")
        .order_by("-created_at", "-pk")
    )


def producer_payouts(*, producer: Producer) -> QuerySet:
    """Payouts with their run (whose file's state they show) and how many entries each pays."""
    return (
        Payout.objects.filter(producer=producer)
        .select_related("run")
        .annotate(entry_count=Count("entries"))
        .order_by("-created_at", "-pk")
    )


def producer_statement_entries(*, producer: Producer, start, end) -> QuerySet:
    """Ledger entries written in [start, end), oldest first."""
    return (
        LedgerEntry.objects.filter(producer=producer, created_at__gte=start, created_at__lt=end)
        .select_related("payout", "sub_order")
        .order_by("created_at", "pk")
    )


def producer_statement_payouts(*, producer: Producer, start, end) -> QuerySet:
    return Payout.objects.filter(producer=producer, created_at__gte=start, created_at__lt=end).order_by(
        "created_at", "pk"
    )


def producer_ledger_months(*, producer: Producer) -> list:
    """First days of the months in which the producer's ledger has entries, newest first."""
    from django.db.models.functions import TruncMonth

    return list(
        LedgerEntry.objects.filter(producer=producer)
        .annotate(month=TruncMonth("created_at"))
        .order_by("-month")
        .values_list("month", flat=True)
        .distinct()
    )


def producer_statement_file(*, producer: Producer, month, file_format: str):
    from .models import ProducerStatement

    return ProducerStatement.objects.filter(producer=producer, month=month, file_format=file_format).first()


def producer_notifications(*, producer: Producer) -> QuerySet:
    from .models import ProducerNotification

    return ProducerNotification.objects.filter(producer=producer).order_by("-created_at", "-pk")


def producer_unread_notification_count(*, producer: Producer) -> int:
    from .models import ProducerNotification

    return ProducerNotification.objects.filter(producer=producer, read_at__isnull=True).count()
# --- the producer portal's home -------------------------------------------------------------

LOW_STOCK_THRESHOLD = 5


def producer_sub_orders_to_pack(*, producer: Producer) -> QuerySet:
    """Sub-orders with lines still to ship, oldest first."""
    return SubOrder.objects.filter(
        producer=producer, status__in=(SubOrderStatus.UNFULFILLED, SubOrderStatus.PARTLY_FULFILLED)
    ).order_by("created_at")


def producer_low_stock_variants(*, producer: Producer, threshold: int = LOW_STOCK_THRESHOLD) -> QuerySet:
    """Variants tracking inventory whose stock in the producer's warehouse is at or below
    `threshold` units (a variant with no stock row counts as none left)."""
    stocked = Stock.objects.filter(warehouse_id=producer.warehouse_id, quantity__gt=threshold).values(
        "product_variant_id"
    )
    return ProductVariant.objects.filter(product__otop_producer__producer=producer, track_inventory=True).exclude(
        pk__in=stocked
    )


def producer_low_stock_count(*, producer: Producer, threshold: int = LOW_STOCK_THRESHOLD) -> int:
    return producer_low_stock_variants(producer=producer, threshold=threshold).count()


def producer_product_list(
    *, producer: Producer, search: str = "", is_published: Optional[bool] = None, low_stock: bool = False
) -> QuerySet:
    """The portal's product list: producer_products with the photos, newest change first."""
    products = producer_products(producer=producer, search=search.strip(), is_published=is_published).prefetch_related(
        Prefetch("images", queryset=ProductImage.objects.order_by("sort_order", "pk"))
    )
    if low_stock:
        products = products.filter(
            pk__in=producer_low_stock_variants(producer=producer).values("product_id")
        )
    return products.order_by("-updated_at", "-pk")


def catalogue_categories() -> QuerySet:
    """Saleor's categories a producer files a product under."""
    return Category.objects.order_by("name")


def catalogue_product_types() -> QuerySet:
    return ProductType.objects.order_by("name")


def producer_stock_by_variant_ids(*, producer: Producer, variant_ids: Iterable[int]) -> Dict[int, int]:
    """Units of each variant in the producer's own warehouse (0 without a stock row)."""
    found = dict(
        Stock.objects.filter(warehouse_id=producer.warehouse_id, product_variant_id__in=list(variant_ids))
        .values_list("product_variant_id", "quantity")
    )
    return {variant_id: found.get(variant_id, 0) for variant_id in variant_ids}


def product_ids_of_all_producers() -> QuerySet:
    """Ids of every product a producer sells, as a query to use inside another."""
    return ProducerProduct.objects.values("product_id")
