"""Buying in a browser, as a person does it: a phone-sized Chromium (360 px) reads the pages,
types into the fields and presses the buttons. Every journey fails on a console error or a
request to another host (card payments may also reach localstripe, which stands in for Stripe)."""
import re

import pytest
from django.core import mail
from saleor.order.models import Order

from tests.support.localstripe import localstripe_url, stripe_gateway  # noqa: F401 - fixtures
from tests.web.conftest import PHONE, BrowserProblems, horizontal_overflow
from tests.web.shop import BANGKOK, TOKYO, build_shop, sub_order_send

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def shop(settings):
    # The live server's host, so the confirmation e-mail may link to the order page.
    settings.ALLOWED_CLIENT_HOSTS = ["127.0.0.1"]
    return build_shop()


def put_in_cart(page, shop_url, variant, language):
    """From the product page: its "add to cart" button."""
    page.goto(f"{shop_url}/{language}/products/{variant.product.slug}/")
    page.locator("form.add-to-cart button[type=submit]").click()
    page.wait_for_url(f"{shop_url}/{language}/cart/")


def no_horizontal_scroll(page):
    assert horizontal_overflow(page) == 0, page.url


def fill_address(page, address, *, area_label, email="shopper@example.com"):
    page.get_by_label(re.compile("^(E-mail|อีเมล|メールアドレス|电子邮件)")).fill(email)
    for name in ("first_name", "last_name", "street_address_1", "city_area", "city", "postal_code", "phone"):
        if address.get(name):
            page.locator(f"#id_{name}").fill(address[name])
    page.locator("#id_country_area").select_option(label=area_label)


def test_thai_shopper_in_bangkok_orders_a_five_star_northeast_silk(shop_page, shop_url, shop, screenshots):
    put_in_cart(shop_page, shop_url, shop.silk, "th")
    assert shop_page.locator(".cart-line__name").inner_text().startswith("Praewa silk scarf")
    no_horizontal_scroll(shop_page)
    screenshots(shop_page, "cart")

    shop_page.locator("a[href='/th/checkout/']").click()
    fill_address(shop_page, BANGKOK, area_label="กรุงเทพมหานคร")
    no_horizontal_scroll(shop_page)
    screenshots(shop_page, "checkout-details")
    shop_page.locator("form.checkout-form button[type=submit]:not([name=refresh])").click()

    shop_page.wait_for_url(f"{shop_url}/th/checkout/shipping/")
    shop_page.locator("input[name=method]").first.check()
    shop_page.locator("form.checkout-form button[type=submit]").click()

    shop_page.wait_for_url(f"{shop_url}/th/checkout/payment/")
    no_horizontal_scroll(shop_page)
    shop_page.locator("input[value='mirumee.payments.dummy']").check()
    screenshots(shop_page, "checkout-payment")
    shop_page.locator("[data-pay-button]").click()

    shop_page.wait_for_url(re.compile(r"/th/orders/[0-9a-f-]{36}/$"))
    order = Order.objects.get()
    assert order.shipping_address.postal_code == "10110"
    assert shop_page.locator("[data-parcel]").count() == 1
    no_horizontal_scroll(shop_page)
    screenshots(shop_page, "confirmation")


@pytest.fixture
def card_page(chromium, shop_url, stripe_gateway, settings):  # noqa: F811 - a fixture
    """A Japanese phone whose page may also reach localstripe, where Stripe.js comes from."""
    settings.STOREFRONT_STRIPE_JS_URL = f"{stripe_gateway}/js.stripe.com/v3/"
    problems = BrowserProblems(shop_url)
    allowed = BrowserProblems(stripe_gateway)

    def route(request_route):
        if request_route.request.url.startswith(stripe_gateway + "/"):
            allowed.route(request_route)
        else:
            problems.route(request_route)

    context = chromium.new_context(viewport=PHONE, locale="ja-JP", device_scale_factor=1)
    context.route("**/*", route)
    page = context.new_page()
    page.on("console", problems.console)
    page.on("pageerror", problems.page_error)
    page.set_default_timeout(15_000)
    try:
        yield page
    finally:
        context.close()
    assert not problems.console_errors, f"console errors: {problems.console_errors}"
    assert not problems.foreign_requests, f"requests to other hosts: {problems.foreign_requests}"


