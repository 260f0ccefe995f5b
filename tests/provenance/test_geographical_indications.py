import pytest
from graphene import Node

from plugins.provenance.models import GeographicalIndication
from tests.factories.provenance import GeographicalIndicationFactory, provenance_in

pytestmark = pytest.mark.django_db

MANAGE = ["otop_provenance.manage_otop_provenance"]
CREATE = """
mutation($input: GeographicalIndicationCreateInput!) {
  geographicalIndicationCreate(input: $input) {
    geographicalIndication { slug nameTh nameEn registrationNumber kind provinces { code } }
    provenanceErrors { field code message }
  }
}
"""
UPDATE = """
mutation($id: ID!, $input: GeographicalIndicationUpdateInput!) {
  geographicalIndicationUpdate(id: $id, input: $input) {
    geographicalIndication { nameEn kind provinces { code } }
    provenanceErrors { field code message }
  }
}
"""
DELETE = """
mutation($id: ID!) {
  geographicalIndicationDelete(id: $id) { geographicalIndication { nameEn } provenanceErrors { field code message } }
}
"""
PRAEWA = {"nameTh": "ผ้าไหมแพรวากาฬสินธุ์", "nameEn": "Praewa Kalasin silk", "kind": "HANDICRAFT", "provinces": ["46"]}


def gi_id(gi):
    return Node.to_global_id("GeographicalIndication", gi.pk)


def errors_of(result):
    return [(e["field"], e["code"]) for e in result["provenanceErrors"]]


def test_programme_staff_add_a_gi(staff_api_client):
    result = staff_api_client.data(CREATE, {"input": {**PRAEWA, "registrationNumber": "สช 1"}}, permissions=MANAGE)
    assert result["geographicalIndicationCreate"]["geographicalIndication"] == {
        "slug": "praewa-kalasin-silk", "nameTh": "ผ้าไหมแพรวากาฬสินธุ์", "nameEn": "Praewa Kalasin silk",
        "registrationNumber": "สช 1", "kind": "HANDICRAFT", "provinces": [{"code": "46"}],
    }


def test_adding_a_gi_needs_the_permission(staff_api_client):
    staff_api_client.assert_refused(CREATE, {"input": PRAEWA})
    assert not GeographicalIndication.objects.exists()


@pytest.mark.parametrize(
    ("change", "error"),
    [
        ({"provinces": ["99"]}, ("provinces", "UNKNOWN_CODE")),
        ({"provinces": []}, ("provinces", "REQUIRED")),
        ({"nameEn": " "}, ("nameEn", "REQUIRED")),
        ({"slug": "Not A Slug"}, ("slug", "INVALID")),
    ],
)
def test_bad_gi_input_is_a_field_error_and_writes_nothing(staff_api_client, change, error):
    result = staff_api_client.data(CREATE, {"input": {**PRAEWA, **change}}, permissions=MANAGE)
    assert errors_of(result["geographicalIndicationCreate"]) == [error]
    assert not GeographicalIndication.objects.exists()


def test_registration_number_is_unique(staff_api_client):
    GeographicalIndicationFactory(registration_number="สช 1", province_codes=["46"])
    result = staff_api_client.data(CREATE, {"input": {**PRAEWA, "registrationNumber": "สช 1"}}, permissions=MANAGE)
    assert errors_of(result["geographicalIndicationCreate"]) == [("registrationNumber", "UNIQUE")]


def test_programme_staff_change_a_gi(staff_api_client):
    gi = GeographicalIndicationFactory(province_codes=["46"])
    variables = {"id": gi_id(gi), "input": {"nameEn": "Praewa silk", "provinces": ["46", "47"]}}
    result = staff_api_client.data(UPDATE, variables, permissions=MANAGE)["geographicalIndicationUpdate"]
    assert result["geographicalIndication"] == {"nameEn": "Praewa silk", "kind": "HANDICRAFT", "provinces": [{"code": "46"}, {"code": "47"}]}


def test_a_province_whose_products_carry_the_gi_stays(staff_api_client):
    gi = GeographicalIndicationFactory(province_codes=["46", "47"])
    provenance_in("460101", gi=gi)
    variables = {"id": gi_id(gi), "input": {"provinces": ["47"], "nameEn": "Renamed"}}
    result = staff_api_client.data(UPDATE, variables, permissions=MANAGE)["geographicalIndicationUpdate"]
    assert errors_of(result) == [("provinces", "GI_IN_USE")]
    gi.refresh_from_db()
    assert sorted(gi.provinces.values_list("code", flat=True)) == ["46", "47"]
    assert gi.name_en != "Renamed"


def test_changing_a_gi_needs_the_permission(staff_api_client):
    gi = GeographicalIndicationFactory(province_codes=["46"])
    staff_api_client.assert_refused(UPDATE, {"id": gi_id(gi), "input": {"nameEn": "Changed"}})


def test_programme_staff_delete_an_unused_gi(staff_api_client):
    gi = GeographicalIndicationFactory(province_codes=["46"])
    result = staff_api_client.data(DELETE, {"id": gi_id(gi)}, permissions=MANAGE)["geographicalIndicationDelete"]
    assert result["provenanceErrors"] == []
    assert not GeographicalIndication.objects.exists()


def test_a_gi_products_carry_is_not_deleted(staff_api_client):
    gi = GeographicalIndicationFactory(province_codes=["46"])
    provenance_in("460101", gi=gi)
    result = staff_api_client.data(DELETE, {"id": gi_id(gi)}, permissions=MANAGE)["geographicalIndicationDelete"]
    assert errors_of(result) == [("id", "GI_IN_USE")]
    assert GeographicalIndication.objects.filter(pk=gi.pk).exists()


def test_deleting_a_gi_needs_the_permission(staff_api_client):
    gi = GeographicalIndicationFactory(province_codes=["46"])
    staff_api_client.assert_refused(DELETE, {"id": gi_id(gi)})
    assert GeographicalIndication.objects.filter(pk=gi.pk).exists()
