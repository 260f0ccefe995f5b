from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class TaskOutboxEntry(models.Model):
    """A Celery task to be sent: written in the transaction that asked for it, deleted once the
    broker took it (saleor_otop/task_outbox.py)."""

    task_name = models.CharField(max_length=255)
    args = models.JSONField(default=list, encoder=DjangoJSONEncoder)
    kwargs = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    options = models.JSONField(default=dict, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ("pk",)
        verbose_name = "task waiting for the broker"
        verbose_name_plural = "tasks waiting for the broker"

    def __str__(self) -> str:
        return f"{self.task_name} #{self.pk}"


class CheckoutChargeStatus(models.TextChoices):
    CHARGING = "charging", "the gateway is being asked, or was asked, for the money"
    CHARGED = "charged", "the gateway took the money; the order is not written yet"
    COMPLETED = "completed", "the order is written"
    GIVEN_BACK = "given_back", "the money was refunded or the authorisation voided"
    DECLINED = "declined", "the gateway refused; nothing was taken"
    CONFIRMATION_NEEDED = "confirmation_needed", "the shopper must confirm (3-D Secure); a new attempt follows"


OPEN_CHECKOUT_CHARGE_STATUSES = (CheckoutChargeStatus.CHARGING, CheckoutChargeStatus.CHARGED)


class CheckoutCharge(models.Model):
    """One checkoutComplete's charge of a payment, committed before the gateway is called
    (saleor_otop/checkout_completion.py): a process that dies during the charge or before the
    order is written leaves it open, and the reconciler completes the order or gives the
    money back."""

    checkout_token = models.UUIDField(null=True, db_index=True)  # the checkout is deleted once it is an order
    payment = models.ForeignKey("payment.Payment", on_delete=models.CASCADE, related_name="otop_checkout_charges")
    order = models.ForeignKey("order.Order", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(max_length=32, choices=CheckoutChargeStatus.choices, default=CheckoutChargeStatus.CHARGING)
    amount = models.DecimalField(max_digits=12, decimal_places=3)  # the checkout's total when it was charged
    user = models.ForeignKey("account.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    store_source = models.BooleanField(default=False)
    redirect_url = models.TextField(blank=True)
    tracking_code = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now, db_index=True)
    reconcile_runs = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ("pk",)
        constraints = [
            models.UniqueConstraint(
                fields=["checkout_token"], condition=models.Q(status__in=OPEN_CHECKOUT_CHARGE_STATUSES),
                name="otop_one_open_charge_per_checkout",
            ),
        ]

    def __str__(self) -> str:
        return f"charge #{self.pk} of payment {self.payment_id} ({self.status})"


class CheckoutStockReservation(models.Model):
    """Units of a stock held for an open CheckoutCharge, between its stock check and its order's
    allocation; every stock check and allocation counts them as taken."""

    charge = models.ForeignKey(CheckoutCharge, on_delete=models.CASCADE, related_name="reservations")
    stock = models.ForeignKey("warehouse.Stock", on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ("pk",)
