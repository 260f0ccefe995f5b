from typing import Optional

from django.db.models import QuerySet
from django.utils import timezone

from .models import BankTransfer, BankTransferOutcome, ChargeStatus, PromptPayCharge


def promptpay_configuration(*, plugins=None):
    """The plugin's typed configuration; pass a request's `plugins` manager to reuse it."""
    from .plugin import PromptPayGatewayPlugin

    return PromptPayGatewayPlugin.settings_read(plugins=plugins)


def charge_for_order_token(*, order_token: str) -> Optional[PromptPayCharge]:
    """The PromptPay charge of the order whose (secret) token this is, or None."""
    if not order_token:
        return None
    return (
        PromptPayCharge.objects.select_related("payment__order")
        .filter(payment__order__token=order_token)
        .order_by("-created_at")
        .first()
    )


def charge_status(*, charge: PromptPayCharge) -> dict:
    """What a waiting page needs to know, polled; nothing beyond the shopper's own order."""
    seconds_left = max(0, int((charge.expires_at - timezone.now()).total_seconds()))
    return {
        "status": charge.status,
        "paid": charge.status == ChargeStatus.PAID,
        "amount": f"{charge.amount:.2f}",
        "currency": charge.currency,
        "reference": charge.reference,
        "expiresAt": charge.expires_at.isoformat(),
        "secondsLeft": seconds_left if charge.status == ChargeStatus.PENDING else 0,
    }


def charges_needing_staff() -> QuerySet:
    return PromptPayCharge.objects.select_related("payment__order").filter(
        status=ChargeStatus.NEEDS_REVIEW
    ).order_by("created_at")


def bank_transfers_needing_staff() -> QuerySet:
    return BankTransfer.objects.select_related("charge").exclude(
        outcome=BankTransferOutcome.PAID
    ).order_by("created_at")


def order_payment_method_label(*, order) -> str:
    """How an order was (or is to be) paid, for e-mails: 'PromptPay' or the gateway's name."""
    payment = order.get_last_payment() if order is not None else None
    if payment is None:
        return ""
    from .plugin import PLUGIN_ID

    if payment.gateway == PLUGIN_ID:
        return "PromptPay QR"
    if payment.cc_brand:
        return f"{payment.cc_brand.title()} •••• {payment.cc_last_digits}"
    return {"mirumee.payments.stripe": "Card (Stripe)", "mirumee.payments.dummy": "Test payment"}.get(
        payment.gateway, payment.gateway
    )


def charge_pending_or_paid(*, charge) -> bool:
    """The charge still waits for money (being settled this moment) or has it."""
    return charge.status in (ChargeStatus.PENDING, ChargeStatus.PAID)
