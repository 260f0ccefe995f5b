from saleor.product.models import CollectionProduct

from otop_kernel.demo_catalogue import PRODUCTS
from plugins.curation.devtools.demo import (
    EXPORT_SHOWCASE_JAPAN,
    NORTHEAST_TEXTILES,
    OTOP_NEXT_DESIGN,
    OTOP_PLUS_FIVE_STAR,
)
from plugins.curation.models import (
    CollectionRefresh,
    FeaturedCollection,
    ProductBaselinePrice,
)
from saleor_otop.demo import demo_catalogue_load, demo_plugins_load

REPORT = """
{
  programmeReport {
    developedProducers { total provincesMeetingMinimum provinceCount }
    activeShops { producers target }
    highStarShare { publishedProducts highStarProducts sharePercent }
    valueUplift { productsWithBaseline productsAtTarget averageUpliftPercent }
    salesByRegion { code orders }
    salesByMarket { code orders }
  }
}
"""


def load_demo():
    catalogue = demo_catalogue_load(staff_email="staff@otop-market.example", staff_password="demo-password-1", log=lambda _: None)
    lines = []
    demo_plugins_load(catalogue=catalogue, log=lines.append)
    return catalogue, [line for line in lines if line.startswith("curation:")]


def members(slug):
    return CollectionProduct.objects.filter(collection__slug=slug).count()


def test_demo_creates_the_featured_collections(db):
    _catalogue, lines = load_demo()

    five_stars = sum(1 for item in PRODUCTS if item.stars == 5)
    assert members(OTOP_PLUS_FIVE_STAR) == five_stars
    northeast_textiles = [
        item for item in PRODUCTS
        if item.category == "TEXTILE" and item.stars >= 4 and item.province_code in
        {"30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43", "44", "45", "46", "47", "48", "49"}
    ]
    assert members(NORTHEAST_TEXTILES) == len(northeast_textiles)
    assert members(EXPORT_SHOWCASE_JAPAN) > 0
    assert members(OTOP_NEXT_DESIGN) == 5
    assert ProductBaselinePrice.objects.count() == sum(1 for item in PRODUCTS if item.stars >= 4)
    assert len(lines) == 5


def test_demo_loaded_twice_writes_nothing_new(db):
    load_demo()
    counts = (FeaturedCollection.objects.count(), CollectionRefresh.objects.count(), CollectionProduct.objects.count())

    load_demo()

    assert (FeaturedCollection.objects.count(), CollectionRefresh.objects.count(), CollectionProduct.objects.count()) == counts


def test_programme_report_on_the_demo_data(staff_api_client):
    load_demo()

    data = staff_api_client.data(REPORT, permissions=["otop_curation.view_otop_programme_report"])["programmeReport"]

    assert data["developedProducers"]["provinceCount"] == 77
    assert data["highStarShare"]["publishedProducts"] == len(PRODUCTS)
    assert data["highStarShare"]["highStarProducts"] == sum(1 for item in PRODUCTS if item.stars >= 4)
    assert data["valueUplift"]["productsWithBaseline"] == data["highStarShare"]["highStarProducts"]
    assert 0 < data["valueUplift"]["productsAtTarget"] < data["valueUplift"]["productsWithBaseline"]
    assert len(data["salesByRegion"]) == 6
