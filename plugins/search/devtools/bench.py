"""`make bench` for search: every seeded product's document built (the time is logged), then
a Thai search of a common word, 50 per page with OTOP fields, against Saleor's plain
`products(first: 50)`; the same search at 10 per page shows the SQL count does not grow."""
import time

from otop_kernel.bench import BASELINE_PRODUCTS_50, PRODUCT_LISTING_FIELDS, BenchContext, Scenario

from ..services import search_index_rebuild_all

SEED_VERSION = 1
COMMON_THAI_WORD = "ผ้าไหม"  # silk cloth: in the names of 5 of the 86 demo goods the bench copies

OTOP_FIELDS = " otop { stars { stars } provenance { province { code nameTh nameEn } } }"


def _search_listing(first: int) -> str:
    return (
        f"query($filter: ProductFilterInput) {{ products(first: {first}, filter: $filter) "
        "{ edges { node {" + PRODUCT_LISTING_FIELDS + OTOP_FIELDS + " } } } }"
    )


def bench_seed(ctx: BenchContext) -> None:
    started = time.monotonic()
    written = search_index_rebuild_all()
    ctx.log(f"search: {written:,} documents built in {time.monotonic() - started:.1f} s")


SCENARIOS = [
    Scenario(
        name="search_thai_50_with_otop",
        baseline=BASELINE_PRODUCTS_50,
        query=_search_listing(50),
        variables={"filter": {"search": COMMON_THAI_WORD}},
        description=f"products(first: 50, filter: {{search: \"{COMMON_THAI_WORD}\"}}) by relevance, "
        "with stars and province.",
    ),
    Scenario(
        name="search_thai_10_with_otop",
        baseline=BASELINE_PRODUCTS_50,
        query=_search_listing(10),
        variables={"filter": {"search": COMMON_THAI_WORD}},
        description="The same search, 10 per page (its SQL count equals the 50-per-page one).",
    ),
    Scenario(
        name="search_suggestions_thai",
        baseline=BASELINE_PRODUCTS_50,
        query='query { searchSuggestions(text: "ผ้าไ", language: TH) { suggestions { kind text } didYouMean } }',
        description="Suggestions for a half-typed Thai word.",
    ),
]
