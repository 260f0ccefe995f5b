"""checkoutComplete that cannot oversell, charge twice, charge without an order or make two orders.

Saleor 2.10.1's `CheckoutComplete.perform_mutation` checks stock without a lock, captures the
payment, and only then creates the order in a transaction of its own: short stock after the
capture leaves the shopper charged without an order, and concurrent or retried calls on one
checkout each capture and each create an order. `checkout_complete` replaces it (wired by
`apply_checkout_graphql_patches` from `saleor_otop.graphql.schema`; the allocation patch by
`apply_checkout_completion_patches` from `saleor_otop.compat`), in three short transactions,
none of which holds a stock row lock while the payment gateway is called:

1. `checkout_charge_start`: the checkout row is locked (concurrent completes of one checkout
   wait for it, then find its order or its charge), every line is checked again
   (`checkout_lines_recheck`, Saleor's checks, the plugins' `preprocess_order_creation`), the
   stock rows are locked just long enough to hold the units (`checkout_stock_reserve`), and a
   `CheckoutCharge` is written: all committed before any money moves;
2. `checkout_charge_take`: under the CheckoutCharge's own row lock (a second call for the same
   checkout waits there, not a stock row), the gateway charges (`checkout_payment_capture`);
   the charge and its Transaction are committed;
3. `checkout_charge_complete`: the stock rows are locked again, the units move from the
   reservation into Saleor's allocation as `create_order` writes the order, sub-orders and
   ledger; the checkout is deleted; commit. When anything fails here the money is given back at
   once through Saleor's gateway API (`checkout_charge_give_back`).

A process that dies in step 2 or 3 leaves the CheckoutCharge open and its units reserved. The
client's retry resumes it (the repeated charge is answered by the gateway with the first one:
saleor_otop/payments.py sends Stripe an idempotency key per payment), and so does the
reconciler, `checkout_charges_reconcile` (beat, every minute), for charges left open longer
than `OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS`: the order is completed when the checkout still
can be, else the money is refunded or the authorisation voided, once, whatever the number of
reconcilers (row locks).
"""
import contextlib
import functools
import logging
from collections import defaultdict
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Iterable, Optional, Tuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from graphql_relay import to_global_id
from saleor.account.error_codes import AccountErrorCode
from saleor.checkout.error_codes import CheckoutErrorCode
from saleor.checkout.models import Checkout, CheckoutLine
from saleor.core.exceptions import InsufficientStock
from saleor.order.models import Order
from saleor.payment import ChargeStatus, PaymentError, TransactionKind
from saleor.payment.models import Payment, Transaction
from saleor.warehouse.models import Allocation, Stock

from saleor_otop.models import (
    OPEN_CHECKOUT_CHARGE_STATUSES,
    CheckoutCharge,
    CheckoutChargeStatus,
    CheckoutStockReservation,
)

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
            # What Saleor's create_line_for_order reads of every line (shipping rule, translated
            # names): joined and prefetched here, not one query per line and kind.
            Prefetch(
                "lines",
                queryset=CheckoutLine.objects.select_related("variant__product__product_type").prefetch_related(
                    "variant__translations", "variant__product__translations"
                ),
            ),
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


def reserved_by_stock(*, stock_ids: Iterable[int]) -> dict:
    """Units held for open checkout charges, by stock."""
    rows = (
        CheckoutStockReservation.objects.filter(stock_id__in=list(stock_ids))
        .order_by()
        .values("stock_id")
        .annotate(total=Sum("quantity"))
    )
    return {row["stock_id"]: row["total"] for row in rows}


def _free_by_stock(stocks) -> dict:
    ids = [stock.pk for stock in stocks]
    allocated, reserved = allocated_by_stock(stock_ids=ids), reserved_by_stock(stock_ids=ids)
    return {stock.pk: max(stock.quantity - allocated.get(stock.pk, 0) - reserved.get(stock.pk, 0), 0) for stock in stocks}


