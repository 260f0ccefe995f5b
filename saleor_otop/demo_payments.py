"""Card payments in `make demo` without Stripe keys: localstripe, the Stripe stand-in pinned in
requirements.txt, on a free loopback port for as long as the demo serves.

Saleor's Stripe gateway is switched on with test keys and the Stripe SDK is pointed at the
stand-in, which also serves the Stripe.js the payment page loads; a shopper pays with the test
card 4242 4242 4242 4242 and no money moves. With STRIPE_PUBLIC_KEY / STRIPE_SECRET_KEY set,
the demo uses them and starts nothing.
"""
from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import stripe
from django.conf import settings

PROJECT_DIR = Path(__file__).resolve().parents[1]
DEMO_PUBLIC_KEY = "pk_test_otop_demo"
DEMO_SECRET_KEY = "sk_test_otop_demo"
TEST_CARD = "4242 4242 4242 4242"


@contextmanager
def localstripe_running() -> Iterator[str]:
    """localstripe (saleor_otop/localstripe_server.py) in a child process; yields its base URL."""
    process = subprocess.Popen(
        [sys.executable, "-m", "saleor_otop.localstripe_server"], cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True,
    )
    try:
        port = process.stdout.readline().strip()
        if not port.isdigit():
            raise RuntimeError(f"localstripe did not start (exit code {process.poll()})")
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def demo_card_payments(*, log: Callable[[str], None] = print) -> Iterator[str | None]:
    """Card payments through localstripe while inside, unless Stripe keys are configured;
    yields the stand-in's URL (None when the configured keys are used). Settings and the
    Stripe SDK are put back on the way out."""
    if settings.STRIPE_PUBLIC_KEY or settings.STRIPE_SECRET_KEY:
        log("Card payments: Stripe, with the configured STRIPE_PUBLIC_KEY / STRIPE_SECRET_KEY")
        yield None
        return
    with localstripe_running() as url:
        saved = (settings.STRIPE_PUBLIC_KEY, settings.STRIPE_SECRET_KEY, settings.STOREFRONT_STRIPE_JS_URL,
                 stripe.api_base)
        settings.STRIPE_PUBLIC_KEY, settings.STRIPE_SECRET_KEY = DEMO_PUBLIC_KEY, DEMO_SECRET_KEY
        settings.STOREFRONT_STRIPE_JS_URL = f"{url}/js.stripe.com/v3/"
        stripe.api_base = url
        log(f"Card payments: localstripe at {url} stands in for Stripe (test card {TEST_CARD}, "
            "any future expiry, any CVC; no money moves)")
        try:
            yield url
        finally:
            (settings.STRIPE_PUBLIC_KEY, settings.STRIPE_SECRET_KEY, settings.STOREFRONT_STRIPE_JS_URL,
             stripe.api_base) = saved
