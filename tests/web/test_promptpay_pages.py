"""PromptPay in the shop's checkout, over HTTP: offered to THB checkouts as the gateway decides,
the order placed unpaid with its stock held, the QR panel on the order page in the page's
language, polled with htmx until the bank's word, and an expired QR paid again or cancelled."""
import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone
from saleor.checkout.models import Checkout
from saleor.order import OrderStatus
from saleor.order.models import Order
from saleor.warehouse.models import Allocation, Stock

from plugins.promptpay import services
from plugins.promptpay.models import BankTransferSource, ChargeStatus, PromptPayCharge
from tests.promptpay.conftest import direct_promptpay  # noqa: F401 - a fixture
from tests.web.shop import BANGKOK, build_shop
from tests.web.test_buying_pages import add, choose_first_shipping, details, text
from web.storefront.payment_methods import payment_methods_offered

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("direct_promptpay")]
GATEWAY = "otop.promptpay"
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def shop():
    return build_shop()


def to_payment(client, shop, language="en", quantity=1):
    assert add(client, shop.silk, quantity, language=language).status_code == 302
    assert details(client, BANGKOK, language).status_code == 302
    assert choose_first_shipping(client, language).status_code == 302


def pay_by_promptpay(client, shop, language="en"):
    to_payment(client, shop, language)
    response = client.post(f"/{language}/checkout/payment/", {"gateway": GATEWAY})
    assert response.status_code == 302, text(response)
    order = Order.objects.get()
    assert response["Location"] == f"/{language}/orders/{order.token}/#promptpay-panel"
    return order


def charge_of(order) -> PromptPayCharge:
    return PromptPayCharge.objects.get(payment__order=order)


def held(variant) -> int:
    return sum(Allocation.objects.filter(stock__product_variant=variant).values_list("quantity_allocated", flat=True))


def test_payment_page_offers_promptpay_to_a_thb_checkout(client, shop):
    to_payment(client, shop)
    page = text(client.get("/en/checkout/payment/"))
    assert f'value="{GATEWAY}"' in page and "PromptPay QR" in page
    assert "Pay within 15 minutes" in page


def test_promptpay_is_offered_only_when_saleor_lists_its_gateway():
    # Saleor lists otop.promptpay for THB checkouts only (tests/promptpay/test_direct_mode.py):
    # the shop offers what Saleor lists, and decides nothing itself.
    promptpay = {"id": GATEWAY, "name": "PromptPay", "config": [{"field": "qr_expiry_minutes", "value": "15"}]}
    dummy = {"id": "mirumee.payments.dummy", "name": "Dummy", "config": []}
    assert [method.id for method in payment_methods_offered(available_gateways=[dummy])] == [dummy["id"]]
    offered = payment_methods_offered(available_gateways=[dummy, promptpay])
    assert [method.id for method in offered] == [GATEWAY, dummy["id"]]
    assert offered[0].fixed_token == "promptpay" and offered[0].config == {"qr_expiry_minutes": "15"}


def test_paying_by_promptpay_places_the_order_unpaid_with_its_stock_held_and_shows_the_qr(client, shop):
    order = pay_by_promptpay(client, shop)
    charge = charge_of(order)
    assert not order.is_fully_paid() and order.status == OrderStatus.UNFULFILLED
    assert held(shop.silk) == 1 and charge.amount == Decimal("1320.00")
    page = text(client.get(f"/en/orders/{order.token}/"))
    assert f'src="/otop/promptpay/orders/{order.token}/qr.svg"' in page
    assert "1320.00 THB" in page and charge.reference in page
    assert re.search(r"data-promptpay-countdown[^>]*>1[45]:[0-5]\d</time>", page)  # the time left, as text
    deadline = timezone.localtime(charge.expires_at).strftime("%H:%M")
    assert f"pay before {deadline}, Thailand time" in page
    assert f'hx-get="/en/orders/{order.token}/promptpay/" hx-trigger="every 3s"' in page
    assert "Thank you for your order!" not in page  # not before the money arrives


