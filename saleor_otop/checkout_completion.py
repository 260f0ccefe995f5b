"""checkoutComplete that cannot oversell, charge twice, charge without an order or make two orders.

Saleor 2.10.1's `CheckoutComplete.perform_mutation` checks stock without a lock, captures the
payment, and only then creates the order in a transaction of its own: short stock after the
capture leaves the shopper charged without an order, and concurrent or retried calls on one
checkout each capture and each create an order. `checkout_complete` replaces it (wired by
`apply_checkout_graphql_patches` from `saleor_otop.graphql.schema`; the allocation patch by
`apply_checkout_completion_patches` from `saleor_otop.compat`), in one transaction:

1. the checkout row is locked: concurrent completes of one checkout wait for the first, then
   find its order (`order_of_completed_checkout`), as a retry of a completed checkout does;
2. every line is checked again (`checkout_lines_recheck`) and Saleor's own checks and plugins'
   `preprocess_order_creation` run: all before any money moves;
3. the stock rows of every line are locked and their free quantity checked
   (`checkout_stock_lock`); the locks are held until commit, so the allocation that Saleor's
   `create_order` makes is certain to succeed;
4. the payment is captured (`checkout_payment_capture`);
5. Saleor's `create_order` writes the order, allocations, sub-orders and ledger; the checkout is
   deleted; commit;
6. when anything fails after the capture, the money is given back at once through Saleor's
   gateway API (`payment_capture_undo`).

A process that dies between the capture and the commit leaves the checkout and its payment as
they were; the client's retry captures the same payment again, which Stripe answers with the
first charge (saleor_otop/payments.py sends an idempotency key per payment).
"""
import functools
import logging
from collections import defaultdict
from typing import Iterable, Optional, Tuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from graphql_relay import to_global_id
from saleor.account.error_codes import AccountErrorCode
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.core.exceptions import InsufficientStock
from saleor.order.models import Order
from saleor.payment import PaymentError, TransactionKind
from saleor.payment.models import Payment, Transaction
from saleor.warehouse.models import Allocation, Stock

logger = logging.getLogger(__name__)

_patches_applied = False


def order_of_completed_checkout(*, token) -> Optional[Order]:
    """The order a checkout became (Saleor writes the checkout's token onto it)."""
    return Order.objects.filter(checkout_token=str(token)).first()


def checkout_lock(*, token) -> Optional[Checkout]:
    """The checkout, its row locked until the end of the transaction; None once it became an order."""
    from django.db.models import Prefetch

    if not list(Checkout.objects.select_for_update().filter(token=token).values_list("token", flat=True)):
        return None
    return (
        Checkout.objects.filter(token=token)
        .prefetch_related(
            "gift_cards",
            Prefetch("lines", queryset=CheckoutLine.objects.select_related("variant__product")),
            Prefetch("payments", queryset=Payment.objects.prefetch_related("order", "order__lines")),
        )
        .select_related("shipping_method", "shipping_method__shipping_zone")
        .first()
    )


def _variant_id(line) -> str:
    return to_global_id("ProductVariant", line.variant_id)


def checkout_lines_recheck(*, lines: Iterable[CheckoutLine]) -> None:
    """Every line still sellable: its product published, its producer approved (not suspended).

    Eligibility for the destination market is checked right after, by the export plugin's
    `preprocess_order_creation`, still before any money moves.
    """
    from plugins.producer_channels.selectors import producers_not_selling_by_product_ids

    lines = list(lines)
    not_selling = producers_not_selling_by_product_ids(product_ids={line.variant.product_id for line in lines})
    errors = []
    for line in lines:
        product = line.variant.product
        producer, producer_code = not_selling.get(product.pk, (None, None))
        if producer is not None:
            errors.append(
                ValidationError(
                    "%(product)s can no longer be bought: its producer %(producer)s is %(status)s.",
                    code=CheckoutErrorCode.PRODUCT_NOT_PUBLISHED,
                    params={
                        "product": product.name,
                        "producer": producer.name_en or producer.name_th,
                        "status": producer.status,
                        "variant_id": _variant_id(line),
                        "producer_code": producer_code,
                    },
                )
            )
        elif not product.is_visible:
            errors.append(
                ValidationError(
                    "%(product)s is no longer on sale.",
                    code=CheckoutErrorCode.PRODUCT_NOT_PUBLISHED,
                    params={"product": product.name, "variant_id": _variant_id(line)},
                )
            )
    if errors:
        raise ValidationError({"lines": errors})


