"""A shopper abroad over HTTP GraphQL: early answer, refusals before payment, duty estimates."""
from decimal import Decimal

import pytest
from graphene import Node
from saleor.order.models import Order
from saleor.payment.models import Payment

from plugins.export_markets.choices import DutyTerms, ShippingService
from plugins.export_markets.models import CustomsDeclarationPdf
from plugins.export_markets.services import product_eligibility_recompute
from tests import factories
from tests.factories.export_markets import (
    MarketFactory,
    allow_service,
    duty_rate,
    map_shipping_method,
    otop_product,
    set_rate,
)

pytestmark = pytest.mark.django_db

TOKYO = {
    "firstName": "Hanako", "lastName": "Sato", "streetAddress1": "1-1 Chiyoda", "city": "Chiyoda-ku",
    "countryArea": "Tokyo", "postalCode": "100-0001", "country": "JP", "phone": "+81312345678",
}
PARIS = {
    "firstName": "Marie", "lastName": "Martin", "streetAddress1": "10 Rue de Rivoli", "city": "Paris",
    "postalCode": "75001", "country": "FR",
}
ERRORS = "{ field code message }"
CHECKOUT_CREATE = f"""mutation ($input: CheckoutCreateInput!) {{
  checkoutCreate(input: $input) {{ checkout {{ id token }} checkoutErrors {ERRORS} }} }}"""
SHIPPING_METHOD = f"""mutation ($id: ID!, $method: ID!) {{
  checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {{
    checkout {{ totalPrice {{ gross {{ amount }} }} }} checkoutErrors {ERRORS} }} }}"""
PAYMENT_CREATE = f"""mutation ($id: ID!, $input: PaymentInput!) {{
  checkoutPaymentCreate(checkoutId: $id, input: $input) {{ paymentErrors {ERRORS} }} }}"""
CHECKOUT_COMPLETE = """mutation ($id: ID!) {
  checkoutComplete(checkoutId: $id) {
    order { id total { gross { amount currency } } }
    checkoutErrors { field code message exportCode variantId } } }"""
EXPORT_CHECK = """query ($token: UUID!) { checkoutExportCheck(token: $token) {
  abroad ok dutiesCollectedAtCheckout shippingService chargeCurrency displayCurrency
  lines { variantId eligible reasons { code message } }
  parcels { weightGrams deMinimisApplies }
  errors { field code message }
  duty { amount } tax { amount } total { amount currency }
  displayTotal { amount currency } displayDutyAndTax { amount currency } } }"""


@pytest.fixture
def japan():
    """Japan: DAP, 5 % duty and 10 % tax by default; EMS World and ePacket; 4 yen to the baht."""
    market = MarketFactory(country="JP")
    allow_service(market, ShippingService.EMS_WORLD, 30_000)
    allow_service(market, ShippingService.EPACKET, 2_000)
    set_rate("JPY", "4")
    return market


@pytest.fixture
def warehouse():
    zone = factories.ShippingZoneFactory(name="Abroad", countries=["JP", "FR", "TH"])
    ems = factories.ShippingMethodFactory(shipping_zone=zone, name="EMS World")
    epacket = factories.ShippingMethodFactory(shipping_zone=zone, name="ePacket")
    map_shipping_method(ems, ShippingService.EMS_WORLD)
    map_shipping_method(epacket, ShippingService.EPACKET)
    house = factories.WarehouseFactory()
    house.shipping_zones.add(zone)
    house.methods = {"EMS": ems, "EPACKET": epacket}
    return house


def sellable(warehouse, **product_kwargs):
    product = otop_product(**product_kwargs)
    variant = factories.ProductVariantFactory(product=product)
    factories.StockFactory(product_variant=variant, warehouse=warehouse)
    return variant


def gid(kind, pk):
    return Node.to_global_id(kind, pk)


def step(api_client, query, variables, mutation, errors="checkoutErrors"):
    result = api_client.data(query, variables)[mutation]
    assert result[errors] == [], result[errors]
    return result


def start_checkout(api_client, warehouse, lines, *, address=TOKYO, method="EMS"):
    """A checkout with shipping and billing address, shipping method and a Dummy payment; recomputes eligibility."""
    product_eligibility_recompute()
    checkout = step(api_client, CHECKOUT_CREATE, {"input": {
        "email": "hanako@example.com",
        "lines": [{"variantId": gid("ProductVariant", variant.pk), "quantity": quantity} for variant, quantity in lines],
        "shippingAddress": address, "billingAddress": address,
    }}, "checkoutCreate")["checkout"]
    total = step(api_client, SHIPPING_METHOD, {"id": checkout["id"], "method": gid("ShippingMethod", warehouse.methods[method].pk)},
                 "checkoutShippingMethodUpdate")["checkout"]["totalPrice"]["gross"]["amount"]
    step(api_client, PAYMENT_CREATE, {"id": checkout["id"], "input": {
        "gateway": "mirumee.payments.dummy", "token": "fully-charged", "amount": total}}, "checkoutPaymentCreate", "paymentErrors")
    return checkout, total


def export_check(api_client, checkout):
    return api_client.data(EXPORT_CHECK, {"token": checkout["token"]})["checkoutExportCheck"]


def complete(api_client, checkout):
    return api_client.data(CHECKOUT_COMPLETE, {"id": checkout["id"]})["checkoutComplete"]


