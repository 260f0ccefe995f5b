"""Paying by PromptPay in a phone-sized Chromium, as a Thai shopper does: the shop's checkout,
the QR on the order page, and the page turning to "paid" by itself (htmx, no reload) when the
bank's statement is imported (direct mode) or Stripe's webhook arrives (Stripe PromptPay, its
stand-in); an expired QR paid again with a new one."""
import copy
import json
import re
import urllib.request

import pytest
from graphql_jwt.shortcuts import get_token
from playwright.sync_api import expect
from saleor.order import OrderStatus
from saleor.order.models import Order
from saleor.plugins.models import PluginConfiguration
from saleor.warehouse.models import Allocation

from plugins.promptpay import services
from plugins.promptpay.models import ChargeStatus, PromptPayCharge
from saleor_otop.payments import OtopStripeGatewayPlugin
from tests.factories import StaffFactory, permissions_by_name
from tests.promptpay.conftest import direct_promptpay  # noqa: F401 - a fixture
from tests.support.stripe_promptpay import stripe_promptpay  # noqa: F401 - a fixture
from tests.web.conftest import horizontal_overflow
from tests.web.shop import BANGKOK, build_shop
from tests.web.test_buying_browser import fill_address, put_in_cart

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
GATEWAY = "otop.promptpay"
IMPORT = """mutation ($csv: String!) { promptpayStatementImport(csv: $csv, filename: "kbank.csv") {
  rows { line outcome } promptpayErrors { field code message } } }"""


@pytest.fixture
def shop(settings):
    settings.ALLOWED_CLIENT_HOSTS = ["127.0.0.1"]
    return build_shop()


class ServerQuiet:
    """The live server reads the test's own connection, so the test writes only while no
    browser request is being served: requests wait at the route while held, and those
    already sent are awaited (the page keeps polling every few seconds)."""

    def __init__(self, page):
        self.page, self.in_flight, self.held, self.holding = page, set(), [], False
        # Patience, not a timed check: a shared 2-core machine may take long over a page.
        page.set_default_timeout(90_000)
        page.route("**/*", self._route)
        page.on("requestfinished", self._done)
        page.on("requestfailed", self._done)

    def _route(self, route):
        if self.holding:
            self.held.append(route)
            return
        self.in_flight.add(route.request)
        self.page.problems.route(route)

    def _done(self, request):
        self.in_flight.discard(request)

    def __enter__(self):
        self.holding = True
        for _wait in range(600):
            if not self.in_flight:
                return self
            self.page.wait_for_timeout(50)
        raise AssertionError(f"requests still being served: {[request.url for request in self.in_flight]}")

    def __exit__(self, *exc):
        self.holding = False
        held, self.held = self.held, []
        for route in held:
            self._route(route)


def buy_with_promptpay(page, shop_url, shop, quiet) -> Order:
    """A Thai shopper in Bangkok buys the Kalasin silk and chooses PromptPay."""
    put_in_cart(page, shop_url, shop.silk, "th")
    page.goto(f"{shop_url}/th/checkout/")
    fill_address(page, BANGKOK, area_label="กรุงเทพมหานคร")
    page.locator("form.checkout-form button[type=submit]:not([name=refresh])").click()
    page.wait_for_url(f"{shop_url}/th/checkout/shipping/")
    page.locator("input[name=method]").first.check()
    page.locator("form.checkout-form button[type=submit]").click()
    page.wait_for_url(f"{shop_url}/th/checkout/payment/")
    page.get_by_label("พร้อมเพย์ QR").check()
    page.locator("[data-pay-button]").click()
    page.wait_for_url(re.compile(r"/th/orders/[0-9a-f-]{36}/#promptpay-panel$"))
    # Marks this document: still there after the payment, the page was never reloaded.
    page.evaluate("window.sameDocument = true")
    with quiet:
        return Order.objects.exclude(status=OrderStatus.CANCELED).get()


def qr_is_shown(page) -> None:
    assert page.eval_on_selector(".promptpay-qr", "img => img.complete && img.naturalWidth") > 200
    assert page.get_by_role("heading", name="ชำระเงินด้วยพร้อมเพย์").is_visible()


def paid_in_place(page) -> None:
    page.wait_for_selector("[data-promptpay-panel][data-state=paid]", timeout=30_000)
    assert "ได้รับการชำระเงินแล้ว" in page.locator("[data-promptpay-state]").inner_text()
    assert page.evaluate("window.sameDocument") is True
    assert page.locator(".promptpay-qr").count() == 0


