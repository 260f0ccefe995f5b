import graphene
import pytest
from saleor.order import OrderStatus

from plugins.otop_stars.models import ProductStars, Review, ReviewStatus
from tests.factories import ProductFactory, UserFactory
from tests.factories.otop_stars import approved_review, producer_of, purchase
from tests.graphql_client import GraphQLClient

pytestmark = pytest.mark.django_db

MODERATE = ["otop_stars.moderate_otop_reviews"]

CREATE = """
mutation Create($product: ID!, $input: OtopReviewCreateInput!) {
  otopReviewCreate(product: $product, input: $input) {
    review { stars title text status isMine }
    otopStarsErrors { field code message }
  }
}
"""

UPDATE = """
mutation Update($id: ID!, $input: OtopReviewUpdateInput!) {
  otopReviewUpdate(id: $id, input: $input) {
    review { stars status }
    otopStarsErrors { field code message }
  }
}
"""

MODERATE_REVIEW = """
mutation Moderate($id: ID!, $status: OtopReviewModerationEnum!, $note: String) {
  otopReviewModerate(id: $id, status: $status, note: $note) {
    review { status moderationNote }
    otopStarsErrors { field code message }
  }
}
"""

REVIEWS = """
query Reviews($product: ID, $status: OtopReviewStatusEnum) {
  otopReviews(first: 20, product: $product, status: $status) { totalCount edges { node { title status authorName } } }
}
"""

SUMMARY = """
query Summary($id: ID!) { product(id: $id) { otop { reviewSummary { average count } } } }
"""


def gid(kind, pk):
    return graphene.Node.to_global_id(kind, pk)


def review_input(**overrides):
    return {"stars": 5, "title": "Crunchy and sweet", "text": "We finished the bag in a day.", **overrides}


def create(client, product, **overrides):
    return client.data(CREATE, {"product": gid("Product", product.pk), "input": review_input(**overrides)})[
        "otopReviewCreate"
    ]


def error_codes(payload):
    return [(error["field"], error["code"]) for error in payload["otopStarsErrors"]]


def test_a_buyer_reviews_a_product_and_it_waits_for_moderation(user_api_client, customer_user):
    product = ProductFactory()
    purchase(customer_user, product)

    payload = create(user_api_client, product)

    assert payload["review"] == {
        "stars": 5,
        "title": "Crunchy and sweet",
        "text": "We finished the bag in a day.",
        "status": "PENDING",
        "isMine": True,
    }


def test_someone_who_never_bought_the_product_cannot_review_it(user_api_client):
    payload = create(user_api_client, ProductFactory())

    assert error_codes(payload) == [("product", "NOT_PURCHASED")]
    assert Review.objects.count() == 0


@pytest.mark.parametrize("status", [OrderStatus.DRAFT, OrderStatus.CANCELED])
def test_a_draft_or_cancelled_order_is_not_a_purchase(user_api_client, customer_user, status):
    product = ProductFactory()
    purchase(customer_user, product, status=status)

    assert error_codes(create(user_api_client, product)) == [("product", "NOT_PURCHASED")]
    assert Review.objects.count() == 0


def test_another_shoppers_order_does_not_count(user_api_client):
    product = ProductFactory()
    purchase(UserFactory(), product)

    assert error_codes(create(user_api_client, product)) == [("product", "NOT_PURCHASED")]


def test_a_second_review_of_the_same_product_is_refused(user_api_client, customer_user):
    product = ProductFactory()
    purchase(customer_user, product)
    create(user_api_client, product)

    payload = create(user_api_client, product, title="Again")

    assert error_codes(payload) == [("product", "ALREADY_REVIEWED")]
    assert Review.objects.count() == 1


def test_a_review_of_ten_thousand_characters_is_refused(user_api_client, customer_user):
    product = ProductFactory()
    purchase(customer_user, product)

    payload = create(user_api_client, product, text="อร่อย" * 2000)

    assert error_codes(payload) == [("text", "TOO_LONG")]
    assert Review.objects.count() == 0


@pytest.mark.parametrize("stars", [0, 6])
def test_review_stars_outside_one_to_five_are_refused(user_api_client, customer_user, stars):
    product = ProductFactory()
    purchase(customer_user, product)

    assert error_codes(create(user_api_client, product, stars=stars)) == [("stars", "INVALID_STARS")]
    assert Review.objects.count() == 0


def test_an_anonymous_visitor_cannot_review(api_client):
    api_client.assert_refused(CREATE, {"product": gid("Product", ProductFactory().pk), "input": review_input()})


