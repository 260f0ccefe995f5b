"""Rules at the edges of the producer life cycle, and who sees payout details."""
from plugins.producer_channels import services
from plugins.producer_channels.models import LedgerEntry, MemberRole, ProducerProduct, ProducerStatus
from tests.factories import ProductFactory, ShippingZoneFactory
from tests.factories.places import KALASIN_MUEANG_KALASIN
from tests.factories.producer_channels import (
    CONFIGURATION,
    MemberFactory,
    OfficerAssignmentFactory,
    ProducerFactory,
    pay,
    placed_order,
    producer_product,
    producer_with_owner,
)
from tests.graphql_client import GraphQLClient

ASSIGN = """mutation($id: ID!, $product: ID!) { producerProductAssign(id: $id, productId: $product) {
  producerErrors { field code } } }"""
APPLY = """mutation { producerApply(input: {nameTh: "ร้านใหม่", nameEn: "New shop", kind: INDIVIDUAL,
  homeSubdistrictCode: "%s", contactEmail: "new@otop.example"}) { producer { id } producerErrors { field code } } }""" % KALASIN_MUEANG_KALASIN
PAYOUT_DETAILS = """{ myProducer { bankCode bankAccountName bankAccountNumber promptpayId
  payouts(first: 5) { edges { node { reference bankAccountNumber promptpayId } } } } }"""


def gid(type_name, pk):
    from graphene import Node

    return Node.to_global_id(type_name, pk)


def test_staff_cannot_assign_a_product_to_a_producer_that_only_applied(staff_api_client):
    applied = ProducerFactory(status=ProducerStatus.APPLIED)
    assert applied.status == ProducerStatus.APPLIED
    product = ProductFactory()

    data = staff_api_client.data(
        ASSIGN, {"id": gid("Producer", applied.pk), "product": gid("Product", product.pk)},
        permissions=["otop_producers.manage_otop_producers"],
    )

    assert data["producerProductAssign"]["producerErrors"] == [{"field": "id", "code": "PRODUCER_NOT_APPROVED"}]
    assert not ProducerProduct.objects.filter(product=product).exists()


def test_staff_assign_a_product_to_an_approved_producer(staff_api_client):
    approved, _owner = producer_with_owner()
    product = ProductFactory()

    data = staff_api_client.data(
        ASSIGN, {"id": gid("Producer", approved.pk), "product": gid("Product", product.pk)},
        permissions=["otop_producers.manage_otop_producers"],
    )

    assert data["producerProductAssign"]["producerErrors"] == []
    assert ProducerProduct.objects.get(product=product).producer == approved


def test_owner_of_a_suspended_producer_cannot_apply_for_a_new_shop(db, client):
    producer, owner = producer_with_owner()
    services.producer_suspend(producer=producer, reason="Certificate lapsed")

    data = GraphQLClient(client, user=owner).data(APPLY)

    assert data["producerApply"] == {"producer": None, "producerErrors": [{"field": "producer", "code": "PRODUCER_SUSPENDED"}]}


def test_owner_of_an_approved_producer_may_apply_for_another_shop(db, client):
    _producer, owner = producer_with_owner()

    data = GraphQLClient(client, user=owner).data(APPLY)

    assert data["producerApply"]["producerErrors"] == [] and data["producerApply"]["producer"]["id"]


def payout_world():
    ShippingZoneFactory(countries=["TH"])
    producer, owner = producer_with_owner(promptpay_id="0899999999")
    _, variant = producer_product(producer)
    order = placed_order([(variant, 1)])
    pay(order)
    LedgerEntry.objects.update(available_on=order.created)
    assert services.payout_run_create(configuration=CONFIGURATION).payouts.count() == 1
    return producer, owner


def test_a_producers_staff_member_does_not_see_payout_details(db, client):
    producer, _owner = payout_world()
    staff_member = MemberFactory(producer=producer, role=MemberRole.STAFF).user

    data = GraphQLClient(client, user=staff_member).data(PAYOUT_DETAILS)["myProducer"]

    assert (data["bankCode"], data["bankAccountName"], data["bankAccountNumber"], data["promptpayId"]) == (None,) * 4
    payout = data["payouts"]["edges"][0]["node"]
    assert payout["reference"] and (payout["bankAccountNumber"], payout["promptpayId"]) == (None, None)


def test_owner_and_officer_see_payout_details(client, db):
    producer, owner = payout_world()
    officer = OfficerAssignmentFactory(producer=producer).officer

    for user in (owner, officer):
        data = GraphQLClient(client, user=user).data(PAYOUT_DETAILS)["myProducer"]
        assert data["promptpayId"] == "0899999999"
        assert data["payouts"]["edges"][0]["node"]["promptpayId"] == "0899999999"
