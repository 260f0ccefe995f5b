"""Orders: the split into one sub-order per producer, the producers' notice, fulfilment
from the producer's warehouse, and the sub-orders' status."""
from collections import defaultdict
from decimal import Decimal
from typing import Dict, List, Sequence, Tuple

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from saleor.account.models import User
from saleor.core.exceptions import InsufficientStock
from saleor.order import OrderStatus
from saleor.order.actions import create_fulfillments
from saleor.order.emails import send_fulfillment_confirmation_to_customer
from saleor.order.models import Fulfillment, Order, OrderLine

from otop_kernel.input_limits import values_check

from ..error_codes import ProducerErrorCode
from ..models import (
    NotificationKind,
    SubOrder,
    SubOrderLine,
    SubOrderStatus,
)
from ..plugin import ProducerChannelsConfiguration
from .ledger import ledger_record_reversals
from .notifications import low_stock_notify, producer_notify
from .rules import CARRIER_METADATA_KEY, CARRIERS, CLOSED_SUB_ORDER_STATUSES, error, money, require_shop_open


# Called inside Saleor's order creation: no savepoint of its own (two queries less on every
# checkout); an error still rolls the whole order back.
@transaction.atomic(savepoint=False)
def order_split_by_producer(*, order: Order, notify: bool = True) -> List[SubOrder]:
    """One sub-order per producer with the order's lines of its products. Lines of products
    no producer owns stay with the market. Idempotent."""
    existing = list(SubOrder.objects.filter(order=order))
    if existing:
        return existing
    lines = OrderLine.objects.filter(order=order, variant__product__otop_producer__isnull=False).values_list(
        "pk",
        "quantity",
        "unit_price_gross_amount",
        "variant__product__otop_producer__producer_id",
        "variant__product__otop_producer__producer__commission_rate",
    )
    lines_by_producer: Dict[int, list] = defaultdict(list)
    commission_rates: Dict[int, Decimal] = {}
    for line_id, quantity, unit_price, producer_id, commission_rate in lines:
        lines_by_producer[producer_id].append((line_id, quantity * unit_price))
        commission_rates[producer_id] = commission_rate
    sub_orders = []
    for producer_id, producer_lines in lines_by_producer.items():
        subtotal = money(sum(total for _, total in producer_lines))
        commission = money(subtotal * commission_rates[producer_id] / 100)
        sub_orders.append(
            SubOrder(
                order=order,
                producer_id=producer_id,
                currency=order.currency,
                subtotal_amount=subtotal,
                commission_rate=commission_rates[producer_id],
                commission_amount=commission,
                net_amount=subtotal - commission,
            )
        )
    SubOrder.objects.bulk_create(sub_orders)
    sub_order_of = {sub_order.producer_id: sub_order for sub_order in sub_orders}
    SubOrderLine.objects.bulk_create(
        SubOrderLine(sub_order=sub_order_of[producer_id], order_line_id=line_id)
        for producer_id, producer_lines in lines_by_producer.items()
        for line_id, _ in producer_lines
    )
    if notify and sub_orders:
        from ..tasks import order_notify_producers_task

        transaction.on_commit(lambda: order_notify_producers_task.delay(order.pk))
    return sub_orders


def order_notify_producers(*, order_id: int) -> None:
    for sub_order_id in SubOrder.objects.filter(order_id=order_id, producer_notified_at__isnull=True).values_list(
        "pk", flat=True
    ):
        sub_order_notify_producer(sub_order_id=sub_order_id)


def sub_order_notify_producer(*, sub_order_id: int) -> None:
    """Tell the producer what to ship (in the portal and through the channels: e-mail to
    its contact address and owners), and of the stock the order left low."""
    sub_order = (
        SubOrder.objects.select_related("producer", "order").filter(pk=sub_order_id).first()
    )
    if sub_order is None or sub_order.producer_notified_at is not None:
        return
    lines = list(SubOrderLine.objects.filter(sub_order=sub_order).select_related("order_line"))
    producer_notify(
        producer_id=sub_order.producer_id,
        kind=NotificationKind.NEW_SUB_ORDER,
        dedupe_key=f"new_sub_order:{sub_order.pk}",
        facts={
            "sub_order_id": sub_order.pk,
            "order_id": sub_order.order_id,
            "lines": [
                {"quantity": line.order_line.quantity, "name": line.order_line.product_name,
                 "sku": line.order_line.product_sku}
                for line in lines
            ],
            "currency": sub_order.currency,
            "subtotal": f"{sub_order.subtotal_amount:.2f}",
            "commission": f"{sub_order.commission_amount:.2f}",
            "net": f"{sub_order.net_amount:.2f}",
        },
        send="now",
    )
    SubOrder.objects.filter(pk=sub_order.pk).update(producer_notified_at=timezone.now())
    low_stock_notify(
        producer=sub_order.producer,
        variant_ids=[line.order_line.variant_id for line in lines if line.order_line.variant_id],
        send="now",
    )


def _fulfilment_status(quantity: int, fulfilled: int) -> str:
    if fulfilled <= 0:
        return SubOrderStatus.UNFULFILLED
    if fulfilled < quantity:
        return SubOrderStatus.PARTLY_FULFILLED
    return SubOrderStatus.FULFILLED