def test_shopper_learns_before_payment_which_lines_cannot_go(api_client, japan, warehouse):
    good = sellable(warehouse, stars=5)
    low = sellable(warehouse, stars=3)
    checkout, _total = start_checkout(api_client, warehouse, [(good, 1), (low, 1)])
    check = export_check(api_client, checkout)
    assert check["abroad"] and not check["ok"]
    assert [line["eligible"] for line in check["lines"]] == [True, False]
    assert check["lines"][1]["reasons"] == [{"code": "STARS_BELOW_MINIMUM", "message": "stars 3 below market minimum 4"}]
    assert [error["code"] for error in check["errors"]] == ["NOT_ELIGIBLE"]


def test_complete_refuses_each_ineligible_line_and_creates_no_order(api_client, japan, warehouse):
    good = sellable(warehouse, stars=5, name="Dried mango")
    low = sellable(warehouse, stars=3, name="Chili paste")
    unrated = sellable(warehouse, stars=None, name="Herbal balm")
    checkout, _total = start_checkout(api_client, warehouse, [(good, 1), (low, 1), (unrated, 1)])
    result = complete(api_client, checkout)
    assert result["order"] is None
    assert result["checkoutErrors"] == [
        {"field": "lines", "code": "INVALID", "exportCode": "NOT_ELIGIBLE", "variantId": gid("ProductVariant", low.pk),
         "message": "Chili paste cannot be sent to Japan: stars 3 below market minimum 4."},
        {"field": "lines", "code": "INVALID", "exportCode": "NOT_ELIGIBLE", "variantId": gid("ProductVariant", unrated.pk),
         "message": "Herbal balm cannot be sent to Japan: no current OTOP star rating."},
    ]
    assert not Order.objects.exists()
    assert not Payment.objects.get().transactions.exists()


def test_dap_market_shows_duty_and_tax_without_charging_them(api_client, japan, warehouse):
    variant = sellable(warehouse, price_amount=Decimal("250.00"), minimal_variant_price_amount=Decimal("250.00"))
    checkout, total = start_checkout(api_client, warehouse, [(variant, 2)])
    check = export_check(api_client, checkout)
    assert total == 550.0
    assert (check["duty"]["amount"], check["tax"]["amount"]) == (25.0, 52.5)
    assert not check["dutiesCollectedAtCheckout"]
    assert check["total"] == {"amount": 550.0, "currency": "THB"}
    assert check["displayDutyAndTax"] == {"amount": 310.0, "currency": "JPY"}


def test_ddp_market_adds_duty_and_tax_to_the_charged_total(api_client, japan, warehouse):
    japan.duty_terms = DutyTerms.DDP
    japan.save()
    duty_rate(japan, "20", "9", "8")
    variant = sellable(warehouse, price_amount=Decimal("250.00"), minimal_variant_price_amount=Decimal("250.00"))
    checkout, total = start_checkout(api_client, warehouse, [(variant, 2)])
    # 500 goods + 50 shipping + 45 duty (9 %) + 43.60 tax (8 % of 545)
    assert total == 638.6
    order = complete(api_client, checkout)["order"]
    assert order["total"]["gross"] == {"amount": 638.6, "currency": "THB"}


def test_parcel_under_the_de_minimis_value_pays_no_duty(api_client, japan, warehouse):
    japan.de_minimis_value = Decimal(10000)
    japan.save()
    variant = sellable(warehouse)
    checkout, _total = start_checkout(api_client, warehouse, [(variant, 2)])
    check = export_check(api_client, checkout)
    assert check["parcels"] == [{"weightGrams": 500, "deMinimisApplies": True}]
    assert check["duty"]["amount"] == 0


def test_total_is_shown_in_the_markets_currency_and_charged_in_baht(api_client, japan, warehouse):
    variant = sellable(warehouse)
    checkout, _total = start_checkout(api_client, warehouse, [(variant, 2)])
    check = export_check(api_client, checkout)
    assert check["chargeCurrency"] == "THB"
    assert check["displayTotal"] == {"amount": 2200.0, "currency": "JPY"}


def test_parcel_heavier_than_the_services_limit_is_refused(api_client, japan, warehouse):
    variant = sellable(warehouse)
    checkout, _total = start_checkout(api_client, warehouse, [(variant, 10)], method="EPACKET")
    result = complete(api_client, checkout)
    assert result["order"] is None
    [error] = result["checkoutErrors"]
    assert (error["field"], error["exportCode"]) == ("shippingMethod", "PARCEL_TOO_HEAVY")
    assert "weighs 2500 g; ePacket to Japan carries up to 2000 g" in error["message"]


def test_country_without_a_market_is_refused(api_client, japan, warehouse):
    variant = sellable(warehouse)
    checkout, _total = start_checkout(api_client, warehouse, [(variant, 1)], address=PARIS)
    assert [error["code"] for error in export_check(api_client, checkout)["errors"]] == ["NO_MARKET"]
    assert complete(api_client, checkout)["checkoutErrors"][0]["exportCode"] == "NO_MARKET"
    assert not Order.objects.exists()


def test_eligible_checkout_abroad_places_the_order_and_queues_its_cn23(api_client, japan, warehouse):
    variant = sellable(warehouse)
    checkout, _total = start_checkout(api_client, warehouse, [(variant, 1)])
    order = complete(api_client, checkout)["order"]
    assert order["total"]["gross"]["amount"] == 300.0
    assert CustomsDeclarationPdf.objects.filter(order_id=Node.from_global_id(order["id"])[1]).exists()
