import pytest
from graphene import Node

from plugins.provenance.models import ProductProvenance
from tests.factories import ProductFactory, UserFactory
from tests.factories.provenance import GeographicalIndicationFactory, producer_member_owning, provenance_in
from tests.graphql_client import GraphQLClient

pytestmark = pytest.mark.django_db

MANAGE = ["otop_provenance.manage_otop_provenance"]
SET = """
mutation($id: ID!, $input: ProductProvenanceInput!) {
  productProvenanceSet(productId: $id, input: $input) {
    provenance { province { code } district { code } subdistrict { code nameEn } category producerGroupName
                 geographicalIndication { nameEn } storyTh storyEn }
    provenanceErrors { field code message }
  }
}
"""


def product_id(product):
    return Node.to_global_id("Product", product.pk)


def set_provenance(client, product, permissions=MANAGE, **input):
    variables = {"id": product_id(product), "input": {"subdistrictCode": "500101", "category": "TEXTILE", **input}}
    return client.data(SET, variables, permissions=permissions)["productProvenanceSet"]


def test_programme_staff_set_provenance(staff_api_client):
    product = ProductFactory()
    gi = GeographicalIndicationFactory(name_en="Lamphun brocade silk", province_codes=["51"])

    result = set_provenance(
        staff_api_client, product, subdistrictCode="510101", districtCode="5101", provinceCode="51",
        producerGroupName="Lamphun weavers", geographicalIndication=Node.to_global_id("GeographicalIndication", gi.pk),
        storyTh="ผ้าไหมยกดอก", storyEn="Brocade silk.",
    )

    assert result["provenanceErrors"] == []
    assert result["provenance"]["subdistrict"]["code"] == "510101"
    assert result["provenance"]["geographicalIndication"] == {"nameEn": "Lamphun brocade silk"}
    assert ProductProvenance.objects.get(product=product).producer_group_name == "Lamphun weavers"


def test_setting_again_replaces_the_provenance(staff_api_client):
    provenance = provenance_in("500101")
    set_provenance(staff_api_client, provenance.product, subdistrictCode="840503", category="FOOD")
    provenance.refresh_from_db()
    assert (provenance.subdistrict_id, provenance.category) == ("840503", "FOOD")


def test_names_in_thai_or_english_that_match_are_accepted(staff_api_client):
    product = ProductFactory()
    result = set_provenance(
        staff_api_client, product, subdistrictCode="840503",
        subdistrictName="ต.เกาะเต่า", districtName="Ko Pha-ngan", provinceName="สุราษฎร์ธานี",
    )
    assert result["provenanceErrors"] == []


def test_old_subdistrict_code_is_recorded_as_its_successor(staff_api_client):
    product = ProductFactory()
    result = set_provenance(staff_api_client, product, subdistrictCode="100205")
    assert result["provenance"]["subdistrict"]["code"] == "102901"


def test_old_subdistrict_code_split_in_two_is_refused(staff_api_client):
    product = ProductFactory()
    result = set_provenance(staff_api_client, product, subdistrictCode="104701")
    assert result["provenanceErrors"][0]["code"] == "ABOLISHED_UNIT"
    assert "104702" in result["provenanceErrors"][0]["message"]
    assert not ProductProvenance.objects.exists()


def test_staff_without_the_permission_is_refused(staff_api_client):
    product = ProductFactory()
    staff_api_client.assert_refused(SET, {"id": product_id(product), "input": {"subdistrictCode": "500101", "category": "FOOD"}})
    assert not ProductProvenance.objects.exists()


def test_anonymous_is_refused(api_client):
    product = ProductFactory()
    api_client.assert_refused(SET, {"id": product_id(product), "input": {"subdistrictCode": "500101", "category": "FOOD"}})


def test_producer_sets_provenance_of_its_own_product(client):
    own_product, member = ProductFactory(), UserFactory()
    producer_member_owning(own_product, user=member)
    result = set_provenance(GraphQLClient(client, user=member), own_product, permissions=None)
    assert result["provenanceErrors"] == []
    assert ProductProvenance.objects.filter(product=own_product).exists()


