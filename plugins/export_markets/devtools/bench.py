"""`make bench` for export markets: the shopper's listing of products with 4+ stars exportable
to Japan (50 per page) against Saleor's plain `products(first: 50)`, and a checkout to Tokyo of
lines from 5 producers against a one-line domestic checkout."""
from decimal import Decimal

from otop_kernel.bench import (
    BASELINE_CHECKOUT_1_LINE,
    BASELINE_PRODUCTS_50,
    FOREIGN_ADDRESS,
    BenchContext,
    Scenario,
    checkout_complete_saleor_alone,
)
from otop_kernel.otop_categories import OtopCategory

from ..choices import CertificateKind, DutyTerms, RequirementKind, ShippingService
from ..models import (
    CategoryRequirement,
    DutyRate,
    ExchangeRate,
    ExportProfile,
    Market,
    MarketShippingService,
    ProductCertificate,
    ProductMarketEligibility,
    ShippingMethodService,
)
from ..services import product_eligibility_recompute

SEED_VERSION = 1

BASELINE_FIELDS = "id name slug category { name } pricing { priceRange { start { gross { amount currency } } } }"
LISTING = (
    "query($filter: ProductFilterInput) { products(first: 50, filter: $filter) { edges { node { %s"
    ' otop { priceInMarket(country: "JP") { amount currency } } } } } }' % BASELINE_FIELDS
)
BENCH_MARKETS = {
    # country: (currency, units per baht, category requirements)
    "JP": ("JPY", "4.30", [(OtopCategory.FOOD, RequirementKind.THAI_FDA)]),
    "US": ("USD", "0.029", [(OtopCategory.FOOD, RequirementKind.US_FDA_FACILITY)]),
    "MY": ("MYR", "0.13", [(OtopCategory.FOOD, RequirementKind.HALAL), (OtopCategory.BEVERAGE, RequirementKind.HALAL)]),
    "DE": ("EUR", "0.027", [(OtopCategory.FOOD, RequirementKind.ALLERGEN_DECLARATION)]),
}


def bench_seed(ctx: BenchContext) -> None:
    """Four markets (rows written directly: the services would queue a recompute per market),
    a profile for every product, a Thai FDA serial for food and beverages, then one recompute."""
    for country, (currency, rate, requirements) in BENCH_MARKETS.items():
        market = Market.objects.create(
            country=country, enabled=True, display_currency=currency, minimum_stars=4,
            allowed_categories=list(OtopCategory.values), duty_terms=DutyTerms.DDP if country == "JP" else DutyTerms.DAP,
            default_duty_rate=Decimal(5), default_tax_rate=Decimal(10), label_languages=["en"],
        )
        CategoryRequirement.objects.bulk_create(
            CategoryRequirement(market=market, category=category, kind=kind) for category, kind in requirements
        )
        DutyRate.objects.create(market=market, hs_chapter="20", duty_rate=Decimal(9), tax_rate=Decimal(8))
        MarketShippingService.objects.create(market=market, service=ShippingService.EMS_WORLD, max_weight_grams=30_000)
        ExchangeRate.objects.update_or_create(currency=currency, defaults={"units_per_thb": Decimal(rate), "source": "bench"})
    ShippingMethodService.objects.update_or_create(
        shipping_method_id=ctx.international_shipping_method_id, defaults={"service": ShippingService.EMS_WORLD}
    )
    profiles, certificates = [], []
    for seeded in ctx.products:
        template = seeded.template
        profiles.append(
            ExportProfile(
                product_id=seeded.product_id, hs_code=template.hs_code, customs_description_en=template.name_en[:200],
                net_weight_grams=template.weight_grams, gross_weight_grams=template.weight_grams + 50,
                allergens_declared=seeded.index % 2 == 0, allergens=[],
            )
        )
        if template.category in (OtopCategory.FOOD, OtopCategory.BEVERAGE):
            digits = f"{seeded.index:013d}"
            certificates.append(
                ProductCertificate(
                    product_id=seeded.product_id, kind=CertificateKind.THAI_FDA,
                    number=f"{digits[:2]}-{digits[2]}-{digits[3:8]}-{digits[8]}-{digits[9:]}", issuer="Thai FDA",
                    valid_from="2024-01-01", valid_until=None,
                )
            )
    ctx.copy_objects(profiles, model=ExportProfile)
    ctx.copy_objects(certificates, model=ProductCertificate)
    rows = product_eligibility_recompute(product_ids=ctx.product_ids)
    ctx.log(f"export markets: {rows:,} eligibility rows for {len(BENCH_MARKETS)} markets")


def _five_producer_lines(ctx: BenchContext) -> list:
    """One line from each of 5 producers, every product eligible for Japan (chosen once per run)."""
    cached = getattr(ctx, "_otop_export_five_producers", None)
    if cached is None:
        eligible = set(
            ProductMarketEligibility.objects.filter(market__country="JP", eligible=True).values_list("product_id", flat=True)
        )
        by_producer = {}
        for seeded in ctx.products:
            if seeded.product_id in eligible:
                by_producer.setdefault(seeded.template.producer_key, []).append(seeded.variant_id)
        producers = sorted(by_producer)
        if len(producers) < 5:
            raise RuntimeError("the bench catalogue has fewer than 5 producers with products exportable to Japan")
        cached = [(producers, by_producer)]
        ctx._otop_export_five_producers = cached
    producers, by_producer = cached[0]
    chosen = ctx.rng.sample(producers, 5)
    return [(ctx.rng.choice(by_producer[producer]), 1) for producer in chosen]


SCENARIOS = [
    Scenario(
        name="products_50_stars4_exportable_jp",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING,
        variables={"filter": {"minStars": 4, "exportableTo": "JP"}},
        description="stars >= 4, exportable to JP, 50 per page, price in yen",
    ),
    Scenario(
        name="checkout_5_producers_to_japan",
        baseline=BASELINE_CHECKOUT_1_LINE,
        prepare=lambda ctx: ctx.checkout_prepare(
            lines=_five_producer_lines(ctx), address=FOREIGN_ADDRESS, shipping="international"
        ),
        run=lambda ctx, checkout_id: ctx.checkout_complete(checkout_id),
        description="5-producer checkout to Japan (DDP duty estimate, eligibility and parcel checks)",
    ),
    Scenario(
        name="checkout_5_producers_to_japan_saleor_alone",
        baseline=BASELINE_CHECKOUT_1_LINE,
        prepare=lambda ctx: ctx.checkout_prepare(
            lines=_five_producer_lines(ctx), address=FOREIGN_ADDRESS, shipping="international"
        ),
        run=checkout_complete_saleor_alone,
        description="The same kind of cart to Japan completed with the OTOP plugins off (Saleor alone)",
    ),
    Scenario(
        name="checkout_japan_vs_saleor_alone",
        baseline="checkout_5_producers_to_japan_saleor_alone",
        prepare=lambda ctx: ctx.checkout_prepare(
            lines=_five_producer_lines(ctx), address=FOREIGN_ADDRESS, shipping="international"
        ),
        run=lambda ctx, checkout_id: ctx.checkout_complete(checkout_id),
        description="checkout_5_producers_to_japan against the same kind of cart with the plugins off",
    ),
]
