"""The benchmark harness's API: what `make bench` gives a plugin and what it asks of it.

`make bench` (`manage.py otop_bench --products N`) seeds a catalogue of N products into a
dedicated database (`<DATABASE NAME>_bench`, created when missing, reused while it holds the
same seed), measures Saleor's own operations as baselines, then each plugin's scenarios,
and reports every scenario as a ratio to its baseline (table on stdout, bench-results/bench.json).

Baselines (measured by the harness itself)
------------------------------------------
- `products_50` (`BASELINE_PRODUCTS_50`): Saleor's plain `products(first: 50)` listing (name,
  category, thumbnail, price), anonymous, posted as GraphQL through the whole HTTP stack
  in-process (django.test.Client) to Saleor's own schema, view and middleware (api="saleor":
  none of the OTOP plugins' fields, filters or restrictions), so a ratio says what the OTOP
  market costs over Saleor alone.
- `checkout_1_line` (`BASELINE_CHECKOUT_1_LINE`): `checkoutComplete` of a one-line domestic
  checkout paid with Saleor's Dummy gateway. The checkout (lines, Thai address, EMS shipping,
  payment) is prepared before each run, outside the timed part.

A plugin's `plugins/<p>/devtools/bench.py` (optional; plugins are visited in the order provenance,
otop_stars, producer_channels, export_markets, curation, search; then web/storefront/bench.py)
-------------------------------------------------------------------------------------------
    def bench_seed(ctx: BenchContext) -> None:
        # Bulk-create this plugin's rows for the seeded products, fast: ctx.copy_objects()
        # (PostgreSQL COPY, ids assigned) or Model.objects.bulk_create(..., batch_size=...).
        # No factories, no per-product queries. Runs once per bench database.
        ...

    SEED_VERSION = 1   # optional: change it when bench_seed changes; the bench database is
                       # then rebuilt from scratch (a plugin never has to undo its old rows).

    SCENARIOS = [
        Scenario(
            name="products_50_stars4_north",           # unique across plugins
            baseline=BASELINE_PRODUCTS_50,
            # api="otop" (default): the market's schema; "saleor": Saleor's own, plugins left out
            query="query($f: ProductFilterInput) { products(first: 50, filter: $f) { edges { node { id } } } }",
            variables={"f": {"otopStarsMin": 4}},     # or a fn (ctx, prepared) -> dict
        ),
        Scenario(
            name="checkout_5_producers_export",
            baseline=BASELINE_CHECKOUT_1_LINE,
            prepare=lambda ctx: ctx.checkout_prepare(
                lines=[(variant_id, 1) for variant_id in ctx.variant_ids[:5]],
                address=FOREIGN_ADDRESS, shipping="international"),
            run=lambda ctx, checkout_id: ctx.checkout_complete(checkout_id),
        ),
    ]

A scenario is timed either by its `run(ctx, prepared)` function or, when it has a `query`,
by posting that query (with `variables`) as `user` ("anonymous", "customer" or "staff": the
staff user holds every permission). `prepare(ctx)`, when given, runs before every timed run
and is not timed; its result is passed to `run` (or to `variables` when that is a function).
Each scenario gets warm-up runs, then `repetitions` timed runs: median and p95 in ms, median CPU
time of the process, SQL queries of one request (counted in a warm-up run, so counting costs no
timed run anything) and, for read-only scenarios, the SQL floor: the request's own statements
run again on their own, timed (the request can never be faster than that). Garbage collection
runs as it would in a server process (nothing frozen).
A scenario's timed runs alternate with runs of its baseline, and its ratio is the quotient of
the two medians: both see the same machine load, so the ratio holds on a busy machine.

Everything a scenario needs lives on `BenchContext`: the seeded ids, the users, a GraphQL
client, checkout helpers and a seeded random generator (results are reproducible).
"""
from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

BASELINE_PRODUCTS_50 = "products_50"
BASELINE_CHECKOUT_1_LINE = "checkout_1_line"
PLUGIN_ORDER = ("provenance", "otop_stars", "producer_channels", "export_markets", "curation", "search")

# The fields of Saleor's Product that every listing scenario and its baseline ask for.
PRODUCT_LISTING_FIELDS = """
        id
        name
        slug
        category { name }
        thumbnail(size: 255) { url alt }
        pricing { priceRange { start { gross { amount currency } } } }"""

THAI_ADDRESS = {
    "firstName": "Somchai",
    "lastName": "Jaidee",
    "streetAddress1": "99 Moo 3",
    "city": "Mueang Chiang Mai",
    "cityArea": "Suthep",
    "postalCode": "50200",
    "country": "TH",
    "countryArea": "Chiang Mai",
    "phone": "+66812345678",
}
FOREIGN_ADDRESS = {
    "firstName": "Hanako",
    "lastName": "Sato",
    "streetAddress1": "1-1 Chiyoda",
    "city": "Chiyoda-ku",
    "postalCode": "100-0001",
    "country": "JP",
    "countryArea": "Tokyo",
    "phone": "+81312345678",
}

Prepared = Any
Variables = Mapping[str, Any] | Callable[["BenchContext", Prepared], Mapping[str, Any]] | None


@dataclass(frozen=True)
class Scenario:
    """One measured operation. Give either `run` or `query` (see the module docstring)."""

    name: str
    baseline: str | None
    query: str = ""
    variables: Variables = None
    user: str = "anonymous"
    prepare: Callable[[BenchContext], Prepared] | None = None
    run: Callable[[BenchContext, Prepared], Any] | None = None
    description: str = ""
    api: str = "otop"

    def __post_init__(self):
        if bool(self.query) == bool(self.run):
            raise ValueError(f"scenario {self.name!r}: give either `query` or `run`, not both or neither")
        if self.user not in ("anonymous", "customer", "staff"):
            raise ValueError(f"scenario {self.name!r}: user must be anonymous, customer or staff")
        if self.api not in ("otop", "saleor"):
            raise ValueError(f"scenario {self.name!r}: api must be otop or saleor")


