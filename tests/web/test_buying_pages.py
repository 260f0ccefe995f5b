"""The buying pages over HTTP (Django's test client through the whole middleware stack): the
cart across producers, checkout as guest, the export check in words, the order page, and bad
input answered with a message on the page and nothing written."""
import re

import pytest
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from saleor.checkout.models import Checkout
from saleor.order.models import Order
from saleor.payment.models import Payment
from saleor.warehouse.models import Stock

from tests import factories
from tests.web.shop import BANGKOK, TOKYO, build_shop, sub_order_send
from web.storefront.checkout_flow import variant_global_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return build_shop()


def gid(variant):
    return variant_global_id(variant.pk)


def add(client, variant, quantity=1, language="en"):
    return client.post(f"/{language}/cart/add/", {"variant": gid(variant), "quantity": quantity})


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def details(client, address, language="en", email="somsri@example.com"):
    return client.post(f"/{language}/checkout/", {**address, "email": email})


def choose_first_shipping(client, language="en"):
    page = client.get(f"/{language}/checkout/shipping/").content.decode()
    method = re.search(r'name="method" value="([^"]+)"', page).group(1)
    return client.post(f"/{language}/checkout/shipping/", {"method": method})


def to_payment(client, shop, variants, address, language="en"):
    for variant in variants:
        assert add(client, variant, language=language).status_code == 302
    assert details(client, address, language).status_code == 302
    assert choose_first_shipping(client, language).status_code == 302


def test_cart_holds_two_producers_goods_as_two_parcels_and_counts_them_in_the_header(client, shop):
    add(client, shop.silk)
    add(client, shop.umbrella, 2)
    page = text(client.get("/en/cart/"))
    assert "Parcel from Praewa Silk Group" in page and "Parcel from Bo Sang Umbrella Makers" in page
    assert "Cart (3 items)" in page
    assert "Cart (3 items)" in text(client.get("/en/checkout/"))


@pytest.mark.parametrize("quantity", ["0", "10000", "-1", "two"])
def test_bad_quantity_gets_a_message_and_changes_nothing(client, shop, quantity):
    add(client, shop.silk)
    before = list(Checkout.objects.values_list("lines__quantity", flat=True))
    response = client.post("/en/cart/update/", {"variant": gid(shop.silk), "quantity": quantity})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert list(Checkout.objects.values_list("lines__quantity", flat=True)) == before


@pytest.mark.parametrize("variant", ["UHJvZHVjdFZhcmlhbnQ6YWJj", "UHJvZHVjdDox", "not-an-id", "", "999999"])
def test_tampered_variant_is_refused_and_no_cart_is_made(client, shop, variant):
    response = client.post("/en/cart/add/", {"variant": variant, "quantity": 1})
    assert response.status_code == 200
    assert not Checkout.objects.exists()


def test_more_than_the_stock_is_a_message_on_the_cart(client, shop):
    Stock.objects.filter(product_variant=shop.silk).update(quantity=2)
    add(client, shop.silk)
    response = client.post("/en/cart/update/", {"variant": gid(shop.silk), "quantity": 3})
    assert response.status_code == 200
    assert "There is not enough stock of this item for that quantity." in text(response)
    assert Checkout.objects.get().lines.get().quantity == 1


def test_removing_a_line_empties_the_cart(client, shop):
    add(client, shop.silk)
    line = re.search(r'name="line" value="([^"]+)"', client.get("/en/cart/").content.decode()).group(1)
    client.post("/en/cart/remove/", {"line": line})
    assert "Your cart is empty." in text(client.get("/en/cart/"))


def test_address_that_breaks_the_countrys_rules_gets_an_error_on_its_field(client, shop):
    add(client, shop.silk)
    response = details(client, {**TOKYO, "postal_code": "ABC"})
    assert response.status_code == 200
    assert re.search(r'id_postal_code_error" role="alert">This postal code does not exist', text(response))
    assert Checkout.objects.get().shipping_address is None


def test_address_form_is_laid_out_for_the_chosen_country(client, shop):
    add(client, shop.silk)
    japan = text(client.get("/en/checkout/address-fields/", {"country": "JP"}))
    assert '<label for="id_country_area">Prefecture' in japan and "For example 154-0023" in japan
    thailand = text(client.get("/en/checkout/address-fields/", {"country": "TH"}))
    assert '<label for="id_country_area">Province' in thailand


def test_tampered_shipping_method_is_refused(client, shop):
    add(client, shop.silk)
    details(client, BANGKOK)
    response = client.post("/en/checkout/shipping/", {"method": "U2hpcHBpbmdNZXRob2Q6OTk5OTk="})
    assert response.status_code == 200
    assert "Choose one of the shipping methods shown." in text(response)
    assert Checkout.objects.get().shipping_method is None


def test_tampered_payment_gateway_is_refused_and_nothing_is_charged(client, shop):
    to_payment(client, shop, [shop.silk], BANGKOK)
    response = client.post("/en/checkout/payment/", {"gateway": "otop.payments.free"})
    assert response.status_code == 200
    assert not Payment.objects.exists() and not Order.objects.exists()


