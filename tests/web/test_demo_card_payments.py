"""`make demo` takes card payments without Stripe keys: the demo's own localstripe
(saleor_otop.demo_payments.demo_card_payments, which otop_demo serves inside), paid in Chromium
with the test card the payment page shows."""
import re

import pytest
import stripe
from django.conf import settings as django_settings
from saleor.order.models import Order

from saleor_otop.demo_payments import demo_card_payments
from tests.web.conftest import PHONE, BrowserProblems
from tests.web.shop import BANGKOK, build_shop

pytestmark = pytest.mark.django_db


def test_with_stripe_keys_set_the_demo_uses_them_and_starts_nothing(settings):
    settings.STRIPE_PUBLIC_KEY, settings.STRIPE_SECRET_KEY = "pk_live_configured", "sk_live_configured"
    api_base = stripe.api_base
    with demo_card_payments(log=lambda _line: None) as url:
        assert url is None
        assert settings.STRIPE_PUBLIC_KEY == "pk_live_configured" and stripe.api_base == api_base


def test_without_keys_the_demo_points_stripe_at_its_localstripe_and_puts_everything_back(settings):
    settings.STRIPE_PUBLIC_KEY = settings.STRIPE_SECRET_KEY = ""
    before = (django_settings.STOREFRONT_STRIPE_JS_URL, stripe.api_base)
    lines = []
    with demo_card_payments(log=lines.append) as url:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+", url)
        assert django_settings.STRIPE_PUBLIC_KEY.startswith("pk_test_")
        assert django_settings.STOREFRONT_STRIPE_JS_URL == f"{url}/js.stripe.com/v3/"
        assert stripe.api_base == url
        assert "4242 4242 4242 4242" in lines[0]
    assert (django_settings.STRIPE_PUBLIC_KEY, django_settings.STRIPE_SECRET_KEY) == ("", "")
    assert (django_settings.STOREFRONT_STRIPE_JS_URL, stripe.api_base) == before


@pytest.fixture
def demo_stripe(settings):
    settings.STRIPE_PUBLIC_KEY = settings.STRIPE_SECRET_KEY = ""
    with demo_card_payments(log=lambda _line: None) as url:
        yield url


@pytest.mark.browser
def test_a_demo_shopper_pays_by_card_with_the_test_card_the_page_shows(chromium, shop_url, demo_stripe):
    shop = build_shop()
    problems, stand_in = BrowserProblems(shop_url), BrowserProblems(demo_stripe)

    def route(request_route):
        (stand_in if request_route.request.url.startswith(demo_stripe + "/") else problems).route(request_route)

    context = chromium.new_context(viewport=PHONE, locale="th-TH", device_scale_factor=1)
    context.route("**/*", route)
    page = context.new_page()
    page.on("console", problems.console)
    page.on("pageerror", problems.page_error)
    page.set_default_timeout(15_000)
    try:
        page.goto(f"{shop_url}/th/products/{shop.silk.product.slug}/")
        page.locator("form.add-to-cart button[type=submit]").click()
        page.wait_for_url(f"{shop_url}/th/cart/")
        page.goto(f"{shop_url}/th/checkout/")
        page.locator("#id_email").fill("somsri@example.com")
        for name in ("first_name", "last_name", "street_address_1", "city_area", "city", "postal_code", "phone"):
            page.locator(f"#id_{name}").fill(BANGKOK[name])
        page.locator("#id_country_area").select_option(label="กรุงเทพมหานคร")
        page.locator("form.checkout-form button[type=submit]:not([name=refresh])").click()
        page.wait_for_url(f"{shop_url}/th/checkout/shipping/")
        page.locator("input[name=method]").first.check()
        page.locator("form.checkout-form button[type=submit]").click()
        page.wait_for_url(f"{shop_url}/th/checkout/payment/")

        page.locator("input[value='mirumee.payments.stripe']").check()
        hint = page.locator("[data-test-card]").inner_text()
        card = re.search(r"\d{4} \d{4} \d{4} \d{4}", hint).group(0).replace(" ", "")
        page.get_by_placeholder("number").fill(card)
        page.get_by_placeholder("exp_month").fill("12")
        page.get_by_placeholder("exp_year").fill("30")
        page.get_by_placeholder("cvc").fill("123")
        page.locator("[data-pay-button]").click()
        page.wait_for_url(re.compile(r"/th/orders/[0-9a-f-]{36}/$"))
    finally:
        context.close()

    order = Order.objects.get()
    assert order.payments.get().gateway == "mirumee.payments.stripe"
    assert order.is_fully_paid()
    assert not problems.console_errors, problems.console_errors
    assert not problems.foreign_requests, problems.foreign_requests
