"""Notifications of a producer's people: created where the event happens (in a service or a
task, after the commit), shown in the portal, and handed to every channel (notifications.py)."""
import logging
from decimal import Decimal
from typing import Iterable, Optional

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from saleor.warehouse.models import Stock

from ..models import NotificationKind, Producer, ProducerNotification
from ..notifications import Message, channels
from ..selectors import LOW_STOCK_THRESHOLD

logger = logging.getLogger(__name__)


def notification_message(notification: ProducerNotification, producer: Producer) -> Message:
    """The text the channels send: Thai first, then English (one message reaches every member)."""
    facts = notification.facts
    kind = notification.kind
    if kind == NotificationKind.NEW_SUB_ORDER:
        lines = [f"- {line['quantity']} x {line['name']} ({line['sku']})" for line in facts.get("lines", [])]
        return Message(
            subject=f"OTOP Market: new order #{facts['order_id']} / คำสั่งซื้อใหม่",
            text="\n".join(
                [
                    f"คำสั่งซื้อใหม่ #{facts['order_id']} ของ {producer.name_th}",
                    f"New order #{facts['order_id']} for {producer.name_en or producer.name_th}.",
                    "",
                    *lines,
                    "",
                    (
                        f"Subtotal: {facts['subtotal']} {facts['currency']}; "
                        f"commission {facts['commission']}; you receive {facts['net']}."
                    ),
                ]
            ),
        )
    if kind == NotificationKind.LOW_STOCK:
        return Message(
            subject=f"OTOP Market: low stock of {facts['sku']} / สินค้าใกล้หมด",
            text=(
                f"สินค้า {facts['name']} ({facts['sku']}) เหลือ {facts['available']} ชิ้น\n"
                f"{facts['name']} ({facts['sku']}): {facts['available']} left to sell."
            ),
        )
    if kind in (NotificationKind.PAYOUT_BATCHED, NotificationKind.PAYOUT_PAID, NotificationKind.PAYOUT_FAILED):
        thai = {
            NotificationKind.PAYOUT_BATCHED: "กำลังโอนเงิน",
            NotificationKind.PAYOUT_PAID: "โอนเงินแล้ว",
            NotificationKind.PAYOUT_FAILED: "การโอนเงินไม่สำเร็จ",
        }[kind]
        english = {
            NotificationKind.PAYOUT_BATCHED: "is on its way",
            NotificationKind.PAYOUT_PAID: "was paid",
            NotificationKind.PAYOUT_FAILED: "failed; the amount is due again",
        }[kind]
        amount = f"{facts['amount']} {facts['currency']}"
        return Message(
            subject=f"OTOP Market: payout {facts['reference']} / {thai}",
            text=f"{thai}: {amount} ({facts['reference']})\nPayout {facts['reference']} of {amount} {english}.",
        )
    if kind == NotificationKind.CERTIFICATE_EXPIRING:
        return Message(
            subject=f"OTOP Market: certificate expiring {facts['valid_until']} / ใบรับรองใกล้หมดอายุ",
            text=(
                f"ใบรับรอง {facts['title']} ของ {facts['product']} หมดอายุวันที่ {facts['valid_until']}\n"
                f"The {facts['title']} of {facts['product']} expires on {facts['valid_until']}."
            ),
        )
    raise ValueError(f"unknown notification kind {kind!r}")


def producer_notify(
    *, producer_id: int, kind: str, dedupe_key: str, facts: dict, send: str = "on_commit"
) -> Optional[ProducerNotification]:
    """Record a notification (once per `dedupe_key`) and send it through the channels:
    `send="on_commit"` queues the sending task after the commit, `"now"` sends in this call
    (from a task already), `"no"` records only. None when it was recorded before."""
    try:
        with transaction.atomic():
            notification = ProducerNotification.objects.create(
                producer_id=producer_id, kind=kind, dedupe_key=dedupe_key[:100], facts=facts
            )
    except IntegrityError:
        return None
    if send == "now":
        producer_notification_send(notification_id=notification.pk)
    elif send == "on_commit":
        from ..tasks import producer_notification_send_task

        notification_id = notification.pk
        transaction.on_commit(lambda: producer_notification_send_task.delay(notification_id))
    return notification


def producer_notification_send(*, notification_id: int) -> None:
    """Hand an unsent notification to every channel, then mark it sent."""
    notification = ProducerNotification.objects.select_related("producer").filter(
        pk=notification_id, sent_at__isnull=True
    ).first()
    if notification is None:
        return
    message = notification_message(notification, notification.producer)
    for channel in channels():
        channel.send(notification=notification, producer=notification.producer, message=message)
    ProducerNotification.objects.filter(pk=notification.pk).update(sent_at=timezone.now())


def producer_notifications_mark_read(*, producer: Producer, notification_ids: Optional[Iterable[int]] = None) -> int:
    """Mark the producer's unread notifications (all, or these ids of its own) read. Reading
    state, not the producer's data: a suspended producer's people may do it too."""
    unread = ProducerNotification.objects.filter(producer=producer, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=list(notification_ids))
    return unread.update(read_at=timezone.now())


def low_stock_notify(*, producer: Producer, variant_ids: Iterable[int], send: str = "on_commit") -> int:
    """Notify the producer of those of its variants whose stock in its warehouse, less what open
    orders hold, fell to the home page's LOW_STOCK_THRESHOLD or below; once per stock level."""
    if producer.warehouse_id is None:
        return 0
    stocks = (
        Stock.objects.filter(warehouse_id=producer.warehouse_id, product_variant_id__in=list(variant_ids))
        .select_related("product_variant__product")
        .annotate(allocated=Coalesce(Sum("allocations__quantity_allocated"), 0))
    )
    sent = 0
    for stock in stocks:
        available = max(stock.quantity - stock.allocated, 0)
        if available > LOW_STOCK_THRESHOLD:
            continue
        variant = stock.product_variant
        notification = producer_notify(
            producer_id=producer.pk,
            kind=NotificationKind.LOW_STOCK,
            dedupe_key=f"low_stock:{stock.pk}:{stock.quantity}:{available}",
            facts={
                "variant_id": variant.pk, "product_id": variant.product_id, "sku": variant.sku,
                "name": " ".join(part for part in (variant.product.name, variant.name) if part),
                "available": available,
            },
            send=send,
        )
        sent += notification is not None
    return sent


def payout_notify(*, payout, kind: str) -> None:
    from .payouts import payout_reference

    producer_notify(
        producer_id=payout.producer_id,
        kind=kind,
        dedupe_key=f"{kind}:{payout.pk}",
        facts={
            "payout_id": payout.pk, "reference": payout_reference(payout),
            "amount": f"{Decimal(payout.transfer_amount):.2f}", "currency": payout.currency,
        },
    )
