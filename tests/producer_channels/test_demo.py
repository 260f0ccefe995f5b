from types import SimpleNamespace

from saleor.warehouse.models import Stock

from otop_kernel.demo_catalogue import PRODUCERS, DemoCatalogue
from plugins.producer_channels.devtools.demo import DEMO_PRODUCER_PASSWORD, demo_load
from plugins.producer_channels.models import Producer, ProducerProduct, ProducerStatus
from tests.factories import (
    ProductVariantFactory,
    ShippingZoneFactory,
    StockFactory,
    UserFactory,
    WarehouseFactory,
)


def demo_catalogue():
    shared = WarehouseFactory()
    items = []
    for demo_producer in PRODUCERS[:2]:
        variant = ProductVariantFactory()
        StockFactory(warehouse=shared, product_variant=variant, quantity=25)
        items.append((SimpleNamespace(producer_key=demo_producer.key), variant.product))
    return DemoCatalogue(producers=PRODUCERS[:2], items=items, warehouse=shared)


def test_demo_opens_a_shop_per_producer_with_its_products_and_a_login(db):
    ShippingZoneFactory(countries=["TH"])
    catalogue = demo_catalogue()
    lines = []

    demo_load(catalogue=catalogue, log=lines.append)

    for demo_producer, (_, product) in zip(PRODUCERS[:2], catalogue.items, strict=True):
        producer = Producer.objects.get(slug=demo_producer.key)
        assert producer.status == ProducerStatus.APPROVED
        assert ProducerProduct.objects.get(product=product).producer == producer
        assert Stock.objects.get(product_variant__product=product).warehouse_id == producer.warehouse_id
        owner = producer.members.get().user
        assert owner.check_password(DEMO_PRODUCER_PASSWORD)
        assert any(owner.email in line for line in lines)


def test_demo_runs_again_without_duplicates(db):
    catalogue = demo_catalogue()
    demo_load(catalogue=catalogue, log=lambda _line: None)

    demo_load(catalogue=catalogue, log=lambda _line: None)

    assert Producer.objects.count() == 2
    assert ProducerProduct.objects.count() == 2
    assert Stock.objects.count() == 2


def test_demo_owner_logs_in_and_sees_the_producer(db, client):
    from tests.graphql_client import GraphQLClient

    demo_load(catalogue=demo_catalogue(), log=lambda _line: None)
    owner = UserFactory(email=PRODUCERS[0].contact_email)

    data = GraphQLClient(client, user=owner).data("{ myProducer { slug products(first: 5) { totalCount } } }")

    assert data["myProducer"] == {"slug": PRODUCERS[0].key, "products": {"totalCount": 1}}
