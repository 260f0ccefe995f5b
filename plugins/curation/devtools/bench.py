"""`make bench` for curation: a featured collection's 50 products and the programme report,
against Saleor's plain `products(first: 50)`, on the bench catalogue the other plugins seeded
(stars, provenance, producers, export eligibility)."""
import datetime
from decimal import Decimal

from saleor.product.models import Product

from otop_kernel.bench import BASELINE_PRODUCTS_50, PRODUCT_LISTING_FIELDS, BenchContext, Scenario
from otop_kernel.otop_categories import OtopCategory

from .. import services
from ..models import (
    FeaturedCollection,
    FeaturedCollectionKind,
    ProductBaselinePrice,
    RefreshTrigger,
    Selection,
)
from ..rules import RuleCriteria

SEED_VERSION = 1

FIVE_STARS = "bench-five-stars"
NORTHEAST_TEXTILES = "bench-northeast-textiles"
EXPORT_JAPAN = "bench-export-japan"
HAND_PICKED = "bench-hand-picked"

RULES = {
    FIVE_STARS: RuleCriteria(min_stars=5),
    NORTHEAST_TEXTILES: RuleCriteria(min_stars=4, region_codes=("NORTHEAST",), categories=(OtopCategory.TEXTILE.value,)),
    EXPORT_JAPAN: RuleCriteria(min_stars=4, market_codes=("JP",)),
}

FEATURED_50 = (
    "query($slug: String!) { featuredCollection(slug: $slug) { slug products(first: 50) {"
    + PRODUCT_LISTING_FIELDS
    + " } } }"
)
REPORT = """
query { programmeReport {
  developedProducers { total provincesMeetingMinimum provinces { code developedProducers } }
  activeShops { producers }
  highStarShare { sharePercent }
  valueUplift { productsWithBaseline productsAtTarget averageUpliftPercent products(first: 50) { upliftPercent } }
  salesByRegion { code orders sales { amount } }
  salesByMarket { code orders sales { amount } }
} }
"""


def bench_seed(ctx: BenchContext) -> None:
    """Three rule-based collections (refreshed once here), a hand-picked one of 50 products,
    and a baseline price for every product (10 or 20 % under its price: half reach +20 %)."""
    start = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    for slug, rule in RULES.items():
        services.featured_collection_create(
            name=slug.replace("-", " ").title(), slug=slug, kind=FeaturedCollectionKind.OTOP_PLUS,
            selection=Selection.RULE_BASED, rule=rule, visible_from=start,
        )
    services.featured_collection_create(
        name="Bench Hand Picked", slug=HAND_PICKED, kind=FeaturedCollectionKind.OTOP_NEXT,
        selection=Selection.HAND_PICKED, product_ids=list(ctx.product_ids[:50]), visible_from=start,
    )
    recorded_on = datetime.date(2022, 1, 10)
    prices = Product.objects.filter(pk__in=ctx.product_ids).values_list("pk", "price_amount", "currency")
    baselines = [
        ProductBaselinePrice(
            product_id=product_id,
            amount=(price * (Decimal("0.80") if product_id % 2 else Decimal("0.90"))).quantize(Decimal("0.01")),
            currency=currency,
            recorded_on=recorded_on,
        )
        for product_id, price, currency in prices
    ]
    ProductBaselinePrice.objects.bulk_create(baselines, batch_size=2000)
    sizes = {
        featured.collection.slug: featured.collection.collectionproduct.count()
        for featured in FeaturedCollection.objects.select_related("collection")
    }
    ctx.log(f"curation: featured collections {sizes}, {len(baselines)} baseline prices")


def _refresh_five_stars(ctx: BenchContext, _prepared) -> None:
    featured = FeaturedCollection.objects.get(collection__slug=FIVE_STARS)
    services.rule_collection_refresh(featured_collection_id=featured.pk, trigger=RefreshTrigger.MANUAL)


SCENARIOS = [
    Scenario(
        name="featured_collection_50",
        baseline=BASELINE_PRODUCTS_50,
        query=FEATURED_50,
        variables={"slug": FIVE_STARS},
        description="The 50 first products of a rule-based featured collection (5 stars), as a shopper.",
    ),
    Scenario(
        name="programme_report",
        baseline=BASELINE_PRODUCTS_50,
        query=REPORT,
        user="staff",
        description="The whole programme report over the bench catalogue (aggregates over every product).",
    ),
    Scenario(
        name="rule_refresh_five_stars",
        baseline=BASELINE_PRODUCTS_50,
        run=_refresh_five_stars,
        description="A full refresh of the 5-star rule collection (nothing changed: one match query, one log row).",
    ),
]
