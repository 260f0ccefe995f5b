"""Every e-mail Saleor 2.10 sends renders from our templates, in Thai and English."""
import pytest
from django.core import mail
from django.urls import NoReverseMatch
from saleor.account import emails as account_emails
from saleor.account.models import StaffNotificationRecipient
from saleor.order import emails as order_emails
from saleor.product.models import DigitalContent, DigitalContentUrl

from tests import factories
from tests.factories import FulfillmentLineFactory, OrderLineFactory

SHOP = "https://shop.otop.test"


@pytest.fixture
def customer(db):
    return factories.UserFactory(email="somchai@example.com")


@pytest.fixture
def order_line(db):
    product = factories.ProductFactory(name="Khao Kriap Wao & Chilli Paste")
    return OrderLineFactory(variant__product=product, order__user_email="somchai@example.com")


@pytest.fixture
def fulfillment_line(order_line):
    return FulfillmentLineFactory(order_line=order_line, fulfillment__order=order_line.order)


ACCOUNT_EMAILS = {
    "account/confirm": (
        lambda user: account_emails.send_account_confirmation_email(user, f"{SHOP}/confirm/"),
        "Confirm your account", f"{SHOP}/confirm/?email=somchai%40example.com&token="),
    "account/password_reset": (
        lambda user: account_emails.send_user_password_reset_email_with_url(f"{SHOP}/reset/", user),
        "Reset your password", f"{SHOP}/reset/?email=somchai%40example.com&token="),
    "account/request_email_change": (
        lambda user: account_emails.send_user_change_email_url(f"{SHOP}/email/", user, "new@example.com", "t0k"),
        "Confirm your new e-mail", f"{SHOP}/email/?token=t0k", "new@example.com"),
    "account/email_changed_notification": (
        lambda user: account_emails.send_user_change_email_notification(user.email),
        "Your account e-mail was changed", "ถูกเปลี่ยนแล้ว"),
    "account/account_delete": (
        lambda user: account_emails.send_account_delete_confirmation_email_with_url(f"{SHOP}/delete/", user),
        "Confirm account deletion", f"{SHOP}/delete/?token="),
    "dashboard/staff/set_password": (
        lambda user: account_emails.send_set_password_email_with_url(f"{SHOP}/staff/", user, staff=True),
        "Set your staff password", f"{SHOP}/staff/?email=somchai%40example.com&token="),
    "dashboard/customer/set_password": (
        lambda user: account_emails.send_set_password_email_with_url(f"{SHOP}/password/", user),
        "Set your account password", f"{SHOP}/password/?email=somchai%40example.com&token="),
}


@pytest.mark.parametrize("template", ACCOUNT_EMAILS)
def test_account_email_renders(template, customer):
    send, subject, body_text, *recipient = ACCOUNT_EMAILS[template]
    send(customer)
    (message,) = mail.outbox
    assert message.to == (recipient or [customer.email])
    assert message.subject.startswith("OTOP Market: ") and message.subject.endswith(subject)
    assert body_text in message.body
    html, _mime = message.alternatives[0]
    assert body_text.replace("&", "&amp;") in html


ORDER_EMAILS = {
    "order/confirm_order": (
        lambda order, fulfillment: order_emails.send_order_confirmation(order.pk, f"{SHOP}/order/"),
        "Order #{pk} received",
        ["Khao Kriap Wao & Chilli Paste × 2", "500.00 THB", "550.00 THB", "50200", f"{SHOP}/order/?token="]),
    "order/staff_confirm_order": (
        lambda order, fulfillment: order_emails.send_staff_order_confirmation(order.pk, f"{SHOP}/order/"),
        "New order #{pk}", ["from somchai@example.com", "Khao Kriap Wao & Chilli Paste × 2"]),
    "order/confirm_fulfillment": (
        lambda order, fulfillment: order_emails.send_fulfillment_confirmation(order.pk, fulfillment.pk),
        "Order #{pk} is on its way", ["Khao Kriap Wao & Chilli Paste × 2", "EF123456789TH"]),
    "order/update_fulfillment": (
        lambda order, fulfillment: order_emails.send_fulfillment_update(order.pk, fulfillment.pk),
        "Shipping update for order #{pk}", ["EF123456789TH"]),
    "order/payment/confirm_payment": (
        lambda order, fulfillment: order_emails.send_payment_confirmation(order.pk),
        "Payment received for order #{pk}", ["payment of 550.00 THB"]),
}


@pytest.mark.parametrize("template", ORDER_EMAILS)
def test_order_email_renders(template, fulfillment_line):
    StaffNotificationRecipient.objects.create(user=factories.StaffFactory(email="orders@otop.example"))
    send, subject, body_texts = ORDER_EMAILS[template]
    order = fulfillment_line.order_line.order
    send(order, fulfillment_line.fulfillment)
    (message,) = mail.outbox
    assert message.subject.startswith("OTOP Market: ") and message.subject.endswith(subject.format(pk=order.pk))
    html, _mime = message.alternatives[0]
    for text in body_texts:
        assert text in message.body
        assert text.replace("&", "&amp;") in html


def test_customer_text_is_escaped_in_html(fulfillment_line):
    address = fulfillment_line.order_line.order.shipping_address
    address.first_name = "<b>Somchai</b>"
    address.save()
    order_emails.send_order_confirmation(fulfillment_line.order_line.order.pk, "")
    html, _mime = mail.outbox[0].alternatives[0]
    assert "&lt;b&gt;Somchai&lt;/b&gt;" in html and "<b>Somchai" not in html


@pytest.fixture
def digital_fulfillment_line(db):
    recipes = factories.ProductTypeFactory(slug="e-book", name="E-book", is_digital=True, is_shipping_required=False)
    order_line = OrderLineFactory(variant__product__product_type=recipes, is_shipping_required=False)
    content = DigitalContent.objects.create(product_variant=order_line.variant, content_file="digital/recipes.pdf")
    DigitalContentUrl.objects.create(content=content, line=order_line)
    return FulfillmentLineFactory(order_line=order_line, fulfillment__order=order_line.order)


def test_fulfillment_email_links_digital_download(digital_fulfillment_line):
    order_line = digital_fulfillment_line.order_line
    order_emails.send_fulfillment_confirmation(order_line.order.pk, digital_fulfillment_line.fulfillment.pk)
    token = DigitalContentUrl.objects.get(line=order_line).token
    assert f"/digital-download/{token}/" in mail.outbox[0].body


def test_without_download_route_digital_fulfillment_email_fails(digital_fulfillment_line, settings):
    settings.ROOT_URLCONF = "tests.support.urls_without_download"
    order_line = digital_fulfillment_line.order_line
    with pytest.raises(NoReverseMatch, match="digital-product"):
        order_emails.send_fulfillment_confirmation(order_line.order.pk, digital_fulfillment_line.fulfillment.pk)