def test_japanese_shopper_pays_two_producers_goods_by_card_and_sees_one_parcel_each(card_page, shop_url, shop):
    page = card_page
    put_in_cart(page, shop_url, shop.silk, "ja")
    put_in_cart(page, shop_url, shop.umbrella, "ja")
    page.goto(f"{shop_url}/ja/checkout/")
    page.locator("#id_country").select_option("JP")
    # Choosing the country lays the fields out again (htmx); typing starts once they are there.
    page.wait_for_load_state("networkidle")
    page.wait_for_selector("#id_country_area option[value='東京都']", state="attached")
    fill_address(page, TOKYO, area_label="東京都")
    page.locator("form.checkout-form button[type=submit]:not([name=refresh])").click()
    page.wait_for_url(f"{shop_url}/ja/checkout/shipping/")
    page.locator("input[name=method]").first.check()
    page.locator("form.checkout-form button[type=submit]").click()

    page.wait_for_url(f"{shop_url}/ja/checkout/payment/")
    assert page.locator(".export-parcels li").count() == 2
    page.locator("input[value='mirumee.payments.stripe']").check()
    page.get_by_placeholder("number").fill("4242424242424242")
    page.get_by_placeholder("exp_month").fill("12")
    page.get_by_placeholder("exp_year").fill("30")
    page.get_by_placeholder("cvc").fill("123")
    page.locator("[data-pay-button]").click()

    page.wait_for_url(re.compile(r"/ja/orders/[0-9a-f-]{36}/$"))
    order = Order.objects.get()
    assert order.payments.get().gateway == "mirumee.payments.stripe"
    assert order.is_fully_paid()
    assert page.locator("[data-parcel]").count() == 2
    no_horizontal_scroll(page)


def test_a_new_shopper_signs_up_and_reviews_a_delivered_product(shop_page, shop_url, shop):
    page = shop_page
    page.goto(f"{shop_url}/en/account/sign-up/")
    page.get_by_label("E-mail").fill("malee@example.com")
    page.get_by_label("Password").fill("silk-and-rice-2026")
    page.get_by_role("button", name="Create an account").click()
    assert page.get_by_text("We have sent a link to malee@example.com").is_visible()
    link = re.search(r"http://\S+/en/account/confirm/\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.wait_for_url(f"{shop_url}/en/account/")

    put_in_cart(page, shop_url, shop.silk, "en")
    page.goto(f"{shop_url}/en/checkout/")
    fill_address(page, BANGKOK, area_label="Bangkok", email="malee@example.com")
    page.get_by_role("button", name="Continue to shipping").click()
    page.locator("input[name=method]").first.check()
    page.get_by_role("button", name="Continue to payment").click()
    page.locator("input[value='mirumee.payments.dummy']").check()
    page.get_by_role("button", name="Pay and place the order").click()
    page.wait_for_url(re.compile(r"/en/orders/[0-9a-f-]{36}/$"))

    sub_order_send(Order.objects.get().pk, producer=shop.silk_producer, tracking_number="EF000000001TH")
    page.reload()
    assert page.locator("[data-tracking]").inner_text() == "EF000000001TH"
    page.get_by_role("link", name="Review Praewa silk scarf").click()
    page.get_by_label("5 stars").check()
    page.get_by_label("Title").fill("<b>Soft</b> & bright")
    page.get_by_label("Your review").fill("<script>alert('x')</script> Lovely weave.")
    page.get_by_role("button", name="Send the review").click()

    page.wait_for_url(f"{shop_url}/en/account/")
    review = page.locator("[data-review]")
    assert "<b>Soft</b> & bright" in review.inner_text()
    assert "<script>alert('x')</script> Lovely weave." in review.inner_text()
    assert page.locator("[data-review] script, [data-review] b").count() == 0


def test_checkout_with_the_keyboard_only(shop_page, shop_url, shop):
    page = shop_page
    put_in_cart(page, shop_url, shop.umbrella, "en")
    page.goto(f"{shop_url}/en/cart/")
    page.locator("a[href='/en/checkout/']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(f"{shop_url}/en/checkout/")

    page.locator("#id_email").focus()
    page.keyboard.type("keys@example.com")
    answers = {"first_name": BANGKOK["first_name"], "last_name": BANGKOK["last_name"],
               "street_address_1": BANGKOK["street_address_1"], "city_area": BANGKOK["city_area"],
               "city": BANGKOK["city"], "postal_code": BANGKOK["postal_code"], "phone": BANGKOK["phone"]}
    for _step in range(30):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.id").removeprefix("id_")
        if name in answers:
            page.keyboard.type(answers.pop(name))
        elif name == "country_area":
            page.keyboard.type("Bangkok")
        elif page.evaluate("document.activeElement.textContent.trim()") == "Continue to shipping":
            break
    assert not answers
    page.keyboard.press("Enter")

    page.wait_for_url(f"{shop_url}/en/checkout/shipping/")
    page.locator("input[name=method]").first.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url(f"{shop_url}/en/checkout/payment/")
    page.locator("input[value='mirumee.payments.dummy']").focus()
    page.keyboard.press("Space")
    while page.evaluate("document.activeElement.dataset.payButton === undefined"):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"/en/orders/[0-9a-f-]{36}/$"))
    assert Order.objects.get().user_email == "keys@example.com"
