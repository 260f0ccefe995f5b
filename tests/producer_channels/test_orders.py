from decimal import Decimal

import pytest
from django.core import mail
from graphene import Node
from saleor.order import OrderStatus
from saleor.order.actions import cancel_fulfillment, cancel_order
from saleor.order.models import Fulfillment, OrderLine
from saleor.warehouse.models import Stock

from plugins.producer_channels.models import SubOrder, SubOrderStatus
from tests.factories import ProductFactory, ProductVariantFactory, StaffFactory
from tests.factories.producer_channels import placed_order, producer_product, producer_with_owner
from tests.graphql_client import GraphQLClient, mutation_errors

FULFILL = """
mutation($subOrder: ID!, $lines: [ProducerFulfillLineInput!]!, $tracking: String) {
  producerFulfillLines(subOrder: $subOrder, lines: $lines, trackingNumber: $tracking) {
    subOrder { status lines { quantity quantityFulfilled } fulfillments { trackingNumber lines { quantity } } }
    fulfillment { trackingNumber }
    producerErrors { field code message }
  }
}
"""


def gid(type_name, pk):
    return Node.to_global_id(type_name, pk)


@pytest.fixture
def two_producer_order(db, client):
    weavers, weaver = producer_with_owner(commission_rate=Decimal("10.00"))
    potters, potter = producer_with_owner(commission_rate=Decimal("15.00"))
    _, scarf = producer_product(weavers, price="500.00")
    _, jar = producer_product(potters, price="120.00")
    order = placed_order([(scarf, 2), (jar, 3)])
    return {
        "order": order,
        "weavers": weavers,
        "potters": potters,
        "weaver": GraphQLClient(client, user=weaver),
        "scarf": scarf,
        "jar": jar,
    }


def test_order_is_split_into_one_sub_order_per_producer(two_producer_order):
    order = two_producer_order["order"]

    sub_orders = {sub_order.producer: sub_order for sub_order in SubOrder.objects.filter(order=order)}

    weavers = sub_orders[two_producer_order["weavers"]]
    potters = sub_orders[two_producer_order["potters"]]
    assert (weavers.subtotal_amount, weavers.commission_amount, weavers.net_amount) == (
        Decimal("1000.00"), Decimal("100.00"), Decimal("900.00")
    )
    assert (potters.subtotal_amount, potters.commission_amount, potters.net_amount) == (
        Decimal("360.00"), Decimal("54.00"), Decimal("306.00")
    )
    assert [line.order_line.variant for line in weavers.lines.all()] == [two_producer_order["scarf"]]
    assert weavers.status == SubOrderStatus.UNFULFILLED


def test_lines_of_products_without_producer_stay_with_the_market(db):
    weavers, _ = producer_with_owner()
    _, scarf = producer_product(weavers)
    market_variant = ProductVariantFactory(product=ProductFactory())

    order = placed_order([(scarf, 1), (market_variant, 1)])

    assert SubOrder.objects.get(order=order).lines.count() == 1


def test_split_runs_once(two_producer_order):
    from plugins.producer_channels.services import order_split_by_producer

    order_split_by_producer(order=two_producer_order["order"])

    assert SubOrder.objects.filter(order=two_producer_order["order"]).count() == 2


def test_each_producer_is_emailed_its_sub_order(two_producer_order, django_capture_on_commit_callbacks):
    from plugins.producer_channels.services import order_split_by_producer

    SubOrder.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        order_split_by_producer(order=two_producer_order["order"])

    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == sorted(
        [two_producer_order["weavers"].contact_email, two_producer_order["potters"].contact_email]
    )
    assert all(sub_order.producer_notified_at for sub_order in SubOrder.objects.all())
    weavers_mail = next(m for m in mail.outbox if m.to[0] == two_producer_order["weavers"].contact_email)
    assert two_producer_order["scarf"].sku in weavers_mail.body
    assert two_producer_order["jar"].sku not in weavers_mail.body


