"""The payment methods the checkout page can offer: one entry per Saleor gateway, each with the
template of its part of the payment form (`storefront/buying/payment/<name>.html`).

A method is offered when Saleor lists its gateway as available for the checkout (the plugin is
active) and an entry here knows how to render it. A new gateway (PromptPay) adds one entry and
its template; its partial receives `method` (with Saleor's gateway `config`) and the form.
"""
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from plugins.promptpay.plugin import PLUGIN_ID as PROMPTPAY_GATEWAY


@dataclass(frozen=True)
class PaymentMethod:
    id: str  # Saleor's gateway id (PLUGIN_ID)
    label: str
    template: str
    # Gateways that need nothing from the shopper's browser pay with this token.
    fixed_token: Optional[str] = None
    needs_stripe_js: bool = False


@dataclass(frozen=True)
class OfferedMethod:
    method: PaymentMethod
    config: dict = field(default_factory=dict)

    @property
    def id(self) -> str:
        return self.method.id

    @property
    def label(self) -> str:
        return str(self.method.label)

    @property
    def template(self) -> str:
        return self.method.template

    @property
    def fixed_token(self) -> Optional[str]:
        return self.method.fixed_token


PAYMENT_METHODS = [
    PaymentMethod("mirumee.payments.stripe", _("Card"), "storefront/buying/payment/stripe.html", needs_stripe_js=True),
    # otop.promptpay: offered by Saleor for THB checkouts only (the gateway decides); the order is
    # placed unpaid and its page shows the QR (views/orders.py).
    PaymentMethod(PROMPTPAY_GATEWAY, _("PromptPay QR"), "storefront/buying/payment/promptpay.html",
                  fixed_token="promptpay"),
    # Saleor's Dummy gateway: active in the demo; staff switch it off where real money is taken.
    PaymentMethod("mirumee.payments.dummy", _("Test payment (no money is taken)"),
                  "storefront/buying/payment/dummy.html", fixed_token="fully-charged"),
]


def payment_methods_offered(*, available_gateways: list[dict]) -> list[OfferedMethod]:
    """The known methods whose gateway Saleor lists for this checkout, in this module's order."""
    available = {gateway["id"]: gateway for gateway in available_gateways}
    return [
        OfferedMethod(method, {line["field"]: line["value"] for line in available[method.id]["config"]})
        for method in PAYMENT_METHODS
        if method.id in available
    ]


def stripe_js_url() -> str:
    return settings.STOREFRONT_STRIPE_JS_URL


def stripe_csp_update() -> dict:
    """What the payment page's Content-Security-Policy must add for Stripe.js and its frames."""
    url = urlsplit(stripe_js_url())
    origin = f"{url.scheme}://{url.netloc}"
    if url.netloc == "js.stripe.com":
        return {"script-src": [origin], "frame-src": [origin, "https://hooks.stripe.com"],
                "connect-src": ["https://api.stripe.com"]}
    # A stand-in (localstripe) serves the script and the API from one origin.
    return {"script-src": [origin], "frame-src": [origin], "connect-src": [origin]}
