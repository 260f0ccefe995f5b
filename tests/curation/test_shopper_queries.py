from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from saleor.product.models import Collection

from plugins.curation import services
from plugins.curation.models import FeaturedCollectionKind
from tests.factories.curation import hand_picked_collection, otop_product, rule_collection

pytestmark = pytest.mark.django_db

FEATURED = """
query Featured($kind: FeaturedCollectionKindEnum) {
  featuredCollections(kind: $kind) {
    slug kind selection productCount
    lastRefresh { addedCount }
    rule { minStars }
    products(first: 3) { name }
  }
}
"""

ONE = """
query One($slug: String!) { featuredCollection(slug: $slug) { slug products { name } } }
"""

CURATED = "{ curatedCollections { slug isVisible } }"


def slugs(api_client, **variables):
    return [c["slug"] for c in api_client.data(FEATURED, variables)["featuredCollections"]]


def test_shoppers_see_collections_inside_their_window_only(api_client):
    now = timezone.now()
    hand_picked_collection(name="Open now")
    hand_picked_collection(name="Starts tomorrow", visible_from=now + timedelta(days=1))
    hand_picked_collection(
        name="Ended", visible_from=now - timedelta(days=10), visible_until=now - timedelta(days=1)
    )
    hand_picked_collection(name="Switched off", is_published=False)

    assert slugs(api_client) == ["open-now"]


def test_shoppers_filter_by_kind(api_client):
    hand_picked_collection(name="Next", kind=FeaturedCollectionKind.OTOP_NEXT)
    hand_picked_collection(name="Seasonal", kind=FeaturedCollectionKind.SEASONAL)

    assert slugs(api_client, kind="SEASONAL") == ["seasonal"]


def test_shoppers_see_published_products_in_curated_order(api_client):
    a = otop_product(name="A")
    hidden = otop_product(name="Hidden", is_published=False)
    b = otop_product(name="B")
    hand_picked_collection(name="Picks", products=[b, hidden, a])

    collection = api_client.data(ONE, {"slug": "picks"})["featuredCollection"]

    assert collection["products"] == [{"name": "B"}, {"name": "A"}]


def test_collection_outside_its_window_is_null_for_shoppers(api_client):
    hand_picked_collection(name="Later", visible_from=timezone.now() + timedelta(days=3))

    assert api_client.data(ONE, {"slug": "later"})["featuredCollection"] is None


def test_saleor_publication_date_is_the_window_start(db):
    start = timezone.now() + timedelta(days=3)
    featured = hand_picked_collection(visible_from=start)

    assert featured.collection.publication_date == timezone.localtime(start).date()
    assert featured.collection not in Collection.objects.published()


def test_ended_windows_are_unpublished_in_saleor(db):
    now = timezone.now()
    ended = hand_picked_collection(visible_from=now - timedelta(days=5), visible_until=now - timedelta(minutes=1))
    running = hand_picked_collection(visible_from=now - timedelta(days=5), visible_until=now + timedelta(days=1))

    assert services.featured_collections_close_ended() == 1

    assert list(Collection.objects.filter(is_published=True)) == [running.collection]
    ended.collection.refresh_from_db()
    assert not ended.collection.is_published


def test_extending_an_ended_window_publishes_again(db):
    now = timezone.now()
    featured = hand_picked_collection(visible_from=now - timedelta(days=5), visible_until=now - timedelta(minutes=1))
    services.featured_collections_close_ended()

    services.featured_collection_update(featured_collection=featured, visible_until=now + timedelta(days=7))

    featured.collection.refresh_from_db()
    assert featured.collection.is_published


def test_curated_collections_need_the_permission(staff_api_client):
    staff_api_client.assert_refused(CURATED)


def test_curators_see_collections_outside_their_window(staff_api_client):
    hand_picked_collection(name="Later", visible_from=timezone.now() + timedelta(days=3))

    data = staff_api_client.data(CURATED, permissions=["otop_curation.manage_otop_curation"])

    assert data["curatedCollections"] == [{"slug": "later", "isVisible": False}]


def _collections(count):
    for index in range(count):
        products = [otop_product(stars=5) for _ in range(2)]
        hand_picked_collection(name=f"Picks {count}-{index}", products=products)
    rule_collection(name=f"Five stars {count}", min_stars=5)


@pytest.mark.parametrize("count", [2, 8])
def test_query_count_does_not_grow_with_collections(api_client, count):
    _collections(count)
    with CaptureQueriesContext(connection) as queries:
        data = api_client.data(FEATURED)
    assert len(data["featuredCollections"]) == count + 1
    # rows, products ranked + fetched, counts, latest refreshes, rules
    assert len(queries) == 6, [q["sql"] for q in queries]
