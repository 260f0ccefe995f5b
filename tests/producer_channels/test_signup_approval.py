from decimal import Decimal

from saleor.product.models import Product
from saleor.warehouse.models import Warehouse

from plugins.producer_channels.models import (
    MemberRole,
    Producer,
    ProducerMember,
    ProducerStatus,
)
from tests.factories import ShippingZoneFactory, UserFactory
from tests.factories.places import KALASIN_MUEANG_KALASIN
from tests.factories.producer_channels import ProducerFactory, producer_product, producer_with_owner
from tests.graphql_client import GraphQLClient, mutation_errors

MANAGE_PRODUCERS = "otop_producers.manage_otop_producers"

APPLY = """
mutation($input: ProducerApplyInput!) {
  producerApply(input: $input) {
    producer { id slug status nameTh myRole commissionRate locality { provinceNameEn } }
    producerErrors { field code message }
  }
}
"""
APPROVE = """
mutation($id: ID!, $rate: Decimal) {
  producerApprove(id: $id, commissionRate: $rate) {
    producer { status commissionRate warehouseId }
    producerErrors { field code message }
  }
}
"""
SUSPEND = """
mutation($id: ID!) {
  producerSuspend(id: $id, reason: "Certificate lapsed") {
    producer { status suspensionReason }
    producerErrors { field code }
  }
}
"""
COMMISSION = """
mutation($id: ID!, $rate: Decimal!) {
  producerCommissionSet(id: $id, commissionRate: $rate) { producerErrors { field code message } }
}
"""

APPLICATION = {
    "nameTh": "กลุ่มทอผ้าไหมแพรวา",
    "nameEn": "Praewa Silk Weavers",
    "kind": "COMMUNITY_GROUP",
    "homeSubdistrictCode": KALASIN_MUEANG_KALASIN,
    "contactEmail": "praewa@otop.example",
    "contactPhone": "081-234-5678",
    "promptpayId": "0812345678",
}


def producer_id(producer):
    from graphene import Node

    return Node.to_global_id("Producer", producer.pk)


def test_logged_in_user_applies_and_becomes_owner(user_api_client, customer_user):
    data = user_api_client.data(APPLY, {"input": APPLICATION})["producerApply"]

    assert data["producerErrors"] == []
    assert data["producer"]["status"] == "APPLIED"
    assert data["producer"]["slug"] == "praewa-silk-weavers"
    assert data["producer"]["myRole"] == "OWNER"
    assert data["producer"]["locality"]["provinceNameEn"] == "Kalasin"
    assert data["producer"]["commissionRate"] == 10.0
    assert ProducerMember.objects.get(user=customer_user).role == MemberRole.OWNER


def test_anonymous_cannot_apply(db, api_client):
    api_client.assert_refused(APPLY, {"input": APPLICATION})
    assert not Producer.objects.exists()


def test_apply_with_unknown_subdistrict_writes_nothing(user_api_client):
    data = user_api_client.data(APPLY, {"input": {**APPLICATION, "homeSubdistrictCode": "999999"}})

    assert mutation_errors(data, "producerApply", "producerErrors") == [
        {"field": "homeSubdistrictCode", "code": "INVALID_SUBDISTRICT",
         "message": "No subdistrict (tambon) has this 6-digit DOPA code."}
    ]
    assert not Producer.objects.exists() and not ProducerMember.objects.exists()


def test_apply_with_abolished_subdistrict_is_refused(user_api_client):
    data = user_api_client.data(APPLY, {"input": {**APPLICATION, "homeSubdistrictCode": "100205"}})

    assert mutation_errors(data, "producerApply", "producerErrors")[0]["code"] == "INVALID_SUBDISTRICT"


def test_apply_with_bad_promptpay_id_is_refused(user_api_client):
    data = user_api_client.data(APPLY, {"input": {**APPLICATION, "promptpayId": "12345"}})

    assert mutation_errors(data, "producerApply", "producerErrors")[0]["field"] == "promptpayId"
    assert not Producer.objects.exists()


def test_approval_creates_own_warehouse_with_thai_address(staff_api_client):
    zone = ShippingZoneFactory(countries=["TH"])
    producer = ProducerFactory(home_subdistrict_id=KALASIN_MUEANG_KALASIN, address_line="12 Moo 4", status=ProducerStatus.APPLIED)

    data = staff_api_client.data(APPROVE, {"id": producer_id(producer)}, permissions=[MANAGE_PRODUCERS])

    assert data["producerApprove"]["producerErrors"] == []
    assert data["producerApprove"]["producer"]["status"] == "APPROVED"
    warehouse = Warehouse.objects.get(otop_producer=producer)
    address = warehouse.address
    assert (address.street_address_1, address.city_area, address.city, address.country_area) == (
        "12 Moo 4", "Kalasin", "Mueang Kalasin", "Kalasin"
    )
    assert (address.postal_code, address.country.code) == ("46000", "TH")
    assert list(warehouse.shipping_zones.all()) == [zone]


def test_approval_sets_commission_given(staff_api_client):
    producer = ProducerFactory(status=ProducerStatus.APPLIED)

    data = staff_api_client.data(APPROVE, {"id": producer_id(producer), "rate": 12.5}, permissions=[MANAGE_PRODUCERS])

    assert data["producerApprove"]["producer"]["commissionRate"] == 12.5


def test_approving_twice_is_refused_and_changes_nothing(staff_api_client):
    producer, _ = producer_with_owner()
    before = Producer.objects.values().get(pk=producer.pk)

    data = staff_api_client.data(APPROVE, {"id": producer_id(producer)}, permissions=[MANAGE_PRODUCERS])

    assert mutation_errors(data, "producerApprove", "producerErrors") == [
        {"field": "id", "code": "ALREADY_APPROVED", "message": "The producer is already approved."}
    ]
    assert Producer.objects.values().get(pk=producer.pk) == before
    assert Warehouse.objects.count() == 1