def stocks_lock(*, variant_ids: Iterable[int], country_code: str) -> list:
    """Lock the stock rows of the variants that serve the country, in primary key order (so two
    checkouts never wait for each other in a cycle). Statements after this one see every
    allocation committed before the locks were granted."""
    return list(
        Stock.objects.select_for_update(of=("self",))
        .for_country(country_code)
        .filter(product_variant_id__in=set(variant_ids))
        .order_by("pk")
    )


def allocated_by_stock(*, stock_ids: Iterable[int]) -> dict:
    # Allocation's Meta.ordering (pk) would otherwise make it one group per allocation.
    rows = (
        Allocation.objects.filter(stock_id__in=list(stock_ids), quantity_allocated__gt=0)
        .order_by()
        .values("stock_id")
        .annotate(total=Sum("quantity_allocated"))
    )
    return {row["stock_id"]: row["total"] for row in rows}


def checkout_stock_lock(*, lines: Iterable[CheckoutLine], country_code: str) -> None:
    """Lock the stock of every line and check that it covers the line; the locks are held
    until the transaction ends, so nothing can take the units before the order allocates them."""
    wanted = defaultdict(int)
    variants = {}
    for line in lines:
        if line.variant.track_inventory:
            wanted[line.variant_id] += line.quantity
            variants[line.variant_id] = line.variant
    if not wanted:
        return
    stocks = stocks_lock(variant_ids=wanted, country_code=country_code)
    allocated = allocated_by_stock(stock_ids=[stock.pk for stock in stocks])
    free = defaultdict(int)
    for stock in stocks:
        free[stock.product_variant_id] += max(stock.quantity - allocated.get(stock.pk, 0), 0)
    short = [variant_id for variant_id, quantity in wanted.items() if free[variant_id] < quantity]
    if short:
        raise ValidationError(
            {
                "lines": [
                    ValidationError(
                        "Insufficient product stock: %(variant)s",
                        code=CheckoutErrorCode.INSUFFICIENT_STOCK,
                        params={
                            "variant": str(variants[variant_id]),
                            "variant_id": to_global_id("ProductVariant", variant_id),
                        },
                    )
                    for variant_id in short
                ]
            }
        )


def checkout_payment_capture(*, payment: Payment, store_source: bool) -> Transaction:
    """Charge (or confirm) the checkout's payment through Saleor's gateway API."""
    from saleor.payment import gateway

    try:
        if payment.to_confirm:
            txn = gateway.confirm(payment)
        else:
            txn = gateway.process_payment(payment=payment, token=payment.token, store_source=store_source)
        if not txn.is_success:
            raise PaymentError(txn.error)
    except PaymentError as error:
        raise ValidationError(str(error), code=CheckoutErrorCode.PAYMENT_ERROR) from None
    return txn


def payment_capture_undo(*, payment: Payment, txn: Transaction) -> None:
    """Give back money taken for an order that was not created: void an authorisation, refund a
    capture, through Saleor's gateway API (Stripe and Dummy alike).

    The rollback took the gateway's Transaction row and the payment's charge state with it:
    they are written again first, so the refund finds the capture and the payment's history
    shows both.
    """
    from saleor.payment import gateway

    try:
        with transaction.atomic():
            txn.pk = None
            txn.save()
            payment.save(update_fields=["charge_status", "captured_amount", "to_confirm", "modified"])
        if txn.kind == TransactionKind.AUTH:
            gateway.void(payment)
        else:
            gateway.refund(payment)
    except Exception:
        # Recorded above: staff find a charged payment without an order in the dashboard.
        logger.exception("Payment %s was charged for an order that was not created, and could not be given back", payment.pk)


