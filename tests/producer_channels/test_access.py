"""The one home of producer access (plugins/producer_channels/access.py), asked directly:
for each kind of object, what its own producer's people, another producer's people, the
people of a suspended producer, programme staff and an anonymous visitor reach."""
import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from otop_kernel.producer_access import (
    NoProducerAccess,
    ProducerContact,
    producer_access,
    register_producer_access,
)
from plugins.export_markets.models import ProducerRegistration, ProductCertificate
from plugins.export_markets.permissions import ExportMarketsPermissions
from plugins.producer_channels import access, services
from plugins.producer_channels.models import ProducerInvitation, SubOrder
from tests.factories import ProductFactory, StaffFactory, UserFactory
from tests.factories.export_markets import ProducerRegistrationFactory, ProductCertificateFactory
from tests.factories.producer_channels import (
    MemberFactory,
    OfficerAssignmentFactory,
    placed_order,
    producer_product,
    producer_with_owner,
)

MANAGE_EXPORT = ExportMarketsPermissions.MANAGE_OTOP_EXPORT


@pytest.fixture
def world(db):
    """Two producers with a product, a sub-order, a registration and a certificate each; a
    third, suspended; programme staff with and without the export permission."""
    own, owner = producer_with_owner()
    other, other_owner = producer_with_owner()
    suspended, suspended_owner = producer_with_owner()
    found = {"own": own, "other": other, "suspended": suspended}
    things = {}
    for name, producer in found.items():
        product, variant = producer_product(producer)
        things[name] = {
            "producer": producer,
            "product": product,
            "variant": variant,
            "registration": ProducerRegistrationFactory(producer=producer),
            "certificate": ProductCertificateFactory(product=product),
        }
    order = placed_order([(things["own"]["variant"], 1), (things["other"]["variant"], 1), (things["suspended"]["variant"], 1)])
    for name in found:
        things[name]["sub_order"] = SubOrder.objects.get(order=order, producer=found[name])
    services.producer_suspend(producer=suspended, reason="audit")
    for name in found:
        found[name].refresh_from_db()
    return {
        "things": things,
        "order": order,
        "owner": owner,
        "other_owner": other_owner,
        "suspended_owner": suspended_owner,
        "staff": StaffFactory(permissions=[MANAGE_EXPORT.value]),
        "plain_staff": StaffFactory(),
        "anonymous": AnonymousUser(),
    }


def reached_pks(queryset):
    return set(queryset.values_list("pk", flat=True))


KINDS = {
    "producer": lambda user, write: access.producers(user=user, write=write),
    "product": lambda user, write: access.products(user=user, write=write),
    "variant": lambda user, write: access.variants(user=user, write=write),
    "sub_order": lambda user, write: access.sub_orders(user=user, write=write),
    "registration": lambda user, write: access.scope_by_producer(
        ProducerRegistration.objects.all(), user=user, write=write
    ),
    "certificate": lambda user, write: access.scope_by_product(
        ProductCertificate.objects.all(), user=user, write=write
    ),
}


def test_owner_reads_and_writes_only_the_own_producers_objects(world):
    own = world["things"]["own"]

    for kind, reach in KINDS.items():
        assert reached_pks(reach(world["owner"], False)) == {own[kind].pk}, kind
        assert reached_pks(reach(world["owner"], True)) == {own[kind].pk}, kind


def test_another_producers_owner_reaches_only_its_own(world):
    other = world["things"]["other"]

    for kind, reach in KINDS.items():
        assert reached_pks(reach(world["other_owner"], False)) == {other[kind].pk}, kind


def test_suspended_producers_people_read_but_do_not_write(world):
    suspended = world["things"]["suspended"]

    for kind, reach in KINDS.items():
        assert reached_pks(reach(world["suspended_owner"], False)) == {suspended[kind].pk}, kind
        assert reached_pks(reach(world["suspended_owner"], True)) == set(), kind


def test_staff_and_anonymous_reach_nothing_as_a_producers_people(world):
    for who in ("staff", "plain_staff", "anonymous"):
        for kind, reach in KINDS.items():
            assert reached_pks(reach(world[who], False)) == set(), (who, kind)


