"""What the market knows of each PromptPay payment, beside Saleor's Payment and Transactions.

Saleor's Payment stays the source of truth of money taken (captured amount, charge status);
these rows say which QR was shown, until when, and every confirmation received, so each
order is reconciled: paid once, expired with its stock released, or waiting for staff with
a reason.
"""
from django.conf import settings
from django.db import models
from django.utils import timezone
from saleor.payment.models import Payment


class ChargeMode(models.TextChoices):
    STRIPE = "stripe", "Stripe PromptPay"
    DIRECT = "direct", "PromptPay to the programme's account"


class ChargeStatus(models.TextChoices):
    PENDING = "pending", "Waiting for the shopper to pay"
    PAID = "paid", "Paid"
    EXPIRED = "expired", "Expired unpaid; stock released"
    REFUNDED = "refunded", "Paid after expiry; refunded"
    NEEDS_REVIEW = "needs_review", "Money received that needs staff"


class PromptPayCharge(models.Model):
    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="promptpay_charge")
    mode = models.CharField(max_length=10, choices=ChargeMode.choices)
    # The reference the shopper's bank carries to the statement (direct mode's tag 62).
    reference = models.CharField(max_length=25, unique=True)
    amount = models.DecimalField(max_digits=settings.DEFAULT_MAX_DIGITS, decimal_places=2)
    currency = models.CharField(max_length=3)
    # What the QR encodes: our EMVCo payload, or the one Stripe gives (next_action data).
    qr_payload = models.TextField()
    stripe_payment_intent = models.CharField(max_length=255, unique=True, null=True, blank=True)
    status = models.CharField(max_length=15, choices=ChargeStatus.choices, default=ChargeStatus.PENDING)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(default=timezone.now)
    paid_at = models.DateTimeField(null=True, blank=True)
    review_reason = models.TextField(blank=True)
    stripe_refund = models.CharField(max_length=255, blank=True)

    class Meta:
        indexes = [models.Index(fields=["status", "expires_at"])]
        permissions = (
            ("manage_otop_promptpay", "Confirm PromptPay payments and import bank statements."),
        )

    def __str__(self):
        return f"PromptPay {self.reference} ({self.status})"


class StripeEvent(models.Model):
    """Each Stripe webhook event handled, once: a second delivery finds its row."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    payment_intent = models.CharField(max_length=255, blank=True)
    outcome = models.CharField(max_length=50)
    received_at = models.DateTimeField(default=timezone.now)


class BankTransferSource(models.TextChoices):
    STATEMENT = "statement", "Bank statement import"
    STAFF = "staff", "Confirmed by staff"
    SIMULATED = "simulated", "Simulated (demo)"


class BankTransferOutcome(models.TextChoices):
    PAID = "paid", "Paid the order"
    UNKNOWN_REFERENCE = "unknown_reference", "No PromptPay payment has this reference"
    AMOUNT_MISMATCH = "amount_mismatch", "Amount differs from the QR's"
    LATE = "late", "Paid after the QR expired"
    ALREADY_PAID = "already_paid", "The order was already paid"


class StatementImport(models.Model):
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    filename = models.CharField(max_length=255, blank=True)
    row_count = models.PositiveIntegerField(default=0)


class BankTransfer(models.Model):
    """A credit to the programme's PromptPay account, from a statement or a staff action.

    The bank's own transaction id is unique: the same statement row imported twice, or a
    staff confirmation of a row imported since, is recognised as the same money.
    """

    bank_transaction_id = models.CharField(max_length=100, unique=True)
    reference = models.CharField(max_length=100, blank=True)
    amount = models.DecimalField(max_digits=settings.DEFAULT_MAX_DIGITS, decimal_places=2)
    booked_at = models.DateTimeField(null=True, blank=True)
    source = models.CharField(max_length=10, choices=BankTransferSource.choices)
    outcome = models.CharField(max_length=20, choices=BankTransferOutcome.choices)
    charge = models.ForeignKey(
        PromptPayCharge, null=True, blank=True, on_delete=models.PROTECT, related_name="bank_transfers"
    )
    statement_import = models.ForeignKey(
        StatementImport, null=True, blank=True, on_delete=models.PROTECT, related_name="transfers"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.bank_transaction_id}: {self.amount} ({self.outcome})"