def checkout_complete(*, info, checkout_id: str, store_source: bool, redirect_url: str = "") -> Tuple[Optional[Order], bool]:
    """Complete a checkout into one order; (order, confirmation_needed)."""
    from saleor.checkout.utils import abort_order_data, create_order, prepare_order_data
    from saleor.core import analytics
    from saleor.core.taxes import TaxError
    from saleor.core.utils.url import validate_storefront_url
    from saleor.discount import models as voucher_model
    from saleor.graphql.checkout.utils import clean_checkout_payment, clean_checkout_shipping
    from saleor.graphql.core.utils import from_global_id_strict_type
    from saleor.payment.utils import store_customer_id

    token = from_global_id_strict_type(checkout_id, "Checkout", field="checkout_id")
    if redirect_url:
        try:
            validate_storefront_url(redirect_url)
        except ValidationError as error:
            raise ValidationError({"redirect_url": error}, code=AccountErrorCode.INVALID)
    discounts = info.context.discounts
    user = info.context.user
    payment = txn = None
    try:
        with transaction.atomic():
            checkout = checkout_lock(token=token)
            if checkout is None:
                order = order_of_completed_checkout(token=token)
                if order is None:
                    raise ValidationError(
                        {"checkout_id": ValidationError(f"Couldn't resolve to a node: {checkout_id}", code=CheckoutErrorCode.NOT_FOUND)}
                    )
                return order, False
            lines = list(checkout)
            checkout_lines_recheck(lines=lines)
            clean_checkout_shipping(checkout, lines, discounts, CheckoutErrorCode)
            clean_checkout_payment(checkout, lines, discounts, CheckoutErrorCode)
            payment = checkout.get_last_active_payment()
            try:
                order_data = prepare_order_data(
                    checkout=checkout, lines=lines, tracking_code=analytics.get_client_id(info.context), discounts=discounts
                )
            except InsufficientStock as error:
                raise ValidationError(
                    {
                        "lines": ValidationError(
                            "Insufficient product stock: %(variant)s",
                            code=error.code,
                            params={"variant": str(error.item), "variant_id": to_global_id("ProductVariant", error.item.pk)},
                        )
                    }
                )
            except voucher_model.NotApplicable:
                raise ValidationError("Voucher not applicable", code=CheckoutErrorCode.VOUCHER_NOT_APPLICABLE)
            except TaxError as tax_error:
                raise ValidationError(f"Unable to calculate taxes - {tax_error}", code=CheckoutErrorCode.TAX_ERROR)
            checkout_stock_lock(lines=lines, country_code=checkout.get_country())

            txn = checkout_payment_capture(payment=payment, store_source=store_source)
            if txn.action_required:
                # 3-D Secure: the payment waits for the shopper; this transaction keeps its record.
                abort_order_data(order_data)
                txn = None
                return None, True
            if txn.customer_id and user.is_authenticated:
                store_customer_id(user, payment.gateway, txn.customer_id)
            order = create_order(checkout=checkout, order_data=order_data, user=user, redirect_url=redirect_url)
            checkout.delete()
        return order, False
    except BaseException:
        if txn is not None:
            payment_capture_undo(payment=payment, txn=txn)
        raise


def allocate_stock_after_lock(original):
    """Saleor's allocate_stock reads the allocated sum in the statement that takes the stock
    locks (the locking queryset is only a subquery there): under READ COMMITTED that sum is
    the one from before the wait, so concurrent checkouts each saw the same free units and
    oversold. Taking the locks in a statement of their own first makes the sum current."""

    @functools.wraps(original)
    def allocate_stock(order_line, country_code: str, quantity: int):
        with transaction.atomic():
            if order_line.variant is not None:
                stocks_lock(variant_ids=[order_line.variant_id], country_code=country_code)
            return original(order_line, country_code, quantity)

    allocate_stock.otop_patched = True
    return allocate_stock


def patch_allocate_stock() -> None:
    from saleor.checkout import utils as checkout_utils
    from saleor.warehouse import management

    if getattr(management.allocate_stock, "otop_patched", False):
        return
    patched = allocate_stock_after_lock(management.allocate_stock)
    for module in (management, checkout_utils):
        module.allocate_stock = patched


def patch_draft_order_allocate_stock() -> None:
    from saleor.graphql.order.mutations import draft_orders
    from saleor.warehouse import management

    patch_allocate_stock()
    draft_orders.allocate_stock = management.allocate_stock


def patch_checkout_complete() -> None:
    from saleor.graphql.checkout.mutations import CheckoutComplete

    if getattr(CheckoutComplete.perform_mutation, "otop_patched", False):
        return

    def perform_mutation(cls, _root, info, checkout_id, store_source, **data):
        order, confirmation_needed = checkout_complete(
            info=info, checkout_id=checkout_id, store_source=store_source, redirect_url=data.get("redirect_url") or ""
        )
        return cls(order=order, confirmation_needed=confirmation_needed)

    perform_mutation.otop_patched = True
    CheckoutComplete.perform_mutation = classmethod(perform_mutation)


def apply_checkout_completion_patches() -> None:
    """Saleor's models and services: from compat.apply_model_patches."""
    patch_allocate_stock()


def apply_checkout_graphql_patches() -> None:
    """Saleor's mutations: from the schema module. Importing saleor.graphql builds Saleor's
    PermissionEnum, so it must wait until every plugin app has added its permissions."""
    global _patches_applied
    if _patches_applied:
        return
    patch_draft_order_allocate_stock()
    patch_checkout_complete()
    _patches_applied = True
