"""What the storefront's payment step needs to show a PromptPay QR: `qr_panel_context` for
the partial template `promptpay/qr_panel.html` (include it with `... with panel=panel csrf_token=csrf_token only`)."""
from django.conf import settings
from django.urls import reverse

from . import selectors
from .models import PromptPayCharge


def qr_panel_context(*, charge: PromptPayCharge, order_token: str, confirmation_url: str) -> dict:
    return {
        **selectors.charge_status(charge=charge),
        "receiver_name": selectors.promptpay_configuration().receiver_name,
        "qr_svg_url": reverse("otop-promptpay-qr-svg", args=[order_token]),
        "qr_png_url": reverse("otop-promptpay-qr-png", args=[order_token]),
        "status_url": reverse("otop-promptpay-status", args=[order_token]),
        "confirmation_url": confirmation_url,
        # The demo's stand-in for the bank; the URL exists only with DEBUG on.
        "simulate_url": reverse("otop-promptpay-simulate", args=[order_token]) if settings.DEBUG else "",
        "save_name": f"promptpay-{charge.reference}.png",
    }