def _insufficient_stock(variants: dict, short: Iterable[int]) -> ValidationError:
    return ValidationError(
        {
            "lines": [
                ValidationError(
                    "Insufficient product stock: %(variant)s",
                    code=CheckoutErrorCode.INSUFFICIENT_STOCK,
                    params={"variant": str(variants[variant_id]), "variant_id": to_global_id("ProductVariant", variant_id)},
                )
                for variant_id in short
            ]
        }
    )


def _wanted_by_variant(lines: Iterable[CheckoutLine]) -> Tuple[dict, dict]:
    wanted = defaultdict(int)
    variants = {}
    for line in lines:
        if line.variant.track_inventory:
            wanted[line.variant_id] += line.quantity
            variants[line.variant_id] = line.variant
    return wanted, variants


def checkout_stock_lock(*, lines: Iterable[CheckoutLine], country_code: str) -> list:
    """Lock the stock of every line and check that its free units (neither allocated nor
    reserved) cover the line; the locks are held until the transaction ends. The locked stocks."""
    wanted, variants = _wanted_by_variant(lines)
    if not wanted:
        return []
    stocks = stocks_lock(variant_ids=wanted, country_code=country_code)
    free_by_stock = _free_by_stock(stocks)
    free = defaultdict(int)
    for stock in stocks:
        free[stock.product_variant_id] += free_by_stock[stock.pk]
    short = [variant_id for variant_id, quantity in wanted.items() if free[variant_id] < quantity]
    if short:
        raise _insufficient_stock(variants, short)
    return stocks


def checkout_stock_reserve(*, charge: CheckoutCharge, lines: Iterable[CheckoutLine], country_code: str) -> None:
    """Hold the lines' units for `charge`, from the stocks Saleor's allocation would take them
    from (in primary key order)."""
    lines = list(lines)
    stocks = checkout_stock_lock(lines=lines, country_code=country_code)
    wanted, _variants = _wanted_by_variant(lines)
    free_by_stock = _free_by_stock(stocks)
    reservations = []
    for stock in stocks:
        quantity = min(wanted[stock.product_variant_id], free_by_stock[stock.pk])
        if quantity > 0:
            wanted[stock.product_variant_id] -= quantity
            reservations.append(CheckoutStockReservation(charge=charge, stock=stock, quantity=quantity))
    CheckoutStockReservation.objects.bulk_create(reservations)


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


@dataclass
class CompletionContext:
    """What the order is written with: the request's, or the charge's when the reconciler runs it."""

    user: object
    discounts: list
    tracking_code: str = ""
    redirect_url: str = ""


def _context_of_charge(charge: CheckoutCharge) -> CompletionContext:
    from django.contrib.auth.models import AnonymousUser
    from saleor.discount.utils import fetch_discounts

    return CompletionContext(
        user=charge.user or AnonymousUser(), discounts=fetch_discounts(timezone.now()),
        tracking_code=charge.tracking_code, redirect_url=charge.redirect_url,
    )


def checkout_order_data(*, checkout: Checkout, lines: list, context: CompletionContext) -> dict:
    """Every check before an order, then Saleor's order data (voucher usage counted: undo with
    Saleor's abort_order_data when no order follows)."""
    from saleor.checkout.utils import prepare_order_data
    from saleor.core.taxes import TaxError
    from saleor.discount import models as voucher_model
    from saleor.graphql.checkout.utils import clean_checkout_payment, clean_checkout_shipping

    discounts = context.discounts
    checkout_lines_recheck(lines=lines)
    clean_checkout_shipping(checkout, lines, discounts, CheckoutErrorCode)
    clean_checkout_payment(checkout, lines, discounts, CheckoutErrorCode)
    batch = (checkout.get_country(), {line.variant_id for line in lines if line.variant_id})
    token = _stock_checks.set((*batch, available_by_variant(variant_ids=batch[1], country_code=batch[0])))
    try:
        return prepare_order_data(checkout=checkout, lines=lines, tracking_code=context.tracking_code, discounts=discounts)
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
    finally:
        _stock_checks.reset(token)