def test_an_assigned_officer_acts_for_the_producer(world):
    producer = world["things"]["other"]["producer"]
    officer = OfficerAssignmentFactory(producer=producer).officer

    assert access.producer_ids(user=officer) == {producer.pk}
    assert access.producer_ids(user=officer, write=True) == {producer.pk}


def test_an_inactive_member_reaches_nothing(world):
    world["owner"].is_active = False

    assert access.producer_ids(user=world["owner"]) == set()


def test_reach_returns_the_object_with_its_producer_in_one_query(world, django_assert_num_queries):
    variant = world["things"]["own"]["variant"]

    with django_assert_num_queries(1):
        reached = access.reach_variant(user=world["owner"], pk=variant.pk)
        producer = access.product_producer(reached.object.product)

    assert reached.object == variant
    assert reached.producer == producer == world["things"]["own"]["producer"]
    assert reached.writable


def test_reach_of_a_suspended_producers_product_is_read_only(world):
    product = world["things"]["suspended"]["product"]

    reached = access.reach_product(user=world["suspended_owner"], pk=product.pk)

    assert reached.object == product and not reached.writable


def test_reach_of_another_producers_objects_finds_nothing(world):
    things = world["things"]["other"]
    owner = world["owner"]

    assert access.reach_producer(user=owner, pk=things["producer"].pk) is None
    assert access.reach_producer(user=owner, slug=things["producer"].slug) is None
    assert access.reach_product(user=owner, pk=things["product"].pk) is None
    assert access.reach_variant(user=owner, pk=things["variant"].pk) is None
    assert access.reach_sub_order(user=owner, pk=things["sub_order"].pk) is None


def test_staff_permission_reaches_every_producers_objects_and_writes_to_suspended_ones(world):
    things = world["things"]["suspended"]

    reached = access.reach_product(user=world["staff"], pk=things["product"].pk, staff_permission=MANAGE_EXPORT)
    by_slug = access.reach_producer(user=world["staff"], slug=things["producer"].slug, staff_permission=MANAGE_EXPORT)

    assert reached.object == things["product"] and reached.producer == things["producer"] and reached.writable
    assert by_slug.object == things["producer"] and by_slug.writable


def test_staff_permission_reaches_a_product_of_no_producer(world):
    product = ProductFactory()

    reached = access.reach_product(user=world["staff"], pk=product.pk, staff_permission=MANAGE_EXPORT)

    assert reached.object == product and reached.producer is None and reached.writable


def test_a_permission_the_staff_member_lacks_reaches_nothing(world):
    product = world["things"]["own"]["product"]

    assert access.reach_product(user=world["plain_staff"], pk=product.pk, staff_permission=MANAGE_EXPORT) is None
    assert access.reach_product(user=world["anonymous"], pk=product.pk, staff_permission=MANAGE_EXPORT) is None


def test_unknown_and_empty_ids_reach_nothing(world):
    assert access.reach_product(user=world["owner"], pk=None) is None
    assert access.reach_product(user=world["staff"], pk=10**9, staff_permission=MANAGE_EXPORT) is None
    assert access.reach_producer(user=world["owner"], slug="no-such-producer") is None


def test_require_writable_refuses_a_suspended_producer_only(world):
    access.require_writable(world["things"]["own"]["producer"])

    with pytest.raises(ValidationError) as refused:
        access.require_writable(world["things"]["suspended"]["producer"])

    assert refused.value.error_dict["producer"][0].code == "producer_suspended"


def test_order_parcels_each_producer_reads_only_its_own(world):
    order = world["order"]
    things = world["things"]

    assert access.order_producer_ids(order=order) == {things[name]["producer"].pk for name in things}
    assert access.order_readable_producer_ids(user=world["owner"], order=order) == {things["own"]["producer"].pk}
    assert access.order_readable_producer_ids(user=world["suspended_owner"], order=order) == {
        things["suspended"]["producer"].pk
    }
    assert access.order_readable_producer_ids(user=world["staff"], order=order) == set()
    assert access.order_readable_producer_ids(user=world["anonymous"], order=order) == set()


def test_members_reach_their_producers_memberships_only(world):
    own = world["things"]["own"]["producer"]
    colleague = MemberFactory(producer=own, role="staff")

    assert {member.user for member in access.members(user=world["owner"])} == {world["owner"], colleague.user}
    assert access.members(user=world["other_owner"]).filter(producer=own).count() == 0
    assert access.members(user=world["anonymous"]).count() == 0