def graphql(url: str, query: str, variables: dict, token: str) -> dict:
    request = urllib.request.Request(
        f"{url}/graphql/", data=json.dumps({"query": query, "variables": variables}).encode(), method="POST",
        headers={"Content-Type": "application/json", "Authorization": f"JWT {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@pytest.mark.usefixtures("direct_promptpay")
def test_thai_shopper_pays_by_promptpay_and_the_statement_import_marks_it_paid(
    shop_page, shop_url, shop, screenshots
):
    staff = StaffFactory(email="finance@otop.example")
    staff.user_permissions.add(*permissions_by_name(["otop_promptpay.manage_otop_promptpay"]))
    staff_token = get_token(staff)
    page = shop_page
    quiet = ServerQuiet(page)
    order = buy_with_promptpay(page, shop_url, shop, quiet)
    with quiet:
        charge = PromptPayCharge.objects.get(payment__order=order)
    qr_is_shown(page)
    assert page.locator("[data-promptpay-amount]").inner_text() == "1320.00 THB"
    assert page.locator("[data-promptpay-reference]").inner_text() == charge.reference
    assert "เวลาประเทศไทย" in page.locator(".promptpay-until").inner_text()
    first = page.locator("[data-promptpay-countdown]").inner_text()
    assert re.fullmatch(r"1[45]:[0-5]\d", first)
    expect(page.locator("[data-promptpay-countdown]")).not_to_have_text(first)  # it ticks
    assert horizontal_overflow(page) == 0
    screenshots(page, "promptpay-qr")

    # The programme's finance staff import the bank's statement through the API.
    csv = f"bank_transaction_id,booked_at,amount,reference\nKB-7001,2026-12-01T14:05:00+07:00,1320.00,{charge.reference}\n"
    result = graphql(shop_url, IMPORT, {"csv": csv}, staff_token)["data"]["promptpayStatementImport"]
    assert result == {"rows": [{"line": 2, "outcome": "PAID"}], "promptpayErrors": []}
    paid_in_place(page)
    screenshots(page, "promptpay-paid")
    with quiet:
        order.refresh_from_db()
        assert order.is_fully_paid()


def test_thai_shopper_pays_by_stripe_promptpay_and_the_webhook_marks_it_paid(
    shop_page, shop_url, shop, stripe_promptpay  # noqa: F811 - a fixture
):
    # Stripe keys are set, so Stripe PromptPay; this market takes no cards (staff switched them off).
    PluginConfiguration.objects.create(
        identifier=OtopStripeGatewayPlugin.PLUGIN_ID, name="Stripe", active=False,
        configuration=copy.deepcopy(OtopStripeGatewayPlugin.DEFAULT_CONFIGURATION))
    page = shop_page
    quiet = ServerQuiet(page)
    order = buy_with_promptpay(page, shop_url, shop, quiet)
    with quiet:
        charge = PromptPayCharge.objects.get(payment__order=order)
        intent_id = charge.stripe_payment_intent
    assert stripe_promptpay.intents[intent_id]["payment_method_types"] == ["promptpay"]
    qr_is_shown(page)
    # The shopper's bank pays; Stripe tells the market by its signed webhook.
    event = stripe_promptpay.pay(intent_id)
    assert stripe_promptpay.deliver(event, f"{shop_url}/otop/promptpay/stripe/webhook/") == 200
    paid_in_place(page)
    with quiet:
        order.refresh_from_db()
        assert order.is_fully_paid()


@pytest.mark.usefixtures("direct_promptpay")
def test_an_expired_qr_says_so_in_place_and_the_shopper_pays_again_with_a_new_one(shop_page, shop_url, shop):
    page = shop_page
    quiet = ServerQuiet(page)
    order = buy_with_promptpay(page, shop_url, shop, quiet)
    qr_is_shown(page)
    with quiet:
        first = PromptPayCharge.objects.get(payment__order=order)
        # The QR's time runs out, and the minute's expiry task (as beat runs it) cancels the order.
        assert services.charges_expire_due(now=first.expires_at) == 1
        assert not Allocation.objects.filter(order_line__order=order, quantity_allocated__gt=0).exists()
    page.wait_for_selector("[data-promptpay-panel][data-state=expired]", timeout=30_000)
    assert page.evaluate("window.sameDocument") is True
    assert page.locator(".promptpay-qr").count() == 0
    assert "หมดอายุ" in page.locator("#promptpay-title").inner_text()
    assert page.locator("[data-promptpay-cancel]").count() == 0  # the order is already cancelled

    page.locator("[data-promptpay-pay-again]").click()
    page.wait_for_url(f"{shop_url}/th/checkout/payment/")
    assert "Praewa silk scarf" in page.locator("#main").inner_text()
    page.get_by_label("พร้อมเพย์ QR").check()
    page.locator("[data-pay-button]").click()
    page.wait_for_url(re.compile(r"/th/orders/[0-9a-f-]{36}/#promptpay-panel$"))
    qr_is_shown(page)
    assert not page.url.endswith(f"/{order.token}/#promptpay-panel")
    with quiet:
        second = PromptPayCharge.objects.exclude(pk=first.pk).get()
        assert second.status == ChargeStatus.PENDING and second.reference != first.reference
        order.refresh_from_db()
        assert order.status == OrderStatus.CANCELED
    assert page.locator("[data-promptpay-reference]").inner_text() == second.reference
