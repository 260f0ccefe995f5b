"""The storefront's checkout module runs Saleor's own mutations in-process: Saleor's rules and the
plugins' hooks apply, refusals come back as field errors, and a refused step writes nothing."""
import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import MiddlewareNotUsed
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils.module_loading import import_string
from saleor.checkout.models import Checkout
from saleor.order.models import Order

from tests import factories
from tests.web.shop import BANGKOK, TOKYO, build_shop
from web.storefront import checkout_flow as flow

pytestmark = pytest.mark.django_db


def shopper_request(user=None):
    """A request that went through the project's middleware, as a storefront view receives it."""
    captured = {}

    def view(request):
        captured["request"] = request
        return HttpResponse()

    handler = view
    for path in reversed(settings.MIDDLEWARE):
        try:
            handler = import_string(path)(handler)
        except MiddlewareNotUsed:
            pass
    handler(RequestFactory().get("/en/cart/"))
    request = captured["request"]
    if not hasattr(request, "session"):
        from django.contrib.sessions.backends.db import SessionStore
        request.session = SessionStore()
    request.user = user or AnonymousUser()
    return request


@pytest.fixture
def shop():
    return build_shop()


def gid(variant):
    return flow.variant_global_id(variant.pk)


def test_guest_cart_across_two_producers_in_one_checkout(shop):
    request = shopper_request()
    flow.cart_lines_add(request=request, variant_id=gid(shop.silk), quantity=1)
    flow.cart_lines_add(request=request, variant_id=gid(shop.umbrella), quantity=2)
    cart = flow.cart_read(request=request)
    assert [(line["variant"]["product"]["name"], line["quantity"]) for line in cart["lines"]] == [
        ("Praewa silk scarf", 1), ("Bo Sang paper umbrella", 2)]
    assert cart["totalPrice"]["gross"] == {"amount": 1900.0, "currency": "THB"}
    assert Checkout.objects.count() == 1


def test_quantity_over_saleors_limit_is_refused_and_nothing_written(shop):
    request = shopper_request()
    token = flow.cart_lines_add(request=request, variant_id=gid(shop.silk), quantity=1)
    with pytest.raises(flow.CheckoutFlowError) as refused:
        flow.cart_line_quantity_set(request=request, token=token, variant_id=gid(shop.silk), quantity=10_000)
    assert refused.value.errors[0].code == "QUANTITY_GREATER_THAN_LIMIT"
    assert Checkout.objects.get(token=token).lines.get().quantity == 1


def test_more_than_the_stock_is_refused(shop):
    request = shopper_request()
    with pytest.raises(flow.CheckoutFlowError) as refused:
        flow.cart_lines_add(request=request, variant_id=gid(shop.silk), quantity=settings.MAX_CHECKOUT_LINE_QUANTITY)
    assert refused.value.errors[0].code == "INSUFFICIENT_STOCK"
    assert not Checkout.objects.exists()


def test_address_breaking_the_countrys_rules_is_an_error_on_its_field(shop):
    request = shopper_request()
    token = flow.cart_lines_add(request=request, variant_id=gid(shop.silk), quantity=1)
    with pytest.raises(flow.CheckoutFlowError) as refused:
        flow.checkout_shipping_address_set(request=request, token=token, address={**TOKYO, "postal_code": "ABC"})
    assert [(error.field, error.code) for error in refused.value.errors] == [("postal_code", "INVALID")]
    assert Checkout.objects.get(token=token).shipping_address is None


def test_signed_in_shopper_keeps_the_guest_cart(shop):
    user = factories.UserFactory(email="somsri@example.com")
    guest = shopper_request()
    guest_token = flow.cart_lines_add(request=guest, variant_id=gid(shop.silk), quantity=1)
    signed_in = shopper_request(user)
    flow.cart_adopt_on_sign_in(request=signed_in, guest_token=guest_token)
    cart = flow.cart_read(request=signed_in)
    assert cart["token"] == guest_token
    assert Checkout.objects.get(token=guest_token).user == user


def test_signed_in_shoppers_guest_lines_join_their_own_cart(shop):
    user = factories.UserFactory(email="somsri@example.com")
    own_token = flow.cart_lines_add(request=shopper_request(user), variant_id=gid(shop.umbrella), quantity=1)
    guest = shopper_request()
    guest_token = flow.cart_lines_add(request=guest, variant_id=gid(shop.silk), quantity=1)
    signed_in = shopper_request(user)
    flow.cart_adopt_on_sign_in(request=signed_in, guest_token=guest_token)
    cart = flow.cart_read(request=signed_in)
    assert cart["token"] == own_token
    assert sorted(line["variant"]["product"]["name"] for line in cart["lines"]) == [
        "Bo Sang paper umbrella", "Praewa silk scarf"]


def checkout_to(request, shop, address, variants):
    token = None
    for variant in variants:
        token = flow.cart_lines_add(request=request, variant_id=gid(variant), quantity=1)
    flow.checkout_email_set(request=request, token=token, email="shopper@example.com")
    flow.checkout_shipping_address_set(request=request, token=token, address=address)
    flow.checkout_billing_address_set(request=request, token=token, address=address)
    cart = flow.cart_read(request=request)
    flow.checkout_shipping_method_set(request=request, token=token, method_id=cart["availableShippingMethods"][0]["id"])
    return token


def test_bangkok_order_paid_with_dummy_gateway_has_one_parcel_per_producer(shop):
    request = shopper_request()
    token = checkout_to(request, shop, BANGKOK, [shop.silk, shop.umbrella])
    total = flow.cart_read(request=request)["totalPrice"]["gross"]["amount"]
    placed = flow.checkout_pay_and_complete(request=request, token=token, gateway="mirumee.payments.dummy",
                                            payment_token="fully-charged", amount=total)
    order = flow.order_by_token(request=request, token=placed["token"])
    assert order["paymentStatus"] == "FULLY_CHARGED"
    assert sorted(sub["producer"]["nameEn"] for sub in order["otop"]["subOrders"]) == [
        "Bo Sang Umbrella Makers", "Praewa Silk Group"]
    assert flow.cart_read(request=request) is None


def test_export_check_to_japan_names_the_refused_line_and_checkout_complete_refuses(shop):
    request = shopper_request()
    token = checkout_to(request, shop, TOKYO, [shop.silk, shop.chili])
    check = flow.checkout_export_check(request=request, token=token)
    assert check["abroad"] and not check["ok"]
    refused = [line for line in check["lines"] if not line["eligible"]]
    assert [line["productName"] for line in refused] == ["Nam prik chili paste"]
    assert len(check["parcels"]) == 2
    total = flow.cart_read(request=request)["totalPrice"]["gross"]["amount"]
    with pytest.raises(flow.CheckoutFlowError) as completing:
        flow.checkout_pay_and_complete(request=request, token=token, gateway="mirumee.payments.dummy",
                                       payment_token="fully-charged", amount=total)
    assert "lines" in {error.field for error in completing.value.errors}
    assert not Order.objects.exists()
    assert Checkout.objects.filter(token=token).exists()


def test_address_rules_of_japan_come_from_saleor(shop):
    rules = flow.address_rules(request=shopper_request(), country="JP")
    assert "postalCode" in rules["requiredFields"] and rules["countryAreaChoices"]
