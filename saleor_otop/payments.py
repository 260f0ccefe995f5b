"""Saleor's Stripe gateway, with its API keys taken from the environment.

Saleor 2.10 reads the keys only from the plugin configuration (a database row
staff edit in the dashboard, else DEFAULT_CONFIGURATION). A deployment gives
them as STRIPE_PUBLIC_KEY / STRIPE_SECRET_KEY instead, so this subclass keeps
Saleor's PLUGIN_ID (payments, stored configuration and storefronts that name
"mirumee.payments.stripe" keep working) and:

- uses the environment's keys when they are set, over stored ones: secrets
  belong to the deployment, and they are never written to the database;
- is active by default when both keys are set. A stored configuration row's
  `active` flag still wins, so staff can switch card payments off.
"""
import copy

from django.conf import settings
from saleor.payment.gateways.stripe.plugin import StripeGatewayPlugin


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
        return super().process_payment(payment_information, previous_value)