def checkout_charge_start(*, token, checkout_id: str, context: CompletionContext, store_source: bool) -> Tuple[Optional[Order], Optional[int]]:
    """Step 1: (the order, None) when the checkout already became one, else (None, the id of
    its open CheckoutCharge): the one a concurrent or earlier call left, or a new one with the
    lines' units reserved, after every check."""
    from saleor.checkout.utils import abort_order_data

    with transaction.atomic():
        checkout = checkout_lock(token=token)
        if checkout is None:
            order = order_of_completed_checkout(token=token)
            if order is None:
                raise ValidationError(
                    {"checkout_id": ValidationError(f"Couldn't resolve to a node: {checkout_id}", code=CheckoutErrorCode.NOT_FOUND)}
                )
            return order, None
        open_charge = CheckoutCharge.objects.filter(checkout_token=token, status__in=OPEN_CHECKOUT_CHARGE_STATUSES).first()
        if open_charge is not None:
            return None, open_charge.pk
        lines = list(checkout)
        order_data = checkout_order_data(checkout=checkout, lines=lines, context=context)
        abort_order_data(order_data)
        payment = checkout.get_last_active_payment()
        user = context.user
        charge = CheckoutCharge.objects.create(
            checkout_token=token, payment=payment, amount=order_data["total"].gross.amount,
            user=user if user.is_authenticated else None, store_source=store_source,
            redirect_url=context.redirect_url, tracking_code=str(context.tracking_code or ""),
        )
        checkout_stock_reserve(charge=charge, lines=lines, country_code=checkout.get_country())
    return None, charge.pk


def _charge_close(charge: CheckoutCharge, status: str, *, error: str = "") -> None:
    charge.reservations.all().delete()
    charge.status, charge.updated_at = status, timezone.now()
    charge.last_error = error[:1000]
    charge.save(update_fields=["status", "updated_at", "last_error"])


def checkout_charge_take(*, charge_id: int) -> str:
    """Step 2: the gateway takes the money of a CHARGING charge; its status afterwards."""
    from saleor.payment.utils import store_customer_id

    refusal = None
    with transaction.atomic():
        charge = CheckoutCharge.objects.select_for_update(of=("self",)).select_related("payment", "user").get(pk=charge_id)
        if charge.status != CheckoutChargeStatus.CHARGING:
            return charge.status
        try:
            txn = checkout_payment_capture(payment=charge.payment, store_source=charge.store_source)
        except ValidationError as error:
            refusal = error
            _charge_close(charge, CheckoutChargeStatus.DECLINED, error=" ".join(error.messages))
        else:
            if txn.action_required:
                # 3-D Secure: the payment waits for the shopper, whose next checkoutComplete confirms it.
                _charge_close(charge, CheckoutChargeStatus.CONFIRMATION_NEEDED)
            else:
                if txn.customer_id and charge.user is not None:
                    store_customer_id(charge.user, charge.payment.gateway, txn.customer_id)
                charge.status, charge.updated_at = CheckoutChargeStatus.CHARGED, timezone.now()
                charge.save(update_fields=["status", "updated_at"])
    if refusal is not None:
        raise refusal
    return charge.status


def _charge_gone(message: str, code) -> ValidationError:
    return ValidationError({"checkout_id": ValidationError(message, code=code)})


