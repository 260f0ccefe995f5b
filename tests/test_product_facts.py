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
