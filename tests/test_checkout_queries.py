"""checkoutComplete reads the stock, product types and translated names of all lines at once."""
import re
from collections import Counter

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphene import Node

from tests import factories
from tests.test_checkout import (
    BILLING_ADDRESS,
    CHECKOUT_COMPLETE,
    CHECKOUT_CREATE,
    CHIANG_MAI,
    PAYMENT_CREATE,
    SHIPPING_ADDRESS,
    SHIPPING_METHOD,
    step,
)

pytestmark = pytest.mark.django_db
PER_KIND = ("product_producttype", "product_producttranslation", "product_productvarianttranslation")
# Still per line: the allocation, under the stock lock (ours, then Saleor's allocate_stock).
ALLOCATION_STOCK_READS_PER_LINE = 2


def _variants(count: int) -> list:
    zone = factories.ShippingZoneFactory(name="Thailand")
    factories.ShippingMethodFactory(shipping_zone=zone)
    warehouse = factories.StockFactory().warehouse
    warehouse.shipping_zones.add(zone)
    return [factories.StockFactory(warehouse=warehouse).product_variant for _ in range(count)]


def _selects_by_table(api_client, variants) -> Counter:
    checkout_id = step(api_client, CHECKOUT_CREATE, {"input": {"email": "malee@example.com", "lines": [
        {"variantId": Node.to_global_id("ProductVariant", variant.pk), "quantity": 1} for variant in variants
    ]}}, "checkoutCreate")["checkout"]["id"]
    methods = step(api_client, SHIPPING_ADDRESS, {"id": checkout_id, "address": CHIANG_MAI},
                   "checkoutShippingAddressUpdate")["checkout"]["availableShippingMethods"]
    total = step(api_client, SHIPPING_METHOD, {"id": checkout_id, "method": methods[0]["id"]},
                 "checkoutShippingMethodUpdate")["checkout"]["totalPrice"]["gross"]["amount"]
    step(api_client, BILLING_ADDRESS, {"id": checkout_id, "address": CHIANG_MAI}, "checkoutBillingAddressUpdate")
    step(api_client, PAYMENT_CREATE, {"id": checkout_id, "input": {
        "gateway": "mirumee.payments.dummy", "token": "charged", "amount": total}}, "checkoutPaymentCreate",
        errors="paymentErrors")
    with CaptureQueriesContext(connection) as captured:
        assert step(api_client, CHECKOUT_COMPLETE, {"id": checkout_id}, "checkoutComplete")["order"]
    tables = Counter()
    for query in captured.captured_queries:
        found = re.match(r'\s*SELECT .*? FROM "([a-z_0-9]+)"', query["sql"], re.S)
        if found:
            tables[found.group(1)] += 1
    return tables


def test_checkout_complete_reads_stock_types_and_names_once_per_kind_not_per_line(api_client):
    one = _selects_by_table(api_client, _variants(1))
    four = _selects_by_table(api_client, _variants(4))
    assert {table: four[table] for table in PER_KIND} == {table: one[table] for table in PER_KIND}
    # Saleor's stock check of every line (two reads a line, twice) comes from one read.
    assert four["warehouse_stock"] - one["warehouse_stock"] == 3 * ALLOCATION_STOCK_READS_PER_LINE
