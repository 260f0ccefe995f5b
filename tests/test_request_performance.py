"""Less work per request: documents parsed once, middleware on root fields, one plugins manager,
no whole-row DISTINCT, the storefront card listing's SQL constant in page size."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql_relay import to_global_id
from saleor.graphql.middleware import JWTMiddleware
from saleor.plugins.manager import PluginsManager
from saleor.plugins.models import PluginConfiguration

from saleor_otop import plugins_manager
from saleor_otop.graphql import execution
from tests.support.demo_catalogue import demo_catalogue_rolled_back

CARD = """query($first: Int!, $filter: ProductFilterInput) { products(first: $first, filter: $filter) { edges { node {
    id name slug thumbnail(size: 255) { url alt } pricing { priceRange { start { gross { amount currency } } } }
    otop { stars { stars roundYear } provenance { province { code nameTh nameEn } } producer { slug nameEn }
      priceInMarket(country: "JP") { amount currency } } } } } }"""


@pytest.fixture(scope="module")
def demo_catalogue(django_db_setup, django_db_blocker):
    """The demo catalogue once per module, rolled back after it (each test nests inside)."""
    with demo_catalogue_rolled_back(django_db_blocker) as catalogue:
        yield catalogue


@pytest.fixture
def demo(demo_catalogue, db):
    return demo_catalogue


def _product_selects(captured) -> list:
    return [query["sql"] for query in captured.captured_queries if 'FROM "product_product"' in query["sql"]
            and query["sql"].lstrip().startswith("SELECT")]


@pytest.mark.parametrize("filters", [{}, {"minStars": 3}, {"exportableTo": "JP"}], ids=["all", "stars", "japan"])
def test_card_listing_query_count_does_not_grow_with_page_size(demo, api_client, django_assert_num_queries, filters):
    api_client.data(CARD, {"first": 2, "filter": filters})
    with CaptureQueriesContext(connection) as small:
        small_page = api_client.data(CARD, {"first": 2, "filter": filters})["products"]["edges"]
    with django_assert_num_queries(len(small.captured_queries)):
        large_page = api_client.data(CARD, {"first": 12, "filter": filters})["products"]["edges"]
    assert len(small_page) == 2 and len(large_page) > 2


def test_the_listing_through_one_to_one_rows_sorts_no_whole_rows(demo, api_client):
    with CaptureQueriesContext(connection) as captured:
        edges = api_client.data(CARD, {"first": 20, "filter": {"minStars": 3, "regions": ["NORTH"]}})["products"]["edges"]
    listing = _product_selects(captured)[0]
    assert "DISTINCT" not in listing
    assert len({edge["node"]["id"] for edge in edges}) == len(edges)


def test_a_filter_through_many_rows_keeps_distinct(demo, api_client):
    from saleor.product.models import Collection, Product

    collections = [Collection.objects.create(name=f"Bench {n}", slug=f"bench-{n}", is_published=True) for n in (1, 2)]
    product = Product.objects.filter(is_published=True).first()
    for collection in collections:
        collection.products.add(product)
    ids = [to_global_id("Collection", collection.pk) for collection in collections]
    with CaptureQueriesContext(connection) as captured:
        edges = api_client.data(CARD, {"first": 20, "filter": {"collections": ids}})["products"]["edges"]
    assert "DISTINCT" in _product_selects(captured)[0]
    assert len(edges) == 1


def test_a_document_is_parsed_and_validated_once(db, api_client, monkeypatch):
    calls = []
    original = execution.validate
    monkeypatch.setattr(execution, "validate", lambda *args: calls.append(1) or original(*args))
    query = "{ shop { name } } # parsed once"
    for _ in range(3):
        assert api_client.data(query)["shop"]["name"] is not None
    assert len(calls) == 1


def test_an_invalid_document_is_not_kept_and_still_reported(db, api_client):
    query = "{ shop { nameThatDoesNotExist } }"
    for _ in range(2):
        content = api_client.post(query)
        assert 'Cannot query field "nameThatDoesNotExist"' in content["errors"][0]["message"]
    assert not any(key[1] == query for key in execution.document_backend._documents)


def test_nested_fields_do_not_run_the_root_middleware(demo, api_client, monkeypatch):
    calls = []
    original = JWTMiddleware.resolve
    monkeypatch.setattr(JWTMiddleware, "resolve", lambda self, *args, **kwargs: calls.append(1) or original(self, *args, **kwargs))
    edges = api_client.data(CARD, {"first": 10, "filter": {}})["products"]["edges"]
    assert len(edges) == 10
    assert len(calls) == 1  # `products` only, not its 10 × 20 nested fields


def test_an_authenticated_user_is_still_known_to_nested_fields(staff_api_client):
    data = staff_api_client.data("{ me { email userPermissions { code } } }", permissions=["product.manage_products"])
    assert data["me"]["email"] == staff_api_client.user.email
    assert {"code": "MANAGE_PRODUCTS"} in data["me"]["userPermissions"]


def _plugin_configuration_reads(captured) -> int:
    return sum('FROM "plugins_pluginconfiguration"' in query["sql"] for query in captured.captured_queries)


def test_one_plugins_manager_per_request(db, api_client):
    query = "{ a: shop { availablePaymentGateways { id } } b: shop { availablePaymentGateways { id } } }"
    api_client.data(query)
    with CaptureQueriesContext(connection) as captured:
        api_client.data(query)
    assert _plugin_configuration_reads(captured) == 1


def test_outside_a_request_each_call_builds_its_manager(db):
    from saleor.plugins.manager import get_plugins_manager

    first, second = get_plugins_manager(), plugins_manager.request_plugins_manager()
    assert isinstance(first, PluginsManager) and first is not second


def test_a_saved_configuration_drops_the_request_manager(db):
    with plugins_manager.one_plugins_manager():
        first = plugins_manager.request_plugins_manager()
        assert plugins_manager.request_plugins_manager() is first
        PluginConfiguration.objects.create(identifier="otop.test", name="test", active=False, configuration=[])
        assert plugins_manager.request_plugins_manager() is not first