def checkout_charge_complete(*, charge_id: int, context: CompletionContext) -> Order:
    """Step 3: the order of a CHARGED charge; on any failure its money is given back at once."""
    from saleor.checkout.utils import create_order

    try:
        with transaction.atomic():
            charge = CheckoutCharge.objects.select_for_update(of=("self",)).select_related("order").get(pk=charge_id)
            if charge.status == CheckoutChargeStatus.COMPLETED:
                return charge.order
            if charge.status != CheckoutChargeStatus.CHARGED:
                raise _charge_gone("This payment was given back; start the payment again.", CheckoutErrorCode.PAYMENT_ERROR)
            checkout = checkout_lock(token=charge.checkout_token) if charge.checkout_token else None
            if checkout is None:
                raise _charge_gone("The checkout of this payment no longer exists.", CheckoutErrorCode.NOT_FOUND)
            charge.reservations.all().delete()
            lines = list(checkout)
            order_data = checkout_order_data(checkout=checkout, lines=lines, context=context)
            if order_data["total"].gross.amount != charge.amount:
                raise _charge_gone(
                    "The checkout changed while it was being paid; the payment is given back.",
                    CheckoutErrorCode.CHECKOUT_NOT_FULLY_PAID,
                )
            checkout_stock_lock(lines=lines, country_code=checkout.get_country())
            order = create_order(checkout=checkout, order_data=order_data, user=context.user, redirect_url=context.redirect_url)
            checkout.delete()
            charge.status, charge.order, charge.updated_at = CheckoutChargeStatus.COMPLETED, order, timezone.now()
            charge.save(update_fields=["status", "order", "updated_at"])
        return order
    except BaseException as error:
        checkout_charge_give_back(charge_id=charge_id, reason=f"{type(error).__name__}: {error}")
        raise


def payment_give_back(*, payment: Payment) -> Transaction:
    """Void an authorisation, refund a capture, through Saleor's gateway API (Stripe, Dummy and
    PromptPay alike)."""
    from saleor.payment import gateway

    if payment.charge_status == ChargeStatus.NOT_CHARGED:
        return gateway.void(payment)
    return gateway.refund(payment)


def checkout_charge_give_back(*, charge_id: int, reason: str) -> bool:
    """Give back the money of a CHARGED charge and release its units; False when it is not
    CHARGED (given back or completed already). A gateway that fails leaves the charge open for
    the reconciler."""
    try:
        with transaction.atomic():
            charge = CheckoutCharge.objects.select_for_update(of=("self",)).filter(
                pk=charge_id, status=CheckoutChargeStatus.CHARGED
            ).first()
            if charge is None:
                return False
            payment = Payment.objects.select_for_update(of=("self",)).get(pk=charge.payment_id)
            if payment.order_id is None and payment.charge_status != ChargeStatus.FULLY_REFUNDED:
                if not payment.is_active:
                    # A later checkoutPaymentCreate deactivated it, money and all; Saleor's
                    # gateway API gives back only through an active payment.
                    payment.is_active = True
                    payment.save(update_fields=["is_active"])
                payment_give_back(payment=payment)
            _charge_close(charge, CheckoutChargeStatus.GIVEN_BACK, error=reason)
        return True
    except Exception:
        logger.exception("Payment of checkout charge %s could not be given back; the reconciler tries again", charge_id)
        return False


def checkout_charge_run(*, charge_id: int, context: CompletionContext) -> Tuple[Optional[Order], bool]:
    """Steps 2 and 3 of an open charge: (order, confirmation_needed)."""
    status = checkout_charge_take(charge_id=charge_id)
    if status == CheckoutChargeStatus.CONFIRMATION_NEEDED:
        return None, True
    if status == CheckoutChargeStatus.DECLINED:
        # Declined by a concurrent call of the same checkout: answer as it was answered.
        charge = CheckoutCharge.objects.get(pk=charge_id)
        raise ValidationError(charge.last_error or "The payment was declined.", code=CheckoutErrorCode.PAYMENT_ERROR)
    return checkout_charge_complete(charge_id=charge_id, context=context), False


