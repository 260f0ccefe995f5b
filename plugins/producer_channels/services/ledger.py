"""The ledger: what the market owes each producer for its sales, less what refunds and
cancellations took back."""
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from typing import Dict, List

from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from saleor.order import OrderStatus
from saleor.order.models import Order
from saleor.payment import TransactionKind
from saleor.payment.models import Transaction

from ..models import (
    LedgerEntry,
    LedgerEntryKind,
    SubOrder,
    SubOrderStatus,
)
from ..plugin import ProducerChannelsConfiguration
from .rules import CLOSED_SUB_ORDER_STATUSES, money


@transaction.atomic(savepoint=False)
def ledger_record_sale(*, order: Order, configuration: ProducerChannelsConfiguration) -> None:
    """The order is paid: each producer is owed its gross less commission. Idempotent: the
    one-sale-per-sub-order constraint turns a second recording into nothing."""
    now = timezone.now()
    entries = [
        LedgerEntry(
            producer_id=sub_order.producer_id,
            sub_order=sub_order,
            kind=LedgerEntryKind.SALE,
            currency=sub_order.currency,
            gross_amount=sub_order.subtotal_amount,
            commission_amount=sub_order.commission_amount,
            net_amount=sub_order.net_amount,
            created_at=now,
            available_on=now + timedelta(days=configuration.payout_hold_days),
        )
        for sub_order in SubOrder.objects.filter(order=order).exclude(status=SubOrderStatus.CANCELLED)
    ]
    LedgerEntry.objects.bulk_create(entries, ignore_conflicts=True)


def _refunded_amount(order: Order) -> Decimal:
    return Transaction.objects.filter(
        payment__order=order, kind=TransactionKind.REFUND, is_success=True
    ).aggregate(total=Coalesce(Sum("amount"), Decimal(0)))["total"]


@transaction.atomic
def ledger_record_reversals(*, order: Order, configuration: ProducerChannelsConfiguration) -> List[LedgerEntry]:
    """Reverse what a cancellation or refund took back. Idempotent: each sub-order's
    reversals add up to a target (all of it when cancelled; the refunded share of the order
    total otherwise), so running it again writes nothing."""
    sub_orders = list(SubOrder.objects.select_for_update().filter(order=order).order_by("pk"))
    if not sub_orders:
        return []
    entries_by_sub_order: Dict[int, list] = defaultdict(list)
    for entry in LedgerEntry.objects.filter(sub_order__in=sub_orders):
        entries_by_sub_order[entry.sub_order_id].append(entry)
    cancelled = order.status == OrderStatus.CANCELED
    refunded = Decimal(0) if cancelled else _refunded_amount(order)
    order_total = order.total_gross_amount
    now = timezone.now()
    reversals, fully_refunded = [], []
    for sub_order in sub_orders:
        entries = entries_by_sub_order[sub_order.pk]
        sale = next((entry for entry in entries if entry.kind == LedgerEntryKind.SALE), None)
        if sale is None:
            continue
        if cancelled:
            target_gross = sale.gross_amount
        elif refunded > 0 and order_total > 0:
            target_gross = min(sale.gross_amount, money(refunded * sale.gross_amount / order_total))
        else:
            target_gross = Decimal(0)
        reversed_gross = -sum((entry.gross_amount for entry in entries if entry is not sale), Decimal(0))
        reversed_commission = -sum((entry.commission_amount for entry in entries if entry is not sale), Decimal(0))
        if target_gross > reversed_gross:
            if target_gross == sale.gross_amount:
                target_commission = sale.commission_amount
            else:
                target_commission = money(sale.commission_amount * target_gross / sale.gross_amount)
            gross = target_gross - reversed_gross
            commission = target_commission - reversed_commission
            reversals.append(
                LedgerEntry(
                    producer_id=sub_order.producer_id,
                    sub_order=sub_order,
                    kind=LedgerEntryKind.CANCELLATION if cancelled else LedgerEntryKind.REFUND,
                    currency=sub_order.currency,
                    gross_amount=-gross,
                    commission_amount=-commission,
                    net_amount=-(gross - commission),
                    created_at=now,
                    available_on=now,
                )
            )
        if not cancelled and target_gross == sale.gross_amount:
            fully_refunded.append(sub_order.pk)
    LedgerEntry.objects.bulk_create(reversals)
    if fully_refunded:
        SubOrder.objects.filter(pk__in=fully_refunded).exclude(status=SubOrderStatus.REFUNDED).update(
            status=SubOrderStatus.REFUNDED, updated_at=now
        )
    return reversals


def ledger_reconcile_refunds(*, configuration: ProducerChannelsConfiguration) -> None:
    """Saleor's paymentRefund mutation refunds without any order hook: catch such refunds of
    orders whose sub-orders are still open (a payout run does this first)."""
    refunded_orders = (
        SubOrder.objects.exclude(status__in=CLOSED_SUB_ORDER_STATUSES)
        .filter(
            order__payments__transactions__kind=TransactionKind.REFUND,
            order__payments__transactions__is_success=True,
        )
        .values_list("order_id", flat=True)
        .distinct()
    )
    for order in Order.objects.filter(pk__in=list(refunded_orders)):
        ledger_record_reversals(order=order, configuration=configuration)
