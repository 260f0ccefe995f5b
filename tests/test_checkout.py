"""The commerce backend through our host, over HTTP GraphQL: a guest buys OTOP goods
for a Thai address and pays with Saleor's Dummy gateway or by card through Saleor's
Stripe gateway (against localstripe); staff read, capture and refund."""
import pytest
import stripe
from graphene import Node
from saleor.order.models import Order
from saleor.payment.models import Payment

from tests import factories
from tests.support.localstripe import (  # noqa: F401 - fixtures
    SECRET_KEY,
    card_payment_method,
    localstripe_url,
    stripe_gateway,
)

pytestmark = pytest.mark.django_db

CHIANG_MAI = {
    "firstName": "Malee", "lastName": "Srisuk", "streetAddress1": "239 Huay Kaew Road",
    "cityArea": "Suthep", "city": "Mueang Chiang Mai", "countryArea": "Chiang Mai",
    "postalCode": "50200", "country": "TH", "phone": "+66812345678",
}
ERRORS = "{ field code message }"
CHECKOUT_CREATE = f"""mutation ($input: CheckoutCreateInput!) {{
  checkoutCreate(input: $input) {{ checkout {{ id }} checkoutErrors {ERRORS} }} }}"""
SHIPPING_ADDRESS = f"""mutation ($id: ID!, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(checkoutId: $id, shippingAddress: $address) {{
    checkout {{ availableShippingMethods {{ id name }} }} checkoutErrors {ERRORS} }} }}"""
SHIPPING_METHOD = f"""mutation ($id: ID!, $method: ID!) {{
  checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {{
    checkout {{ totalPrice {{ gross {{ amount }} }} }} checkoutErrors {ERRORS} }} }}"""
BILLING_ADDRESS = f"""mutation ($id: ID!, $address: AddressInput!) {{
  checkoutBillingAddressUpdate(checkoutId: $id, billingAddress: $address) {{ checkoutErrors {ERRORS} }} }}"""
PAYMENT_CREATE = f"""mutation ($id: ID!, $input: PaymentInput!) {{
  checkoutPaymentCreate(checkoutId: $id, input: $input) {{ paymentErrors {ERRORS} }} }}"""
CHECKOUT_COMPLETE = f"""mutation ($id: ID!) {{
  checkoutComplete(checkoutId: $id) {{
    order {{ id number status paymentStatus total {{ gross {{ amount currency }} }}
             shippingAddress {{ postalCode }} payments {{ id }} }}
    checkoutErrors {ERRORS} }} }}"""
ORDER = """query ($id: ID!) { order(id: $id) {
  number userEmail paymentStatus lines { productName quantity } shippingAddress { city postalCode } } }"""
PAYMENT_CAPTURE = f"""mutation ($id: ID!, $amount: Decimal) {{
  paymentCapture(paymentId: $id, amount: $amount) {{ payment {{ chargeStatus capturedAmount {{ amount }} }}
    paymentErrors {ERRORS} }} }}"""
PAYMENT_REFUND = f"""mutation ($id: ID!, $amount: Decimal) {{
  paymentRefund(paymentId: $id, amount: $amount) {{ payment {{ chargeStatus capturedAmount {{ amount }} }}
    paymentErrors {ERRORS} }} }}"""
MANUAL_CAPTURE = """mutation { pluginUpdate(id: "mirumee.payments.stripe",
  input: {configuration: [{name: "Automatic payment capture", value: "false"}]}) { pluginsErrors { field message } } }"""


@pytest.fixture
def variant():
    """An OTOP good at 250 THB in a Chiang Mai warehouse shipping to Thailand for 50 THB."""
    zone = factories.ShippingZoneFactory(name="Thailand")
    factories.ShippingMethodFactory(shipping_zone=zone)
    stock = factories.StockFactory(product_variant__product__name="Bo Sang paper umbrella")
    stock.warehouse.shipping_zones.add(zone)
    return stock.product_variant


def step(api_client, query, variables, mutation, errors="checkoutErrors", permissions=None):
    result = api_client.data(query, variables, permissions)[mutation]
    assert result[errors] == [], result[errors]
    return result


