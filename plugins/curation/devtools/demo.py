"""Demo featured collections and baseline prices (the storefront files reference these slugs).

Runs last among the plugins' demo loaders, so rules see the demo's stars, provenance,
producers and export eligibility. Idempotent: existing collections are only changed when
they differ from what is declared here, and a second run writes nothing.
"""
import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from saleor.product.models import CollectionProduct

from otop_kernel.otop_categories import OtopCategory

from .. import services
from ..models import (
    FeaturedCollection,
    FeaturedCollectionKind,
    ProductBaselinePrice,
    Selection,
)
from ..rules import RuleCriteria

OTOP_PLUS_FIVE_STAR = "otop-plus-five-star"
NORTHEAST_TEXTILES = "northeast-textiles"
EXPORT_SHOWCASE_JAPAN = "export-showcase-japan"
OTOP_NEXT_DESIGN = "otop-next-design"

BASELINE_RECORDED_ON = datetime.date(2022, 1, 10)
# Price increases since the baseline, cycled over the 4-5 star products: some reach the
# programme's +20 %, some do not, so the report has something to tell.
UPLIFTS = (Decimal("0.35"), Decimal("0.22"), Decimal("0.20"), Decimal("0.12"), Decimal("0.05"), Decimal("0.28"))


@dataclass(frozen=True)
class DemoCollection:
    slug: str
    name: str
    description: str
    kind: str
    position: int
    rule: RuleCriteria = None
    product_keys: tuple = ()


DEMO_COLLECTIONS = (
    DemoCollection(
        OTOP_PLUS_FIVE_STAR,
        "OTOP PLUS: five-star champions",
        "Every five-star OTOP Product Champion on the market.",
        FeaturedCollectionKind.OTOP_PLUS,
        0,
        rule=RuleCriteria(min_stars=5),
    ),
    DemoCollection(
        NORTHEAST_TEXTILES,
        "Silks and cottons of the Northeast",
        "Praewa, mudmee and natural indigo from Isan, four stars and up.",
        FeaturedCollectionKind.REGIONAL_SHOWCASE,
        1,
        rule=RuleCriteria(min_stars=4, region_codes=("NORTHEAST",), categories=(OtopCategory.TEXTILE.value,)),
    ),
    DemoCollection(
        EXPORT_SHOWCASE_JAPAN,
        "Export showcase: Japan",
        "Four- and five-star OTOP goods cleared for delivery to Japan.",
        FeaturedCollectionKind.OTOP_PLUS,
        2,
        rule=RuleCriteria(min_stars=4, market_codes=("JP",)),
    ),
    DemoCollection(
        OTOP_NEXT_DESIGN,
        "OTOP NEXT: new designs",
        "Products redesigned with university design teams in the product-development track.",
        FeaturedCollectionKind.OTOP_NEXT,
        3,
        product_keys=(
            "phanna-indigo-shirt",
            "bo-sang-saa-paper-notebook",
            "lampang-ceramic-mug-set",
            "chanthaburi-reed-tote",
            "turmeric-body-scrub",
        ),
    ),
)


def demo_load(*, catalogue, log: Callable[[str], None]) -> None:
    for demo in DEMO_COLLECTIONS:
        featured = _collection_load(demo, catalogue)
        log(
            f"curation: {demo.slug} ({featured.get_kind_display()}, {featured.get_selection_display().lower()}): "
            f"{CollectionProduct.objects.filter(collection_id=featured.pk).count()} products"
        )
    recorded = _baselines_load(catalogue)
    log(f"curation: baseline prices of {recorded} four- and five-star products (recorded {BASELINE_RECORDED_ON})")


def _collection_load(demo: DemoCollection, catalogue) -> FeaturedCollection:
    featured = FeaturedCollection.objects.filter(collection__slug=demo.slug).select_related("collection").first()
    product_ids = [catalogue.saleor_product(key).pk for key in demo.product_keys]
    if featured is None:
        return services.featured_collection_create(
            name=demo.name,
            slug=demo.slug,
            description=demo.description,
            kind=demo.kind,
            selection=Selection.RULE_BASED if demo.rule else Selection.HAND_PICKED,
            visible_from=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
            position=demo.position,
            product_ids=product_ids,
            rule=demo.rule,
        )
    changes = {}
    if featured.kind != demo.kind:
        changes["kind"] = demo.kind
    if demo.rule and RuleCriteria.of_rule(featured.rule) != demo.rule:
        changes["rule"] = demo.rule
    if changes:
        services.featured_collection_update(featured_collection=featured, **changes)
    if not demo.rule:
        present = set(CollectionProduct.objects.filter(collection_id=featured.pk).values_list("product_id", flat=True))
        missing = [product_id for product_id in product_ids if product_id not in present]
        if missing:
            services.featured_collection_products_add(featured_collection=featured, product_ids=missing)
    return featured


def _baselines_load(catalogue) -> int:
    existing = {
        row.product_id: (row.amount, row.recorded_on)
        for row in ProductBaselinePrice.objects.filter(product__in=[product for _item, product in catalogue.items])
    }
    high_star = [(item, product) for item, product in catalogue.items if item.stars >= 4]
    for index, (item, product) in enumerate(high_star):
        uplift = UPLIFTS[index % len(UPLIFTS)]
        amount = (item.price / (1 + uplift)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        if existing.get(product.pk) != (amount, BASELINE_RECORDED_ON):
            services.product_baseline_price_record(
                product=product,
                amount=amount,
                recorded_on=BASELINE_RECORDED_ON,
                note="Price at entry into OTOP PLUS (demo figure).",
            )
    return len(high_star)
