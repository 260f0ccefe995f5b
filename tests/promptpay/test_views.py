"""The shopper's PromptPay pages, reached only with their order's token."""
import pytest
from django.core import mail

from plugins.promptpay.models import ChargeStatus
from tests.promptpay.conftest import charge_of, promptpay_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("direct_promptpay")]


@pytest.fixture
def order(api_client, variant):
    return promptpay_order(api_client, variant)


def test_qr_is_an_svg_for_the_orders_token_only(client, order):
    response = client.get(f"/otop/promptpay/orders/{order.token}/qr.svg")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert b"<svg" in response.content and response["Cache-Control"] == "private, no-store"
    assert client.get("/otop/promptpay/orders/00000000-0000-0000-0000-000000000000/qr.svg").status_code == 404
    png = client.get(f"/otop/promptpay/orders/{order.token}/qr.png")
    assert png.content.startswith(b"\x89PNG") and "attachment" in png["Content-Disposition"]


def test_status_json_for_polling(client, order):
    status = client.get(f"/otop/promptpay/orders/{order.token}/status.json").json()
    assert status["status"] == "pending" and status["paid"] is False
    assert (status["amount"], status["currency"], status["reference"]) == ("550.00", "THB", charge_of(order).reference)
    assert 14 * 60 < status["secondsLeft"] <= 15 * 60
    assert client.get("/otop/promptpay/orders/not-a-token/status.json").status_code == 404


def test_page_shows_the_panel_and_no_simulation_without_debug(client, order):
    page = client.get(f"/otop/promptpay/orders/{order.token}/?next=https://evil.example/")
    html = page.content.decode()
    assert f'src="/otop/promptpay/orders/{order.token}/qr.svg"' in html
    assert "550.00 THB" in html and charge_of(order).reference in html
    assert "evil.example" not in html  # a confirmation URL elsewhere is not followed
    assert "Simulate" not in html
    assert client.post(f"/otop/promptpay/orders/{order.token}/simulate-bank-confirmation/").status_code == 404
    assert charge_of(order).status == ChargeStatus.PENDING


def test_simulated_bank_confirmation_with_debug_pays_the_order(client, order, settings):
    settings.DEBUG = True
    assert "Simulate the bank" in client.get(f"/otop/promptpay/orders/{order.token}/").content.decode()
    response = client.post(f"/otop/promptpay/orders/{order.token}/simulate-bank-confirmation/")
    assert response.status_code == 302
    assert charge_of(order).status == ChargeStatus.PAID
    assert client.get(f"/otop/promptpay/orders/{order.token}/status.json").json()["paid"] is True


def test_order_emails_say_it_is_paid_by_promptpay(client, order, settings):
    from saleor.order.emails import send_order_confirmation

    send_order_confirmation(order.pk, "https://shop.otop.test/order/")
    assert "PromptPay QR" in mail.outbox[-1].body
    settings.DEBUG = True
    client.post(f"/otop/promptpay/orders/{order.token}/simulate-bank-confirmation/")
    payment_mail = [message for message in mail.outbox if "Payment received" in message.subject]
    assert len(payment_mail) == 1 and "PromptPay QR" in payment_mail[0].body


def test_simulation_needs_the_pages_csrf_token(order, settings):
    from django.test import Client

    settings.DEBUG = True
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(f"/otop/promptpay/orders/{order.token}/simulate-bank-confirmation/").status_code == 403
    assert charge_of(order).status == ChargeStatus.PENDING
