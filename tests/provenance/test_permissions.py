import pytest

pytestmark = pytest.mark.django_db


def test_saleor_lists_the_provenance_permission(staff_api_client):
    query = "query { shop { permissions { code name } } }"
    codes = [p["code"] for p in staff_api_client.data(query)["shop"]["permissions"]]
    assert "MANAGE_OTOP_PROVENANCE" in codes


def test_permission_groups_can_grant_the_provenance_permission(staff_api_client):
    query = """mutation { permissionGroupCreate(input: {name: "Provenance editors",
        addPermissions: [MANAGE_OTOP_PROVENANCE]}) {
        group { permissions { code } } permissionGroupErrors { field code } } }"""
    result = staff_api_client.data(query, permissions=["account.manage_staff", "otop_provenance.manage_otop_provenance"])
    assert result["permissionGroupCreate"]["group"]["permissions"] == [{"code": "MANAGE_OTOP_PROVENANCE"}]