@transaction.atomic
def producer_fulfill_lines(
    *,
    sub_order: SubOrder,
    lines: Sequence[Tuple[int, int]],
    user: User,
    tracking_number: str = "",
    carrier: str = "",
    notify_customer: bool = True,
) -> Fulfillment:
    """Fulfil (order line id, quantity) pairs of one sub-order from the producer's own
    warehouse, with Saleor's fulfilment, and record the parcel's carrier and tracking number."""
    if carrier and carrier not in CARRIERS:
        raise error("carrier", "Unknown carrier.", ProducerErrorCode.INVALID)
    sub_order = (
        SubOrder.objects.select_for_update(of=("self",))
        .select_related("order", "producer")
        .get(pk=sub_order.pk)
    )
    producer = sub_order.producer
    require_shop_open(producer)
    order = sub_order.order
    if sub_order.status in CLOSED_SUB_ORDER_STATUSES or order.status in (OrderStatus.CANCELED, OrderStatus.DRAFT):
        raise error("sub_order", "The sub-order is closed.", ProducerErrorCode.SUB_ORDER_CLOSED)
    if not lines:
        raise error("lines", "Give at least one line to fulfil.", ProducerErrorCode.REQUIRED)
    own_lines = {
        line.pk: line
        for line in OrderLine.objects.select_for_update(of=("self",))
        .filter(otop_sub_order_line__sub_order=sub_order)
        .select_related("variant")
    }
    to_fulfil, seen = [], set()
    for line_id, quantity in lines:
        if line_id in seen:
            raise error("lines", "A line is given twice.", ProducerErrorCode.DUPLICATED_INPUT_ITEM)
        seen.add(line_id)
        line = own_lines.get(line_id)
        if line is None:
            raise error("lines", "Couldn't resolve to an order line of this sub-order.", ProducerErrorCode.NOT_FOUND)
        if quantity <= 0:
            raise error("lines", "The quantity must be at least 1.", ProducerErrorCode.QUANTITY_NOT_POSITIVE)
        if quantity > line.quantity_unfulfilled:
            raise error(
                "lines",
                f"Only {line.quantity_unfulfilled} of {line.product_sku} are left to fulfil.",
                ProducerErrorCode.QUANTITY_EXCEEDS_ORDERED,
            )
        to_fulfil.append({"order_line": line, "quantity": quantity})
    try:
        (fulfillment,) = create_fulfillments(
            user, order, {producer.warehouse_id: to_fulfil}, notify_customer=False
        )
    except InsufficientStock as shortage:
        raise error(
            "lines",
            f"Not enough stock of {shortage.item} in the producer's warehouse.",
            ProducerErrorCode.INSUFFICIENT_STOCK,
        ) from None
    values_check(Fulfillment, {"tracking_number": tracking_number}, codes=ProducerErrorCode)
    fulfillment.tracking_number = (tracking_number or "").strip()
    update_fields = ["tracking_number"]
    if carrier:
        fulfillment.store_value_in_metadata({CARRIER_METADATA_KEY: carrier})
        update_fields.append("metadata")
    fulfillment.save(update_fields=update_fields)
    sub_orders_sync_status(order=order)
    if notify_customer:
        transaction.on_commit(lambda: send_fulfillment_confirmation_to_customer(order, fulfillment, user))
    return fulfillment


def sub_orders_sync_status(*, order: Order) -> None:
    """Status of each open sub-order from the fulfilment of its lines."""
    sub_orders = SubOrder.objects.filter(order=order).exclude(status__in=CLOSED_SUB_ORDER_STATUSES)
    counts = (
        SubOrderLine.objects.filter(sub_order__in=sub_orders)
        .values("sub_order_id")
        .annotate(quantity=Sum("order_line__quantity"), fulfilled=Sum("order_line__quantity_fulfilled"))
    )
    for row in counts:
        status = _fulfilment_status(row["quantity"], row["fulfilled"])
        SubOrder.objects.filter(pk=row["sub_order_id"]).exclude(status=status).update(
            status=status, updated_at=timezone.now()
        )


@transaction.atomic
def sub_orders_cancel(*, order: Order, configuration: ProducerChannelsConfiguration) -> None:
    """The order was cancelled: so are its sub-orders, and what was paid is reversed."""
    SubOrder.objects.filter(order=order).exclude(status=SubOrderStatus.CANCELLED).update(
        status=SubOrderStatus.CANCELLED, updated_at=timezone.now()
    )
    ledger_record_reversals(order=order, configuration=configuration)


@transaction.atomic
def sub_orders_sync(*, order: Order, configuration: ProducerChannelsConfiguration) -> None:
    """After any change of the order (fulfilment, refund, ...): statuses and reversals."""
    if not SubOrder.objects.filter(order=order).exists():
        return
    if order.status == OrderStatus.CANCELED:
        sub_orders_cancel(order=order, configuration=configuration)
        return
    sub_orders_sync_status(order=order)
    ledger_record_reversals(order=order, configuration=configuration)
