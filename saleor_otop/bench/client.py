"""GraphQL over the whole HTTP stack, in-process (django.test.Client), for the bench."""
from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence

from django.conf import settings
from django.test import Client
from graphql_jwt.shortcuts import get_token
from graphql_relay import to_global_id

from otop_kernel.bench import BenchContext

DUMMY_GATEWAY = "mirumee.payments.dummy"
TOKEN_LIFETIME_SECONDS = 300  # shorter than any JWT expiry setting


class BenchError(AssertionError):
    pass


_clients: dict = {}
_tokens: dict = {}


def _client() -> Client:
    if "client" not in _clients:
        allowed = [host for host in settings.ALLOWED_HOSTS if host not in ("*",) and not host.startswith(".")]
        _clients["client"] = Client(HTTP_HOST=allowed[0] if allowed else "localhost")
    return _clients["client"]


def _authorization(ctx: BenchContext, user: str) -> dict:
    if user == "anonymous":
        return {}
    account = {"customer": ctx.customer_user, "staff": ctx.staff_user}[user]
    cached = _tokens.get(account.pk)
    if cached is None or time.monotonic() - cached[1] > TOKEN_LIFETIME_SECONDS:
        cached = (get_token(account), time.monotonic())
        _tokens[account.pk] = cached
    return {"HTTP_AUTHORIZATION": f"JWT {cached[0]}"}


def post_graphql(ctx: BenchContext, query: str, variables: Mapping | None, *, user: str, api: str = "otop") -> dict:
    from saleor_otop.bench.urls import SALEOR_GRAPHQL_PATH

    response = _client().post(
        SALEOR_GRAPHQL_PATH if api == "saleor" else "/graphql/",
        json.dumps({"query": query, "variables": dict(variables or {})}),
        content_type="application/json",
        **_authorization(ctx, user),
    )
    try:
        content = json.loads(response.content)
    except ValueError:
        raise BenchError(f"HTTP {response.status_code}: {response.content[:300]!r}")
    if response.status_code != 200 or content.get("errors"):
        raise BenchError(f"HTTP {response.status_code}: {json.dumps(content.get('errors'))[:600]}")
    return content["data"]


def _mutation(ctx: BenchContext, query: str, variables: Mapping, name: str, errors_field: str) -> dict:
    payload = post_graphql(ctx, query, variables, user="anonymous")[name]
    if payload[errors_field]:
        raise BenchError(f"{name}: {payload[errors_field]}")
    return payload


CHECKOUT_CREATE = """
mutation BenchCheckoutCreate($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    checkout { id }
    checkoutErrors { field code message }
  }
}"""
CHECKOUT_SHIPPING = """
mutation BenchCheckoutShipping($checkoutId: ID!, $shippingMethodId: ID!) {
  checkoutShippingMethodUpdate(checkoutId: $checkoutId, shippingMethodId: $shippingMethodId) {
    checkout { totalPrice { gross { amount } } }
    checkoutErrors { field code message }
  }
}"""
CHECKOUT_PAYMENT = """
mutation BenchCheckoutPayment($checkoutId: ID!, $input: PaymentInput!) {
  checkoutPaymentCreate(checkoutId: $checkoutId, input: $input) {
    payment { id }
    paymentErrors { field code message }
  }
}"""
CHECKOUT_COMPLETE = """
mutation BenchCheckoutComplete($checkoutId: ID!) {
  checkoutComplete(checkoutId: $checkoutId) {
    order { id number }
    checkoutErrors { field code message }
  }
}"""


def checkout_prepare(
    ctx: BenchContext, *, lines: Sequence[tuple], address: Mapping, shipping: str, email: str
) -> str:
    method_id = {
        "domestic": ctx.domestic_shipping_method_id,
        "international": ctx.international_shipping_method_id,
    }[shipping]
    checkout_input = {
        "email": email,
        "lines": [
            {"variantId": to_global_id("ProductVariant", variant_id), "quantity": quantity}
            for variant_id, quantity in lines
        ],
        "shippingAddress": dict(address),
        "billingAddress": dict(address),
    }
    checkout_id = _mutation(
        ctx, CHECKOUT_CREATE, {"input": checkout_input}, "checkoutCreate", "checkoutErrors"
    )["checkout"]["id"]
    total = _mutation(
        ctx, CHECKOUT_SHIPPING,
        {"checkoutId": checkout_id, "shippingMethodId": to_global_id("ShippingMethod", method_id)},
        "checkoutShippingMethodUpdate", "checkoutErrors",
    )["checkout"]["totalPrice"]["gross"]["amount"]
    _mutation(
        ctx, CHECKOUT_PAYMENT,
        {"checkoutId": checkout_id,
         "input": {"gateway": DUMMY_GATEWAY, "token": "bench-charged", "amount": total}},
        "checkoutPaymentCreate", "paymentErrors",
    )
    return checkout_id


def checkout_complete(ctx: BenchContext, checkout_id: str) -> dict:
    payload = _mutation(
        ctx, CHECKOUT_COMPLETE, {"checkoutId": checkout_id}, "checkoutComplete", "checkoutErrors"
    )
    if not payload["order"]:
        raise BenchError("checkoutComplete created no order")
    return payload["order"]
