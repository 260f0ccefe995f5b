import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphene import Node

from tests.factories import ProductFactory
from tests.factories.provenance import GeographicalIndicationFactory, provenance_in

pytestmark = pytest.mark.django_db

PROVENANCE = """
query($id: ID!) { product(id: $id) { otop { provenance {
  region { code nameTh nameEn }
  province { code isoCode nameTh nameEn }
  district { code nameTh nameEn }
  subdistrict { code nameTh nameEn postcodes }
  postcodes category producerGroupName storyTh storyEn
  geographicalIndication { nameEn }
} } } }
"""
LISTING = """
query($filter: ProductFilterInput, $first: Int, $sort: ProductOrder) {
  products(first: $first, filter: $filter, sortBy: $sort) {
    edges { node { slug otop { provenance {
      region { code } province { code nameEn } district { code } subdistrict { code nameEn }
      category geographicalIndication { nameEn }
    } } } }
  }
}
"""


def product_id(product):
    return Node.to_global_id("Product", product.pk)


def listed_slugs(client, filter=None, sort=None, first=100):
    data = client.data(LISTING, {"filter": filter or {}, "first": first, "sort": sort})
    return [edge["node"]["slug"] for edge in data["products"]["edges"]]


def test_product_shows_its_provenance(api_client):
    gi = GeographicalIndicationFactory(name_en="Praewa Kalasin silk", province_codes=["46"])
    provenance = provenance_in("460101", gi=gi, producer_group_name="Ban Phon weavers", story_en="Silk.")

    found = api_client.data(PROVENANCE, {"id": product_id(provenance.product)})["product"]["otop"]["provenance"]

    assert found["region"] == {"code": "NORTHEAST", "nameTh": "ภาคตะวันออกเฉียงเหนือ", "nameEn": "Northeast"}
    assert found["province"] == {"code": "46", "isoCode": "TH-46", "nameTh": "กาฬสินธุ์", "nameEn": "Kalasin"}
    assert found["district"]["code"] == "4601"
    assert found["subdistrict"]["code"] == "460101"
    assert found["subdistrict"]["nameTh"] and found["subdistrict"]["nameEn"]
    assert found["postcodes"] == found["subdistrict"]["postcodes"] == ["46000"]
    assert (found["category"], found["producerGroupName"], found["storyEn"]) == ("TEXTILE", "Ban Phon weavers", "Silk.")
    assert found["geographicalIndication"] == {"nameEn": "Praewa Kalasin silk"}


def test_product_without_provenance_shows_null(api_client):
    product = ProductFactory()
    found = api_client.data(PROVENANCE, {"id": product_id(product)})["product"]["otop"]["provenance"]
    assert found is None


def test_listing_filters_by_region(api_client):
    north = provenance_in("500101").product
    provenance_in("840503")
    ProductFactory()
    assert listed_slugs(api_client, {"regions": ["NORTH"]}) == [north.slug]


def test_listing_filters_by_province(api_client):
    provenance_in("500101")
    chiang_rai = provenance_in("570101").product
    assert listed_slugs(api_client, {"provinces": ["57"]}) == [chiang_rai.slug]


def test_listing_filters_by_district(api_client):
    ko_tao = provenance_in("840503").product
    provenance_in("840101")
    assert listed_slugs(api_client, {"districts": ["8405"]}) == [ko_tao.slug]


def test_listing_filters_by_subdistrict(api_client):
    si_phum = provenance_in("500101").product
    provenance_in("500102")
    assert listed_slugs(api_client, {"subdistricts": ["500101"]}) == [si_phum.slug]


def test_listing_filters_by_geographical_indication(api_client):
    gi = GeographicalIndicationFactory(province_codes=["46"])
    with_gi = provenance_in("460101", gi=gi).product
    provenance_in("460101")
    gi_id = Node.to_global_id("GeographicalIndication", gi.pk)
    assert listed_slugs(api_client, {"geographicalIndications": [gi_id]}) == [with_gi.slug]


def test_listing_filters_by_otop_category(api_client):
    food = provenance_in("500101", category="FOOD").product
    provenance_in("500101", category="TEXTILE")
    assert listed_slugs(api_client, {"otopCategories": ["FOOD"]}) == [food.slug]


def test_listing_sorts_by_province_name(api_client):
    songkhla = provenance_in("900101").product  # Songkhla
    chiang_mai = provenance_in("500101").product
    kalasin = provenance_in("460101").product
    slugs = listed_slugs(api_client, sort={"field": "PROVINCE", "direction": "ASC"})
    assert slugs == [chiang_mai.slug, kalasin.slug, songkhla.slug]


def test_listing_sorted_by_province_pages_on(api_client):
    products = [provenance_in(code).product for code in ["900101", "500101", "460101"]]
    query = """query($after: String) { products(first: 2, after: $after, sortBy: {field: PROVINCE, direction: ASC}) {
        edges { node { slug } } pageInfo { endCursor } } }"""
    first_page = api_client.data(query)["products"]
    second_page = api_client.data(query, {"after": first_page["pageInfo"]["endCursor"]})["products"]
    assert [edge["node"]["slug"] for edge in second_page["edges"]] == [products[0].slug]


@pytest.mark.parametrize("filter", [{"regions": ["NORTH"]}, {"provinces": ["50"]}])
def test_filtered_listing_queries_do_not_grow_with_page_size(api_client, django_assert_num_queries, filter):
    gi = GeographicalIndicationFactory(province_codes=["50"])
    for _ in range(50):
        provenance_in("500101", gi=gi)
    with CaptureQueriesContext(connection) as page_of_10:
        assert len(listed_slugs(api_client, filter, first=10)) == 10
    with django_assert_num_queries(len(page_of_10)):
        assert len(listed_slugs(api_client, filter, first=50)) == 50
