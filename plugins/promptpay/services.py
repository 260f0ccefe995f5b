"""PromptPay's rules: issue a QR, take a confirmation exactly once, expire, reconcile.

Every confirmation (a Stripe event, a statement row, a staff action) ends in
`_charge_settle`, which runs under the charge's row lock: a pending charge becomes paid once
(one CAPTURE transaction, so Saleor calls `order_fully_paid` once and the ledger is written
once); anything else is late, doubled or wrong money, refunded (Stripe) or kept for staff
with a reason (direct), never dropped.
"""
import csv
import io
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import List, Optional

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from saleor.order import OrderStatus
from saleor.order import events as order_events
from saleor.order.actions import cancel_order
from saleor.payment import PaymentError, TransactionKind
from saleor.payment.models import Payment, Transaction
from saleor.payment.utils import gateway_postprocess

from . import emvco, stripe_promptpay
from .error_codes import PromptPayErrorCode
from .models import (
    BankTransfer,
    BankTransferOutcome,
    BankTransferSource,
    ChargeMode,
    ChargeStatus,
    PromptPayCharge,
    StatementImport,
    StripeEvent,
)

logger = logging.getLogger(__name__)


def charge_reference(*, payment_id: int) -> str:
    return f"OTOP{payment_id:08d}"


@transaction.atomic
def charge_issue(
    *, payment_id: int, amount: Decimal, currency: str, email: str, mode: str, promptpay_id: str,
    expiry_minutes: int,
) -> PromptPayCharge:
    """The QR for a payment. A second call for the same payment (checkoutComplete retried)
    answers the same pending charge rather than a second QR."""
    payment = Payment.objects.select_for_update().get(pk=payment_id)
    existing = PromptPayCharge.objects.filter(payment=payment).first()
    if existing is not None:
        if existing.status == ChargeStatus.PENDING and existing.amount == amount:
            return existing
        raise PaymentError("This PromptPay payment can no longer be used; start the payment again.")
    reference = charge_reference(payment_id=payment.pk)
    charge = PromptPayCharge(
        payment=payment, mode=mode, reference=reference, amount=amount, currency=currency,
        expires_at=timezone.now() + timedelta(minutes=expiry_minutes),
    )
    if mode == ChargeMode.STRIPE:
        intent = stripe_promptpay.intent_start(
            amount=amount, currency=currency, email=email, reference=reference, payment_id=payment.pk
        )
        charge.stripe_payment_intent, charge.qr_payload = intent.id, intent.qr_data
    else:
        charge.qr_payload = emvco.credit_transfer_payload(
            promptpay_id=promptpay_id, amount=amount, reference=reference
        )
    charge.save()
    return charge


def _locked_charge(**lookup) -> Optional[PromptPayCharge]:
    return PromptPayCharge.objects.select_for_update(of=("self",)).select_related("payment").filter(**lookup).first()


def _charge_capture(charge: PromptPayCharge) -> None:
    payment = Payment.objects.select_for_update(of=("self",)).select_related("order").get(pk=charge.payment_id)
    txn = Transaction.objects.create(
        payment=payment, kind=TransactionKind.CAPTURE, token=charge.stripe_payment_intent or charge.reference,
        is_success=True, amount=charge.amount, currency=charge.currency,
        gateway_response={"promptpay_reference": charge.reference},
    )
    # Saleor's own bookkeeping: captured amount, charge status, and for an order now fully
    # paid its events, the payment e-mail and the plugins' order_fully_paid (the ledger).
    gateway_postprocess(txn, payment)
    order_events.payment_captured_event(order=payment.order, user=None, amount=charge.amount, payment=payment)
    charge.status, charge.paid_at = ChargeStatus.PAID, timezone.now()
    charge.save(update_fields=["status", "paid_at"])


def _charge_flag(charge: PromptPayCharge, reason: str) -> None:
    charge.status = ChargeStatus.NEEDS_REVIEW
    charge.review_reason = "\n".join(filter(None, [charge.review_reason, reason]))
    charge.save(update_fields=["status", "review_reason"])


def _late_payment(charge: PromptPayCharge, *, amount: Decimal, why: str) -> None:
    """Money for a charge that can no longer take it: Stripe gives it back; a bank transfer
    waits for staff (the programme refunds by transfer)."""
    when = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    if charge.mode == ChargeMode.STRIPE:
        try:
            charge.stripe_refund = stripe_promptpay.intent_refund(
                intent_id=charge.stripe_payment_intent, amount=amount,
                idempotency_key=f"otop-promptpay-late-refund-{charge.reference}",
            )
        except Exception:  # any Stripe or network failure: staff must refund by hand
            logger.exception("Refund of late PromptPay payment %s failed", charge.reference)
            _charge_flag(charge, f"{amount} THB paid at {when} ({why}); the automatic refund failed: refund by hand.")
            return
        charge.status = ChargeStatus.REFUNDED
        charge.review_reason = f"{amount} THB paid at {when} ({why}); refunded at Stripe ({charge.stripe_refund})."
        charge.save(update_fields=["status", "stripe_refund", "review_reason"])
    else:
        _charge_flag(charge, f"{amount} THB received at {when} ({why}): refund the shopper by transfer.")


