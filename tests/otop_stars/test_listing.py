from datetime import date

import graphene
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from plugins.otop_stars import services
from tests.factories import ProductFactory, StaffFactory
from tests.factories.otop_stars import approved_review, grant
from tests.graphql_client import GraphQLClient

pytestmark = pytest.mark.django_db

LISTING = """
query Listing($first: Int!, $filter: ProductFilterInput, $sortBy: ProductOrder) {
  products(first: $first, filter: $filter, sortBy: $sortBy) {
    edges { node { name otop {
      stars { stars roundYear roundYearBuddhistEra category validUntil certificateNumber }
      reviewSummary { average count histogram { stars count } }
    } } }
  }
}
"""

PRODUCT = """
query Product($id: ID!) {
  product(id: $id) { name otop { stars { stars } } }
}
"""


def names(data):
    return [edge["node"]["name"] for edge in data["products"]["edges"]]


def test_product_shows_its_official_stars_and_round(api_client):
    product = ProductFactory(name="Dried mango")
    grant(product, stars=5, round_year=2024, category="FOOD", certificate_number="OPC-67-1")

    data = api_client.data(LISTING, {"first": 10})

    assert data["products"]["edges"][0]["node"]["otop"]["stars"] == {
        "stars": 5,
        "roundYear": 2024,
        "roundYearBuddhistEra": 2567,
        "category": "FOOD",
        "validUntil": "2026-12-31",
        "certificateNumber": "OPC-67-1",
    }


def test_product_without_certification_has_no_stars_and_an_empty_summary(api_client):
    ProductFactory()

    node = api_client.data(LISTING, {"first": 10})["products"]["edges"][0]["node"]

    assert node["otop"]["stars"] is None
    assert node["otop"]["reviewSummary"]["count"] == 0
    assert node["otop"]["reviewSummary"]["average"] is None


def test_review_summary_shows_average_count_and_histogram(api_client):
    product = ProductFactory()
    approved_review(product, stars=5)
    approved_review(product, stars=4)
    approved_review(product, stars=4)

    summary = api_client.data(LISTING, {"first": 10})["products"]["edges"][0]["node"]["otop"]["reviewSummary"]

    assert summary["average"] == 4.33
    assert summary["count"] == 3
    assert summary["histogram"] == [
        {"stars": 5, "count": 1},
        {"stars": 4, "count": 2},
        {"stars": 3, "count": 0},
        {"stars": 2, "count": 0},
        {"stars": 1, "count": 0},
    ]


def test_min_stars_keeps_products_with_at_least_that_many_official_stars(api_client):
    grant(ProductFactory(name="Three"), stars=3, round_year=2024)
    grant(ProductFactory(name="Four"), stars=4, round_year=2024)
    grant(ProductFactory(name="Five"), stars=5, round_year=2024)
    ProductFactory(name="Unrated")

    data = api_client.data(LISTING, {"first": 10, "filter": {"minStars": 4}})

    assert sorted(names(data)) == ["Five", "Four"]


def test_min_stars_outside_one_to_five_is_an_error(api_client):
    content = api_client.post(LISTING, {"first": 10, "filter": {"minStars": 6}})

    assert "minStars must be from 1 to 5" in content["errors"][0]["message"]


def test_sort_by_stars_puts_unrated_products_last_when_descending(api_client):
    grant(ProductFactory(name="Three"), stars=3, round_year=2024)
    ProductFactory(name="Unrated")
    grant(ProductFactory(name="Five"), stars=5, round_year=2024)

    data = api_client.data(LISTING, {"first": 10, "sortBy": {"field": "STARS", "direction": "DESC"}})

    assert names(data) == ["Five", "Three", "Unrated"]


def test_sort_by_stars_pages_with_cursors(api_client):
    for stars, name in [(5, "A"), (4, "B"), (4, "C"), (3, "D")]:
        grant(ProductFactory(name=name), stars=stars, round_year=2024)
    query = """
    query Page($after: String) {
      products(first: 2, after: $after, sortBy: {field: STARS, direction: DESC}) {
        edges { node { name } } pageInfo { endCursor }
      }
    }"""

    first_page = api_client.data(query)["products"]
    second_page = api_client.data(query, {"after": first_page["pageInfo"]["endCursor"]})["products"]

    # Descending applies to every sort key, so equal stars come in reverse name order.
    assert [edge["node"]["name"] for edge in first_page["edges"] + second_page["edges"]] == ["A", "C", "B", "D"]


def test_sort_by_review_average(api_client):
    approved_review(ProductFactory(name="Liked"), stars=4)
    approved_review(ProductFactory(name="Loved"), stars=5)
    ProductFactory(name="Unreviewed")

    data = api_client.data(LISTING, {"first": 10, "sortBy": {"field": "REVIEW_AVERAGE", "direction": "DESC"}})

    assert names(data) == ["Loved", "Liked", "Unreviewed"]


