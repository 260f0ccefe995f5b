from datetime import timedelta

import graphene
from django.utils import timezone
from saleor.product.models import Collection, CollectionProduct

from plugins.curation.models import FeaturedCollection
from tests.factories.curation import hand_picked_collection, otop_product, rule_collection
from tests.graphql_client import mutation_errors

CURATE = ["otop_curation.manage_otop_curation"]

CREATE = """
mutation Create($input: FeaturedCollectionCreateInput!) {
  featuredCollectionCreate(input: $input) {
    featuredCollection { id slug kind selection isVisible products { id } rule { minStars regions } }
    refresh { matchedCount addedCount removedCount matchesNothing }
    curationErrors { field code message }
  }
}
"""

ADD = """
mutation Add($id: ID!, $products: [ID!]!) {
  featuredCollectionProductsAdd(id: $id, products: $products) {
    featuredCollection { products { id } }
    curationErrors { field code message }
  }
}
"""

REMOVE = """
mutation Remove($id: ID!, $products: [ID!]!) {
  featuredCollectionProductsRemove(id: $id, products: $products) {
    featuredCollection { products { id } }
    curationErrors { field code message }
  }
}
"""

REORDER = """
mutation Reorder($id: ID!, $products: [ID!]!) {
  featuredCollectionReorder(id: $id, products: $products) {
    featuredCollection { products { id } }
    curationErrors { field code message }
  }
}
"""

UPDATE = """
mutation Update($id: ID!, $input: FeaturedCollectionUpdateInput!) {
  featuredCollectionUpdate(id: $id, input: $input) {
    featuredCollection { visibleUntil kind rule { minStars } }
    refresh { addedCount }
    curationErrors { field code message }
  }
}
"""

REFRESH = """
mutation Refresh($id: ID!) {
  featuredCollectionRefresh(id: $id) {
    refresh { trigger matchedCount addedCount removedCount }
    curationErrors { field code message }
  }
}
"""


def gid(kind, pk):
    return graphene.Node.to_global_id(kind, pk)


def product_ids(products):
    return [gid("Product", product.pk) for product in products]


def test_curator_creates_a_hand_picked_collection_in_order(staff_api_client):
    first, second = otop_product(), otop_product()

    data = staff_api_client.data(
        CREATE,
        {"input": {"name": "OTOP NEXT designs", "kind": "OTOP_NEXT", "selection": "HAND_PICKED",
                   "products": product_ids([second, first])}},
        permissions=CURATE,
    )["featuredCollectionCreate"]

    assert data["curationErrors"] == []
    assert data["featuredCollection"]["slug"] == "otop-next-designs"
    assert data["featuredCollection"]["products"] == [{"id": i} for i in product_ids([second, first])]
    assert data["refresh"] is None


def test_curator_creates_a_rule_based_collection_matching_nothing(staff_api_client):
    data = staff_api_client.data(
        CREATE,
        {"input": {"name": "Isan five stars", "kind": "REGIONAL_SHOWCASE", "selection": "RULE_BASED",
                   "rule": {"minStars": 5, "regions": ["northeast"]}}},
        permissions=CURATE,
    )["featuredCollectionCreate"]

    assert data["curationErrors"] == []
    assert data["featuredCollection"]["rule"] == {"minStars": 5, "regions": ["NORTHEAST"]}
    assert data["refresh"] == {"matchedCount": 0, "addedCount": 0, "removedCount": 0, "matchesNothing": True}


def test_unknown_province_answers_an_error_and_writes_nothing(staff_api_client):
    data = staff_api_client.data(
        CREATE,
        {"input": {"name": "Nowhere", "kind": "OTOP_PLUS", "selection": "RULE_BASED",
                   "rule": {"provinces": ["98"]}}},
        permissions=CURATE,
    )
    errors = mutation_errors(data, "featuredCollectionCreate", "curationErrors")

    assert [(e["field"], e["code"]) for e in errors] == [("provinces", "UNKNOWN_PROVINCE")]
    assert "98" in errors[0]["message"]
    assert not Collection.objects.exists()


def test_window_ending_before_start_answers_an_error(staff_api_client):
    start = timezone.now()
    data = staff_api_client.data(
        CREATE,
        {"input": {"name": "Songkran", "kind": "SEASONAL", "selection": "HAND_PICKED",
                   "visibleFrom": start.isoformat(), "visibleUntil": (start - timedelta(hours=1)).isoformat()}},
        permissions=CURATE,
    )
    errors = mutation_errors(data, "featuredCollectionCreate", "curationErrors")

    assert [(e["field"], e["code"]) for e in errors] == [("visibleUntil", "WINDOW_ENDS_BEFORE_START")]
    assert not FeaturedCollection.objects.exists()


def test_creating_without_the_permission_is_refused(staff_api_client):
    staff_api_client.assert_refused(
        CREATE, {"input": {"name": "X", "kind": "OTOP_PLUS", "selection": "HAND_PICKED"}}
    )
    assert not Collection.objects.exists()


