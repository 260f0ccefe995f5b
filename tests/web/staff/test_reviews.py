"""The review moderation queue: bulk approve and hide with a reason, each refused without
MODERATE_OTOP_REVIEWS (even when posted), then done through the service."""
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from plugins.otop_stars.models import ProductStars, Review, ReviewStatus
from tests.factories import ProductFactory, StaffFactory, UserFactory
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db
QUEUE = "/staff/otop_stars/review/"


def pending_review(product, n):
    return Review.objects.create(product=product, user=UserFactory(), stars=5, title=f"Review {n}")


@pytest.fixture
def moderator():
    return sign_in(Client(), StaffFactory(email="moderator@otop.example", permissions=["otop_stars.moderate_otop_reviews"]))


@pytest.fixture
def certifier():
    return sign_in(Client(), StaffFactory(email="committee@otop.example", permissions=["otop_stars.manage_otop_certification"]))


def test_the_queue_lists_pending_reviews_for_moderators_only(moderator, certifier):
    pending_review(ProductFactory(), 1)
    assert "Review 1" in moderator.get(QUEUE + "?status__exact=pending").content.decode()
    assert certifier.get(QUEUE).status_code == 403


def test_bulk_approval_is_refused_without_the_permission_then_done(moderator, certifier):
    product = ProductFactory()
    reviews = [pending_review(product, n) for n in range(3)]
    data = {"action": "approve", ACTION_CHECKBOX_NAME: [r.pk for r in reviews]}
    certifier.post(QUEUE, data)
    assert Review.objects.filter(status=ReviewStatus.PENDING).count() == 3
    moderator.post(QUEUE, data)
    assert Review.objects.filter(status=ReviewStatus.APPROVED).count() == 3
    assert ProductStars.objects.get(product=product).review_count == 3


def test_hiding_asks_for_a_reason_then_hides_in_bulk(moderator, certifier):
    reviews = [pending_review(ProductFactory(), n) for n in range(2)]
    data = {"action": "hide", ACTION_CHECKBOX_NAME: [r.pk for r in reviews]}
    form_page = moderator.post(QUEUE, data)
    assert form_page.status_code == 200 and b'name="note"' in form_page.content
    certifier.post(QUEUE, {**data, "apply": "1", "note": "Advertising"})
    assert not Review.objects.filter(status=ReviewStatus.REJECTED).exists()
    moderator.post(QUEUE, {**data, "apply": "1", "note": "Advertising"})
    assert set(Review.objects.values_list("status", "moderation_note")) == {(ReviewStatus.REJECTED, "Advertising")}
