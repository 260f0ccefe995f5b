"""A fact changed in one plugin reaches what other plugins compute from it."""
from plugins.export_markets.models import ProductMarketEligibility
from plugins.export_markets.services import product_eligibility_recompute
from tests.factories.curation import rule_collection
from tests.factories.export_markets import MarketFactory, otop_product
from tests.factories.otop_stars import grant


def test_new_certification_makes_product_exportable_and_joins_rule_collection(
    db, django_capture_on_commit_callbacks
):
    market = MarketFactory(country="JP", minimum_stars=4)
    product = otop_product(stars=3)
    product_eligibility_recompute(product_ids=[product.pk])
    collection = rule_collection(min_stars=5, market_codes=["JP"])
    assert not ProductMarketEligibility.objects.get(product=product, market=market).eligible

    with django_capture_on_commit_callbacks(execute=True):
        grant(product, stars=5, round_year=2026)

    assert ProductMarketEligibility.objects.get(product=product, market=market).eligible
    assert collection.collection.products.filter(pk=product.pk).exists()


def test_higher_plugins_subscribe_in_layer_order():
    from otop_kernel.product_facts import product_facts_subscribers

    assert [subscriber.name for subscriber in product_facts_subscribers()] == [
        "export_markets.eligibility",
        "curation.rule_collections",
        "search.documents",
    ]


def test_apps_made_ready_again_do_not_subscribe_twice():
    from django.apps import apps

    from otop_kernel.product_facts import product_facts_subscribers

    before = [subscriber.name for subscriber in product_facts_subscribers()]
    apps.get_app_config("otop_search").ready()

    assert [subscriber.name for subscriber in product_facts_subscribers()] == before


def test_recompute_leaves_out_what_the_caller_already_recomputed(db):
    from otop_kernel.product_facts import product_facts_recompute
    from plugins.export_markets.services import ELIGIBILITY_FACTS_SUBSCRIBER

    market = MarketFactory(country="JP", minimum_stars=4)
    product = otop_product(stars=3)
    product_eligibility_recompute(product_ids=[product.pk])
    collection = rule_collection(min_stars=5)
    grant(product, stars=5, round_year=2026)  # its own notice waits for a commit that never comes

    product_facts_recompute(product_ids=[product.pk], already_recomputed=[ELIGIBILITY_FACTS_SUBSCRIBER])

    assert not ProductMarketEligibility.objects.get(product=product, market=market).eligible
    assert collection.collection.products.filter(pk=product.pk).exists()
    product_facts_recompute(product_ids=[product.pk])
    assert ProductMarketEligibility.objects.get(product=product, market=market).eligible