def test_guest_in_bangkok_orders_two_producers_goods_and_gets_the_confirmation(
    client, shop, settings, django_capture_on_commit_callbacks
):
    settings.ALLOWED_CLIENT_HOSTS = ["testserver"]
    to_payment(client, shop, [shop.silk, shop.umbrella], BANGKOK)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/en/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    assert response.status_code == 302
    order = Order.objects.get()
    assert response["Location"] == f"/en/orders/{order.token}/"
    page = text(client.get(response["Location"]))
    assert "Thank you for your order!" in page
    assert page.count("data-parcel ") == 2
    assert "From Praewa Silk Group" in page and "From Bo Sang Umbrella Makers" in page
    assert order.total_gross_amount == 1200 + 350 + 120
    confirmation = [message for message in mail.outbox if message.to == ["somsri@example.com"]]
    assert len(confirmation) == 1
    assert f"http://testserver/en/orders/?token={order.token}" in confirmation[0].body
    assert client.get(f"/en/orders/?token={order.token}")["Location"] == f"/en/orders/{order.token}/"
    assert "Cart (0 items)" in text(client.get("/en/cart/"))


def test_order_page_shows_each_producers_tracking_number(client, shop):
    to_payment(client, shop, [shop.silk, shop.umbrella], BANGKOK)
    client.post("/en/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    order = Order.objects.get()
    sub_order_send(order.pk, producer=shop.silk_producer, tracking_number="EF123456789TH")
    page = text(Client().get(f"/en/orders/{order.token}/"))
    assert '<span class="tracking" data-tracking>EF123456789TH</span>' in page
    assert "Thank you for your order!" not in page
    assert page.count("Not sent yet") == 1


def test_unknown_order_token_is_the_shops_404(client, shop):
    assert client.get("/en/orders/6f1c7a1e-0000-4000-8000-000000000000/").status_code == 404


def test_japan_checkout_shows_the_refused_line_and_the_duties_before_payment(client, shop):
    to_payment(client, shop, [shop.silk, shop.chili], TOKYO)
    page = text(client.get("/en/checkout/payment/"))
    assert "These items cannot be sent there:" in page
    assert "<strong>Nam prik chili paste</strong>: its OTOP star rating is below what this country requires" in page
    assert "Your order travels as 2 parcels, one from each producer:" in page
    assert "the carrier collects them on delivery" in page
    response = client.post("/en/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    assert response.status_code == 200
    assert "This item cannot be sent to your country." in text(response)
    assert not Payment.objects.exists() and not Order.objects.exists()


def test_line_sold_out_before_payment_is_a_message_and_nothing_is_written(client, shop):
    to_payment(client, shop, [shop.silk], BANGKOK)
    Stock.objects.filter(product_variant=shop.silk).update(quantity=0)
    response = client.post("/en/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    assert response.status_code == 200
    assert "Only 0 of Praewa silk scarf left" in text(response)
    assert not Payment.objects.exists() and not Order.objects.exists()


def test_checkout_steps_without_a_cart_go_back_to_the_cart(client, shop):
    for step in ("checkout/", "checkout/shipping/", "checkout/payment/"):
        assert client.get(f"/en/{step}")["Location"] == "/en/cart/"


@pytest.mark.parametrize("path", [
    "/en/cart/add/", "/en/cart/update/", "/en/cart/remove/", "/en/checkout/", "/en/checkout/shipping/",
    "/en/checkout/payment/", "/en/account/sign-in/", "/en/account/sign-up/", "/en/account/password-reset/",
    "/en/account/sign-out/",
])
def test_every_buying_form_needs_the_csrf_token(db, path):
    response = Client(enforce_csrf_checks=True).post(path, {"variant": "UHJvZHVjdFZhcmlhbnQ6MQ==", "quantity": 1})
    assert response.status_code == 403
    assert not Checkout.objects.exists()


def cart_page_queries(client) -> int:
    client.get("/en/cart/")  # the first view after a change writes the header's count to the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/en/cart/").status_code == 200
    return len(queries.captured_queries)


def test_cart_page_queries_do_not_grow_with_its_lines(client, shop):
    add(client, shop.silk)
    one_line = cart_page_queries(client)
    add(client, shop.umbrella)
    add(client, shop.chili)
    assert cart_page_queries(client) == one_line


def test_signed_in_shopper_orders_from_their_own_cart(client, shop):
    user = factories.UserFactory(email="malee@example.com")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    to_payment(client, shop, [shop.umbrella], BANGKOK)
    client.post("/en/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    order = Order.objects.get()
    assert order.user == user
    page = text(client.get("/en/account/"))
    assert f'href="/en/orders/{order.token}/"' in page


def test_signing_in_keeps_the_guest_cart(client, shop):
    factories.UserFactory(email="malee@example.com")
    add(client, shop.silk)
    response = client.post("/en/account/sign-in/", {"username": "malee@example.com", "password": "password"})
    assert response.status_code == 302
    assert Checkout.objects.get().user.email == "malee@example.com"
    assert "Cart (1 item)" in text(client.get("/en/cart/"))


def test_wrong_password_is_a_message_on_the_sign_in_page(client, shop):
    factories.UserFactory(email="malee@example.com")
    response = client.post("/en/account/sign-in/", {"username": "malee@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert 'class="form-errors" role="alert"' in response.content.decode()


def test_sign_in_page_is_limited_like_token_create(client, shop):
    factories.UserFactory(email="malee@example.com", password="the-right-passphrase")
    for n in range(10):
        client.post("/en/account/sign-in/", {"username": "malee@example.com", "password": f"guess-{n}"})

    response = client.post("/en/account/sign-in/", {"username": "malee@example.com", "password": "the-right-passphrase"})

    assert response.status_code == 429
    assert "Too many sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_product_page_variant_number_is_taken_as_that_variant(client, shop):
    response = client.post("/en/cart/add/", {"variant": str(shop.umbrella.pk), "quantity": 1})
    assert response.status_code == 302
    assert Checkout.objects.get().lines.get().variant == shop.umbrella
