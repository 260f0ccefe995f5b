"""The Stripe calls of Stripe PromptPay, with the stripe 2.x SDK.

A PaymentIntent for PromptPay is created for the amount in satang, then confirmed with a
PromptPay payment method (Stripe needs the payer's e-mail); Stripe answers with
`next_action.promptpay_display_qr_code`, whose `data` is the EMVCo payload to show.
Idempotency keys make a retried call (network fault, a second checkoutComplete) return
the first call's object instead of a second intent or refund.
"""
from dataclasses import dataclass
from decimal import Decimal

import stripe
from django.conf import settings

SUCCEEDED = "succeeded"
CANCELED = "canceled"


@dataclass(frozen=True)
class StartedIntent:
    id: str
    qr_data: str


def _key() -> str:
    return settings.STRIPE_SECRET_KEY


def satang(amount: Decimal) -> int:
    return int((Decimal(amount) * 100).to_integral_exact())


def intent_start(*, amount: Decimal, currency: str, email: str, reference: str, payment_id: int) -> StartedIntent:
    intent = stripe.PaymentIntent.create(
        amount=satang(amount), currency=currency.lower(), payment_method_types=["promptpay"],
        metadata={"otop_reference": reference, "saleor_payment_id": str(payment_id)},
        description=f"OTOP Market {reference}",
        api_key=_key(), idempotency_key=f"otop-promptpay-create-{reference}",
    )
    intent = stripe.PaymentIntent.confirm(
        intent.id,
        payment_method_data={"type": "promptpay", "billing_details": {"email": email}},
        api_key=_key(), idempotency_key=f"otop-promptpay-confirm-{reference}",
    )
    qr = intent.next_action.promptpay_display_qr_code
    return StartedIntent(id=intent.id, qr_data=qr.data)


def intent_status(intent_id: str) -> str:
    return stripe.PaymentIntent.retrieve(intent_id, api_key=_key()).status


def intent_cancel(intent_id: str) -> str:
    """Cancel an unpaid intent; answers the intent's status (it may have succeeded meanwhile)."""
    try:
        return stripe.PaymentIntent.cancel(intent_id, api_key=_key()).status
    except stripe.error.InvalidRequestError:
        return intent_status(intent_id)


def intent_refund(*, intent_id: str, amount: Decimal, idempotency_key: str) -> str:
    refund = stripe.Refund.create(
        payment_intent=intent_id, amount=satang(amount), api_key=_key(), idempotency_key=idempotency_key
    )
    return refund.id


def event_from_request(*, payload: bytes, signature: str) -> stripe.Event:
    """The event, if Stripe signed it with our endpoint's secret; raises ValueError if not."""
    if not settings.STRIPE_WEBHOOK_SECRET:
        raise ValueError("no webhook secret is configured")
    try:
        return stripe.Webhook.construct_event(payload.decode("utf-8"), signature, settings.STRIPE_WEBHOOK_SECRET)
    except (stripe.error.SignatureVerificationError, UnicodeDecodeError) as error:
        raise ValueError("bad signature") from error
