"""`make bench` for provenance: every bench product placed in a tambon, then the shopper's
listing filtered by region (and by province) against Saleor's plain `products(first: 50)`."""
from django.utils import timezone

from otop_kernel.bench import BASELINE_PRODUCTS_50, PRODUCT_LISTING_FIELDS, BenchContext, Scenario
from otop_kernel.otop_categories import OtopCategory

from .. import services
from ..models import GeographicalIndication, ProductProvenance, Subdistrict

SEED_VERSION = 1

# The baseline's fields, so the filter (and the provenance shown) is all that differs.
LISTING = (
    "query($filter: ProductFilterInput) { products(first: 50, filter: $filter) { edges { node {"
    + PRODUCT_LISTING_FIELDS
    + " } } } }"
)
LISTING_WITH_PROVENANCE = (
    "query($filter: ProductFilterInput) { products(first: 50, filter: $filter) { edges { node {"
    + PRODUCT_LISTING_FIELDS
    + " otop { provenance { region { code } province { code nameEn } district { nameEn }"
    + " subdistrict { nameTh nameEn } } } } } } }"
)
PROVINCE_COUNTS = "query { otopProvinces { code nameEn publishedProductCount } }"


def _bench_gis(ctx: BenchContext) -> dict:
    from otop_kernel.demo_catalogue import GEOGRAPHICAL_INDICATIONS

    gis = {}
    for demo_gi in GEOGRAPHICAL_INDICATIONS:
        gi = GeographicalIndication.objects.filter(slug=demo_gi.key).first()
        gis[demo_gi.key] = gi or services.geographical_indication_create(
            slug=demo_gi.key,
            name_th=demo_gi.name_th,
            name_en=demo_gi.name_en,
            kind=demo_gi.kind.upper(),
            province_codes=list(demo_gi.province_codes),
        )
    return gis


def bench_seed(ctx: BenchContext) -> None:
    """Half the products stay in their demo template's tambon (with its GI); the other half
    go to random tambons of all 77 provinces, so every region and province has products."""
    gis = _bench_gis(ctx)
    tambons = list(Subdistrict.objects.current().values_list("code", flat=True))
    now = timezone.now()
    provenances = []
    for seeded in ctx.products:
        template = seeded.template
        at_home = seeded.index % 2 == 0
        provenances.append(
            ProductProvenance(
                product_id=seeded.product_id,
                subdistrict_id=template.subdistrict_code if at_home else ctx.rng.choice(tambons),
                category=OtopCategory(template.category).value,
                producer_group_name=template.producer_key,
                gi_id=gis[template.gi_key].pk if at_home and template.gi_key else None,
                story_th=template.description_th,
                story_en=template.description_en,
                updated_at=now,
            )
        )
    ctx.copy_objects(provenances, model=ProductProvenance)
    ctx.log(f"provenance: {len(provenances)} products placed in {len(tambons)} possible tambons")


SCENARIOS = [
    Scenario(
        name="products_50_region",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING,
        variables={"filter": {"regions": ["NORTHEAST"]}},
        description="products(first: 50) filtered by one region (Northeast).",
    ),
    Scenario(
        name="products_50_province",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING,
        variables={"filter": {"provinces": ["50"]}},
        description="products(first: 50) filtered by one province (Chiang Mai).",
    ),
    Scenario(
        name="products_50_region_with_provenance",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING_WITH_PROVENANCE,
        variables={"filter": {"regions": ["NORTHEAST"]}},
        description="Filtered by region, each product showing its region, province, district and tambon.",
    ),
    Scenario(
        name="otop_provinces_counts",
        baseline=BASELINE_PRODUCTS_50,
        query=PROVINCE_COUNTS,
        description="The 77 provinces with their published products counted.",
    ),
]
