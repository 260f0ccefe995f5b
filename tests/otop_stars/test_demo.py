import pytest

from otop_kernel.demo_catalogue import catalogue as demo_catalogue
from plugins.otop_stars.devtools.demo import demo_load
from plugins.otop_stars.models import (
    Certification,
    CertificationAuditEntry,
    ProductStars,
    Review,
    ReviewStatus,
)
from tests.factories import ProductFactory, ProductVariantFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    demo = demo_catalogue()
    demo.items = []
    for item in demo.products:
        product = ProductFactory(slug=item.key, name=item.name_en)
        ProductVariantFactory(product=product, sku=item.sku)
        demo.items.append((item, product))
    demo.staff_user = StaffFactory()
    return demo


def test_demo_rates_every_product_with_its_catalogue_round(catalogue):
    demo_load(catalogue=catalogue, log=lambda _line: None)

    for item, product in catalogue.items:
        stars = ProductStars.objects.get(product=product)
        assert (stars.current_stars, stars.current_certification.round_year) == (item.stars, item.star_year)


def test_demo_reviews_are_approved_and_summarised(catalogue):
    demo_load(catalogue=catalogue, log=lambda _line: None)

    umbrella = catalogue.saleor_product("bo-sang-saa-paper-umbrella")
    assert Review.objects.filter(status=ReviewStatus.APPROVED).count() == 6
    assert ProductStars.objects.get(product=umbrella).review_count == 2


def test_demo_loads_again_without_change(catalogue):
    demo_load(catalogue=catalogue, log=lambda _line: None)
    written = (Certification.objects.count(), CertificationAuditEntry.objects.count(), Review.objects.count())

    demo_load(catalogue=catalogue, log=lambda _line: None)

    assert (Certification.objects.count(), CertificationAuditEntry.objects.count(), Review.objects.count()) == written