def place_order(api_client, variant, *, gateway, token) -> dict:
    checkout_id = step(api_client, CHECKOUT_CREATE, {"input": {
        "email": "malee@example.com", "lines": [{"variantId": Node.to_global_id("ProductVariant", variant.pk), "quantity": 2}],
    }}, "checkoutCreate")["checkout"]["id"]
    methods = step(api_client, SHIPPING_ADDRESS, {"id": checkout_id, "address": CHIANG_MAI},
                   "checkoutShippingAddressUpdate")["checkout"]["availableShippingMethods"]
    total = step(api_client, SHIPPING_METHOD, {"id": checkout_id, "method": methods[0]["id"]},
                 "checkoutShippingMethodUpdate")["checkout"]["totalPrice"]["gross"]["amount"]
    step(api_client, BILLING_ADDRESS, {"id": checkout_id, "address": CHIANG_MAI}, "checkoutBillingAddressUpdate")
    step(api_client, PAYMENT_CREATE, {"id": checkout_id, "input": {"gateway": gateway, "token": token, "amount": total}},
         "checkoutPaymentCreate", errors="paymentErrors")
    return step(api_client, CHECKOUT_COMPLETE, {"id": checkout_id}, "checkoutComplete")["order"]


def stripe_intent(payment_id: str) -> stripe.PaymentIntent:
    """The PaymentIntent as localstripe holds it, read with the Stripe SDK."""
    payment = Payment.objects.get(pk=Node.from_global_id(payment_id)[1])
    return stripe.PaymentIntent.retrieve(payment.transactions.first().token, api_key=SECRET_KEY)


def test_guest_checkout_to_chiang_mai_paid_with_dummy_gateway_places_order(api_client, variant):
    order = place_order(api_client, variant, gateway="mirumee.payments.dummy", token="fully-charged")
    assert order["status"] == "UNFULFILLED"
    assert order["paymentStatus"] == "FULLY_CHARGED"
    assert order["total"]["gross"] == {"amount": 550.0, "currency": "THB"}
    assert order["shippingAddress"]["postalCode"] == "50200"


@pytest.mark.usefixtures("stripe_gateway")
def test_card_checkout_through_stripe_charges_at_stripe(api_client, variant):
    order = place_order(api_client, variant, gateway="mirumee.payments.stripe", token=card_payment_method())
    assert order["paymentStatus"] == "FULLY_CHARGED"
    intent = stripe_intent(order["payments"][0]["id"])
    assert (intent.status, intent.amount, intent.currency) == ("succeeded", 55000, "thb")


@pytest.mark.usefixtures("stripe_gateway")
def test_declined_card_gets_a_payment_error_and_no_order(api_client, variant):
    with pytest.raises(AssertionError, match="PAYMENT_ERROR.*declined"):
        place_order(api_client, variant, gateway="mirumee.payments.stripe",
                    token=card_payment_method("4000000000000341"))
    assert not Order.objects.exists()


@pytest.mark.usefixtures("stripe_gateway")
def test_staff_captures_an_authorized_card_payment(api_client, staff_api_client, variant):
    staff_api_client.data(MANUAL_CAPTURE, permissions=["plugins.manage_plugins"])
    order = place_order(api_client, variant, gateway="mirumee.payments.stripe", token=card_payment_method())
    assert order["paymentStatus"] == "NOT_CHARGED"
    capture = step(staff_api_client, PAYMENT_CAPTURE, {"id": order["payments"][0]["id"], "amount": "550"},
                   "paymentCapture", errors="paymentErrors", permissions=["order.manage_orders"])
    assert capture["payment"]["chargeStatus"] == "FULLY_CHARGED"
    assert stripe_intent(order["payments"][0]["id"]).status == "succeeded"


@pytest.mark.usefixtures("stripe_gateway")
def test_staff_refunds_part_of_a_card_payment(api_client, staff_api_client, variant):
    order = place_order(api_client, variant, gateway="mirumee.payments.stripe", token=card_payment_method())
    refund = step(staff_api_client, PAYMENT_REFUND, {"id": order["payments"][0]["id"], "amount": "100"},
                  "paymentRefund", errors="paymentErrors", permissions=["order.manage_orders"])
    assert refund["payment"]["chargeStatus"] == "PARTIALLY_REFUNDED"
    assert refund["payment"]["capturedAmount"]["amount"] == 450
    intent = stripe_intent(order["payments"][0]["id"])
    assert intent.charges.data[0].amount_refunded == 10000


def test_staff_reads_the_order_with_a_token(api_client, staff_api_client, variant):
    order = place_order(api_client, variant, gateway="mirumee.payments.dummy", token="fully-charged")
    read = staff_api_client.data(ORDER, {"id": order["id"]}, permissions=["order.manage_orders"])["order"]
    assert read["userEmail"] == "malee@example.com"
    assert read["lines"] == [{"productName": "Bo Sang paper umbrella", "quantity": 2}]


def test_customer_without_permission_cannot_read_the_order(api_client, user_api_client, variant):
    order = place_order(api_client, variant, gateway="mirumee.payments.dummy", token="fully-charged")
    user_api_client.assert_refused(ORDER, {"id": order["id"]})