def _charge_settle(charge: PromptPayCharge, *, amount: Decimal) -> str:
    """Apply money received for a locked charge; answers a BankTransferOutcome value."""
    if charge.status == ChargeStatus.PAID:
        return BankTransferOutcome.ALREADY_PAID
    if charge.status != ChargeStatus.PENDING:
        _late_payment(charge, amount=amount, why="after the QR had expired and the order was cancelled")
        return BankTransferOutcome.LATE
    if amount != charge.amount:
        _charge_flag(charge, f"{amount} THB received where the QR asked {charge.amount} THB.")
        return BankTransferOutcome.AMOUNT_MISMATCH
    if charge.payment.order_id is None:
        charge.status = ChargeStatus.EXPIRED
        _late_payment(charge, amount=amount, why="for a checkout that never became an order")
        return BankTransferOutcome.LATE
    _charge_capture(charge)
    return BankTransferOutcome.PAID


# --- Stripe mode ---------------------------------------------------------------------------

class ChargeNotYetKnown(Exception):
    """An event for one of our intents whose charge is not committed yet: Stripe retries."""


def stripe_event_handle(*, event) -> str:
    """Handle a verified Stripe event once. Events may come twice or in any order: a
    duplicate finds its row; a charge only moves forward (pending → paid), so an older
    event arriving after `payment_intent.succeeded` changes nothing."""
    intent = event["data"]["object"] if event["type"].startswith("payment_intent.") else None
    intent_id = intent["id"] if intent else ""
    try:
        with transaction.atomic():
            record, created = StripeEvent.objects.get_or_create(
                event_id=event["id"], defaults={"type": event["type"], "payment_intent": intent_id, "outcome": ""}
            )
            if not created:
                return "duplicate"
            record.outcome = _stripe_event_apply(event["type"], intent)
            record.save(update_fields=["outcome"])
            return record.outcome
    except IntegrityError:
        return "duplicate"


def _stripe_event_apply(event_type: str, intent) -> str:
    if intent is None:
        return "ignored"
    charge = _locked_charge(stripe_payment_intent=intent["id"])
    if charge is None:
        if (intent.get("metadata") or {}).get("otop_reference"):
            raise ChargeNotYetKnown(intent["id"])
        return "ignored"
    if event_type == "payment_intent.succeeded":
        received = Decimal(intent["amount_received"]) / 100
        return _charge_settle(charge, amount=received)
    return "noted"


# --- Direct mode: the bank's word ----------------------------------------------------------

@dataclass(frozen=True)
class TransferResult:
    bank_transaction_id: str
    outcome: str  # a BankTransferOutcome value, or "duplicate"
    transfer: Optional[BankTransfer]


DUPLICATE = "duplicate"


def bank_transfer_record(
    *, bank_transaction_id: str, reference: str, amount: Decimal, booked_at: Optional[datetime], source: str,
    user=None, statement_import: Optional[StatementImport] = None,
) -> TransferResult:
    """Money the bank says reached the programme's account, applied once per bank
    transaction id: the same row again (a second import, a staff click after the import)
    is a duplicate and changes nothing."""
    bank_transaction_id = bank_transaction_id.strip()
    try:
        with transaction.atomic():
            if BankTransfer.objects.filter(bank_transaction_id=bank_transaction_id).exists():
                return TransferResult(bank_transaction_id, DUPLICATE, None)
            charge = _locked_charge(reference__iexact=reference.strip(), mode=ChargeMode.DIRECT)
            if charge is None:
                outcome = BankTransferOutcome.UNKNOWN_REFERENCE
            else:
                outcome = _charge_settle(charge, amount=amount)
            transfer = BankTransfer.objects.create(
                bank_transaction_id=bank_transaction_id, reference=reference.strip(), amount=amount,
                booked_at=booked_at, source=source, outcome=outcome, charge=charge,
                statement_import=statement_import, recorded_by=user,
            )
            return TransferResult(bank_transaction_id, str(outcome), transfer)
    except IntegrityError:
        # The same bank transaction recorded concurrently: that one holds.
        return TransferResult(bank_transaction_id, DUPLICATE, None)


STATEMENT_COLUMNS = ("bank_transaction_id", "booked_at", "amount", "reference")


@dataclass(frozen=True)
class StatementRow:
    line: int
    bank_transaction_id: str
    booked_at: datetime
    amount: Decimal
    reference: str


def _invalid(message: str) -> ValidationError:
    return ValidationError({"csv": ValidationError(message, code=PromptPayErrorCode.INVALID_CSV.value)})


