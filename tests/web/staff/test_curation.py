"""Featured collections in the back office: the rule editor's live preview, saving a rule,
the refresh button and its log — refused without MANAGE_OTOP_CURATION, then done."""
import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from plugins.curation.models import CollectionRefresh, RefreshTrigger
from tests.factories import StaffFactory
from tests.factories.curation import otop_product, rule_collection
from tests.factories.places import SI_PHUM_CHIANG_MAI
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db
COLLECTIONS = "/staff/otop_curation/featuredcollection/"


@pytest.fixture
def curator():
    return sign_in(Client(), StaffFactory(email="curator@otop.example", permissions=["otop_curation.manage_otop_curation"]))


@pytest.fixture
def officer_only():
    return sign_in(Client(), StaffFactory(email="officer@otop.example", permissions=["otop_producers.manage_otop_producers"]))


@pytest.fixture
def catalogue():
    return {
        "silk": otop_product(stars=5, slug="silk-5"),
        "mat": otop_product(stars=3, slug="mat-3"),
        "umbrella": otop_product(stars=5, slug="umbrella-5", subdistrict=SI_PHUM_CHIANG_MAI),
    }


def test_the_preview_shows_what_the_rule_would_select(curator, catalogue):
    featured = rule_collection(min_stars=4)
    preview = curator.post(f"{COLLECTIONS}{featured.pk}/rule/preview/", {"min_stars": "5", "region_codes": "NORTHEAST"})
    html = preview.content.decode()
    assert 'data-preview-total="1"' in html and 'data-preview-product="silk-5"' in html

    unknown = curator.post(f"{COLLECTIONS}{featured.pk}/rule/preview/", {"region_codes": "ATLANTIS"}).content.decode()
    assert "staff-error" in unknown


def test_saving_a_rule_is_refused_without_the_permission_then_refreshes(curator, officer_only, catalogue):
    featured = rule_collection(min_stars=3)
    url = f"{COLLECTIONS}{featured.pk}/rule/"
    assert officer_only.post(url, {"min_stars": "5"}).status_code == 403
    assert curator.get(url).status_code == 200
    assert curator.post(url, {"min_stars": "5"}).status_code == 302
    products = set(featured.collection.products.values_list("slug", flat=True))
    assert products == {"silk-5", "umbrella-5"}
    assert CollectionRefresh.objects.filter(featured_collection=featured, trigger=RefreshTrigger.RULE_CHANGED).exists()


def test_the_refresh_button_is_refused_then_logs_a_refresh(curator, officer_only, catalogue):
    featured = rule_collection(min_stars=4)
    data = {"action": "refresh", ACTION_CHECKBOX_NAME: [featured.pk]}
    assert officer_only.post(COLLECTIONS, data).status_code == 403
    assert not CollectionRefresh.objects.filter(trigger=RefreshTrigger.MANUAL).exists()
    curator.post(COLLECTIONS, data)
    assert CollectionRefresh.objects.filter(featured_collection=featured, trigger=RefreshTrigger.MANUAL).exists()
    page = curator.get(f"{COLLECTIONS}{featured.pk}/change/").content.decode()
    assert "Refreshed by staff" in page