def test_the_panel_speaks_the_pages_language(client, shop):
    order = pay_by_promptpay(client, shop, language="th")
    page = text(client.get(f"/th/orders/{order.token}/"))
    assert "ชำระเงินด้วยพร้อมเพย์" in page and "Pay with PromptPay" not in page
    for language, heading in (("ja", "PromptPayで支払う"), ("zh-hans", "使用 PromptPay 付款")):
        assert heading in text(client.get(f"/{language}/orders/{order.token}/promptpay/", **HTMX))


def test_the_polled_panel_turns_paid_when_the_bank_confirms_and_stops_polling(client, shop):
    order = pay_by_promptpay(client, shop)
    polled = client.get(f"/en/orders/{order.token}/promptpay/", **HTMX)
    assert polled.status_code == 200 and "<html" not in polled.content.decode()
    assert "Waiting for your payment" in text(polled) and "hx-trigger" in text(polled)
    charge = charge_of(order)
    services.bank_transfer_record(bank_transaction_id="KB-1", reference=charge.reference, amount=charge.amount,
                                  booked_at=None, source=BankTransferSource.STATEMENT)
    paid = text(client.get(f"/en/orders/{order.token}/promptpay/", **HTMX))
    assert "Payment received. Thank you!" in paid and "hx-trigger" not in paid and "qr.svg" not in paid
    order.refresh_from_db()
    assert order.is_fully_paid()


def test_the_panel_address_without_htmx_is_the_order_page(client, shop):
    order = pay_by_promptpay(client, shop)
    response = client.get(f"/en/orders/{order.token}/promptpay/")
    assert response.status_code == 302 and response["Location"] == f"/en/orders/{order.token}/"


def test_a_qr_past_its_time_shows_expired_with_pay_again_and_cancel(client, shop):
    order = pay_by_promptpay(client, shop)
    PromptPayCharge.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    page = text(client.get(f"/en/orders/{order.token}/promptpay/", **HTMX))
    assert "This PromptPay QR has expired" in page and "hx-trigger" not in page and "qr.svg" not in page
    assert f'action="/en/orders/{order.token}/promptpay/again/"' in page
    assert f'action="/en/orders/{order.token}/promptpay/cancel/"' in page
    # The minute's expiry task cancels the order: the panel says so and offers paying again.
    services.charges_expire_due()
    page = text(client.get(f"/en/orders/{order.token}/"))
    assert "This QR has expired and the order was cancelled." in page
    assert "/promptpay/again/" in page and "/promptpay/cancel/" not in page


def test_paying_again_puts_the_goods_back_in_the_cart_and_goes_to_payment(client, shop):
    order = pay_by_promptpay(client, shop)
    PromptPayCharge.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    response = client.post(f"/en/orders/{order.token}/promptpay/again/")
    assert response.status_code == 302 and response["Location"] == "/en/checkout/payment/"
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED and charge_of(order).status == ChargeStatus.EXPIRED
    assert held(shop.silk) == 0  # the first order's stock went back on sale
    checkout = Checkout.objects.get()
    assert [(line.variant_id, line.quantity) for line in checkout.lines.all()] == [(shop.silk.pk, 1)]
    assert checkout.email == "somsri@example.com" and checkout.shipping_address.postal_code == "10110"
    # Pressed twice (a double tap, a retried request): the cart is as after once.
    assert client.post(f"/en/orders/{order.token}/promptpay/again/")["Location"] == "/en/checkout/payment/"
    assert list(Checkout.objects.get().lines.values_list("quantity", flat=True)) == [1]
    assert client.post("/en/checkout/payment/", {"gateway": GATEWAY}).status_code == 302
    second = Order.objects.exclude(pk=order.pk).get()
    assert charge_of(second).reference != charge_of(order).reference and held(shop.silk) == 1


def test_paying_again_before_the_qrs_time_is_up_changes_nothing(client, shop):
    order = pay_by_promptpay(client, shop)
    response = client.post(f"/en/orders/{order.token}/promptpay/again/")
    assert response["Location"] == f"/en/orders/{order.token}/"
    assert charge_of(order).status == ChargeStatus.PENDING and not Checkout.objects.exists()


