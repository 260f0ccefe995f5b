"""A producer's phone, in Thai: the order of a shopper arrives, the producer opens it, prints
the packing slip, ships it with a tracking number and sees the sale in its balance."""
from decimal import Decimal

import pytest
from django.test import Client
from saleor.order.models import Fulfillment

from plugins.producer_channels.models import SubOrder
from tests.factories import producer_channels as producer_factories
from tests.web.conftest import horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page, shop_url, user):
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": shop_url}])


def test_the_producer_packs_ships_and_sees_the_sale_in_its_balance(seller_page, shop_url, screenshots):
    page = seller_page
    producer = producer_factories.approved_producer(name_th="วิสาหกิจชุมชนผ้าทอบ้านดอน", name_en="Ban Don Weavers")
    owner = producer_factories.MemberFactory(producer=producer, role="owner").user
    _, scarf = producer_factories.producer_product(producer, price="650.00", quantity=8, sku="PHA-SILK-1")
    order = producer_factories.placed_order([(scarf, 2)])
    producer_factories.pay(order)
    sub_order = SubOrder.objects.get(order=order)
    signed_in(page, shop_url, owner)

    page.goto(f"{shop_url}/seller/orders/")
    page.get_by_role("link", name=f"คำสั่งซื้อ #{order.pk}").click()
    page.get_by_role("heading", name="สินค้าที่ต้องแพ็ก").wait_for()
    assert page.locator("[data-status]").inner_text() == "รอแพ็ก"
    assert horizontal_overflow(page) == 0
    order_shots = screenshots(page, "seller-order")

    with page.context.expect_page() as slip_opened:
        page.get_by_role("link", name="พิมพ์ใบแพ็กสินค้า").click()
    slip = slip_opened.value
    slip.wait_for_load_state()
    assert "PHA-SILK-1" in slip.content()
    screenshots(slip, "seller-packing-slip")
    slip.close()

    page.get_by_label("บริษัทขนส่ง").select_option(label="ไปรษณีย์ไทย EMS")
    page.get_by_label("เลขพัสดุ").fill("EF123456789TH")
    page.get_by_role("button", name="บันทึกว่าส่งแล้ว").click()
    page.get_by_text("ส่งพัสดุแล้ว ผู้ซื้อได้รับเลขพัสดุแล้ว").wait_for()
    assert page.locator("[data-status]").inner_text() == "ส่งแล้ว"
    assert page.locator('[data-tracking="EF123456789TH"]').is_visible()
    screenshots(page, "seller-order-shipped")

    page.get_by_role("link", name="การเงิน").click()
    assert page.locator("[data-balance-total]").inner_text() == "฿1170.00"  # 1,300 less 10 %
    screenshots(page, "seller-money")

    assert Fulfillment.objects.get(order=order).tracking_number == "EF123456789TH"
    assert SubOrder.objects.get(pk=sub_order.pk).net_amount == Decimal("1170.00")
    assert order_shots[0].name == "seller-order-360.png"  # the README's (docs/screenshots/)
