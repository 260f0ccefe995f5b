from saleor.product.models import CollectionProduct

from plugins.curation import services
from plugins.curation.models import CollectionRefresh, RefreshTrigger
from plugins.curation.tasks import collection_refresh_task
from plugins.otop_stars.models import ProductStars
from tests.factories.curation import otop_product, rule_collection
from tests.waiting import wait_until


def test_worker_refreshes_collections_when_product_facts_change(celery_worker):
    featured = rule_collection(min_stars=5)
    product = otop_product(stars=4)
    ProductStars.objects.filter(product=product).update(current_stars=5)

    services.rule_collections_refresh_for_products(product_ids=[product.pk])

    refresh = wait_until(
        lambda: CollectionRefresh.objects.filter(featured_collection=featured, trigger=RefreshTrigger.INPUTS_CHANGED).first()
    )
    assert (refresh.added_count, refresh.removed_count, refresh.scope_size) == (1, 0, 1)
    assert CollectionProduct.objects.filter(collection_id=featured.pk, product=product).exists()


def test_worker_runs_a_whole_collection_refresh(celery_worker):
    featured = rule_collection(min_stars=5)
    product = otop_product(stars=5)

    collection_refresh_task.delay(featured.pk)

    refresh = wait_until(lambda: featured.refreshes.filter(trigger=RefreshTrigger.MANUAL).first())
    # The product's own facts notice (its save) may have added it first: the manual refresh
    # then matches it and adds nothing.
    assert refresh.matched_count == 1
    assert CollectionProduct.objects.filter(collection_id=featured.pk, product=product).exists()