def test_products_below_the_listing_minimum_leave_the_shopper_listing(api_client):
    grant(ProductFactory(name="Two"), stars=2, round_year=2024)
    grant(ProductFactory(name="Three"), stars=3, round_year=2024)
    ProductFactory(name="Never rated")

    data = api_client.data(LISTING, {"first": 10})

    assert sorted(names(data)) == ["Never rated", "Three"]


def test_a_product_whose_certification_lapsed_leaves_the_listing(api_client):
    grant(ProductFactory(name="Lapsed"), stars=5, round_year=2019)

    assert names(api_client.data(LISTING, {"first": 10})) == []


def test_a_delisted_product_stays_published_and_reachable_by_id(api_client):
    product = ProductFactory(name="Two")
    grant(product, stars=2, round_year=2024)

    data = api_client.data(PRODUCT, {"id": graphene.Node.to_global_id("Product", product.pk)})

    product.refresh_from_db()
    assert product.is_published
    assert data["product"] == {"name": "Two", "otop": {"stars": {"stars": 2}}}


def test_staff_managing_products_see_the_whole_catalogue_and_can_pick_the_delisted(client):
    grant(ProductFactory(name="Two"), stars=2, round_year=2024)
    grant(ProductFactory(name="Four"), stars=4, round_year=2024)
    staff = GraphQLClient(client, user=StaffFactory(permissions=["product.manage_products"]))

    everything = staff.data(LISTING, {"first": 10})
    delisted = staff.data(LISTING, {"first": 10, "filter": {"belowListingMinimum": True}})

    assert sorted(names(everything)) == ["Four", "Two"]
    assert names(delisted) == ["Two"]


def test_the_listing_minimum_follows_the_plugin_configuration(api_client):
    from saleor.plugins.models import PluginConfiguration

    grant(ProductFactory(name="Three"), stars=3, round_year=2024)
    PluginConfiguration.objects.create(
        identifier="otop.stars", name="OTOP star ratings", active=True,
        configuration=[{"name": "minimum_listing_stars", "value": "4"}],
    )

    assert names(api_client.data(LISTING, {"first": 10})) == []


def test_a_revived_certification_brings_the_product_back(api_client):
    product = ProductFactory(name="Back")
    certification = grant(product, stars=4, round_year=2022, valid_until=date(2023, 12, 31))
    services.certification_correct(certification=certification, actor=None, valid_until=date(2099, 12, 31))

    assert names(api_client.data(LISTING, {"first": 10})) == ["Back"]


def _listing_queries(api_client, first):
    variables = {
        "first": first,
        "filter": {"minStars": 3},
        "sortBy": {"field": "STARS", "direction": "DESC"},
    }
    with CaptureQueriesContext(connection) as queries:
        data = api_client.data(LISTING, variables)
    assert len(data["products"]["edges"]) == first
    return len(queries)


def test_star_filter_sort_and_review_summary_add_no_query_per_product(api_client, django_assert_num_queries):
    for number in range(55):
        product = ProductFactory()
        grant(product, stars=3 + number % 3, round_year=2024)
        if number % 10 == 0:
            approved_review(product, stars=4)
    queries_for_10 = _listing_queries(api_client, 10)

    with django_assert_num_queries(queries_for_10):
        _listing_queries(api_client, 50)


def test_review_average_sort_adds_no_query_per_product(api_client, django_assert_num_queries):
    for number in range(55):
        product = ProductFactory()
        if number % 5 == 0:
            approved_review(product, stars=1 + number % 5)
    variables = {"sortBy": {"field": "REVIEW_AVERAGE", "direction": "DESC"}}
    with CaptureQueriesContext(connection) as queries:
        api_client.data(LISTING, {"first": 10, **variables})

    with django_assert_num_queries(len(queries)):
        api_client.data(LISTING, {"first": 50, **variables})


def test_sort_by_review_average_pages_with_cursors(api_client):
    for name, stars in [("A", 5), ("B", 4), ("C", 4), ("D", 2)]:
        approved_review(ProductFactory(name=name), stars=stars)
    query = """
    query Page($after: String) {
      products(first: 2, after: $after, sortBy: {field: REVIEW_AVERAGE, direction: DESC}) {
        edges { node { name } } pageInfo { endCursor }
      }
    }"""

    first_page = api_client.data(query)["products"]
    second_page = api_client.data(query, {"after": first_page["pageInfo"]["endCursor"]})["products"]

    assert [edge["node"]["name"] for edge in first_page["edges"] + second_page["edges"]] == ["A", "C", "B", "D"]