def statement_parse(*, csv_text: str) -> List[StatementRow]:
    """The credits of a bank statement CSV with the columns bank_transaction_id, booked_at
    (ISO date or date-time), amount (baht) and reference; any bad row refuses the file."""
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    headers = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in STATEMENT_COLUMNS if name not in headers]
    if missing:
        raise _invalid(f"The statement lacks the columns: {', '.join(missing)}.")
    rows = []
    for line, raw in enumerate(reader, start=2):
        values = {(key or "").strip().lower(): (value or "").strip() for key, value in raw.items()}
        if not values["bank_transaction_id"]:
            raise _invalid(f"Line {line}: the bank transaction id is empty.")
        try:
            amount = Decimal(values["amount"].replace(",", ""))
        except InvalidOperation:
            raise _invalid(f"Line {line}: the amount {values['amount']!r} is not a number.") from None
        if amount <= 0 or amount != amount.quantize(Decimal("0.01")):
            raise _invalid(f"Line {line}: the amount is positive with at most 2 decimals.")
        booked = parse_datetime(values["booked_at"]) or _date_start(values["booked_at"])
        if booked is None:
            raise _invalid(f"Line {line}: the date {values['booked_at']!r} is not an ISO date.")
        if timezone.is_naive(booked):
            booked = timezone.make_aware(booked)
        rows.append(StatementRow(line, values["bank_transaction_id"], booked, amount, values["reference"]))
    return rows


def _date_start(text: str) -> Optional[datetime]:
    try:
        day = parse_date(text)
    except ValueError:
        return None
    return datetime(day.year, day.month, day.day) if day else None


@transaction.atomic
def statement_import(*, csv_text: str, filename: str = "", user=None):
    """Import a statement: each credit is matched by reference and amount to a QR."""
    rows = statement_parse(csv_text=csv_text)
    statement = StatementImport.objects.create(created_by=user, filename=filename, row_count=len(rows))
    results = [
        (row, bank_transfer_record(
            bank_transaction_id=row.bank_transaction_id, reference=row.reference, amount=row.amount,
            booked_at=row.booked_at, source=BankTransferSource.STATEMENT, user=user, statement_import=statement,
        ))
        for row in rows
    ]
    return statement, results


# --- Expiry ---------------------------------------------------------------------------------

def charges_expire_due(*, now: Optional[datetime] = None) -> int:
    """Expire every pending charge past its time; answers how many expired."""
    now = now or timezone.now()
    due = PromptPayCharge.objects.filter(status=ChargeStatus.PENDING, expires_at__lte=now)
    return sum(charge_expire(charge_id=pk, now=now) for pk in due.values_list("pk", flat=True))


@transaction.atomic
def charge_expire(*, charge_id: int, now: Optional[datetime] = None) -> bool:
    """An unpaid QR past its time: cancel it at Stripe, void the payment, cancel the order
    (Saleor releases its stock). A Stripe intent found paid meanwhile is settled instead."""
    now = now or timezone.now()
    charge = PromptPayCharge.objects.select_for_update(skip_locked=True, of=("self",)).select_related("payment").filter(
        pk=charge_id, status=ChargeStatus.PENDING, expires_at__lte=now
    ).first()
    if charge is None:
        return False
    return _charge_end(charge, reason="QR expired")


@transaction.atomic
def charge_cancel(*, charge_id: int) -> bool:
    """The shopper gives up an unpaid QR before its time: the same end as an expiry, now.
    Answers False when the charge was no longer pending (paid, expired, or being settled)."""
    charge = PromptPayCharge.objects.select_for_update(of=("self",)).select_related("payment").filter(
        pk=charge_id, status=ChargeStatus.PENDING
    ).first()
    if charge is None:
        return False
    return _charge_end(charge, reason="cancelled by the shopper")


def _charge_end(charge: PromptPayCharge, *, reason: str) -> bool:
    """A locked pending charge ends unpaid; answers False when Stripe says it was paid."""
    if charge.mode == ChargeMode.STRIPE:
        if stripe_promptpay.intent_cancel(charge.stripe_payment_intent) == stripe_promptpay.SUCCEEDED:
            _charge_settle(charge, amount=charge.amount)
            return False
    charge.status = ChargeStatus.EXPIRED
    charge.save(update_fields=["status"])
    payment = Payment.objects.select_for_update(of=("self",)).select_related("order").get(pk=charge.payment_id)
    if payment.is_active:
        void = Transaction.objects.create(
            payment=payment, kind=TransactionKind.VOID, token=charge.stripe_payment_intent or charge.reference,
            is_success=True, amount=charge.amount, currency=charge.currency,
            gateway_response={"promptpay_reference": charge.reference, "reason": reason},
        )
        gateway_postprocess(void, payment)
    order = payment.order
    if order is not None and order.status not in {OrderStatus.CANCELED, OrderStatus.FULFILLED} \
            and not order.is_fully_paid():
        cancel_order(order, None)
    return True
