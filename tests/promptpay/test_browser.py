"""A Thai shopper pays through the PromptPay QR page in headless Chromium (direct mode; the
demo's simulated bank confirmation stands in for the bank). The storefront's own payment step
includes the same partial; its journey is tested with the storefront."""
from pathlib import Path

import pytest

from plugins.promptpay.models import ChargeStatus
from tests.promptpay.conftest import charge_of, promptpay_order
from tests.test_playground import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "artifacts" / "promptpay"
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: make browser"),
]


def test_shopper_scans_the_qr_and_the_page_moves_on_when_the_bank_confirms(
    live_server, direct_promptpay, api_client, variant, settings
):
    settings.DEBUG = True  # the demo's "simulate the bank's confirmation" button
    order = promptpay_order(api_client, variant)
    server = live_server.url
    page_path = f"/otop/promptpay/orders/{order.token}/"
    confirmation = f"{page_path}?paid=1"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    errors, foreign = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + ["--no-first-run"])
        try:
            phone = browser.new_context(viewport={"width": 360, "height": 780}, has_touch=True, is_mobile=True)
            shopper = phone.new_page()
            shopper.on("console", lambda message: message.type == "error" and errors.append(message.text))
            shopper.on("request", lambda request: not request.url.startswith(server)
                       and foreign.append(request.url))
            shopper.goto(f"{server}{page_path}?next={confirmation}")
            qr_width = shopper.eval_on_selector(".promptpay-qr", "img => img.complete && img.naturalWidth")
            assert qr_width and qr_width > 200
            assert shopper.is_visible("text=Save the QR")
            assert "550.00 THB" in shopper.text_content("[data-promptpay-amount]")
            shopper.wait_for_function(
                "document.querySelector('[data-promptpay-countdown]').textContent.includes(':')")
            assert shopper.text_content("[data-promptpay-countdown]").startswith("14:")
            shopper.screenshot(path=str(ARTIFACTS / "qr-360.png"), full_page=True)

            desk = browser.new_context(viewport={"width": 1280, "height": 800})
            desktop = desk.new_page()
            desktop.goto(f"{server}{page_path}")
            assert not desktop.is_visible("text=Save the QR")
            desktop.screenshot(path=str(ARTIFACTS / "qr-1280.png"), full_page=True)
            desktop.click("text=Simulate the bank's confirmation (demo)")
            desktop.wait_for_selector("text=Payment received. Thank you!")

            shopper.wait_for_url(f"{server}{confirmation}", timeout=20_000)
            assert "Payment received" in shopper.text_content("[data-promptpay-state]")
            shopper.screenshot(path=str(ARTIFACTS / "paid-360.png"), full_page=True)
        finally:
            browser.close()
    assert errors == [] and foreign == []
    assert charge_of(order).status == ChargeStatus.PAID
    order.refresh_from_db()
    assert order.is_fully_paid()


def test_shopper_pays_by_stripe_promptpay_and_the_page_moves_on_at_stripes_webhook(
    live_server, stripe_promptpay, api_client, variant
):
    order = promptpay_order(api_client, variant)
    intent_id = charge_of(order).stripe_payment_intent
    server = live_server.url
    page_path = f"/otop/promptpay/orders/{order.token}/"
    confirmation = f"{page_path}?paid=1"
    from playwright.sync_api import sync_playwright

    errors = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS + ["--no-first-run"])
        try:
            shopper = browser.new_page(viewport={"width": 360, "height": 780})
            shopper.on("console", lambda message: message.type == "error" and errors.append(message.text))
            shopper.goto(f"{server}{page_path}?next={confirmation}")
            assert shopper.eval_on_selector(".promptpay-qr", "img => img.complete && img.naturalWidth") > 200
            assert shopper.query_selector("text=Simulate") is None  # DEBUG is off
            # The shopper's bank pays; Stripe tells the market by its webhook.
            assert stripe_promptpay.deliver(stripe_promptpay.pay(intent_id),
                                            f"{server}/otop/promptpay/stripe/webhook/") == 200
            shopper.wait_for_url(f"{server}{confirmation}", timeout=20_000)
            assert "Payment received" in shopper.text_content("[data-promptpay-state]")
        finally:
            browser.close()
    assert errors == []
    order.refresh_from_db()
    assert order.is_fully_paid()
