"""A storefront checkout split across producers, with a real Celery worker doing the
producers' notifications and the payout run over the ledger the order wrote.

The worker reads committed data, so the test runs outside a transaction and the database is
flushed after it; conftest's migrated_rows_restored puts back the rows migrations loaded."""
from decimal import Decimal

from graphene import Node
from saleor.plugins.models import PluginConfiguration

from plugins.producer_channels.models import LedgerEntry, Payout, PayoutRun, SubOrder
from plugins.producer_channels.plugin import ProducerChannelsPlugin
from plugins.producer_channels.selectors import producer_balance
from tests.factories import ShippingMethodFactory, ShippingZoneFactory
from tests.factories.producer_channels import producer_product, producer_with_owner
from tests.graphql_client import GraphQLClient
from tests.waiting import wait_until

THAI_ADDRESS = {
    "firstName": "Somchai", "lastName": "Jaidee", "streetAddress1": "99 Moo 3", "city": "Mueang Chiang Mai",
    "cityArea": "Suthep", "postalCode": "50200", "country": "TH", "countryArea": "Chiang Mai", "phone": "+66812345678",
}


def checkout(api, lines, shipping_method):
    created = api.data(
        """mutation($input: CheckoutCreateInput!) { checkoutCreate(input: $input) {
            checkout { id } checkoutErrors { field code message } } }""",
        {"input": {
            "email": "shopper@example.com",
            "lines": [{"variantId": Node.to_global_id("ProductVariant", variant.pk), "quantity": quantity} for variant, quantity in lines],
            "shippingAddress": THAI_ADDRESS, "billingAddress": THAI_ADDRESS,
        }},
    )["checkoutCreate"]
    assert created["checkoutErrors"] == []
    checkout_id = created["checkout"]["id"]
    total = api.data(
        """mutation($c: ID!, $m: ID!) { checkoutShippingMethodUpdate(checkoutId: $c, shippingMethodId: $m) {
            checkout { totalPrice { gross { amount } } } checkoutErrors { message } } }""",
        {"c": checkout_id, "m": Node.to_global_id("ShippingMethod", shipping_method.pk)},
    )["checkoutShippingMethodUpdate"]["checkout"]["totalPrice"]["gross"]["amount"]
    api.data(
        """mutation($c: ID!, $input: PaymentInput!) { checkoutPaymentCreate(checkoutId: $c, input: $input) {
            paymentErrors { message } } }""",
        {"c": checkout_id, "input": {"gateway": "mirumee.payments.dummy", "token": "charged", "amount": total}},
    )
    completed = api.data(
        "mutation($c: ID!) { checkoutComplete(checkoutId: $c) { order { id token } checkoutErrors { message } } }",
        {"c": checkout_id},
    )["checkoutComplete"]
    assert completed["checkoutErrors"] == [], completed
    return completed["order"]


def test_checkout_is_split_notified_and_paid_out_through_a_real_worker(
    celery_worker, client, tmp_path
):
    PluginConfiguration.objects.create(
        identifier=ProducerChannelsPlugin.PLUGIN_ID,
        active=True,
        configuration=[
            {"name": "payout_hold_days", "value": "0"},
            {"name": "minimum_payout_amount", "value": "1.00"},
        ],
    )
    zone = ShippingZoneFactory(countries=["TH"])
    shipping_method = ShippingMethodFactory(shipping_zone=zone)
    weavers, _ = producer_with_owner(commission_rate=Decimal("10.00"))
    potters, _ = producer_with_owner(commission_rate=Decimal("15.00"))
    _, scarf = producer_product(weavers, price="500.00")
    _, jar = producer_product(potters, price="120.00")

    order = checkout(GraphQLClient(client), [(scarf, 2), (jar, 1)], shipping_method)

    sub_orders = SubOrder.objects.filter(order__token=order["token"])
    assert sorted(sub_orders.values_list("subtotal_amount", "net_amount")) == [
        (Decimal("120.00"), Decimal("102.00")), (Decimal("1000.00"), Decimal("900.00"))
    ]
    assert sorted(LedgerEntry.objects.values_list("net_amount", flat=True)) == [Decimal("102.00"), Decimal("900.00")]
    wait_until(lambda: not sub_orders.filter(producer_notified_at__isnull=True).exists())

    from plugins.producer_channels.tasks import payout_run_task

    payout_run_task.delay()
    wait_until(lambda: PayoutRun.objects.exists() and Payout.objects.count() == 2)

    assert sorted(Payout.objects.values_list("amount", flat=True)) == [Decimal("102.00"), Decimal("900.00")]
    assert "900.00" in PayoutRun.objects.get().file_content
    for producer in (weavers, potters):
        balance = producer_balance(producer_id=producer.pk)
        assert balance["total"] == balance["paid"] + balance["due"] == balance["pending"]
    shopper_view = GraphQLClient(client).data(
        "query($t: UUID!) { orderByToken(token: $t) { otop { subOrders { status } } } }", {"t": order["token"]}
    )
    assert shopper_view["orderByToken"]["otop"]["subOrders"] == [{"status": "UNFULFILLED"}] * 2