def test_approval_needs_manage_producers_permission(staff_api_client):
    producer = ProducerFactory(status=ProducerStatus.APPLIED)

    staff_api_client.assert_refused(APPROVE, {"id": producer_id(producer)})

    assert Producer.objects.get(pk=producer.pk).status == ProducerStatus.APPLIED


def test_owner_cannot_approve_own_producer(db, client):
    owner = UserFactory()
    producer = ProducerFactory(status=ProducerStatus.APPLIED)
    ProducerMember.objects.create(producer=producer, user=owner, role=MemberRole.OWNER)

    GraphQLClient(client, user=owner).assert_refused(APPROVE, {"id": producer_id(producer)})


def test_commission_above_100_percent_is_refused(staff_api_client):
    producer, _ = producer_with_owner()

    data = staff_api_client.data(COMMISSION, {"id": producer_id(producer), "rate": 100.01}, permissions=[MANAGE_PRODUCERS])

    assert mutation_errors(data, "producerCommissionSet", "producerErrors") == [
        {"field": "commissionRate", "code": "COMMISSION_OUT_OF_RANGE",
         "message": "The commission must be between 0 and 100 %."}
    ]
    assert Producer.objects.get(pk=producer.pk).commission_rate == Decimal("10.00")


def test_negative_commission_is_refused(staff_api_client):
    producer, _ = producer_with_owner()

    data = staff_api_client.data(COMMISSION, {"id": producer_id(producer), "rate": -1}, permissions=[MANAGE_PRODUCERS])

    assert mutation_errors(data, "producerCommissionSet", "producerErrors")[0]["code"] == "COMMISSION_OUT_OF_RANGE"


def test_commission_applies_to_later_orders_only(staff_api_client):
    producer, _ = producer_with_owner()

    staff_api_client.data(COMMISSION, {"id": producer_id(producer), "rate": 15}, permissions=[MANAGE_PRODUCERS])

    assert Producer.objects.get(pk=producer.pk).commission_rate == Decimal("15.00")


def test_suspension_takes_products_out_of_listing(staff_api_client, api_client):
    producer, _ = producer_with_owner()
    product, _ = producer_product(producer)
    listing = "{ products(first: 10) { edges { node { id } } } }"
    assert len(api_client.data(listing)["products"]["edges"]) == 1

    staff_api_client.data(SUSPEND, {"id": producer_id(producer)}, permissions=[MANAGE_PRODUCERS])

    assert api_client.data(listing)["products"]["edges"] == []
    assert api_client.data('{ producerShop(slug: "%s") { slug } }' % producer.slug)["producerShop"] is None


def test_reinstatement_publishes_only_what_suspension_unpublished(staff_api_client):
    producer, _ = producer_with_owner()
    shown, _ = producer_product(producer, published=True)
    hidden, _ = producer_product(producer, published=False)
    staff_api_client.data(SUSPEND, {"id": producer_id(producer)}, permissions=[MANAGE_PRODUCERS])

    data = staff_api_client.data(APPROVE, {"id": producer_id(producer)})

    assert data["producerApprove"]["producer"]["status"] == "APPROVED"
    assert Product.objects.get(pk=shown.pk).is_published
    assert not Product.objects.get(pk=hidden.pk).is_published
    assert Warehouse.objects.count() == 1


def test_suspending_twice_is_refused(staff_api_client):
    producer, _ = producer_with_owner()
    staff_api_client.data(SUSPEND, {"id": producer_id(producer)}, permissions=[MANAGE_PRODUCERS])

    data = staff_api_client.data(SUSPEND, {"id": producer_id(producer)})

    assert mutation_errors(data, "producerSuspend", "producerErrors") == [{"field": "id", "code": "ALREADY_SUSPENDED"}]


def test_staff_lists_applications(staff_api_client):
    ProducerFactory(name_en="Applied one", status=ProducerStatus.APPLIED)
    producer_with_owner(name_en="Approved one")
    query = "{ producers(first: 10, status: APPLIED) { edges { node { nameEn status } } } }"

    data = staff_api_client.data(query, permissions=[MANAGE_PRODUCERS])

    assert data["producers"]["edges"] == [{"node": {"nameEn": "Applied one", "status": "APPLIED"}}]


def test_producer_list_needs_permission(user_api_client):
    user_api_client.assert_refused("{ producers(first: 10) { edges { node { id } } } }")


def test_officer_assignment_lets_officer_act_for_producer(db, staff_api_client, client):
    producer, _ = producer_with_owner()
    officer = UserFactory(email="officer@cdd.example")
    assign = 'mutation($id: ID!) { producerOfficerAssign(id: $id, officerEmail: "officer@cdd.example") { producerErrors { code } } }'

    staff_api_client.data(assign, {"id": producer_id(producer)}, permissions=[MANAGE_PRODUCERS])

    data = GraphQLClient(client, user=officer).data("{ myProducer { slug myRole officers { email } } }")
    assert data["myProducer"] == {"slug": producer.slug, "myRole": None, "officers": [{"email": "officer@cdd.example"}]}


def test_our_permissions_are_grantable_through_saleor(db):
    from saleor.graphql.core.enums import PermissionEnum

    assert {"MANAGE_OTOP_PRODUCERS", "MANAGE_OTOP_PAYOUTS"} <= set(PermissionEnum._meta.enum.__members__)
