"""What a page needs to show a PromptPay QR: `qr_panel_context` for the partial template
`promptpay/qr_panel.html` (include it with `... with panel=panel csrf_token=csrf_token only`).

The panel is drawn on the server in one of four states, so it reads right without JavaScript:
`pending` (QR, amount, reference, the time left as text), `paid`, `expired` (its time is up,
whether or not the minute's expiry task has cancelled the order yet) and `review` (money
that staff must look at). A page that gives `refresh_url` has the panel poll it with htmx and
swap itself in place; without it, `promptpay/qr_panel.js` polls `status_url`.
"""
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from . import selectors
from .models import ChargeStatus, PromptPayCharge

DISPLAY_STATES = {
    ChargeStatus.PENDING: "pending",
    ChargeStatus.PAID: "paid",
    ChargeStatus.EXPIRED: "expired",
    ChargeStatus.REFUNDED: "expired",
    ChargeStatus.NEEDS_REVIEW: "review",
}
POLL_SECONDS = 3


def panel_state(*, charge: PromptPayCharge) -> str:
    """pending, paid, expired or review: what the shopper is told."""
    if charge.status == ChargeStatus.PENDING and charge.expires_at <= timezone.now():
        return "expired"
    return DISPLAY_STATES.get(charge.status, "expired")


def qr_panel_context(
    *, charge: PromptPayCharge, order_token: str, confirmation_url: str, refresh_url: str = "",
    cancel_url: str = "", pay_again_url: str = "", back_url: str = "",
) -> dict:
    receiver = selectors.promptpay_configuration().receiver_name
    status = selectors.charge_status(charge=charge)
    state = panel_state(charge=charge)
    seconds_left = status["secondsLeft"] if state == "pending" else 0
    simulate_url = ""
    if settings.DEBUG:  # the demo's stand-in for the bank; the URL answers only with DEBUG on
        simulate_url = reverse("otop-promptpay-simulate", args=[order_token])
    return {
        **status,
        "state": state,
        "secondsLeft": seconds_left,
        "countdown": f"{seconds_left // 60}:{seconds_left % 60:02d}",
        "expires_at": timezone.localtime(charge.expires_at),
        "receiver_name": receiver,
        "qr_svg_url": reverse("otop-promptpay-qr-svg", args=[order_token]),
        "qr_png_url": reverse("otop-promptpay-qr-png", args=[order_token]),
        "status_url": reverse("otop-promptpay-status", args=[order_token]),
        "confirmation_url": confirmation_url,
        "refresh_url": refresh_url,
        "poll_seconds": POLL_SECONDS,
        "cancel_url": cancel_url,
        "pay_again_url": pay_again_url,
        "back_url": back_url,
        "simulate_url": simulate_url,
        "save_name": f"promptpay-{charge.reference}.png",
    }
