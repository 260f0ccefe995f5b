import pytest

from otop_kernel.demo_catalogue import catalogue as demo_catalogue
from plugins.provenance.devtools.demo import demo_load
from plugins.provenance.models import GeographicalIndication, ProductProvenance
from tests.factories import ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    demo = demo_catalogue()
    demo.items = [(item, ProductFactory(slug=item.key, name=item.name_en)) for item in demo.products]
    return demo


def test_demo_places_every_product_in_its_tambon(catalogue):
    demo_load(catalogue=catalogue, log=lambda _line: None)
    for item, product in catalogue.items:
        provenance = ProductProvenance.objects.get(product=product)
        assert (provenance.subdistrict_id, provenance.category) == (item.subdistrict_code, item.category)


def test_demo_spreads_products_over_six_regions_and_thirty_provinces(catalogue):
    demo_load(catalogue=catalogue, log=lambda _line: None)
    places = ProductProvenance.objects.values_list(
        "subdistrict__district__province_id", "subdistrict__district__province__region_id"
    )
    assert len({province for province, _region in places}) >= 30
    assert len({region for _province, region in places}) == 6


def test_demo_loads_its_geographical_indications_with_their_products(catalogue):
    demo_load(catalogue=catalogue, log=lambda _line: None)
    praewa = GeographicalIndication.objects.get(slug="praewa-kalasin-silk")
    assert list(praewa.provinces.values_list("code", flat=True)) == ["46"]
    with_gi = [item for item, _product in catalogue.items if item.gi_key]
    assert ProductProvenance.objects.filter(gi__isnull=False).count() == len(with_gi) > 0


def test_demo_loads_again_without_change(catalogue):
    demo_load(catalogue=catalogue, log=lambda _line: None)
    before = list(ProductProvenance.objects.order_by("pk").values_list("pk", "subdistrict_id", "gi_id"))
    demo_load(catalogue=catalogue, log=lambda _line: None)
    assert list(ProductProvenance.objects.order_by("pk").values_list("pk", "subdistrict_id", "gi_id")) == before
    assert GeographicalIndication.objects.count() == len(catalogue.geographical_indications)
