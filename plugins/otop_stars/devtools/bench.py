"""`make bench` for star ratings: every bench product certified with its demo template's stars
and round, then the shopper's listing filtered and sorted by stars (and sorted by review
average) against Saleor's plain `products(first: 50)`."""
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from otop_kernel.bench import BASELINE_PRODUCTS_50, BenchContext, Scenario
from otop_kernel.otop_categories import OtopCategory

from ..models import (
    MAX_STARS,
    MIN_STARS,
    Certification,
    CertificationStatus,
    ProductStars,
)
from ..selectors import stars_configuration
from ..services import certification_default_valid_until

SEED_VERSION = 1

# The fields Saleor's baseline asks of each product (otop_kernel/bench.py: PRODUCT_LISTING_FIELDS).
BASELINE_FIELDS = "id name slug category { name } pricing { priceRange { start { gross { amount currency } } } }"
OTOP_FIELDS = (
    "otop { stars { stars roundYear roundYearBuddhistEra category validUntil } reviewSummary { average count } }"
)
LISTING = (
    "query($filter: ProductFilterInput, $sortBy: ProductOrder) {"
    " products(first: 50, filter: $filter, sortBy: $sortBy) { edges { node { %s } } } }"
)
STARS_4_BY_STARS = {"filter": {"minStars": 4}, "sortBy": {"field": "STARS", "direction": "DESC"}}


def bench_seed(ctx: BenchContext) -> None:
    """One certification per product (its template's stars and round, valid into next year);
    every tenth product's certification has lapsed, so the listing minimum has work to do.
    Review rows are not seeded: listings read only the per-product summary, which gets
    plausible review counts and averages on every third product."""
    today = timezone.localdate()
    now = timezone.now()
    validity_years = stars_configuration().validity_years
    certifications = []
    for seeded in ctx.products:
        template = seeded.template
        lapsed = seeded.index % 10 == 9
        valid_until = (
            today - timedelta(days=1)
            if lapsed
            else max(
                certification_default_valid_until(round_year=template.star_year, validity_years=validity_years),
                date(today.year + 1, 12, 31),
            )
        )
        certifications.append(
            Certification(
                product_id=seeded.product_id,
                stars=template.stars,
                round_year=template.star_year,
                certificate_number=f"BENCH-{template.star_year}-{seeded.index + 1:07d}",
                category=OtopCategory(template.category).value,
                valid_until=valid_until,
                status=CertificationStatus.EXPIRED if lapsed else CertificationStatus.ACTIVE,
                status_reason="",
                recorded_at=now,
                updated_at=now,
            )
        )
    ctx.copy_objects(certifications, model=Certification)

    summaries = []
    for seeded, certification in zip(ctx.products, certifications):
        active = certification.status == CertificationStatus.ACTIVE
        histogram = {str(level): 0 for level in range(MIN_STARS, MAX_STARS + 1)}
        if seeded.index % 3 == 0:
            for _review in range(ctx.rng.randint(1, 40)):
                histogram[str(ctx.rng.choice([3, 4, 4, 5, 5, 5]))] += 1
        count = sum(histogram.values())
        total = sum(int(level) * number for level, number in histogram.items())
        average = (Decimal(total) / count).quantize(Decimal("0.01")) if count else None
        summaries.append(
            ProductStars(
                product_id=seeded.product_id,
                current_certification_id=certification.pk if active else None,
                current_stars=certification.stars if active else None,
                has_certification_history=True,
                review_average=average,
                review_count=count,
                review_histogram=histogram,
                updated_at=now,
            )
        )
    ctx.copy_objects(summaries, model=ProductStars)
    lapsed_count = sum(1 for summary in summaries if summary.current_stars is None)
    ctx.log(f"otop_stars: {len(certifications)} certifications, {lapsed_count} lapsed")


SCENARIOS = [
    Scenario(
        name="products_50_stars4_by_stars",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING % BASELINE_FIELDS,
        variables=STARS_4_BY_STARS,
        description="products(first: 50) with official stars >= 4, sorted by stars; the baseline's fields.",
    ),
    Scenario(
        name="products_50_stars4_by_stars_with_otop",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING % f"{BASELINE_FIELDS} {OTOP_FIELDS}",
        variables=STARS_4_BY_STARS,
        description="The same, each product also showing its official stars and review summary.",
    ),
    Scenario(
        name="products_50_by_review_average_with_otop",
        baseline=BASELINE_PRODUCTS_50,
        query=LISTING % f"{BASELINE_FIELDS} {OTOP_FIELDS}",
        variables={"sortBy": {"field": "REVIEW_AVERAGE", "direction": "DESC"}},
        description="products(first: 50) sorted by review average, with official stars and review summary.",
    ),
]
