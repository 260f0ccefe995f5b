from decimal import Decimal

import pytest
from graphene import Node
from saleor.product.models import Product, ProductVariant
from saleor.warehouse.models import Stock

from plugins.producer_channels.models import ProducerProduct, ProducerStatus
from tests.factories import CategoryFactory, ProductTypeFactory
from tests.factories.producer_channels import (
    MemberFactory,
    ProducerFactory,
    producer_product,
    producer_with_owner,
)
from tests.graphql_client import GraphQLClient, mutation_errors

CREATE = """
mutation($input: ProducerProductCreateInput!) {
  producerProductCreate(input: $input) {
    product { id name isPublished basePrice { amount currency } variants { sku quantity } }
    producerErrors { field code message }
  }
}
"""
UPDATE = """
mutation($id: ID!, $input: ProducerProductUpdateInput!) {
  producerProductUpdate(id: $id, input: $input) {
    product { name isPublished basePrice { amount } }
    producerErrors { field code message }
  }
}
"""
VARIANT_CREATE = """
mutation($product: ID!, $input: ProducerVariantCreateInput!) {
  producerVariantCreate(product: $product, input: $input) {
    variant { sku price { amount } quantity }
    producerErrors { field code message }
  }
}
"""
PRICE_SET = """
mutation($id: ID!, $price: Decimal!) {
  producerVariantPriceSet(id: $id, price: $price) {
    variant { price { amount } }
    producerErrors { field code message }
  }
}
"""
STOCK_SET = """
mutation($variant: ID!, $quantity: Int!) {
  producerStockSet(variant: $variant, quantity: $quantity) {
    variant { quantity }
    producerErrors { field code message }
  }
}
"""


@pytest.fixture
def owner_setup(db, client):
    producer, owner = producer_with_owner()
    return producer, GraphQLClient(client, user=owner)


def gid(type_name, pk):
    return Node.to_global_id(type_name, pk)


def create_input(**overrides):
    return {
        "name": "Praewa silk scarf",
        "productType": gid("ProductType", ProductTypeFactory(slug="silk", has_variants=True).pk),
        "category": gid("Category", CategoryFactory().pk),
        "basePrice": 1250.50,
        **overrides,
    }


def test_member_creates_product_of_own_producer(owner_setup):
    producer, member = owner_setup

    data = member.data(CREATE, {"input": create_input()})["producerProductCreate"]

    assert data["producerErrors"] == []
    assert data["product"]["basePrice"] == {"amount": 1250.5, "currency": "THB"}
    product = Product.objects.get(name="Praewa silk scarf")
    assert ProducerProduct.objects.get(product=product).producer == producer
    assert not product.is_published


def test_member_cannot_publish_a_new_product_without_provenance(owner_setup):
    _, member = owner_setup

    data = member.data(CREATE, {"input": create_input(isPublished=True)})

    assert mutation_errors(data, "producerProductCreate", "producerErrors")[0]["code"] == "PROVENANCE_REQUIRED"
    assert not Product.objects.exists()


def test_product_of_type_without_variants_gets_its_variant(owner_setup):
    _, member = owner_setup
    simple = gid("ProductType", ProductTypeFactory(slug="simple", has_variants=False).pk)

    data = member.data(CREATE, {"input": create_input(productType=simple, sku="PRAEWA-1")})

    assert data["producerProductCreate"]["product"]["variants"] == [{"sku": "PRAEWA-1", "quantity": 0}]


def test_product_of_type_without_variants_needs_sku(owner_setup):
    _, member = owner_setup
    simple = gid("ProductType", ProductTypeFactory(slug="simple", has_variants=False).pk)

    data = member.data(CREATE, {"input": create_input(productType=simple)})

    assert mutation_errors(data, "producerProductCreate", "producerErrors")[0]["code"] == "VARIANT_REQUIRES_SKU"
    assert not Product.objects.exists()


@pytest.mark.parametrize(
    ("price", "code"),
    [(0, "PRICE_NOT_POSITIVE"), (-5, "PRICE_NOT_POSITIVE"), (10.005, "PRICE_PRECISION")],
)
def test_bad_base_price_is_refused_and_nothing_written(owner_setup, price, code):
    _, member = owner_setup

    data = member.data(CREATE, {"input": create_input(basePrice=price)})

    assert mutation_errors(data, "producerProductCreate", "producerErrors")[0] == {
        "field": "basePrice",
        "code": code,
        "message": {
            "PRICE_NOT_POSITIVE": "The price must be greater than 0.",
            "PRICE_PRECISION": "THB prices have at most 2 decimals.",
        }[code],
    }
    assert not Product.objects.exists() and not ProducerProduct.objects.exists()


