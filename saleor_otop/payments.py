"""Saleor's Stripe gateway, with its API keys taken from the environment.

Saleor 2.10 reads the keys only from the plugin configuration (a database row
staff edit in the dashboard, else DEFAULT_CONFIGURATION). A deployment gives
them as STRIPE_PUBLIC_KEY / STRIPE_SECRET_KEY instead, so this subclass keeps
Saleor's PLUGIN_ID (payments, stored configuration and storefronts that name
"mirumee.payments.stripe" keep working) and:

- uses the environment's keys when they are set, over stored ones: secrets
  belong to the deployment, and they are never written to the database;
- is active by default when both keys are set. A stored configuration row's
  `active` flag still wins, so staff can switch card payments off;
- charges each payment at most once: the PaymentIntent that charges it is created with an
  idempotency key of that payment's PaymentMethod and amount, so a checkoutComplete retried after a process died between
  the charge and the commit gets Stripe's first answer back instead of a second charge.
"""
import contextvars
import copy
import functools

import stripe
from django.conf import settings
from saleor.payment.gateways.stripe.plugin import StripeGatewayPlugin

_idempotency_key = contextvars.ContextVar("otop_stripe_idempotency_key", default=None)


def payment_idempotency_key(payment_information) -> str:
    # Saleor's PaymentData has no payment id; the token is the PaymentMethod Stripe.js made for
    # this payment, which Stripe lets charge once.
    info = payment_information
    return f"otop-charge-{info.token}-{info.amount}-{info.currency}"


def _create_with_idempotency_key(create):
    @functools.wraps(create)
    def create_intent(*args, **params):
        key = _idempotency_key.get()
        if key and "idempotency_key" not in params:
            params["idempotency_key"] = key
        return create(*args, **params)

    create_intent.otop_patched = True
    return create_intent


if not getattr(stripe.PaymentIntent.create, "otop_patched", False):
    stripe.PaymentIntent.create = _create_with_idempotency_key(stripe.PaymentIntent.create)


class OtopStripeGatewayPlugin(StripeGatewayPlugin):
    @classmethod
    def get_default_active(cls) -> bool:
        return bool(settings.STRIPE_PUBLIC_KEY and settings.STRIPE_SECRET_KEY)

    def __init__(self, *, configuration, active):
        # Without a stored row Saleor hands over DEFAULT_CONFIGURATION itself, and
        # saving the plugin's configuration then edits those class-level dicts,
        # changing the defaults of every later instance in the process.
        super().__init__(configuration=copy.deepcopy(configuration), active=active)
        # connection_params is built afresh by Saleor's __init__: changing it leaves
        # the stored (and displayed) configuration untouched.
        connection_params = self.config.connection_params
        if settings.STRIPE_PUBLIC_KEY:
            connection_params["public_key"] = settings.STRIPE_PUBLIC_KEY
        if settings.STRIPE_SECRET_KEY:
            connection_params["private_key"] = settings.STRIPE_SECRET_KEY

    def process_payment(self, payment_information, previous_value):
        # Saleor lists a plugin as a payment gateway (availablePaymentGateways) only
        # when `process_payment` is in the class's own __dict__, not inherited.
        return self._charge_once(super().process_payment, payment_information, previous_value)

    def authorize_payment(self, payment_information, previous_value):
        return self._charge_once(super().authorize_payment, payment_information, previous_value)

    @staticmethod
    def _charge_once(charge, payment_information, previous_value):
        reset = _idempotency_key.set(payment_idempotency_key(payment_information))
        try:
            return charge(payment_information, previous_value)
        finally:
            _idempotency_key.reset(reset)