def test_paying_again_when_the_goods_sold_out_meanwhile_is_a_message(client, shop):
    order = pay_by_promptpay(client, shop)
    services.charges_expire_due(now=charge_of(order).expires_at)
    Stock.objects.filter(product_variant=shop.silk).update(quantity=0)
    response = client.post(f"/en/orders/{order.token}/promptpay/again/", follow=True)
    assert response.redirect_chain[-1][0] == "/en/cart/"
    assert 'role="alert"' in response.content.decode() or "notice--error" in response.content.decode()
    assert not Checkout.objects.filter(lines__isnull=False).exists()


def test_the_shopper_cancels_an_unpaid_order_and_its_stock_is_released(client, shop):
    order = pay_by_promptpay(client, shop)
    response = client.post(f"/en/orders/{order.token}/promptpay/cancel/", follow=True)
    assert "Your order was cancelled; nothing was charged." in text(response)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED and held(shop.silk) == 0
    assert charge_of(order).status == ChargeStatus.EXPIRED
    # Money arriving after it is kept for staff, never lost.
    charge = charge_of(order)
    outcome = services.bank_transfer_record(bank_transaction_id="KB-9", reference=charge.reference,
                                            amount=charge.amount, booked_at=None, source=BankTransferSource.STATEMENT)
    assert outcome.outcome == "late" and charge_of(order).status == ChargeStatus.NEEDS_REVIEW


def test_cancelling_a_paid_order_changes_nothing(client, shop):
    order = pay_by_promptpay(client, shop)
    charge = charge_of(order)
    services.bank_transfer_record(bank_transaction_id="KB-1", reference=charge.reference, amount=charge.amount,
                                  booked_at=None, source=BankTransferSource.STATEMENT)
    client.post(f"/en/orders/{order.token}/promptpay/cancel/")
    order.refresh_from_db()
    assert order.is_fully_paid() and order.status == OrderStatus.UNFULFILLED


@pytest.mark.parametrize("action", ["cancel", "again"])
def test_promptpay_actions_need_the_csrf_token_and_the_orders_token(client, shop, action):
    order = pay_by_promptpay(client, shop)
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(f"/en/orders/{order.token}/promptpay/{action}/").status_code == 403
    unknown = "00000000-0000-0000-0000-000000000000"
    assert client.post(f"/en/orders/{unknown}/promptpay/{action}/").status_code == 404
    assert client.get(f"/en/orders/{unknown}/promptpay/", **HTMX).status_code == 404
    assert charge_of(order).status == ChargeStatus.PENDING


def test_an_order_paid_otherwise_has_no_panel(client, shop):
    to_payment(client, shop)
    client.post("/en/checkout/payment/", {"gateway": "mirumee.payments.dummy"})
    order = Order.objects.get()
    assert "promptpay" not in text(client.get(f"/en/orders/{order.token}/")).lower()
    assert client.get(f"/en/orders/{order.token}/promptpay/", **HTMX).status_code == 404


def test_polling_the_panel_runs_a_fixed_number_of_queries(client, shop, django_assert_max_num_queries):
    order = pay_by_promptpay(client, shop)
    client.get(f"/en/orders/{order.token}/promptpay/", **HTMX)
    with django_assert_max_num_queries(6):
        client.get(f"/en/orders/{order.token}/promptpay/", **HTMX)


def test_the_demos_simulated_bank_confirmation_returns_to_the_order_page(client, shop, settings):
    order = pay_by_promptpay(client, shop)
    assert "Simulate the bank" not in text(client.get(f"/en/orders/{order.token}/"))  # DEBUG off
    settings.DEBUG = True
    page = text(client.get(f"/en/orders/{order.token}/"))
    assert f'action="/otop/promptpay/orders/{order.token}/simulate-bank-confirmation/"' in page
    response = client.post(f"/otop/promptpay/orders/{order.token}/simulate-bank-confirmation/",
                           {"next": f"/en/orders/{order.token}/"})
    assert response.status_code == 302 and response["Location"] == f"/en/orders/{order.token}/"
    assert "Payment received. Thank you!" in text(client.get(response["Location"]))
    order.refresh_from_db()
    assert order.is_fully_paid()
