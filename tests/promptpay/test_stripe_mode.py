"""Stripe PromptPay against a stand-in for Stripe's PromptPay endpoints: the intent the
gateway makes, and Stripe's webhook delivered twice, out of order, late, or forged."""
from datetime import timedelta

import pytest
from django.urls import reverse
from saleor.order import OrderEvents, OrderStatus

from plugins.promptpay import services
from plugins.promptpay.models import ChargeMode, ChargeStatus, StripeEvent
from tests.promptpay.conftest import charge_of, promptpay_order
from tests.support.stripe_promptpay import StripePromptPay

pytestmark = pytest.mark.django_db
WEBHOOK = "/otop/promptpay/stripe/webhook/"


def post_event(client, event, secret=None):
    body, signature = StripePromptPay.signed(event, **({"secret": secret} if secret else {}))
    return client.post(WEBHOOK, body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


def paid_events(order) -> int:
    return order.events.filter(type=OrderEvents.ORDER_FULLY_PAID).count()


def test_checkout_creates_a_promptpay_intent_and_keeps_stripes_qr(api_client, variant, stripe_promptpay):
    order = promptpay_order(api_client, variant)
    charge = charge_of(order)
    assert charge.mode == ChargeMode.STRIPE and charge.status == ChargeStatus.PENDING
    (created,) = stripe_promptpay.calls("POST", "/v1/payment_intents")[:1]
    assert created["amount"] == "55000" and created["currency"] == "thb"
    assert created["payment_method_types[0]"] == "promptpay"
    assert created["metadata[otop_reference]"] == charge.reference
    (confirmed,) = stripe_promptpay.calls("POST", f"/v1/payment_intents/{charge.stripe_payment_intent}/confirm")
    assert confirmed["payment_method_data[type]"] == "promptpay"
    assert confirmed["payment_method_data[billing_details][email]"] == "malee@example.com"
    intent = stripe_promptpay.intents[charge.stripe_payment_intent]
    assert charge.qr_payload == intent["next_action"]["promptpay_display_qr_code"]["data"]
    assert order.status == OrderStatus.UNFULFILLED and not order.is_fully_paid()


def test_succeeded_event_pays_the_order_once_whatever_the_deliveries(client, api_client, variant, stripe_promptpay):
    order = promptpay_order(api_client, variant)
    event = stripe_promptpay.pay(charge_of(order).stripe_payment_intent)
    first, second = post_event(client, event), post_event(client, event)
    assert (first.status_code, first.json()["outcome"]) == (200, "paid")
    assert (second.status_code, second.json()["outcome"]) == (200, "duplicate")
    # Stripe may send the same news as another event id; it changes nothing either.
    third = post_event(client, stripe_promptpay.event("payment_intent.succeeded", event["data"]["object"]))
    assert third.json()["outcome"] == "already_paid"
    order.refresh_from_db()
    assert order.is_fully_paid() and paid_events(order) == 1


def test_an_older_event_after_success_does_not_undo_it(client, api_client, variant, stripe_promptpay):
    order = promptpay_order(api_client, variant)
    intent_id = charge_of(order).stripe_payment_intent
    pending_before = stripe_promptpay.event("payment_intent.requires_action", stripe_promptpay.intents[intent_id])
    failed_before = stripe_promptpay.event("payment_intent.payment_failed", stripe_promptpay.intents[intent_id])
    succeeded = stripe_promptpay.pay(intent_id)
    assert post_event(client, succeeded).json()["outcome"] == "paid"
    assert post_event(client, failed_before).json()["outcome"] == "noted"
    assert post_event(client, pending_before).json()["outcome"] == "noted"
    assert charge_of(order).status == ChargeStatus.PAID


def test_an_event_before_its_order_exists_is_asked_again(client, stripe_promptpay):
    intent = {"id": "pi_unknown", "object": "payment_intent", "amount": 100, "amount_received": 100,
              "status": "succeeded", "metadata": {"otop_reference": "OTOP00000001"}}
    response = post_event(client, stripe_promptpay.event("payment_intent.succeeded", intent))
    assert response.status_code == 409 and not StripeEvent.objects.exists()


def test_a_bad_signature_is_refused_and_changes_nothing(client, api_client, variant, stripe_promptpay):
    order = promptpay_order(api_client, variant)
    event = stripe_promptpay.pay(charge_of(order).stripe_payment_intent)
    assert post_event(client, event, secret="whsec_someone_else").status_code == 400
    body, _signature = StripePromptPay.signed(event)
    assert client.post(WEBHOOK, body, content_type="application/json").status_code == 400
    assert charge_of(order).status == ChargeStatus.PENDING and not StripeEvent.objects.exists()


def test_expiry_cancels_the_intent_and_releases_the_stock(api_client, variant, stripe_promptpay):
    order = promptpay_order(api_client, variant)
    charge = charge_of(order)
    assert services.charges_expire_due(now=charge.expires_at + timedelta(seconds=1)) == 1
    assert stripe_promptpay.intents[charge.stripe_payment_intent]["status"] == "canceled"
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED


def test_a_payment_after_expiry_is_refunded(client, api_client, variant, stripe_promptpay):
    order = promptpay_order(api_client, variant)
    charge = charge_of(order)
    services.charges_expire_due(now=charge.expires_at + timedelta(seconds=1))
    # The shopper's bank had sent the money just before Stripe cancelled: Stripe reports success.
    stripe_promptpay.intents[charge.stripe_payment_intent]["status"] = "requires_action"
    event = stripe_promptpay.pay(charge.stripe_payment_intent)
    assert post_event(client, event).json()["outcome"] == "late"
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.REFUNDED and charge.stripe_refund in stripe_promptpay.refunds
    assert stripe_promptpay.refunds[charge.stripe_refund]["amount"] == 55000
    assert "refunded at Stripe" in charge.review_reason
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED and paid_events(order) == 0


def test_expiry_finding_the_intent_paid_settles_it_instead(api_client, variant, stripe_promptpay):
    """The webhook was lost: at expiry Stripe says the intent succeeded, so the order is paid."""
    order = promptpay_order(api_client, variant)
    charge = charge_of(order)
    stripe_promptpay.pay(charge.stripe_payment_intent)
    assert services.charges_expire_due(now=charge.expires_at + timedelta(seconds=1)) == 0
    order.refresh_from_db()
    assert order.is_fully_paid() and order.status == OrderStatus.UNFULFILLED


def test_webhook_url_is_the_documented_one():
    assert reverse("otop-promptpay-stripe-webhook") == WEBHOOK