def test_a_pending_review_is_hidden_from_other_shoppers(api_client, user_api_client, customer_user):
    product = ProductFactory()
    purchase(customer_user, product)
    create(user_api_client, product)

    assert api_client.data(REVIEWS, {"product": gid("Product", product.pk)})["otopReviews"]["totalCount"] == 0
    assert user_api_client.data(REVIEWS, {"product": gid("Product", product.pk)})["otopReviews"]["totalCount"] == 1


def test_approval_shows_the_review_and_counts_it(api_client, staff_api_client, user_api_client, customer_user):
    product = ProductFactory()
    purchase(customer_user, product)
    create(user_api_client, product, stars=4)
    review = Review.objects.get()

    staff_api_client.data(MODERATE_REVIEW, {"id": gid("OtopReview", review.pk), "status": "APPROVED"}, permissions=MODERATE)

    assert api_client.data(REVIEWS, {"product": gid("Product", product.pk)})["otopReviews"]["totalCount"] == 1
    summary = api_client.data(SUMMARY, {"id": gid("Product", product.pk)})["product"]["otop"]["reviewSummary"]
    assert summary == {"average": 4.0, "count": 1}


def test_a_rejected_review_is_not_counted(staff_api_client, user_api_client, customer_user):
    product = ProductFactory()
    purchase(customer_user, product)
    create(user_api_client, product)
    review = Review.objects.get()

    data = staff_api_client.data(
        MODERATE_REVIEW,
        {"id": gid("OtopReview", review.pk), "status": "REJECTED", "note": "Names a competitor"},
        permissions=MODERATE,
    )

    assert data["otopReviewModerate"]["review"] == {"status": "REJECTED", "moderationNote": "Names a competitor"}
    assert ProductStars.objects.get(product=product).review_count == 0


def test_moderation_needs_the_permission(staff_api_client, user_api_client, customer_user):
    product = ProductFactory()
    purchase(customer_user, product)
    create(user_api_client, product)
    review = Review.objects.get()

    staff_api_client.assert_refused(MODERATE_REVIEW, {"id": gid("OtopReview", review.pk), "status": "APPROVED"})

    assert Review.objects.get().status == ReviewStatus.PENDING


def test_the_author_edits_and_the_review_returns_to_moderation(user_api_client, customer_user):
    product = ProductFactory()
    review = approved_review(product, stars=5, user=customer_user)

    data = user_api_client.data(UPDATE, {"id": gid("OtopReview", review.pk), "input": {"stars": 2}})

    assert data["otopReviewUpdate"]["review"] == {"stars": 2, "status": "PENDING"}
    assert ProductStars.objects.get(product=product).review_count == 0


def test_only_the_author_edits_a_review(user_api_client):
    review = approved_review(ProductFactory(), stars=5)

    data = user_api_client.data(UPDATE, {"id": gid("OtopReview", review.pk), "input": {"stars": 1}})

    assert error_codes(data["otopReviewUpdate"]) == [("id", "NOT_REVIEW_AUTHOR")]
    assert Review.objects.get().stars == 5


def test_an_edit_longer_than_the_limit_is_refused(user_api_client, customer_user):
    review = approved_review(ProductFactory(), user=customer_user)

    data = user_api_client.data(UPDATE, {"id": gid("OtopReview", review.pk), "input": {"text": "x" * 10000}})

    assert error_codes(data["otopReviewUpdate"]) == [("text", "TOO_LONG")]
    review.refresh_from_db()
    assert (review.text, review.status) == ("", ReviewStatus.APPROVED)


def test_a_producer_sees_every_review_of_its_products(client, user_api_client, customer_user):
    producer_user = UserFactory()
    product = ProductFactory()
    producer_of(product, members=[producer_user])
    purchase(customer_user, product)
    create(user_api_client, product)

    data = GraphQLClient(client, user=producer_user).data(REVIEWS, {"status": "PENDING"})

    assert data["otopReviews"]["totalCount"] == 1


def test_a_producer_does_not_see_pending_reviews_of_other_producers(client, user_api_client, customer_user):
    producer_user = UserFactory()
    producer_of(ProductFactory(), members=[producer_user])
    other = ProductFactory()
    producer_of(other, email="other@example.com")
    purchase(customer_user, other)
    create(user_api_client, other)

    data = GraphQLClient(client, user=producer_user).data(REVIEWS, {})

    assert data["otopReviews"]["totalCount"] == 0


def test_moderators_list_pending_reviews(staff_api_client, user_api_client, customer_user):
    product = ProductFactory()
    purchase(customer_user, product)
    create(user_api_client, product)
    approved_review(product, stars=3)

    data = staff_api_client.data(REVIEWS, {"status": "PENDING"}, permissions=MODERATE)

    assert [edge["node"]["title"] for edge in data["otopReviews"]["edges"]] == ["Crunchy and sweet"]