def test_add_appends_in_the_given_order(staff_api_client):
    first, second, third = otop_product(), otop_product(), otop_product()
    featured = hand_picked_collection(products=[first])

    data = staff_api_client.data(
        ADD, {"id": gid("Collection", featured.pk), "products": product_ids([third, second])}, permissions=CURATE
    )["featuredCollectionProductsAdd"]

    assert data["featuredCollection"]["products"] == [{"id": i} for i in product_ids([first, third, second])]


def test_adding_a_product_already_there_is_refused(staff_api_client):
    product, other = otop_product(), otop_product()
    featured = hand_picked_collection(products=[product])

    data = staff_api_client.data(
        ADD, {"id": gid("Collection", featured.pk), "products": product_ids([other, product])}, permissions=CURATE
    )
    errors = mutation_errors(data, "featuredCollectionProductsAdd", "curationErrors")

    assert [e["code"] for e in errors] == ["DUPLICATED_PRODUCT"]
    assert CollectionProduct.objects.filter(collection_id=featured.pk).count() == 1


def test_adding_to_a_rule_based_collection_is_refused(staff_api_client):
    featured = rule_collection(min_stars=5)

    data = staff_api_client.data(
        ADD, {"id": gid("Collection", featured.pk), "products": product_ids([otop_product()])}, permissions=CURATE
    )

    assert [e["code"] for e in mutation_errors(data, "featuredCollectionProductsAdd", "curationErrors")] == [
        "NOT_HAND_PICKED"
    ]


def test_remove_takes_products_out(staff_api_client):
    keep, drop = otop_product(), otop_product()
    featured = hand_picked_collection(products=[keep, drop])

    data = staff_api_client.data(
        REMOVE, {"id": gid("Collection", featured.pk), "products": product_ids([drop])}, permissions=CURATE
    )["featuredCollectionProductsRemove"]

    assert data["featuredCollection"]["products"] == [{"id": gid("Product", keep.pk)}]


def test_reorder_puts_the_listed_products_first(staff_api_client):
    a, b, c = otop_product(), otop_product(), otop_product()
    featured = hand_picked_collection(products=[a, b, c])

    data = staff_api_client.data(
        REORDER, {"id": gid("Collection", featured.pk), "products": product_ids([c])}, permissions=CURATE
    )["featuredCollectionReorder"]

    assert data["featuredCollection"]["products"] == [{"id": i} for i in product_ids([c, a, b])]


def test_reordering_a_product_not_in_the_collection_is_refused(staff_api_client):
    featured = hand_picked_collection(products=[otop_product()])

    data = staff_api_client.data(
        REORDER, {"id": gid("Collection", featured.pk), "products": product_ids([otop_product()])}, permissions=CURATE
    )

    assert [e["code"] for e in mutation_errors(data, "featuredCollectionReorder", "curationErrors")] == [
        "PRODUCT_NOT_IN_COLLECTION"
    ]


def test_update_changes_the_rule_and_reports_the_refresh(staff_api_client):
    otop_product(stars=4)
    featured = rule_collection(min_stars=5)

    data = staff_api_client.data(
        UPDATE, {"id": gid("Collection", featured.pk), "input": {"rule": {"minStars": 4}}}, permissions=CURATE
    )["featuredCollectionUpdate"]

    assert data["featuredCollection"]["rule"] == {"minStars": 4}
    assert data["refresh"] == {"addedCount": 1}


def test_update_refuses_stars_outside_one_to_five(staff_api_client):
    featured = rule_collection(min_stars=5)

    data = staff_api_client.data(
        UPDATE, {"id": gid("Collection", featured.pk), "input": {"rule": {"minStars": 6}}}, permissions=CURATE
    )

    assert [e["code"] for e in mutation_errors(data, "featuredCollectionUpdate", "curationErrors")] == [
        "INVALID_STARS"
    ]
    assert featured.rule.__class__.objects.get(pk=featured.pk).min_stars == 5


def test_refresh_now_reports_counts(staff_api_client):
    featured = rule_collection(min_stars=5)
    otop_product(stars=5)

    data = staff_api_client.data(REFRESH, {"id": gid("Collection", featured.pk)}, permissions=CURATE)

    assert data["featuredCollectionRefresh"]["refresh"] == {
        "trigger": "MANUAL", "matchedCount": 1, "addedCount": 1, "removedCount": 0
    }


def test_refreshing_a_hand_picked_collection_is_refused(staff_api_client):
    featured = hand_picked_collection()

    data = staff_api_client.data(REFRESH, {"id": gid("Collection", featured.pk)}, permissions=CURATE)

    assert [e["code"] for e in mutation_errors(data, "featuredCollectionRefresh", "curationErrors")] == [
        "NOT_RULE_BASED"
    ]
