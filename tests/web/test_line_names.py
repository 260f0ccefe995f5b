"""Cart, checkout and order pages name products and variants in the page's language, from
Saleor's translations (ProductTranslation, ProductVariantTranslation), at a fixed number of
queries whatever the number of lines."""
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from saleor.order.models import Order
from saleor.product.models import ProductTranslation, ProductVariantTranslation

from tests.web.shop import BANGKOK, TOKYO, build_shop
from web.storefront.checkout_flow import variant_global_id

pytestmark = pytest.mark.django_db

SILK_TH, SILK_JA, SILK_ZH = "ผ้าพันคอไหมแพรวา", "プレーワー・シルクのスカーフ", "普瑞瓦丝绸围巾"
UMBRELLA_TH, UMBRELLA_JA = "ร่มกระดาษบ่อสร้าง", "ボーサーンの紙傘"
CHILI_JA = "ナムプリック・チリペースト"


@pytest.fixture
def shop():
    shop = build_shop()
    for variant, names in ((shop.silk, {"th": SILK_TH, "ja": SILK_JA, "zh-hans": SILK_ZH}),
                           (shop.umbrella, {"th": UMBRELLA_TH, "ja": UMBRELLA_JA}),
                           (shop.chili, {"ja": CHILI_JA})):
        for language, name in names.items():
            ProductTranslation.objects.create(product=variant.product, language_code=language, name=name)
    shop.silk.name = "Indigo"
    shop.silk.save(update_fields=["name"])
    ProductVariantTranslation.objects.create(product_variant=shop.silk, language_code="th", name="สีคราม")
    ProductVariantTranslation.objects.create(product_variant=shop.silk, language_code="ja", name="藍色")
    return shop


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def add(client, variant):
    assert client.post("/en/cart/add/", {"variant": variant_global_id(variant.pk), "quantity": 1}).status_code == 302


def to_payment(client, address, language):
    assert client.post(f"/{language}/checkout/", {**address, "email": "shopper@example.com"}).status_code == 302
    page = client.get(f"/{language}/checkout/shipping/").content.decode()
    method = re.search(r'name="method" value="([^"]+)"', page).group(1)
    assert client.post(f"/{language}/checkout/shipping/", {"method": method}).status_code == 302


def test_cart_names_its_lines_in_the_pages_language(client, shop):
    add(client, shop.silk)
    add(client, shop.umbrella)

    thai = text(client.get("/th/cart/"))
    japanese = text(client.get("/ja/cart/"))
    english = text(client.get("/en/cart/"))

    assert f"{SILK_TH} <span class=\"cart-line__variant\">สีคราม</span>" in thai and UMBRELLA_TH in thai
    assert "Praewa silk scarf" not in thai
    assert f"{SILK_JA} <span class=\"cart-line__variant\">藍色</span>" in japanese and UMBRELLA_JA in japanese
    assert "Praewa silk scarf <span class=\"cart-line__variant\">Indigo</span>" in english


def test_a_product_without_a_translation_keeps_its_own_name(client, shop):
    add(client, shop.chili)
    assert "Nam prik chili paste" in text(client.get("/th/cart/"))


def test_checkout_pages_name_the_lines_in_the_pages_language(client, shop):
    add(client, shop.silk)
    assert f"1 × {SILK_TH}" in text(client.get("/th/checkout/"))
    to_payment(client, BANGKOK, "th")
    payment = text(client.get("/th/checkout/payment/"))
    assert payment.count(SILK_TH) >= 2  # the order review and the summary
    assert "Praewa silk scarf" not in payment


def test_the_export_check_names_a_refused_line_in_the_pages_language(client, shop):
    add(client, shop.silk)
    add(client, shop.chili)
    to_payment(client, TOKYO, "ja")
    assert f"<strong>{CHILI_JA}</strong>" in text(client.get("/ja/checkout/payment/"))


def test_order_page_names_lines_and_parcels_in_the_pages_language(client, shop):
    add(client, shop.silk)
    add(client, shop.umbrella)
    to_payment(client, BANGKOK, "th")
    client.post("/th/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    order = Order.objects.get()

    thai = text(Client().get(f"/th/orders/{order.token}/"))
    japanese = text(Client().get(f"/ja/orders/{order.token}/"))

    assert f"1 × {SILK_TH} (สีคราม)" in thai and f"1 × {UMBRELLA_TH}" in thai
    assert thai.count(SILK_TH) >= 2  # the parcel and the line list
    assert f"1 × {SILK_JA} (藍色)" in japanese and "Praewa silk scarf" not in japanese


def cart_queries(client, language) -> int:
    client.get(f"/{language}/cart/")
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/{language}/cart/")
    return len(captured.captured_queries)


def test_translated_cart_queries_do_not_grow_with_its_lines(client, shop):
    add(client, shop.silk)
    one_line = cart_queries(client, "ja")
    add(client, shop.umbrella)
    add(client, shop.chili)
    assert cart_queries(client, "ja") == one_line


def order_queries(token, language) -> int:
    client = Client()
    client.get(f"/{language}/orders/{token}/")
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/{language}/orders/{token}/")
    return len(captured.captured_queries)


def test_translated_order_page_queries_do_not_grow_with_its_lines(client, shop):
    add(client, shop.silk)
    to_payment(client, BANGKOK, "en")
    client.post("/en/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    one_line = order_queries(Order.objects.get().token, "th")

    other = Client()
    for variant in (shop.silk, shop.umbrella, shop.chili):
        add(other, variant)
    to_payment(other, BANGKOK, "en")
    other.post("/en/checkout/payment/", {"gateway": "mirumee.payments.dummy"})

    assert order_queries(Order.objects.latest("pk").token, "th") == one_line


@pytest.mark.parametrize("language, name", [
    ("th", SILK_TH), ("en", "Praewa silk scarf"), ("ja", SILK_JA), ("zh-hans", SILK_ZH),
])
def test_a_guest_buys_in_each_of_the_shops_languages(client, shop, language, name):
    assert client.post(f"/{language}/cart/add/", {"variant": variant_global_id(shop.silk.pk), "quantity": 1}
                       ).status_code == 302
    assert name in text(client.get(f"/{language}/cart/"))
    to_payment(client, BANGKOK, language)
    response = client.post(f"/{language}/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    order = Order.objects.get()
    assert response["Location"] == f"/{language}/orders/{order.token}/"
    page = client.get(response["Location"])
    assert page["Content-Language"] == language
    assert f"1 × {name}" in text(page)