def test_producer_is_refused_for_another_producers_product(client):
    member = UserFactory()
    producer_member_owning(ProductFactory(), user=member)
    others_product = ProductFactory()
    producer_member_owning(others_product, user=UserFactory())
    variables = {"id": product_id(others_product), "input": {"subdistrictCode": "500101", "category": "FOOD"}}
    GraphQLClient(client, user=member).assert_refused(SET, variables)
    assert not ProductProvenance.objects.exists()


def test_customer_is_refused(client):
    product = ProductFactory()
    customer = GraphQLClient(client, user=UserFactory())
    customer.assert_refused(SET, {"id": product_id(product), "input": {"subdistrictCode": "500101", "category": "FOOD"}})


BAD_INPUT = [
    ({"provinceCode": "99"}, "provinceCode", "UNKNOWN_CODE"),
    ({"provinceCode": "5"}, "provinceCode", "INVALID_CODE"),
    ({"districtCode": "5701"}, "subdistrictCode", "SUBDISTRICT_NOT_IN_DISTRICT"),
    ({"provinceCode": "57", "districtCode": "5001"}, "districtCode", "DISTRICT_NOT_IN_PROVINCE"),
    ({"provinceCode": "57"}, "subdistrictCode", "SUBDISTRICT_NOT_IN_PROVINCE"),
    ({"districtCode": "9999"}, "districtCode", "UNKNOWN_CODE"),
    ({"subdistrictCode": "50010"}, "subdistrictCode", "INVALID_CODE"),
    ({"subdistrictCode": "50O101"}, "subdistrictCode", "INVALID_CODE"),
    ({"subdistrictCode": "509999"}, "subdistrictCode", "UNKNOWN_CODE"),
    ({"subdistrictName": "Ko Tao"}, "subdistrictName", "NAME_MISMATCH"),
    ({"subdistrictName": "เกาะเต่า"}, "subdistrictName", "NAME_MISMATCH"),
    ({"districtName": "อำเภอแม่ริม"}, "districtName", "NAME_MISMATCH"),
    ({"provinceName": "Chiang Rai"}, "provinceName", "NAME_MISMATCH"),
    ({"producerGroupName": "x" * 256}, "producerGroupName", "TOO_LONG"),
    ({"storyEn": "x" * 1_000_000}, "storyEn", "TOO_LONG"),
]


@pytest.mark.parametrize(("input", "field", "code"), BAD_INPUT)
def test_bad_input_is_a_field_error_and_writes_nothing(staff_api_client, input, field, code):
    product = ProductFactory()
    result = set_provenance(staff_api_client, product, **input)
    assert [(e["field"], e["code"]) for e in result["provenanceErrors"]] == [(field, code)]
    assert result["provenanceErrors"][0]["message"]
    assert result["provenance"] is None
    assert not ProductProvenance.objects.exists()


def test_geographical_indication_of_another_province_is_refused(staff_api_client):
    product = ProductFactory()
    kalasin_silk = GeographicalIndicationFactory(name_en="Praewa Kalasin silk", province_codes=["46"])
    result = set_provenance(
        staff_api_client, product, geographicalIndication=Node.to_global_id("GeographicalIndication", kalasin_silk.pk)
    )
    assert [(e["field"], e["code"]) for e in result["provenanceErrors"]] == [("geographicalIndication", "GI_NOT_IN_PROVINCE")]
    assert "Kalasin" in result["provenanceErrors"][0]["message"]
    assert not ProductProvenance.objects.exists()


def test_bad_input_leaves_an_existing_provenance_unchanged(staff_api_client):
    provenance = provenance_in("500101", producer_group_name="Si Phum weavers")
    result = set_provenance(staff_api_client, provenance.product, subdistrictCode="840503", provinceCode="99",
                            producerGroupName="Changed")
    assert result["provenanceErrors"]
    provenance.refresh_from_db()
    assert (provenance.subdistrict_id, provenance.producer_group_name) == ("500101", "Si Phum weavers")


def test_unknown_product_is_a_field_error(staff_api_client):
    variables = {"id": Node.to_global_id("Product", 999999), "input": {"subdistrictCode": "500101", "category": "FOOD"}}
    errors = staff_api_client.data(SET, variables, permissions=MANAGE)["productProvenanceSet"]["provenanceErrors"]
    assert [(e["field"], e["code"]) for e in errors] == [("productId", "NOT_FOUND")]
