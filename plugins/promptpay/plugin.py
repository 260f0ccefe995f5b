"""`otop.promptpay`: Thai shoppers pay by scanning a PromptPay QR with their banking app.

Two modes, chosen by configuration: with Stripe keys in the environment, Stripe PromptPay
(a PaymentIntent whose QR Stripe makes and whose payment Stripe reports by webhook);
without them, Direct PromptPay to the programme's own PromptPay ID (our EMVCo QR, confirmed
from the bank's statement or by staff). The path from checkout to payment is
plugins/promptpay/checkout_flow.py.
"""
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from saleor.payment import TransactionKind
from saleor.payment.interface import GatewayConfig, GatewayResponse
from saleor.plugins.error_codes import PluginErrorCode

from otop_kernel.plugin_settings import PluginSettings, SettingsPlugin, setting

from . import emvco
from .models import ChargeMode

PLUGIN_ID = "otop.promptpay"
CHARGE_CURRENCY = "THB"
DEFAULT_RECEIVER_NAME = "OTOP Market"
DEFAULT_EXPIRY_MINUTES = 15


def parse_promptpay_id(raw) -> str:
    promptpay_id = str(raw or "").strip()
    if promptpay_id:
        try:
            emvco.promptpay_target(promptpay_id)
        except emvco.PayloadError as error:
            raise ValueError(str(error)) from None
    return promptpay_id


def parse_expiry_minutes(raw) -> int:
    minutes = str(raw or "").strip()
    if not minutes:
        return DEFAULT_EXPIRY_MINUTES
    if not (minutes.isdigit() and 1 <= int(minutes) <= 1440):
        raise ValueError("The QR's lifetime is a whole number of minutes from 1 to 1440.")
    return int(minutes)


@dataclass(frozen=True)
class PromptPayConfiguration:
    promptpay_id: str = setting(
        label="Programme's PromptPay ID",
        help_text="Direct mode (no Stripe keys): the mobile number, 13-digit tax ID or 15-digit "
                  "e-wallet ID that receives the shoppers' transfers.",
        default="",
        parse=parse_promptpay_id,
    )
    receiver_name: str = setting(
        label="Receiver name",
        help_text="The name shoppers see beside the QR; their banking app shows the account's own.",
        default=DEFAULT_RECEIVER_NAME,
        parse=lambda raw: str(raw or DEFAULT_RECEIVER_NAME).strip(),
    )
    qr_expiry_minutes: int = setting(
        label="QR lifetime (minutes)",
        help_text="After this an unpaid order is cancelled and its stock released (1-1440).",
        default=str(DEFAULT_EXPIRY_MINUTES),
        parse=parse_expiry_minutes,
    )
    active: bool = True

    @property
    def mode(self) -> str:
        """Stripe PromptPay when the deployment has Stripe keys; else direct to our account."""
        if settings.STRIPE_PUBLIC_KEY and settings.STRIPE_SECRET_KEY:
            return ChargeMode.STRIPE
        return ChargeMode.DIRECT


class PromptPayGatewayPlugin(SettingsPlugin):
    PLUGIN_ID = PLUGIN_ID
    PLUGIN_NAME = "PromptPay"
    DEFAULT_ACTIVE = False
    SETTINGS = PluginSettings(PromptPayConfiguration)
    # `config` is Saleor's GatewayConfig here.
    SETTINGS_ATTRIBUTE = "settings"

    @classmethod
    def get_default_active(cls) -> bool:
        return bool(settings.STRIPE_PUBLIC_KEY and settings.STRIPE_SECRET_KEY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Saleor captures a PromptPay payment only when the shopper has paid (checkout_flow).
        self.config = GatewayConfig(gateway_name=self.PLUGIN_NAME, auto_capture=False, connection_params={})

    @classmethod
    def configuration_errors(cls, plugin_configuration) -> dict:
        errors = super().configuration_errors(plugin_configuration)
        configuration = cls.SETTINGS.from_items(plugin_configuration.configuration)
        if plugin_configuration.active and configuration.mode == ChargeMode.DIRECT and not configuration.promptpay_id:
            errors.setdefault("promptpay_id", ValidationError(
                "Without Stripe keys PromptPay needs the programme's PromptPay ID.",
                code=PluginErrorCode.PLUGIN_MISCONFIGURED.value,
            ))
        return errors

    def process_payment(self, payment_information, previous_value) -> Any:
        if not self.active:
            return previous_value
        from .checkout_flow import promptpay_payment_start

        return promptpay_payment_start(payment_information=payment_information, configuration=self.settings)

    def capture_payment(self, payment_information, previous_value) -> Any:
        if not self.active:
            return previous_value
        return _refused(payment_information, TransactionKind.CAPTURE,
                        "A PromptPay payment is captured when the shopper's transfer arrives.")

    def authorize_payment(self, payment_information, previous_value) -> Any:
        if not self.active:
            return previous_value
        return _refused(payment_information, TransactionKind.AUTH, "PromptPay has no separate authorization.")

    def refund_payment(self, payment_information, previous_value) -> Any:
        if not self.active:
            return previous_value
        from .checkout_flow import promptpay_payment_refund

        return promptpay_payment_refund(payment_information=payment_information)

    def void_payment(self, payment_information, previous_value) -> Any:
        if not self.active:
            return previous_value
        return GatewayResponse(
            is_success=True, action_required=False, kind=TransactionKind.VOID,
            amount=payment_information.amount, currency=payment_information.currency,
            transaction_id=payment_information.token, error=None,
        )

    def get_payment_config(self, previous_value):
        if not self.active:
            return previous_value
        return [
            {"field": "mode", "value": str(self.settings.mode)},
            {"field": "currency", "value": CHARGE_CURRENCY},
            {"field": "qr_expiry_minutes", "value": str(self.settings.qr_expiry_minutes)},
        ]


def _refused(payment_information, kind: str, message: str) -> GatewayResponse:
    return GatewayResponse(
        is_success=False, action_required=False, kind=kind, amount=payment_information.amount,
        currency=payment_information.currency, transaction_id=payment_information.token, error=message,
    )
