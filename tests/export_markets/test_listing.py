from django.db import connection
from django.test.utils import CaptureQueriesContext

from otop_kernel.otop_categories import OtopCategory
from plugins.export_markets.choices import RequirementKind
from plugins.export_markets.services import product_eligibility_recompute
from tests.factories.export_markets import MarketFactory, otop_product, require, set_rate

LISTING = """
query Listing($first: Int!, $country: String!) {
  products(first: $first, filter: {exportableTo: $country}) {
    edges { node {
      name
      otop {
        exportMarkets { country { code } eligible reasons { code message } }
        priceInMarket(country: $country) { amount currency }
      }
    } }
  }
}
"""


def names(data):
    return sorted(edge["node"]["name"] for edge in data["products"]["edges"])


def test_listing_keeps_only_products_exportable_to_the_country(db, api_client):
    MarketFactory(country="JP")
    otop_product(name="Dried mango", stars=5)
    otop_product(name="Chili paste", stars=2)
    product_eligibility_recompute()
    data = api_client.data(LISTING, {"first": 10, "country": "JP"})
    assert names(data) == ["Dried mango"]


def test_closed_market_lists_nothing(db, api_client):
    MarketFactory(country="JP", enabled=False)
    otop_product(name="Dried mango", stars=5)
    product_eligibility_recompute()
    assert names(api_client.data(LISTING, {"first": 10, "country": "JP"})) == []


def test_unknown_country_in_the_filter_is_an_error(db, api_client):
    content = api_client.post(LISTING, {"first": 10, "country": "XX"})
    assert "'XX' is not an ISO 3166-1 country code." in content["errors"][0]["message"]


def test_product_shows_its_verdict_per_market_with_reasons(db, api_client):
    MarketFactory(country="JP")
    malaysia = MarketFactory(country="MY", display_currency="MYR")
    require(malaysia, OtopCategory.FOOD, RequirementKind.HALAL)
    otop_product(name="Dried mango", stars=5)
    product_eligibility_recompute()
    data = api_client.data(LISTING, {"first": 10, "country": "JP"})
    assert data["products"]["edges"][0]["node"]["otop"]["exportMarkets"] == [
        {"country": {"code": "JP"}, "eligible": True, "reasons": []},
        {
            "country": {"code": "MY"},
            "eligible": False,
            "reasons": [{"code": "CERTIFICATE_MISSING", "message": "Halal certificate missing"}],
        },
    ]


def test_price_is_shown_in_the_markets_currency(db, api_client):
    MarketFactory(country="JP")
    set_rate("JPY", "4.3")
    otop_product(name="Dried mango", stars=5, price_amount="250.00", minimal_variant_price_amount="250.00")
    product_eligibility_recompute()
    data = api_client.data(LISTING, {"first": 10, "country": "JP"})
    assert data["products"]["edges"][0]["node"]["otop"]["priceInMarket"] == {"amount": 1075.0, "currency": "JPY"}


def test_price_in_market_is_null_without_a_stored_rate(db, api_client):
    MarketFactory(country="JP")
    otop_product(name="Dried mango", stars=5)
    product_eligibility_recompute()
    data = api_client.data(LISTING, {"first": 10, "country": "JP"})
    assert data["products"]["edges"][0]["node"]["otop"]["priceInMarket"] is None


def count_listing_queries(api_client, first):
    with CaptureQueriesContext(connection) as queries:
        data = api_client.data(LISTING, {"first": first, "country": "JP"})
    assert len(data["products"]["edges"]) == first
    return len(queries)


def test_exportable_listing_queries_do_not_grow_with_page_size(db, api_client):
    MarketFactory(country="JP")
    MarketFactory(country="MY", display_currency="MYR")
    set_rate("JPY", "4.3")
    for number in range(50):
        otop_product(name=f"Product {number}", stars=5)
    product_eligibility_recompute()
    assert count_listing_queries(api_client, 10) == count_listing_queries(api_client, 50)
