"""Producers as vendors: their people, their products, their sub-orders, ledger and payouts.

Saleor's Product, Warehouse and Order stay the source of truth; these models link to them.
"""
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from saleor.order.models import Order, OrderLine
from saleor.product.models import Product
from saleor.warehouse.models import Warehouse

MONEY = {"max_digits": 12, "decimal_places": 2}


class ProducerKind(models.TextChoices):
    COMMUNITY_GROUP = "community_group", "Community group / วิสาหกิจชุมชน"
    INDIVIDUAL = "individual", "Individual / ผู้ผลิตรายเดียว"
    SMALL_FIRM = "small_firm", "Small firm / ผู้ประกอบการ SME"


class ProducerStatus(models.TextChoices):
    APPLIED = "applied", "Applied"
    APPROVED = "approved", "Approved"
    SUSPENDED = "suspended", "Suspended"


class PayoutMethod(models.TextChoices):
    BANK_TRANSFER = "bank_transfer", "Bank transfer"
    PROMPTPAY = "promptpay", "PromptPay"


class Producer(models.Model):
    """An OTOP producer running its own shop inside the market."""

    slug = models.SlugField(max_length=100, unique=True)
    name_th = models.CharField(max_length=255)
    name_en = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=ProducerKind.choices)
    registration_id = models.CharField(
        max_length=64, blank=True, help_text="Community enterprise registration or tax id."
    )
    home_subdistrict = models.ForeignKey(
        "otop_provenance.Subdistrict", on_delete=models.PROTECT, related_name="otop_producers"
    )
    address_line = models.CharField(max_length=255, blank=True, help_text="House number, moo, road.")
    contact_name = models.CharField(max_length=255, blank=True)
    contact_email = models.EmailField()
    contact_phone = models.CharField(max_length=32, blank=True)
    story_th = models.TextField(blank=True)
    story_en = models.TextField(blank=True)
    logo = models.ImageField(upload_to="otop-producer-logos", blank=True)
    cover = models.ImageField(upload_to="otop-producer-covers", blank=True, help_text="The shop page's cover photo.")

    status = models.CharField(
        max_length=16, choices=ProducerStatus.choices, default=ProducerStatus.APPLIED, db_index=True
    )
    applied_at = models.DateTimeField(default=timezone.now)
    approved_at = models.DateTimeField(null=True, blank=True)
    suspended_at = models.DateTimeField(null=True, blank=True)
    suspension_reason = models.TextField(blank=True)
    commission_rate = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text="Share of each sale kept by the market, in percent.",
    )

    payout_method = models.CharField(
        max_length=16, choices=PayoutMethod.choices, default=PayoutMethod.PROMPTPAY
    )
    bank_code = models.CharField(max_length=8, blank=True, help_text="Bank of Thailand bank code.")
    bank_account_name = models.CharField(max_length=255, blank=True)
    bank_account_number = models.CharField(max_length=32, blank=True)
    promptpay_id = models.CharField(
        max_length=20, blank=True, help_text="Mobile number, national id or tax id."
    )
    withholding_tax = models.BooleanField(
        default=False, help_text="The market withholds income tax from this producer's payouts."
    )

    warehouse = models.OneToOneField(
        Warehouse, on_delete=models.SET_NULL, null=True, blank=True, related_name="otop_producer"
    )

    class Meta:
        ordering = ["slug"]
        constraints = [
            models.CheckConstraint(
                check=models.Q(commission_rate__gte=0) & models.Q(commission_rate__lte=100),
                name="otop_producer_commission_rate_percent",
            )
        ]
        permissions = (
            ("manage_otop_producers", "Approve, suspend and configure OTOP producers."),
            ("manage_otop_payouts", "Confirm or fail payouts to OTOP producers."),
        )

    def __str__(self):
        return self.name_en or self.name_th


class MemberRole(models.TextChoices):
    OWNER = "owner", "Owner"
    STAFF = "staff", "Staff"


class ProducerMember(models.Model):
    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="otop_producer_memberships"
    )
    role = models.CharField(max_length=8, choices=MemberRole.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "user"], name="otop_producer_member_unique")
        ]


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"
    CANCELLED = "cancelled", "Cancelled"


class ProducerInvitation(models.Model):
    """An owner invites an e-mail address; only the account with that address, accepting it,
    becomes a member. Nobody joins a producer without their consent."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=8, choices=MemberRole.choices)
    status = models.CharField(max_length=9, choices=InvitationStatus.choices, default=InvitationStatus.PENDING)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "email"],
                condition=models.Q(status="pending"),
                name="otop_producer_invitation_pending_unique",
            )
        ]


class OfficerAssignment(models.Model):
    """A programme officer who may act on a producer's behalf (most are community groups)."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="officer_assignments")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="otop_officer_assignments"
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["producer", "officer"], name="otop_officer_assignment_unique")
        ]


class ProducerProduct(models.Model):
    """The producer a Saleor product belongs to (exactly one)."""

    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="otop_producer")
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="product_links")
    # Set when suspension unpublished the product, so reinstatement publishes it again.
    unpublished_by_suspension = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]


class SubOrderStatus(models.TextChoices):
    UNFULFILLED = "unfulfilled", "Unfulfilled"
    PARTLY_FULFILLED = "partly_fulfilled", "Partly fulfilled"
    FULFILLED = "fulfilled", "Fulfilled"
    CANCELLED = "cancelled", "Cancelled"
    REFUNDED = "refunded", "Refunded"