def checkout_complete(*, info, checkout_id: str, store_source: bool, redirect_url: str = "") -> Tuple[Optional[Order], bool]:
    """Complete a checkout into one order; (order, confirmation_needed)."""
    from saleor.core import analytics
    from saleor.core.utils.url import validate_storefront_url
    from saleor.graphql.core.utils import from_global_id_strict_type

    token = from_global_id_strict_type(checkout_id, "Checkout", field="checkout_id")
    if redirect_url:
        try:
            validate_storefront_url(redirect_url)
        except ValidationError as error:
            raise ValidationError({"redirect_url": error}, code=AccountErrorCode.INVALID)
    context = CompletionContext(
        user=info.context.user, discounts=info.context.discounts,
        tracking_code=str(analytics.get_client_id(info.context)), redirect_url=redirect_url,
    )
    order, charge_id = checkout_charge_start(token=token, checkout_id=checkout_id, context=context, store_source=store_source)
    if order is not None:
        return order, False
    return checkout_charge_run(charge_id=charge_id, context=context)


# --- The reconciler ------------------------------------------------------------------------

RECONCILER_LOCK_CLASS = 70_001  # first key of the reconcilers' advisory locks (the charge's id is the second)

def _reconcile_cutoff(now=None):
    now = now or timezone.now()
    return now - timedelta(seconds=settings.OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS)


def payments_taken_without_charge_adopt(*, cutoff) -> int:
    """Payments charged or authorised without an order and without an open CheckoutCharge
    (a give-back that failed before charges were recorded): each gets a CHARGED one, so the
    reconciler completes or gives it back like any other. The number adopted."""
    money_taken = Exists(
        Transaction.objects.filter(
            payment=OuterRef("pk"), is_success=True, kind__in=[TransactionKind.CAPTURE, TransactionKind.AUTH]
        )
    )
    open_charge = Exists(CheckoutCharge.objects.filter(payment=OuterRef("pk"), status__in=OPEN_CHECKOUT_CHARGE_STATUSES))
    candidates = (
        Payment.objects.filter(order__isnull=True, is_active=True, modified__lt=cutoff)
        .exclude(charge_status=ChargeStatus.FULLY_REFUNDED)
        .filter(money_taken)
        .exclude(open_charge)
        .values_list("pk", flat=True)
    )
    adopted = 0
    for payment_id in candidates:
        with transaction.atomic():
            payment = Payment.objects.select_for_update(skip_locked=True, of=("self",)).filter(
                pk=payment_id, order__isnull=True, is_active=True
            ).first()
            if payment is None or CheckoutCharge.objects.filter(payment=payment, status__in=OPEN_CHECKOUT_CHARGE_STATUSES).exists():
                continue
            token = payment.checkout_id
            if token and CheckoutCharge.objects.filter(checkout_token=token, status__in=OPEN_CHECKOUT_CHARGE_STATUSES).exists():
                token = None  # another payment's charge is open on that checkout: this one only goes back
            CheckoutCharge.objects.create(
                checkout_token=token, payment=payment, amount=payment.total, status=CheckoutChargeStatus.CHARGED,
                created_at=payment.modified, updated_at=payment.modified,
            )
            adopted += 1
    return adopted


def checkout_charge_reconcile(*, charge_id: int, cutoff) -> str:
    """Complete or give back one open charge left longer than the grace period: 'skipped' when
    it is no longer due (done, or taken by another reconciler or a live request), else its
    status afterwards."""
    with _reconciler_lock(charge_id) as held:
        if not held:
            return "skipped"  # another reconciler is on it
        with transaction.atomic():
            charge = CheckoutCharge.objects.select_for_update(skip_locked=True, of=("self",)).filter(
                pk=charge_id, status__in=OPEN_CHECKOUT_CHARGE_STATUSES, updated_at__lt=cutoff
            ).first()
            if charge is None:
                return "skipped"
            # Claimed: until the grace period passes again no other reconciler picks it.
            charge.updated_at, charge.reconcile_runs = timezone.now(), charge.reconcile_runs + 1
            charge.save(update_fields=["updated_at", "reconcile_runs"])
        try:
            checkout_charge_run(charge_id=charge_id, context=_context_of_charge(charge))
        except ValidationError as error:
            logger.info("Checkout charge %s not completed by the reconciler: %s", charge_id, error)
        except Exception:
            logger.exception("Checkout charge %s: the reconciler failed; it tries again after the grace period", charge_id)
        return CheckoutCharge.objects.filter(pk=charge_id).values_list("status", flat=True).get()


