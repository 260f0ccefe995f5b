"""Documents follow their sources: Saleor's writes, the plugins' services, the command."""
import io

from django.core.management import call_command
from graphene import Node
from saleor.product.models import ProductTranslation
from saleor.search.backends import picker

from plugins.producer_channels.services import producer_product_assign, producer_update
from plugins.provenance.services import product_provenance_set
from plugins.search.backend import search_storefront
from plugins.search.models import SearchDocument, SearchSuggestion
from plugins.search.services import search_documents_rebuild
from tests.factories import ProductFactory, StaffFactory
from tests.factories.producer_channels import approved_producer
from tests.graphql_client import GraphQLClient
from tests.waiting import wait_until

TRANSLATE = """mutation($id: ID!, $input: TranslationInput!) {
  productTranslate(id: $id, languageCode: TH, input: $input) { translationErrors { field message } } }"""


def matches(phrase: str) -> set:
    return set(search_storefront(phrase).values_list("slug", flat=True))


def test_saleor_products_filter_searches_through_our_backend():
    assert picker.pick_backend() is search_storefront


def test_translation_changed_through_saleor_is_found_after_the_worker_rebuilds(
    celery_worker, client
):
    product = ProductFactory(name="Plain cushion", slug="plain-cushion")
    wait_until(lambda: SearchDocument.objects.filter(product=product).exists())
    assert matches("หมอนอิง") == set()

    api = GraphQLClient(client, user=StaffFactory())
    result = api.data(
        TRANSLATE, {"id": Node.to_global_id("Product", product.pk), "input": {"name": "หมอนอิงผ้าขาวม้า"}},
        permissions=["site.manage_translations"],
    )
    assert result["productTranslate"]["translationErrors"] == []

    wait_until(lambda: matches("หมอนอิง") == {"plain-cushion"})
    assert matches("ผ้าขาวม้า") == {"plain-cushion"}
    assert SearchSuggestion.objects.filter(product=product, language="th", text="หมอนอิงผ้าขาวม้า").exists()


def test_translation_change_rebuilds_after_commit(db, django_capture_on_commit_callbacks):
    product = ProductFactory(name="Plain cushion", slug="plain-cushion")
    with django_capture_on_commit_callbacks(execute=True):
        ProductTranslation.objects.create(product=product, language_code="ja", name="クッションカバー")
    assert matches("クッション") == {"plain-cushion"}
    with django_capture_on_commit_callbacks(execute=True):
        ProductTranslation.objects.filter(product=product).delete()
    assert matches("クッション") == set()


def test_provenance_set_makes_the_product_found_by_its_places(db, django_capture_on_commit_callbacks):
    product = ProductFactory(name="Indigo scarf", slug="indigo-scarf")
    search_documents_rebuild(product_ids=[product.pk])
    assert matches("สกลนคร") == set()
    with django_capture_on_commit_callbacks(execute=True):
        product_provenance_set(product=product, subdistrict_code="470401", category="TEXTILE")
    assert matches("สกลนคร") == matches("Sakon Nakhon") == matches("พรรณานิคม") == {"indigo-scarf"}
    assert matches("ผ้า") == {"indigo-scarf"}  # the OTOP category's Thai name


def test_producer_renamed_makes_its_products_found_by_the_new_name(db, django_capture_on_commit_callbacks):
    producer = approved_producer()
    product = ProductFactory(name="Indigo scarf", slug="indigo-scarf")
    with django_capture_on_commit_callbacks(execute=True):
        producer_product_assign(producer=producer, product=product)
    assert matches(producer.name_en) == {"indigo-scarf"}
    with django_capture_on_commit_callbacks(execute=True):
        producer_update(producer=producer, name_en="Phanna Indigo Sisters")
    assert matches("Phanna Indigo Sisters") == {"indigo-scarf"}


def test_deleted_product_leaves_the_index(db):
    product = ProductFactory(name="Indigo scarf", slug="indigo-scarf")
    search_documents_rebuild(product_ids=[product.pk])
    product_id = product.pk
    product.delete()
    assert not SearchDocument.objects.filter(product_id=product_id).exists()
    assert not SearchSuggestion.objects.filter(key=str(product_id), kind="product").exists()


def test_rebuild_command_indexes_every_product_with_a_progress_bar(db):
    ProductFactory.create_batch(3)
    out, err = io.StringIO(), io.StringIO()
    call_command("otop_search_rebuild", "--batch-size", "2", stdout=out, stderr=err)
    assert SearchDocument.objects.count() == 3
    assert "3 search documents rebuilt in" in out.getvalue()
    assert "3/3" in err.getvalue()