def saleor_plugins_only():
    """A context in which Saleor's plugins manager loads none of the OTOP plugins: Saleor alone
    on the same data, the second baseline of a checkout (what the plugins add to the same cart)."""
    from django.conf import settings
    from django.test.utils import override_settings

    return override_settings(PLUGINS=[path for path in settings.PLUGINS if not path.startswith("plugins.")])


def checkout_complete_saleor_alone(ctx: BenchContext, checkout_id: str) -> dict:
    with saleor_plugins_only():
        return ctx.checkout_complete(checkout_id)


@dataclass(frozen=True, slots=True)
class SeededProduct:
    """One product of the bench catalogue.

    `template` is the demo catalogue item it was derived from
    (otop_kernel.demo_catalogue.DemoProduct: OTOP category, subdistrict, producer key,
    stars, HS code, GI key), so plugins can seed plausible rows; `index` runs 0..N-1.
    """

    index: int
    product_id: int
    variant_id: int
    template: Any


@dataclass
class BenchContext:
    """What the harness hands to `bench_seed` and to scenarios.

    Seeded ids: `products` (SeededProduct, by index), `product_ids`, `variant_ids`
    (parallel lists), `category_ids` ({OtopCategory value: Saleor Category id}),
    `product_type_id`, `warehouse_id`, `domestic_shipping_method_id` (Thailand Post EMS,
    zone Thailand) and `international_shipping_method_id` (EMS World, zone of every other
    country). Users: `customer_user`, `staff_user` (all permissions). `rng`: a
    random.Random seeded per run, use it instead of the `random` module.
    """

    product_count: int
    products: Sequence[SeededProduct] = ()
    product_ids: Sequence[int] = ()
    variant_ids: Sequence[int] = ()
    category_ids: Mapping[str, int] = field(default_factory=dict)
    product_type_id: int = 0
    warehouse_id: Any = None
    domestic_shipping_method_id: int = 0
    international_shipping_method_id: int = 0
    customer_user: Any = None
    staff_user: Any = None
    rng: random.Random = field(default_factory=lambda: random.Random(20240))
    log: Callable[[str], None] = print
    # What does the work (saleor_otop/bench: COPY, the GraphQL client, checkouts); set by the
    # harness that builds this context, so plugins see only the methods below.
    harness: Any = None

    def copy_objects(self, objects: Iterable[Any], *, model=None) -> list:
        """Insert unsaved model instances with PostgreSQL COPY; returns them with ids set.

        Much faster than bulk_create for 100,000 rows. Instances are not validated and no
        signal is sent. `model` defaults to the first object's class.
        """
        return self.harness.copy_objects(objects, model=model)

    def graphql(
        self, query: str, variables: Mapping | None = None, *, user: str = "anonymous", api: str = "otop"
    ) -> dict:
        """Post a GraphQL query through the whole HTTP stack (to the market's API, or Saleor's own
        with api="saleor"); returns `data`, fails on errors."""
        return self.harness.post_graphql(self, query, variables, user=user, api=api)

    def checkout_prepare(
        self,
        *,
        lines: Sequence[tuple],
        address: Mapping | None = None,
        shipping: str = "domestic",
        email: str = "bench@example.com",
    ) -> str:
        """A checkout ready for checkoutComplete: lines [(variant_id, quantity)], shipping and
        billing address (default THAI_ADDRESS), a shipping method ("domestic" or
        "international") and a Dummy payment covering the total. Returns the checkout's
        GraphQL id. Prepared through Saleor's own mutations, as a storefront does."""
        return self.harness.checkout_prepare(self, lines=lines, address=address or THAI_ADDRESS, shipping=shipping, email=email)

    def checkout_complete(self, checkout_id: str) -> dict:
        """Post checkoutComplete; fails unless an order was created. Returns the order."""
        return self.harness.checkout_complete(self, checkout_id)


@dataclass
class ScenarioResult:
    name: str
    baseline: str | None
    repetitions: int
    median_ms: float
    p95_ms: float
    queries: int
    ratio: float | None = None
    cpu_ms: float | None = None
    # The request's SELECT statements run again on their own (None for scenarios that write).
    sql_floor_ms: float | None = None
    ratio_halves: tuple | None = None
    plugin: str = "saleor"
    # The baseline's median over runs interleaved with this scenario's (the ratio's denominator).
    baseline_median_ms: float | None = None

    def as_dict(self) -> dict:
        return {
            "name": self.name,
            "plugin": self.plugin,
            "baseline": self.baseline,
            "repetitions": self.repetitions,
            "median_ms": round(self.median_ms, 2),
            "p95_ms": round(self.p95_ms, 2),
            "cpu_ms": None if self.cpu_ms is None else round(self.cpu_ms, 2),
            "queries": self.queries,
            "sql_floor_ms": None if self.sql_floor_ms is None else round(self.sql_floor_ms, 2),
            "floor_ratio": (None if not self.sql_floor_ms else round(self.median_ms / self.sql_floor_ms, 2)),
            "ratio": None if self.ratio is None else round(self.ratio, 3),
            "ratio_halves": None if self.ratio_halves is None else [round(h, 3) for h in self.ratio_halves],
            "baseline_median_ms": None if self.baseline_median_ms is None else round(self.baseline_median_ms, 2),
        }