def test_member_fulfils_lines_with_tracking_number(two_producer_order):
    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    line = OrderLine.objects.get(variant=two_producer_order["scarf"])

    data = two_producer_order["weaver"].data(
        FULFILL,
        {"subOrder": gid("ProducerSubOrder", sub_order.pk),
         "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 1}], "tracking": "EX123456789TH"},
    )["producerFulfillLines"]

    assert data["producerErrors"] == []
    assert data["subOrder"]["status"] == "PARTLY_FULFILLED"
    assert data["fulfillment"] == {"trackingNumber": "EX123456789TH"}
    assert Stock.objects.get(product_variant=two_producer_order["scarf"]).quantity == 9
    assert OrderLine.objects.get(pk=line.pk).quantity_fulfilled == 1


def test_sub_order_is_fulfilled_when_all_its_lines_are(two_producer_order):
    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    line = OrderLine.objects.get(variant=two_producer_order["scarf"])

    two_producer_order["weaver"].data(
        FULFILL, {"subOrder": gid("ProducerSubOrder", sub_order.pk), "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 2}]}
    )

    assert SubOrder.objects.get(pk=sub_order.pk).status == SubOrderStatus.FULFILLED
    assert SubOrder.objects.get(producer=two_producer_order["potters"]).status == SubOrderStatus.UNFULFILLED
    two_producer_order["order"].refresh_from_db()
    assert two_producer_order["order"].status == OrderStatus.PARTIALLY_FULFILLED


def test_fulfilling_more_than_ordered_is_refused_and_nothing_written(two_producer_order):
    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    line = OrderLine.objects.get(variant=two_producer_order["scarf"])

    data = two_producer_order["weaver"].data(
        FULFILL, {"subOrder": gid("ProducerSubOrder", sub_order.pk), "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 3}]}
    )

    assert mutation_errors(data, "producerFulfillLines", "producerErrors") == [
        {"field": "lines", "code": "QUANTITY_EXCEEDS_ORDERED",
         "message": f"Only 2 of {line.product_sku} are left to fulfil."}
    ]
    assert not Fulfillment.objects.exists()
    assert Stock.objects.get(product_variant=two_producer_order["scarf"]).quantity == 10


def test_fulfilling_without_stock_is_refused_and_nothing_written(two_producer_order):
    Stock.objects.filter(product_variant=two_producer_order["scarf"]).update(quantity=1)
    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    line = OrderLine.objects.get(variant=two_producer_order["scarf"])

    data = two_producer_order["weaver"].data(
        FULFILL, {"subOrder": gid("ProducerSubOrder", sub_order.pk), "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 2}]}
    )

    assert mutation_errors(data, "producerFulfillLines", "producerErrors")[0]["code"] == "INSUFFICIENT_STOCK"
    assert not Fulfillment.objects.exists()
    assert OrderLine.objects.get(pk=line.pk).quantity_fulfilled == 0


def test_fulfilling_a_line_of_another_producer_in_the_same_order_is_refused(two_producer_order):
    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    foreign_line = OrderLine.objects.get(variant=two_producer_order["jar"])

    data = two_producer_order["weaver"].data(
        FULFILL, {"subOrder": gid("ProducerSubOrder", sub_order.pk), "lines": [{"orderLineId": gid("OrderLine", foreign_line.pk), "quantity": 1}]}
    )

    assert mutation_errors(data, "producerFulfillLines", "producerErrors") == [
        {"field": "lines", "code": "NOT_FOUND", "message": "Couldn't resolve to an order line of this sub-order."}
    ]
    assert not Fulfillment.objects.exists()


def test_zero_quantity_is_refused(two_producer_order):
    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    line = OrderLine.objects.get(variant=two_producer_order["scarf"])

    data = two_producer_order["weaver"].data(
        FULFILL, {"subOrder": gid("ProducerSubOrder", sub_order.pk), "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 0}]}
    )

    assert mutation_errors(data, "producerFulfillLines", "producerErrors")[0]["code"] == "QUANTITY_NOT_POSITIVE"


def test_cancelled_order_cancels_sub_orders_and_refuses_fulfilment(two_producer_order):
    order = two_producer_order["order"]
    cancel_order(order, user=StaffFactory())
    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    line = OrderLine.objects.get(variant=two_producer_order["scarf"])

    data = two_producer_order["weaver"].data(
        FULFILL, {"subOrder": gid("ProducerSubOrder", sub_order.pk), "lines": [{"orderLineId": gid("OrderLine", line.pk), "quantity": 1}]}
    )

    assert set(SubOrder.objects.values_list("status", flat=True)) == {SubOrderStatus.CANCELLED}
    assert mutation_errors(data, "producerFulfillLines", "producerErrors")[0]["code"] == "SUB_ORDER_CLOSED"


def test_cancelled_fulfilment_returns_sub_order_to_unfulfilled(two_producer_order):
    from plugins.producer_channels.services import producer_fulfill_lines

    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    line = OrderLine.objects.get(variant=two_producer_order["scarf"])
    fulfillment = producer_fulfill_lines(sub_order=sub_order, lines=[(line.pk, 2)], user=StaffFactory())

    cancel_fulfillment(fulfillment, StaffFactory(), fulfillment.lines.first().stock.warehouse)

    assert SubOrder.objects.get(pk=sub_order.pk).status == SubOrderStatus.UNFULFILLED


def test_shopper_sees_sub_orders_and_tracking_numbers(two_producer_order, client):
    from plugins.producer_channels.services import producer_fulfill_lines

    order = two_producer_order["order"]
    sub_order = SubOrder.objects.get(producer=two_producer_order["weavers"])
    line = OrderLine.objects.get(variant=two_producer_order["scarf"])
    producer_fulfill_lines(sub_order=sub_order, lines=[(line.pk, 2)], user=StaffFactory(), tracking_number="EX1TH")
    query = """query($token: UUID!) { orderByToken(token: $token) { otop { subOrders {
        producer { slug } status subtotal { amount } trackingNumbers lines { productSku quantity } } } } }"""

    data = GraphQLClient(client, user=order.user).data(query, {"token": order.token})

    sub_orders = sorted(data["orderByToken"]["otop"]["subOrders"], key=lambda s: s["subtotal"]["amount"])
    assert sub_orders == [
        {"producer": {"slug": two_producer_order["potters"].slug}, "status": "UNFULFILLED",
         "subtotal": {"amount": 360.0}, "trackingNumbers": [], "lines": [{"productSku": two_producer_order["jar"].sku, "quantity": 3}]},
        {"producer": {"slug": two_producer_order["weavers"].slug}, "status": "FULFILLED",
         "subtotal": {"amount": 1000.0}, "trackingNumbers": ["EX1TH"], "lines": [{"productSku": two_producer_order["scarf"].sku, "quantity": 2}]},
    ]


def test_member_reads_own_sub_orders_only(two_producer_order):
    query = "{ myProducer { subOrders(first: 10) { edges { node { subtotal { amount } lines { sku } shippingAddress { postalCode } } } } } }"

    data = two_producer_order["weaver"].data(query)

    assert data["myProducer"]["subOrders"]["edges"] == [
        {"node": {"subtotal": {"amount": 1000.0}, "lines": [{"sku": two_producer_order["scarf"].sku}],
                  "shippingAddress": {"postalCode": "50200"}}}
    ]
