import graphene
import pytest
from saleor.graphql.core.enums import PermissionEnum

from plugins.otop_stars.permissions import OtopStarsPermissions
from tests.factories import ProductFactory, StaffFactory
from tests.graphql_client import GraphQLClient

pytestmark = pytest.mark.django_db

CREATE_GROUP = """
mutation Group($users: [ID!]) {
  permissionGroupCreate(input: {name: "OTOP certification", addPermissions: [MANAGE_OTOP_CERTIFICATION, MODERATE_OTOP_REVIEWS], addUsers: $users}) {
    group { permissions { code } }
    permissionGroupErrors { field code message }
  }
}
"""

GRANT = """
mutation Grant($product: ID!) {
  certificationGrant(product: $product, input: {stars: 5, roundYear: 2024, certificateNumber: "OPC-1", category: HERBAL}) {
    certification { stars }
  }
}
"""


def test_saleor_permission_enum_lists_our_permissions():
    assert {"MANAGE_OTOP_CERTIFICATION", "MODERATE_OTOP_REVIEWS"} <= set(PermissionEnum._meta.enum.__members__)


def test_staff_are_granted_our_permissions_through_a_permission_group(client):
    admin = StaffFactory(
        permissions=[
            "account.manage_staff",
            OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION.value,
            OtopStarsPermissions.MODERATE_OTOP_REVIEWS.value,
        ]
    )
    officer = StaffFactory()

    data = GraphQLClient(client, user=admin).data(
        CREATE_GROUP, {"users": [graphene.Node.to_global_id("User", officer.pk)]}
    )

    assert data["permissionGroupCreate"]["permissionGroupErrors"] == []
    codes = {permission["code"] for permission in data["permissionGroupCreate"]["group"]["permissions"]}
    assert codes == {"MANAGE_OTOP_CERTIFICATION", "MODERATE_OTOP_REVIEWS"}
    assert officer.has_perm(OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION)


def test_a_group_member_may_grant_stars(client):
    officer = StaffFactory()
    admin = StaffFactory(
        permissions=["account.manage_staff", OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION.value,
                     OtopStarsPermissions.MODERATE_OTOP_REVIEWS.value]
    )
    GraphQLClient(client, user=admin).data(CREATE_GROUP, {"users": [graphene.Node.to_global_id("User", officer.pk)]})

    data = GraphQLClient(client, user=officer).data(
        GRANT, {"product": graphene.Node.to_global_id("Product", ProductFactory().pk)}
    )

    assert data["certificationGrant"]["certification"] == {"stars": 5}
