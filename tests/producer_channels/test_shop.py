from saleor.product.models import Collection

from plugins.producer_channels.models import ProducerStatus
from tests.factories.producer_channels import ProducerFactory, producer_product, producer_with_owner

SHOP = """query($slug: String!) { producerShop(slug: $slug) {
    slug nameTh nameEn kind storyEn productCount locality { subdistrictCode provinceNameEn }
    products(first: 10) { totalCount edges { node { name } } }
    collections { name } } }"""


def test_shop_shows_profile_published_products_and_collections(db, api_client):
    producer, _ = producer_with_owner(name_en="Doi Tung Roasters", slug="doi-tung", story_en="Coffee from the hills.")
    shown, _ = producer_product(producer)
    hidden, _ = producer_product(producer, published=False)
    collection = Collection.objects.create(name="Northern coffee", slug="northern-coffee", is_published=True)
    collection.products.add(shown)
    Collection.objects.create(name="Empty", slug="empty", is_published=True)

    data = api_client.data(SHOP, {"slug": "doi-tung"})["producerShop"]

    assert data["nameEn"] == "Doi Tung Roasters"
    assert data["kind"] == "COMMUNITY_GROUP"
    assert data["locality"] == {"subdistrictCode": "500101", "provinceNameEn": "Chiang Mai"}
    assert data["productCount"] == 1
    assert data["products"]["edges"] == [{"node": {"name": shown.name}}]
    assert data["collections"] == [{"name": "Northern coffee"}]


def test_applied_producer_has_no_shop_yet(db, api_client):
    ProducerFactory(slug="not-yet", status=ProducerStatus.APPLIED)

    assert api_client.data(SHOP, {"slug": "not-yet"})["producerShop"] is None


def test_shop_listing_shows_open_shops_only(db, api_client):
    producer_with_owner(slug="open-one")
    ProducerFactory(slug="applied-one", status=ProducerStatus.APPLIED)

    data = api_client.data("{ producerShops(first: 10) { totalCount edges { node { slug } } } }")

    assert data["producerShops"] == {"totalCount": 1, "edges": [{"node": {"slug": "open-one"}}]}


def test_shop_listing_pages_through_many_shops(db, api_client):
    for number in range(5):
        producer_with_owner(slug=f"shop-{number}")
    query = "query($after: String) { producerShops(first: 2, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug } } } }"

    slugs, after = [], None
    while True:
        page = api_client.data(query, {"after": after})["producerShops"]
        slugs += [edge["node"]["slug"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    assert slugs == [f"shop-{number}" for number in range(5)]


def test_shop_listing_filters_by_province(db, api_client):
    from tests.factories.places import KALASIN_MUEANG_KALASIN

    producer_with_owner(slug="in-kalasin", home_subdistrict_id=KALASIN_MUEANG_KALASIN)
    producer_with_owner(slug="in-chiang-mai")

    data = api_client.data('{ producerShops(first: 10, provinceCode: "46") { edges { node { slug } } } }')

    assert data["producerShops"]["edges"] == [{"node": {"slug": "in-kalasin"}}]


def test_product_shows_its_producer(db, api_client):
    producer, _ = producer_with_owner(slug="praewa")
    producer_product(producer)

    data = api_client.data("{ products(first: 5) { edges { node { otop { producer { slug } } } } } }")

    assert data["products"]["edges"] == [{"node": {"otop": {"producer": {"slug": "praewa"}}}}]


def test_products_filter_by_producer(db, api_client):
    praewa, _ = producer_with_owner(slug="praewa")
    other, _ = producer_with_owner(slug="other")
    mine, _ = producer_product(praewa)
    producer_product(other)

    data = api_client.data('{ products(first: 5, filter: {producerSlug: "praewa"}) { edges { node { name } } } }')

    assert data["products"]["edges"] == [{"node": {"name": mine.name}}]
