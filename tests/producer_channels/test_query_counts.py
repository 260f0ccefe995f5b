"""List queries add no SQL query per row: the count is the same at two page sizes."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plugins.producer_channels.models import SubOrder
from tests.factories import StaffFactory, permissions_by_name
from tests.factories.producer_channels import placed_order, producer_product, producer_with_owner
from tests.graphql_client import GraphQLClient

ROWS = 12
SMALL, LARGE = 3, 12


def count_queries(graphql_client, query, variables):
    with CaptureQueriesContext(connection) as captured:
        graphql_client.data(query, variables)
    return len(captured.captured_queries)


@pytest.fixture
def busy_producer(db, client):
    from plugins.producer_channels.services import producer_fulfill_lines

    producer, owner = producer_with_owner()
    variants = [producer_product(producer, quantity=50)[1] for _ in range(ROWS)]
    for variant in variants:
        order = placed_order([(variant, 2)])
        sub_order = SubOrder.objects.get(order=order)
        producer_fulfill_lines(
            sub_order=sub_order, lines=[(order.lines.get().pk, 1)], user=StaffFactory(), tracking_number="EX1TH",
            notify_customer=False,
        )
    return producer, GraphQLClient(client, user=owner)


PRODUCTS = """query($first: Int) { myProducer { products(first: $first) { edges { node {
    id name isPublished basePrice { amount } category { name } productType { name }
    variants { id sku price { amount } quantity quantityAllocated } } } } } }"""

SUB_ORDERS = """query($first: Int) { myProducer { subOrders(first: $first) { edges { node {
    id orderNumber status subtotal { amount } commission { amount } net { amount }
    shippingAddress { city postalCode } shippingMethodName
    lines { id sku quantity quantityFulfilled unitPrice { amount } }
    fulfillments { trackingNumber lines { orderLineId quantity } } } } } } }"""

LEDGER = """query($first: Int) { myProducer { ledger(first: $first) { edges { node {
    kind orderNumber gross { amount } net { amount } payoutStatus } } } } }"""


def test_member_product_list_query_count_does_not_grow_with_page_size(busy_producer):
    _, member = busy_producer

    assert count_queries(member, PRODUCTS, {"first": SMALL}) == count_queries(member, PRODUCTS, {"first": LARGE})


def test_member_sub_order_list_query_count_does_not_grow_with_page_size(busy_producer):
    _, member = busy_producer

    small = count_queries(member, SUB_ORDERS, {"first": SMALL})
    large = count_queries(member, SUB_ORDERS, {"first": LARGE})

    assert small == large
    data = member.data(SUB_ORDERS, {"first": LARGE})
    assert len(data["myProducer"]["subOrders"]["edges"]) == LARGE
    assert all(edge["node"]["fulfillments"][0]["trackingNumber"] == "EX1TH" for edge in data["myProducer"]["subOrders"]["edges"])


def test_member_ledger_query_count_does_not_grow_with_page_size(busy_producer):
    from tests.factories.producer_channels import pay

    producer, member = busy_producer
    for sub_order in SubOrder.objects.filter(producer=producer):
        pay(sub_order.order)

    assert count_queries(member, LEDGER, {"first": SMALL}) == count_queries(member, LEDGER, {"first": LARGE})


SHOPS = """query($first: Int) { producerShops(first: $first) { totalCount edges { node {
    slug nameTh nameEn kind productCount openedAt logoUrl collections { name }
    locality { subdistrictNameEn districtNameEn provinceNameEn } } } } }"""


def test_shop_listing_query_count_does_not_grow_with_page_size(db, api_client):
    from saleor.product.models import Collection

    collection = Collection.objects.create(name="Gifts", slug="gifts", is_published=True)
    for _ in range(LARGE):
        producer, _ = producer_with_owner()
        collection.products.add(producer_product(producer)[0])

    assert count_queries(api_client, SHOPS, {"first": SMALL}) == count_queries(api_client, SHOPS, {"first": LARGE})


PRODUCTS_WITH_PRODUCER = """query($first: Int) { products(first: $first) { edges { node {
    name otop { producer { slug nameEn locality { provinceNameEn } } } } } } }"""


def test_product_otop_producer_adds_no_query_per_product(db, api_client):
    for _ in range(LARGE):
        producer, _ = producer_with_owner()
        producer_product(producer)

    small = count_queries(api_client, PRODUCTS_WITH_PRODUCER, {"first": SMALL})
    large = count_queries(api_client, PRODUCTS_WITH_PRODUCER, {"first": LARGE})

    assert small == large


MY_ORDERS = """query($first: Int) { me { orders(first: $first) { edges { node {
    otop { subOrders { status producer { slug } subtotal { amount } trackingNumbers } } } } } } }"""


def test_shopper_order_list_with_sub_orders_adds_no_query_per_order(db, client):
    from tests.factories import UserFactory

    shopper = UserFactory()
    producer, _ = producer_with_owner()
    for _ in range(LARGE):
        placed_order([(producer_product(producer)[1], 1)], user=shopper)
    graphql_client = GraphQLClient(client, user=shopper)

    small = count_queries(graphql_client, MY_ORDERS, {"first": SMALL})
    large = count_queries(graphql_client, MY_ORDERS, {"first": LARGE})

    assert small == large


STAFF_PRODUCERS = """query($first: Int) { producers(first: $first) { edges { node {
    slug status members { email role } officers { email } } } } }"""


def test_staff_producer_list_query_count_does_not_grow_with_page_size(staff_api_client):
    for _ in range(LARGE):
        producer_with_owner()
    staff_api_client.user.user_permissions.add(*permissions_by_name(["otop_producers.manage_otop_producers"]))

    small = count_queries(staff_api_client, STAFF_PRODUCERS, {"first": SMALL})
    large = count_queries(staff_api_client, STAFF_PRODUCERS, {"first": LARGE})

    assert small == large