def test_people_managers_are_owners_and_officers_not_staff_members(world):
    own = world["things"]["own"]["producer"]
    staff_member = MemberFactory(producer=own, role="staff").user
    officer = OfficerAssignmentFactory(producer=own).officer

    assert access.may_manage_people(user=world["owner"], producer_id=own.pk)
    assert access.may_manage_people(user=officer, producer_id=own.pk)
    assert not access.may_manage_people(user=staff_member, producer_id=own.pk)
    assert not access.may_manage_people(user=world["other_owner"], producer_id=own.pk)
    assert not access.may_manage_people(user=world["staff"], producer_id=own.pk)
    assert not access.may_manage_people(user=world["anonymous"], producer_id=own.pk)


def test_invitations_managed_and_received(world):
    own = world["things"]["own"]["producer"]
    invitee = UserFactory(email="invitee@example.com")
    invitation = services.producer_member_invite(producer=own, email=invitee.email, role="staff")
    staff_member = MemberFactory(producer=own, role="staff").user

    assert list(access.invitations_managed(user=world["owner"])) == [invitation]
    assert list(access.invitations_managed(user=staff_member)) == []
    assert list(access.invitations_managed(user=world["other_owner"])) == []
    assert list(access.invitations_received(user=invitee)) == [invitation]
    assert list(access.invitations_received(user=world["owner"])) == []
    assert list(access.invitations_received(user=world["anonymous"])) == []
    assert ProducerInvitation.objects.count() == 1


def test_the_kernel_provider_answers_from_this_module(world):
    things = world["things"]
    provider = producer_access()

    assert provider.can_read_product(user=world["suspended_owner"], product_id=things["suspended"]["product"].pk)
    assert not provider.can_write_product(user=world["suspended_owner"], product_id=things["suspended"]["product"].pk)
    assert provider.can_write_product(user=world["owner"], product_id=things["own"]["product"].pk)
    assert not provider.can_read_product(user=world["owner"], product_id=things["other"]["product"].pk)
    assert not provider.can_read_product(user=world["anonymous"], product_id=things["own"]["product"].pk)
    assert set(provider.readable_product_ids(user=world["owner"]).values_list("product_id", flat=True)) == {
        things["own"]["product"].pk
    }
    own = things["own"]["producer"]
    assert provider.producers_of_products(product_ids=[things["own"]["product"].pk, ProductFactory().pk]) == {
        things["own"]["product"].pk: ProducerContact(
            pk=own.pk, slug=own.slug, name_th=own.name_th, name_en=own.name_en,
            contact_email=own.contact_email, home_subdistrict_id=own.home_subdistrict_id,
        )
    }


def test_without_a_registered_provider_nobody_acts_for_a_producer(world):
    registered = producer_access()
    register_producer_access(NoProducerAccess())
    try:
        product_id = world["things"]["own"]["product"].pk
        assert not producer_access().can_read_product(user=world["owner"], product_id=product_id)
        assert not producer_access().can_write_product(user=world["owner"], product_id=product_id)
        assert producer_access().producers_of_products(product_ids=[product_id]) == {}
    finally:
        register_producer_access(registered)


STOCK_SET = """
mutation($variant: ID!, $quantity: Int!) {
  producerStockSet(variant: $variant, quantity: $quantity) {
    variant { quantity }
    producerErrors { field code }
  }
}
"""


def test_stock_set_reads_the_producer_once(db, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from graphene import Node

    from tests.graphql_client import GraphQLClient

    producer, owner = producer_with_owner()
    _, variant = producer_product(producer, quantity=3)
    member = GraphQLClient(client, user=owner)

    with CaptureQueriesContext(connection) as queries:
        data = member.data(STOCK_SET, {"variant": Node.to_global_id("ProductVariant", variant.pk), "quantity": 7})

    assert data["producerStockSet"] == {"variant": {"quantity": 7}, "producerErrors": []}
    producer_reads = [
        query["sql"] for query in queries.captured_queries
        if 'FROM "otop_producers_producer"' in query["sql"] or 'JOIN "otop_producers_producer"' in query["sql"]
    ]
    assert len(producer_reads) == 1, producer_reads