def test_applied_producer_cannot_create_products(db, client):
    member = MemberFactory(producer=ProducerFactory(status=ProducerStatus.APPLIED))

    data = GraphQLClient(client, user=member.user).data(CREATE, {"input": create_input()})

    assert mutation_errors(data, "producerProductCreate", "producerErrors")[0]["code"] == "PRODUCER_NOT_APPROVED"


def test_user_of_no_producer_cannot_create_products(user_api_client):
    data = user_api_client.data(CREATE, {"input": create_input()})

    assert mutation_errors(data, "producerProductCreate", "producerErrors") == [
        {"field": "producer", "code": "NOT_FOUND", "message": "Couldn't resolve to a producer."}
    ]


def test_member_updates_product(owner_setup):
    producer, member = owner_setup
    product, _ = producer_product(producer)

    data = member.data(UPDATE, {"id": gid("Product", product.pk), "input": {"name": "New", "basePrice": 99.5, "isPublished": False}})

    assert data["producerProductUpdate"]["product"] == {"name": "New", "isPublished": False, "basePrice": {"amount": 99.5}}
    product.refresh_from_db()
    assert product.minimal_variant_price_amount == Decimal("99.50")


def test_member_cannot_publish_a_product_without_provenance(owner_setup):
    producer, member = owner_setup
    product, _ = producer_product(producer, published=False)

    data = member.data(UPDATE, {"id": gid("Product", product.pk), "input": {"name": "New", "isPublished": True}})

    assert mutation_errors(data, "producerProductUpdate", "producerErrors")[0]["code"] == "PROVENANCE_REQUIRED"
    product.refresh_from_db()
    assert product.name != "New"
    assert not product.is_published


def test_variant_create_with_price_and_stock(owner_setup):
    producer, member = owner_setup
    product, _ = producer_product(producer)

    data = member.data(
        VARIANT_CREATE, {"product": gid("Product", product.pk), "input": {"sku": "SCARF-RED", "price": 300, "quantity": 7}}
    )["producerVariantCreate"]

    assert data == {"variant": {"sku": "SCARF-RED", "price": {"amount": 300.0}, "quantity": 7}, "producerErrors": []}
    assert Stock.objects.get(product_variant__sku="SCARF-RED").warehouse_id == producer.warehouse_id


def test_variant_with_taken_sku_is_refused(owner_setup):
    producer, member = owner_setup
    product, variant = producer_product(producer)

    data = member.data(VARIANT_CREATE, {"product": gid("Product", product.pk), "input": {"sku": variant.sku}})

    assert mutation_errors(data, "producerVariantCreate", "producerErrors")[0] == {
        "field": "sku", "code": "UNIQUE", "message": "This SKU is taken."
    }
    assert ProductVariant.objects.count() == 1


def test_variant_price_set(owner_setup):
    producer, member = owner_setup
    _, variant = producer_product(producer, price="250.00")

    data = member.data(PRICE_SET, {"id": gid("ProductVariant", variant.pk), "price": 199.75})

    assert data["producerVariantPriceSet"]["variant"]["price"] == {"amount": 199.75}
    assert variant.product.__class__.objects.get(pk=variant.product_id).minimal_variant_price_amount == Decimal("199.75")


@pytest.mark.parametrize(("price", "code"), [(0, "PRICE_NOT_POSITIVE"), (12.345, "PRICE_PRECISION")])
def test_bad_variant_price_is_refused_and_price_unchanged(owner_setup, price, code):
    producer, member = owner_setup
    _, variant = producer_product(producer)

    data = member.data(PRICE_SET, {"id": gid("ProductVariant", variant.pk), "price": price})

    assert mutation_errors(data, "producerVariantPriceSet", "producerErrors")[0]["code"] == code
    assert ProductVariant.objects.get(pk=variant.pk).price_override_amount is None


def test_stock_set_in_own_warehouse(owner_setup):
    producer, member = owner_setup
    _, variant = producer_product(producer, quantity=3)

    data = member.data(STOCK_SET, {"variant": gid("ProductVariant", variant.pk), "quantity": 40})

    assert data["producerStockSet"]["variant"]["quantity"] == 40
    assert Stock.objects.get(product_variant=variant, warehouse_id=producer.warehouse_id).quantity == 40


def test_negative_stock_is_refused_and_stock_unchanged(owner_setup):
    producer, member = owner_setup
    _, variant = producer_product(producer, quantity=3)

    data = member.data(STOCK_SET, {"variant": gid("ProductVariant", variant.pk), "quantity": -1})

    assert mutation_errors(data, "producerStockSet", "producerErrors") == [
        {"field": "quantity", "code": "NEGATIVE_QUANTITY", "message": "The quantity cannot be negative."}
    ]
    assert Stock.objects.get(product_variant=variant).quantity == 3