class SubOrder(models.Model):
    """The part of a shopper's order that one producer ships."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="otop_sub_orders")
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="sub_orders")
    status = models.CharField(
        max_length=16, choices=SubOrderStatus.choices, default=SubOrderStatus.UNFULFILLED, db_index=True
    )
    currency = models.CharField(max_length=3)
    subtotal_amount = models.DecimalField(**MONEY)
    commission_rate = models.DecimalField(max_digits=5, decimal_places=2)
    commission_amount = models.DecimalField(**MONEY)
    net_amount = models.DecimalField(**MONEY)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    producer_notified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "producer"], name="otop_sub_order_unique")
        ]


class SubOrderLine(models.Model):
    sub_order = models.ForeignKey(SubOrder, on_delete=models.CASCADE, related_name="lines")
    order_line = models.OneToOneField(
        OrderLine, on_delete=models.CASCADE, related_name="otop_sub_order_line"
    )

    class Meta:
        ordering = ["pk"]


class LedgerEntryKind(models.TextChoices):
    SALE = "sale", "Sale"
    REFUND = "refund", "Refund"
    CANCELLATION = "cancellation", "Cancellation"


class PayoutStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    PAID = "paid", "Paid"
    FAILED = "failed", "Failed"


class PayoutRun(models.Model):
    """One batch of payouts and the payout file written for finance staff."""

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    as_of = models.DateTimeField()
    # Name of the payout file in the private storage (otop_kernel/private_files.py).
    file_name = models.CharField(max_length=500, blank=True)
    file_content = models.TextField(blank=True)
    notes = models.TextField(blank=True, help_text="Producers left out of the run, and why.")

    class Meta:
        ordering = ["-pk"]


class Payout(models.Model):
    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="payouts")
    run = models.ForeignKey(PayoutRun, on_delete=models.PROTECT, related_name="payouts")
    status = models.CharField(
        max_length=8, choices=PayoutStatus.choices, default=PayoutStatus.PENDING, db_index=True
    )
    currency = models.CharField(max_length=3)
    amount = models.DecimalField(**MONEY, help_text="Sum of the net of the batched ledger entries.")
    withholding_amount = models.DecimalField(**MONEY, default=Decimal(0))
    transfer_amount = models.DecimalField(**MONEY, help_text="Amount minus withholding tax.")
    method = models.CharField(max_length=16, choices=PayoutMethod.choices)
    # Payee details as they were when the payout was batched.
    bank_code = models.CharField(max_length=8, blank=True)
    bank_account_name = models.CharField(max_length=255, blank=True)
    bank_account_number = models.CharField(max_length=32, blank=True)
    promptpay_id = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    settled_at = models.DateTimeField(null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    failure_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-pk"]


class LedgerEntry(models.Model):
    """One movement of what the market owes a producer; never changed, only reversed."""

    producer = models.ForeignKey(Producer, on_delete=models.PROTECT, related_name="ledger_entries")
    sub_order = models.ForeignKey(SubOrder, on_delete=models.PROTECT, related_name="ledger_entries")
    kind = models.CharField(max_length=16, choices=LedgerEntryKind.choices)
    currency = models.CharField(max_length=3)
    gross_amount = models.DecimalField(**MONEY)
    commission_amount = models.DecimalField(**MONEY)
    net_amount = models.DecimalField(**MONEY)
    created_at = models.DateTimeField(default=timezone.now)
    available_on = models.DateTimeField(help_text="From when the entry may be paid out.")
    # Unset while due; a failed payout sets it back to null.
    payout = models.ForeignKey(
        Payout, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["producer", "payout"], name="otop_ledger_producer_payout")]
        constraints = [
            models.UniqueConstraint(
                fields=["sub_order"],
                condition=models.Q(kind="sale"),
                name="otop_ledger_one_sale_per_sub_order",
            ),
            models.CheckConstraint(
                check=models.Q(net_amount=models.F("gross_amount") - models.F("commission_amount")),
                name="otop_ledger_net_is_gross_minus_commission",
            ),
        ]


class NotificationKind(models.TextChoices):
    NEW_SUB_ORDER = "new_sub_order", "New sub-order"
    LOW_STOCK = "low_stock", "Low stock"
    PAYOUT_BATCHED = "payout_batched", "Payout on its way"
    PAYOUT_PAID = "payout_paid", "Payout paid"
    PAYOUT_FAILED = "payout_failed", "Payout failed"
    CERTIFICATE_EXPIRING = "certificate_expiring", "Certificate expiring"


class ProducerNotification(models.Model):
    """Something a producer's people should know, shown in the portal and sent through the
    notification channels (notifications.py). `facts` holds what the text is made of, so each
    reader sees it in their own language."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=24, choices=NotificationKind.choices)
    # The same event never notifies twice (a retried task, a second payout run).
    dedupe_key = models.CharField(max_length=100)
    facts = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        indexes = [models.Index(fields=["producer", "read_at"], name="otop_notification_unread")]
        constraints = [
            models.UniqueConstraint(fields=["producer", "dedupe_key"], name="otop_notification_once")
        ]


class ProducerStatement(models.Model):
    """A monthly statement file of a producer (CSV or PDF), kept in the private storage."""

    producer = models.ForeignKey(Producer, on_delete=models.CASCADE, related_name="statements")
    month = models.DateField(help_text="First day of the month.")
    file_format = models.CharField(max_length=4)
    file_name = models.CharField(max_length=500)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-month", "file_format"]
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "month", "file_format"], name="otop_statement_one_per_month_format"
            )
        ]