@contextlib.contextmanager
def _reconciler_lock(charge_id: int):
    """A session advisory lock on the charge for the whole of one reconciler's run (claim, gateway,
    order: several transactions), so a second reconciler skips it even when the run outlasts the
    grace period that the claim's updated_at stands for; PostgreSQL drops it with a dead process's
    connection. Yields whether it was taken."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [RECONCILER_LOCK_CLASS, charge_id])
        held = cursor.fetchone()[0]
    try:
        yield held
    finally:
        if held:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [RECONCILER_LOCK_CLASS, charge_id])


def checkout_charge_declined_recheck(*, charge_id: int, cutoff) -> str:
    """Ask the gateway once more about a declined charge: a refusal can be an answer lost on the
    way (a timeout after Stripe charged). The repeated charge gets the gateway's first answer
    (Stripe's idempotency key); if that is a charge, the money is given back, since the shopper
    was told it failed and the units are released. 'skipped', or the status afterwards."""
    with transaction.atomic():
        charge = CheckoutCharge.objects.select_for_update(skip_locked=True, of=("self",)).filter(
            pk=charge_id, status=CheckoutChargeStatus.DECLINED, reconcile_runs=0, updated_at__lt=cutoff
        ).first()
        if charge is None:
            return "skipped"
        charge.reconcile_runs, charge.updated_at = 1, timezone.now()
        charge.save(update_fields=["reconcile_runs", "updated_at"])
        payment = Payment.objects.select_for_update(of=("self",)).get(pk=charge.payment_id)
        retried = CheckoutCharge.objects.filter(payment=payment, pk__gt=charge.pk).exists()
        if retried or payment.order_id is not None or not payment.is_active or payment.to_confirm:
            return charge.status  # the shopper's own retry settled it
    try:
        with transaction.atomic():
            charge = CheckoutCharge.objects.select_for_update(of=("self",)).get(pk=charge_id)
            payment = Payment.objects.select_for_update(of=("self",)).get(pk=charge.payment_id)
            try:
                txn = checkout_payment_capture(payment=payment, store_source=False)
            except ValidationError:
                return charge.status  # refused again: nothing was taken
            if txn.action_required:
                return charge.status
            payment_give_back(payment=payment)
            charge.status, charge.updated_at = CheckoutChargeStatus.GIVEN_BACK, timezone.now()
            charge.last_error = f"{charge.last_error} (the gateway had charged: given back)"[:1000]
            charge.save(update_fields=["status", "updated_at", "last_error"])
    except Exception:
        logger.exception("Declined checkout charge %s could not be checked again", charge_id)
    return CheckoutCharge.objects.filter(pk=charge_id).values_list("status", flat=True).get()


def checkout_charges_reconcile(*, now=None, limit: int = 200) -> dict:
    """Every open charge left longer than OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS: its order
    completed when the checkout still can be (same checks, stock still reserved), else its money
    given back; every declined one asked about once more. Outcomes counted by status ('declined':
    declined charges found still refused)."""
    cutoff = _reconcile_cutoff(now)
    payments_taken_without_charge_adopt(cutoff=cutoff)
    outcomes = defaultdict(int)
    due = CheckoutCharge.objects.filter(status__in=OPEN_CHECKOUT_CHARGE_STATUSES, updated_at__lt=cutoff)
    for charge_id in due.order_by("pk").values_list("pk", flat=True)[:limit]:
        outcomes[checkout_charge_reconcile(charge_id=charge_id, cutoff=cutoff)] += 1
    declined = CheckoutCharge.objects.filter(status=CheckoutChargeStatus.DECLINED, reconcile_runs=0, updated_at__lt=cutoff)
    for charge_id in declined.order_by("pk").values_list("pk", flat=True)[:limit]:
        outcomes[checkout_charge_declined_recheck(charge_id=charge_id, cutoff=cutoff)] += 1
    outcomes.pop("skipped", None)
    return dict(outcomes)


def allocate_stock_after_lock(original):
    """Saleor's allocate_stock reads the allocated sum in the statement that takes the stock
    locks (the locking queryset is only a subquery there): under READ COMMITTED that sum is
    the one from before the wait, so concurrent checkouts each saw the same free units and
    oversold. Taking the locks in a statement of their own first makes the sum current; units
    reserved for open checkout charges count as taken (draft orders included)."""

    @functools.wraps(original)
    def allocate_stock(order_line, country_code: str, quantity: int):
        with transaction.atomic():
            variant = order_line.variant
            if variant is not None:
                stocks = stocks_lock(variant_ids=[order_line.variant_id], country_code=country_code)
                if sum(_free_by_stock(stocks).values()) < quantity:
                    raise InsufficientStock(variant)
            return original(order_line, country_code, quantity)

    allocate_stock.otop_patched = True
    return allocate_stock


# (country, variant ids, {variant id: available units}) while checkout_order_data runs.
_stock_checks: ContextVar = ContextVar("otop_checkout_stock_checks", default=None)


def available_by_variant(*, variant_ids: Iterable[int], country_code: str) -> dict:
    """Saleor's check_stock_quantity figures (units in the stocks serving the country, less
    their allocations) for many variants in one query; a variant with no such stock is missing."""
    rows = (
        Stock.objects.for_country(country_code)
        .filter(product_variant_id__in=set(variant_ids))
        .order_by()
        .values("product_variant_id")
        .annotate(
            total=Coalesce(Sum("quantity", distinct=True), 0),
            allocated=Coalesce(Sum("allocations__quantity_allocated"), 0),
        )
    )
    return {row["product_variant_id"]: max(row["total"] - row["allocated"], 0) for row in rows}


def check_stock_quantity_from_batch(original):
    """Saleor's create_line_for_order checks each line's stock with two queries; inside
    checkout_order_data the answers for every line come from one (`available_by_variant`)."""

    @functools.wraps(original)
    def check_stock_quantity(variant, country_code: str, quantity: int):
        batch = _stock_checks.get()
        if batch is None or batch[0] != country_code or variant.pk not in batch[1]:
            return original(variant, country_code, quantity)
        available = batch[2].get(variant.pk)
        if available is None or (variant.track_inventory and quantity > available):
            raise InsufficientStock(variant)
        return None

    check_stock_quantity.otop_patched = True
    return check_stock_quantity


def patch_check_stock_quantity() -> None:
    from saleor.checkout import utils as checkout_utils

    if not getattr(checkout_utils.check_stock_quantity, "otop_patched", False):
        checkout_utils.check_stock_quantity = check_stock_quantity_from_batch(checkout_utils.check_stock_quantity)


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
    perform_mutation.original = CheckoutComplete.__dict__["perform_mutation"]
    CheckoutComplete.perform_mutation = classmethod(perform_mutation)


def apply_checkout_completion_patches() -> None:
    """Saleor's models and services: from compat.apply_model_patches."""
    patch_allocate_stock()
    patch_check_stock_quantity()


def apply_checkout_graphql_patches() -> None:
    """Saleor's mutations: from the schema module. Importing saleor.graphql builds Saleor's
    PermissionEnum, so it must wait until every plugin app has added its permissions."""
    global _patches_applied
    if _patches_applied:
        return
    patch_draft_order_allocate_stock()
    patch_checkout_complete()
    _patches_applied = True