def test_member_product_list_shows_own_stock(owner_setup):
    producer, member = owner_setup
    producer_product(producer, quantity=5, sku="A-1")
    query = "{ myProducer { products(first: 10) { totalCount edges { node { variants { sku quantity quantityAllocated } } } } } }"

    data = member.data(query)

    assert data["myProducer"]["products"]["totalCount"] == 1
    assert data["myProducer"]["products"]["edges"][0]["node"]["variants"] == [
        {"sku": "A-1", "quantity": 5, "quantityAllocated": 0}
    ]


def test_suspended_producer_members_read_but_cannot_write(owner_setup, staff_api_client):
    from plugins.producer_channels import services

    producer, member = owner_setup
    product, variant = producer_product(producer, quantity=3)
    services.producer_suspend(producer=producer, reason="audit")

    read = member.data("{ myProducer { status products(first: 5) { edges { node { name } } } } }")
    write = member.data(STOCK_SET, {"variant": gid("ProductVariant", variant.pk), "quantity": 9})

    assert read["myProducer"]["status"] == "SUSPENDED"
    assert read["myProducer"]["products"]["edges"] == [{"node": {"name": product.name}}]
    assert mutation_errors(write, "producerStockSet", "producerErrors") == [
        {"field": "producer", "code": "PRODUCER_SUSPENDED", "message": "The producer is suspended: its data is read-only."}
    ]
    assert Stock.objects.get(product_variant=variant).quantity == 3


def test_page_size_is_capped(owner_setup):
    _, member = owner_setup

    content = member.post("{ myProducer { products(first: 101) { edges { node { id } } } } }")

    assert content["errors"][0]["message"] == "Pages hold at most 100 items."


def test_members_hold_no_saleor_permission(owner_setup):
    producer, member = owner_setup

    assert member.user.get_all_permissions() == set()
    assert not member.user.is_staff


@pytest.mark.parametrize(
    "mutation",
    [
        'mutation($p: ID!) { productUpdate(id: $p, input: {name: "x"}) { product { id } } }',
        'mutation($v: ID!) { productVariantUpdate(id: $v, input: {sku: "x"}) { productVariant { id } } }',
        "mutation($v: ID!, $w: ID!) { productVariantStocksUpdate(variantId: $v, stocks: [{warehouse: $w, quantity: 1}]) { productVariant { id } } }",
        'mutation($w: ID!) { updateWarehouse(id: $w, input: {name: "x"}) { warehouse { id } } }',
        "mutation($p: ID!) { productDelete(id: $p) { product { id } } }",
    ],
    ids=["productUpdate", "productVariantUpdate", "productVariantStocksUpdate", "updateWarehouse", "productDelete"],
)
def test_saleor_staff_mutations_refuse_members_even_on_their_own_products(owner_setup, mutation):
    producer, member = owner_setup
    product, variant = producer_product(producer, quantity=3)
    before = (Product.objects.values().get(pk=product.pk), Stock.objects.get(product_variant=variant).quantity)

    ids = {"p": gid("Product", product.pk), "v": gid("ProductVariant", variant.pk), "w": gid("Warehouse", producer.warehouse_id)}

    member.assert_refused(mutation, {name: value for name, value in ids.items() if f"${name}:" in mutation})

    assert (Product.objects.values().get(pk=product.pk), Stock.objects.get(product_variant=variant).quantity) == before


def test_saleor_order_fulfil_refuses_members_on_their_own_sub_order(owner_setup):
    from saleor.order.models import Fulfillment

    from tests.factories.producer_channels import placed_order

    producer, member = owner_setup
    _, variant = producer_product(producer)
    order = placed_order([(variant, 1)])
    mutation = """mutation($o: ID!, $l: ID!, $w: ID!) { orderFulfill(order: $o, input: {lines: [
        {orderLineId: $l, stocks: [{quantity: 1, warehouse: $w}]}]}) { order { id } } }"""

    member.assert_refused(mutation, {"o": gid("Order", order.pk), "l": gid("OrderLine", order.lines.get().pk),
                                     "w": gid("Warehouse", producer.warehouse_id)})

    assert not Fulfillment.objects.exists()


def test_price_of_another_producers_variant_is_not_found(owner_setup):
    other, _ = producer_with_owner()
    _, foreign = producer_product(other)
    _, member = owner_setup

    data = member.data(PRICE_SET, {"id": gid("ProductVariant", foreign.pk), "price": 10})

    assert mutation_errors(data, "producerVariantPriceSet", "producerErrors") == [
        {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a variant."}
    ]
    assert ProductVariant.objects.get(pk=foreign.pk).price_override_amount is None
