from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from saleor.product.models import Collection, CollectionProduct

from otop_kernel.otop_categories import OtopCategory
from plugins.curation import services
from plugins.curation.models import (
    CollectionRefresh,
    FeaturedCollection,
    RefreshTrigger,
    Selection,
)
from plugins.curation.rules import RuleCriteria
from plugins.otop_stars.models import ProductStars
from plugins.provenance.models import GeographicalIndication
from tests.factories.curation import otop_product, rule_collection
from tests.factories.export_markets import MarketFactory
from tests.factories.places import PHON_KALASIN, SI_PHUM_CHIANG_MAI
from tests.factories.producer_channels import ProducerFactory


def member_ids(featured):
    return list(
        CollectionProduct.objects.filter(collection_id=featured.pk).order_by("sort_order").values_list(
            "product_id", flat=True
        )
    )


def error_codes(error: ValidationError) -> dict:
    return {field: [e.code for e in errors] for field, errors in error.error_dict.items()}


def test_five_star_northeast_textiles_exportable_to_japan(db):
    japan = MarketFactory(country="JP", minimum_stars=1)
    match = otop_product(stars=5, category=OtopCategory.TEXTILE, markets=[japan])
    otop_product(stars=4, category=OtopCategory.TEXTILE, markets=[japan])
    otop_product(stars=5, category=OtopCategory.FOOD, markets=[japan])
    otop_product(stars=5, category=OtopCategory.TEXTILE, subdistrict=SI_PHUM_CHIANG_MAI, markets=[japan])
    otop_product(stars=5, category=OtopCategory.TEXTILE)

    featured = rule_collection(min_stars=5, region_codes=["NORTHEAST"], categories=["TEXTILE"], market_codes=["JP"])

    assert member_ids(featured) == [match.pk]


def test_creation_logs_the_first_refresh(db):
    otop_product(stars=5)
    otop_product(stars=5)

    featured = rule_collection(min_stars=5)

    refresh = featured.refreshes.get()
    assert (refresh.trigger, refresh.matched_count, refresh.added_count, refresh.removed_count) == (
        RefreshTrigger.CREATED, 2, 2, 0
    )


def test_rule_matching_nothing_is_allowed_and_reported(db):
    featured = rule_collection(province_codes=["46"], min_stars=5)

    refresh = featured.refreshes.get()
    assert refresh.matched_count == 0
    assert refresh.product_count == 0


def test_province_and_region_form_one_place_criterion(db):
    kalasin = otop_product(stars=4, subdistrict=PHON_KALASIN)
    chiang_mai = otop_product(stars=4, subdistrict=SI_PHUM_CHIANG_MAI)

    featured = rule_collection(region_codes=["NORTH"], province_codes=["46"])

    assert set(member_ids(featured)) == {kalasin.pk, chiang_mai.pk}


def test_rule_by_producer(db):
    producer = ProducerFactory()
    mine = otop_product(producer=producer)
    otop_product(producer=ProducerFactory())

    featured = rule_collection(producer_slugs=[producer.slug])

    assert member_ids(featured) == [mine.pk]


def test_rule_by_geographical_indication(db):
    praewa = GeographicalIndication.objects.create(
        slug="praewa-kalasin-silk", name_th="ผ้าไหมแพรวา", name_en="Praewa silk", kind="HANDICRAFT"
    )
    registered = otop_product(gi=praewa)
    otop_product()

    featured = rule_collection(gi_slugs=["praewa-kalasin-silk"])

    assert member_ids(featured) == [registered.pk]


def test_unpublished_products_are_left_out(db):
    otop_product(stars=5, is_published=False)

    featured = rule_collection(min_stars=5)

    assert member_ids(featured) == []


def test_unknown_province_is_refused_and_nothing_written(db):
    with pytest.raises(ValidationError) as refused:
        rule_collection(province_codes=["46", "99"])

    assert error_codes(refused.value) == {"provinces": ["unknown_province"]}
    assert "99" in str(refused.value)
    assert not Collection.objects.exists()


def test_unknown_market_is_refused(db):
    MarketFactory(country="JP", minimum_stars=1)

    with pytest.raises(ValidationError) as refused:
        rule_collection(market_codes=["JP", "FR"])

    assert error_codes(refused.value) == {"markets": ["unknown_market"]}
    assert not FeaturedCollection.objects.exists()


def test_empty_rule_is_refused(db):
    with pytest.raises(ValidationError) as refused:
        rule_collection()

    assert error_codes(refused.value) == {"rule": ["empty_rule"]}


def test_window_ending_before_it_starts_is_refused(db):
    start = timezone.now()
    with pytest.raises(ValidationError) as refused:
        services.featured_collection_create(
            name="Songkran",
            kind="SEASONAL",
            selection=Selection.RULE_BASED,
            rule=RuleCriteria(min_stars=4),
            visible_from=start,
            visible_until=start - timedelta(days=1),
        )

    assert error_codes(refused.value) == {"visibleUntil": ["window_ends_before_start"]}
    assert not Collection.objects.exists()


def test_refresh_reports_added_and_removed(db):
    stays = otop_product(stars=5)
    drops = otop_product(stars=5)
    featured = rule_collection(min_stars=5)
    ProductStars.objects.filter(product=drops).update(current_stars=3)
    joins = otop_product(stars=5)

    refresh = services.rule_collection_refresh(featured_collection_id=featured.pk, trigger=RefreshTrigger.MANUAL)

    assert (refresh.added_count, refresh.removed_count, refresh.product_count) == (1, 1, 2)
    assert member_ids(featured) == [stays.pk, joins.pk]


def test_changing_the_rule_refreshes_at_once(db):
    four = otop_product(stars=4)
    featured = rule_collection(min_stars=5)

    services.featured_collection_update(featured_collection=featured, rule=RuleCriteria(min_stars=4))

    assert member_ids(featured) == [four.pk]
    assert featured.refreshes.first().trigger == RefreshTrigger.RULE_CHANGED


def test_refresh_keeps_curated_order_and_appends_new_products(db):
    first, second = otop_product(stars=5), otop_product(stars=5)
    featured = rule_collection(min_stars=5)
    services.featured_collection_reorder(featured_collection=featured, product_ids=[second.pk, first.pk])
    third = otop_product(stars=5)

    services.rule_collection_refresh(featured_collection_id=featured.pk, trigger=RefreshTrigger.NIGHTLY)

    assert member_ids(featured) == [second.pk, first.pk, third.pk]


def test_refresh_for_changed_products_touches_only_them(db):
    member = otop_product(stars=5)
    featured = rule_collection(min_stars=5)
    changed = otop_product(stars=5)
    untouched = otop_product(stars=5)

    refreshes = services.rule_collections_apply_for_products(product_ids=[changed.pk])

    assert [(r.scope_size, r.added_count) for r in refreshes] == [(1, 1)]
    assert member_ids(featured) == [member.pk, changed.pk]
    assert untouched.pk not in member_ids(featured)


def test_refresh_for_products_runs_after_commit(db, django_capture_on_commit_callbacks):
    featured = rule_collection(min_stars=5)
    product = otop_product(stars=5)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.rule_collections_refresh_for_products(product_ids=[product.pk])
        assert member_ids(featured) == []

    assert len(callbacks) == 1
    assert member_ids(featured) == [product.pk]


def test_unchanged_products_leave_no_log(db):
    rule_collection(min_stars=5)
    product = otop_product(stars=2)

    assert services.rule_collections_apply_for_products(product_ids=[product.pk]) == []
    assert CollectionRefresh.objects.count() == 1
