import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ProductFactory
from tests.factories.provenance import GeographicalIndicationFactory, provenance_in

pytestmark = pytest.mark.django_db

REGIONS = """
query { otopRegions { code nameTh nameEn publishedProductCount provinces { code } } }
"""
PROVINCES = """
query($region: OtopRegionCodeEnum) {
  otopProvinces(region: $region) { code isoCode nameTh nameEn region { code } publishedProductCount }
}
"""


def by_code(rows):
    return {row["code"]: row for row in rows}


def test_regions_count_published_products(api_client):
    provenance_in("500101")
    provenance_in("570101")
    provenance_in("840503")
    provenance_in("840503", product=ProductFactory(is_published=False))

    regions = by_code(api_client.data(REGIONS)["otopRegions"])

    assert regions["NORTH"]["publishedProductCount"] == 2
    assert regions["SOUTH"]["publishedProductCount"] == 1
    assert regions["EAST"]["publishedProductCount"] == 0
    assert len(regions["CENTRAL"]["provinces"]) == 22


def test_provinces_count_published_products(api_client):
    provenance_in("500101")
    provenance_in("500102")

    provinces = by_code(api_client.data(PROVINCES)["otopProvinces"])

    assert len(provinces) == 77
    assert provinces["50"]["publishedProductCount"] == 2
    assert provinces["50"]["isoCode"] == "TH-50"
    assert provinces["50"]["region"]["code"] == "NORTH"
    assert provinces["57"]["publishedProductCount"] == 0


def test_provinces_of_one_region(api_client):
    provinces = api_client.data(PROVINCES, {"region": "WEST"})["otopProvinces"]
    assert [p["code"] for p in provinces] == ["63", "70", "71", "76", "77"]


def test_province_counts_take_the_same_queries_however_many_products(api_client):
    provenance_in("500101")
    with CaptureQueriesContext(connection) as few:
        api_client.data(PROVINCES)
    for code in ["570101", "840503", "100101", "460101", "200101"]:
        provenance_in(code)
    with CaptureQueriesContext(connection) as many:
        api_client.data(PROVINCES)
    assert len(many) == len(few)


def test_region_counts_take_the_same_queries_however_many_products(api_client):
    provenance_in("500101")
    with CaptureQueriesContext(connection) as few:
        api_client.data(REGIONS)
    for code in ["570101", "840503", "100101", "460101", "200101"]:
        provenance_in(code)
    with CaptureQueriesContext(connection) as many:
        api_client.data(REGIONS)
    assert len(many) == len(few)


def test_province_by_code(api_client):
    query = "query { otopProvince(code: \"46\") { nameTh nameEn isoCode region { nameEn } } }"
    province = api_client.data(query)["otopProvince"]
    assert province == {"nameTh": "กาฬสินธุ์", "nameEn": "Kalasin", "isoCode": "TH-46", "region": {"nameEn": "Northeast"}}


def test_unknown_province_is_null(api_client):
    assert api_client.data("query { otopProvince(code: \"99\") { code } }")["otopProvince"] is None


def test_districts_of_a_province(api_client):
    query = "query { otopDistricts(provinceCode: \"84\") { code nameEn province { code } } }"
    districts = api_client.data(query)["otopDistricts"]
    assert len(districts) == 19
    assert {"code": "8405", "nameEn": "Ko Pha-ngan", "province": {"code": "84"}} in districts


def test_subdistricts_of_a_district(api_client):
    query = "query { otopSubdistricts(districtCode: \"8405\") { code nameTh nameEn postcodes district { code } } }"
    subdistricts = api_client.data(query)["otopSubdistricts"]
    assert [s["nameEn"] for s in subdistricts] == ["Ko Pha-ngan", "Ban Tai", "Ko Tao"]
    assert subdistricts[2]["postcodes"] == ["84360"]


def test_abolished_subdistricts_are_listed_only_on_request(api_client):
    query = """query($all: Boolean) { otopSubdistricts(districtCode: "1002", includeAbolished: $all) { code } }"""
    current = {s["code"] for s in api_client.data(query, {"all": False})["otopSubdistricts"]}
    every = {s["code"] for s in api_client.data(query, {"all": True})["otopSubdistricts"]}
    assert "100205" not in current
    assert "100205" in every


def test_old_subdistrict_code_shows_where_its_addresses_are_now(api_client):
    query = """query { otopSubdistrict(code: "100205") {
        nameEn abolishedOn successors { code nameEn district { nameEn } } } }"""
    old = api_client.data(query)["otopSubdistrict"]
    assert old["abolishedOn"] == "2006-01-01"
    assert old["successors"] == [{"code": "102901", "nameEn": "Bang Sue", "district": {"nameEn": "Bang Sue"}}]


def test_geographical_indications_of_a_province(api_client):
    GeographicalIndicationFactory(name_en="Praewa Kalasin silk", province_codes=["46"])
    GeographicalIndicationFactory(name_en="Doi Tung coffee", kind="AGRICULTURAL", province_codes=["57"])
    query = """query($p: String) { geographicalIndications(provinceCode: $p) {
        nameEn kind provinces { code nameEn } } }"""
    gis = api_client.data(query, {"p": "46"})["geographicalIndications"]
    assert gis == [{"nameEn": "Praewa Kalasin silk", "kind": "HANDICRAFT", "provinces": [{"code": "46", "nameEn": "Kalasin"}]}]


def test_geographical_indications_of_a_kind(api_client):
    GeographicalIndicationFactory(name_en="Praewa Kalasin silk", province_codes=["46"])
    GeographicalIndicationFactory(name_en="Doi Tung coffee", kind="AGRICULTURAL", province_codes=["57"])
    query = "query { geographicalIndications(kind: AGRICULTURAL) { nameEn } }"
    assert api_client.data(query)["geographicalIndications"] == [{"nameEn": "Doi Tung coffee"}]
