"""Runs the bench: database, seeding, baselines, plugin scenarios, report (see core.py)."""
from __future__ import annotations

import gc
import importlib
import importlib.util
import json
import platform
import re
import statistics
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import django
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext, override_settings

from otop_kernel.bench import (
    BASELINE_CHECKOUT_1_LINE,
    BASELINE_PRODUCTS_50,
    PLUGIN_ORDER,
    PRODUCT_LISTING_FIELDS,
    THAI_ADDRESS,
    BenchContext,
    Scenario,
    ScenarioResult,
)

BASE_SEED_VERSION = 2  # 2: a product image each
STATE_TABLE = "otop_bench_state"

PRODUCTS_50_QUERY = (
    "query BenchProducts { products(first: 50) { edges { node {" + PRODUCT_LISTING_FIELDS + " } } } }"
)

BASELINES = [
    Scenario(
        name=BASELINE_PRODUCTS_50,
        baseline=None,
        query=PRODUCTS_50_QUERY,
        api="saleor",
        description="Saleor's own products(first: 50) (its schema, view, middleware), anonymous: "
        "id, name, slug, category, thumbnail, price",
    ),
    Scenario(
        name=BASELINE_CHECKOUT_1_LINE,
        baseline=None,
        prepare=lambda ctx: ctx.checkout_prepare(
            lines=[(ctx.variant_ids[ctx.rng.randrange(len(ctx.variant_ids))], 1)],
            address=THAI_ADDRESS, shipping="domestic",
        ),
        run=lambda ctx, checkout_id: ctx.checkout_complete(checkout_id),
        description="checkoutComplete of one line, Thai address, EMS, Dummy payment",
    ),
    Scenario(
        name="products_50_market_api",
        baseline=BASELINE_PRODUCTS_50,
        query=PRODUCTS_50_QUERY,
        description="The same plain listing through the market's API (the OTOP schema, view, middleware, "
        "the star rule's restriction)",
    ),
]


@dataclass
class PluginBench:
    name: str
    module: ModuleType

    @property
    def seed_version(self) -> int:
        return getattr(self.module, "SEED_VERSION", 1)

    @property
    def scenarios(self) -> list:
        return list(getattr(self.module, "SCENARIOS", []))


@dataclass
class BenchReport:
    product_count: int
    database: str
    repetitions: int
    warmups: int
    results: list = field(default_factory=list)
    failures: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "products": self.product_count,
            "database": self.database,
            "repetitions": self.repetitions,
            "warmups": self.warmups,
            "environment": {
                "python": platform.python_version(),
                "django": django.get_version(),
                "postgresql": connection.cursor().connection.server_version,
                "machine": platform.machine(),
            },
            "scenarios": [result.as_dict() for result in self.results],
            "failures": self.failures,
        }

    def table(self) -> str:
        header = (f"{'scenario':<44} {'plugin':<15} {'median ms':>9} {'p95 ms':>8} {'cpu ms':>7} {'queries':>7} "
                  f"{'floor ms':>8} {'/floor':>6}  {'baseline':<30} {'base ms':>8} {'ratio':>6} {'halves':>11}")
        lines = [header, "-" * len(header)]
        for r in self.results:
            ratio = "-" if r.ratio is None else f"{r.ratio:.2f}x"
            base = "-" if r.baseline_median_ms is None else f"{r.baseline_median_ms:.1f}"
            floor = "-" if r.sql_floor_ms is None else f"{r.sql_floor_ms:.1f}"
            over_floor = "-" if not r.sql_floor_ms else f"{r.median_ms / r.sql_floor_ms:.1f}x"
            lines.append(
                f"{r.name:<44} {r.plugin:<15} {r.median_ms:>9.1f} {r.p95_ms:>8.1f} {r.cpu_ms or 0:>7.1f} {r.queries:>7} "
                f"{floor:>8} {over_floor:>6}  {r.baseline or '-':<30} {base:>8} {ratio:>6} "
                f"{'/'.join(f'{h:.2f}' for h in r.ratio_halves) if r.ratio_halves else '-':>11}"
            )
        for name, error in self.failures.items():
            lines.append(f"{name:<44} FAILED: {error}")
        return "\n".join(lines)


# The surfaces for people measure their pages after the plugins (they read the plugins' rows).
SURFACE_BENCHES = (("storefront", "web.storefront.bench"),)


def plugin_benches() -> list:
    found = []
    modules = [(name, f"plugins.{name}.devtools.bench") for name in PLUGIN_ORDER] + list(SURFACE_BENCHES)
    for name, module_name in modules:
        if importlib.util.find_spec(module_name) is not None:
            found.append(PluginBench(name=name, module=importlib.import_module(module_name)))
    return found


def seed_signature(*, product_count: int, plugins: list) -> dict:
    return {
        "products": product_count,
        "base": BASE_SEED_VERSION,
        "plugins": {plugin.name: plugin.seed_version for plugin in plugins},
    }


def seed(*, product_count: int, plugins: list, log=print) -> BenchContext:
    """Seed the base catalogue, then each plugin's rows, in the current database."""
    from saleor_otop.bench.seeding import catalogue_seed

    started = time.perf_counter()
    log(f"Seeding {product_count:,} products...")
    ctx = catalogue_seed(product_count=product_count, log=log)
    ctx.log = log
    for plugin in plugins:
        bench_seed = getattr(plugin.module, "bench_seed", None)
        if bench_seed is not None:
            plugin_started = time.perf_counter()
            bench_seed(ctx)
            log(f"  {plugin.name}: seeded in {time.perf_counter() - plugin_started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"Seeded in {time.perf_counter() - started:.1f} s")
    return ctx


def percentile(values: list, fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def _execute(ctx: BenchContext, scenario: Scenario, prepared) -> None:
    if scenario.run is not None:
        scenario.run(ctx, prepared)
        return
    variables = scenario.variables
    if callable(variables):
        variables = variables(ctx, prepared)
    ctx.graphql(scenario.query, variables, user=scenario.user, api=scenario.api)


def _run_once(ctx: BenchContext, scenario: Scenario) -> tuple:
    """(wall ms, CPU ms) of one run."""
    prepared = scenario.prepare(ctx) if scenario.prepare else None
    started, cpu_started = time.perf_counter(), time.process_time()
    _execute(ctx, scenario, prepared)
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu_started) * 1000


def _warm_up(ctx: BenchContext, scenario: Scenario, runs: int) -> tuple:
    """Untimed runs; returns the SQL queries of the last one and its statements."""
    captured_queries = []
    for _ in range(max(1, runs)):
        prepared = scenario.prepare(ctx) if scenario.prepare else None
        with CaptureQueriesContext(connection) as captured:
            _execute(ctx, scenario, prepared)
        captured_queries = captured.captured_queries
    return len(captured_queries), [query["sql"] for query in captured_queries]


FLOOR_RUNS = 5
# A chunked fetch (Django's server-side cursor): the floor runs its SELECT.
SERVER_CURSOR = re.compile(r"^\s*DECLARE\s+\S+\s+.*?CURSOR\s+(?:WITH(?:OUT)?\s+HOLD\s+)?FOR\s+(SELECT\b.*)$", re.S | re.I)
TRANSACTION_CONTROL = ("SAVEPOINT", "RELEASE SAVEPOINT")


def _floor_statement(sql: str):
    """The SELECT to replay for one captured statement; "" to skip it; None when it writes."""
    stripped = sql.lstrip()
    if stripped.upper().startswith("SELECT"):
        return stripped
    cursor = SERVER_CURSOR.match(stripped)
    if cursor:
        return cursor.group(1)
    if stripped.upper().startswith(TRANSACTION_CONTROL):
        return ""
    return None


def sql_floor_ms(statements: list) -> float | None:
    """The median over FLOOR_RUNS of the time the statements take run one after the other on
    their own (each a round trip, as in the request); None unless every one only reads."""
    replayed = [_floor_statement(sql) for sql in statements]
    if not replayed or any(sql is None for sql in replayed):
        return None
    totals = []
    with connection.cursor() as cursor:
        for _ in range(FLOOR_RUNS):
            started = time.perf_counter()
            for sql in replayed:
                if sql:
                    cursor.execute(sql)
                    cursor.fetchall()
            totals.append((time.perf_counter() - started) * 1000)
    return statistics.median(totals)


def measure(
    ctx: BenchContext, scenario: Scenario, *, repetitions: int, warmups: int, plugin: str,
    baseline: Scenario | None = None,
) -> ScenarioResult:
    """Warm-up runs (SQL queries counted), then timed runs, alternating with runs of
    `baseline` when given (then `ratio` is set); `prepare` is never timed."""
    queries, statements = _warm_up(ctx, scenario, warmups)
    floor = sql_floor_ms(statements) if scenario.query else None
    if baseline is not None:
        _warm_up(ctx, baseline, 1)
    durations, cpu_durations, baseline_durations = [], [], []
    gc.collect()
    for index in range(repetitions):
        baseline_first = baseline is not None and index % 2 == 1
        if baseline_first:
            baseline_durations.append(_run_once(ctx, baseline)[0])
        wall, cpu = _run_once(ctx, scenario)
        durations.append(wall)
        cpu_durations.append(cpu)
        if baseline is not None and not baseline_first:
            baseline_durations.append(_run_once(ctx, baseline)[0])
    result = ScenarioResult(
        name=scenario.name,
        baseline=scenario.baseline,
        repetitions=repetitions,
        median_ms=statistics.median(durations),
        p95_ms=percentile(durations, 0.95),
        queries=queries,
        plugin=plugin,
        cpu_ms=statistics.median(cpu_durations),
        sql_floor_ms=floor,
    )
    if baseline_durations:
        result.baseline_median_ms = statistics.median(baseline_durations)
        if result.baseline_median_ms > 0:
            result.ratio = result.median_ms / result.baseline_median_ms
        half = len(durations) // 2
        if half:
            # The same ratio over the first and the second half of the runs: how much it moves.
            result.ratio_halves = tuple(
                statistics.median(durations[part]) / statistics.median(baseline_durations[part])
                for part in (slice(0, half), slice(half, None))
            )
    return result


def run_scenarios(ctx: BenchContext, *, plugins: list, repetitions: int, warmups: int, report: BenchReport,
                  log=print, only: frozenset = frozenset()) -> BenchReport:
    planned = [("saleor", scenario) for scenario in BASELINES]
    planned += [(plugin.name, scenario) for plugin in plugins for scenario in plugin.scenarios]
    names = [scenario.name for _plugin, scenario in planned]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise ValueError(f"scenario names used twice: {sorted(duplicates)}")
    if only:
        unknown = only - set(names)
        if unknown:
            raise ValueError(f"unknown scenarios: {sorted(unknown)}")
        planned = [(plugin, scenario) for plugin, scenario in planned if scenario.name in only]
    # No gc.freeze(): a server process pays its collections, so the timed runs do too.
    # Saleor's own GraphQL endpoint (the listing baseline) is mounted for the run only.
    with override_settings(ROOT_URLCONF="saleor_otop.bench.urls"):
        _measure_all(ctx, planned, names, repetitions=repetitions, warmups=warmups, report=report, log=log)
    return report


def _measure_all(ctx, planned, names: list, *, repetitions: int, warmups: int, report: BenchReport,
                 log) -> None:
    by_name = {scenario.name: scenario for _plugin, scenario in planned}
    for plugin, scenario in planned:
        if scenario.baseline and scenario.baseline not in names:
            report.failures[scenario.name] = f"unknown baseline {scenario.baseline!r}"
            continue
        log(f"Measuring {scenario.name} ({plugin})...")
        try:
            result = measure(ctx, scenario, repetitions=repetitions, warmups=warmups, plugin=plugin,
                             baseline=by_name.get(scenario.baseline))
        except Exception as error:  # noqa: BLE001 (one broken scenario must not hide the others' numbers)
            report.failures[scenario.name] = f"{type(error).__name__}: {error}"[:500]
            continue
        report.results.append(result)


@contextmanager
def bench_database(name: str):
    """Point the default connection at database `name` (created when missing)."""
    wrapper = connections["default"]
    original = wrapper.settings_dict["NAME"]
    wrapper.close()
    with wrapper._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {wrapper.ops.quote_name(name)}")
    wrapper.settings_dict["NAME"] = name
    try:
        yield name
    finally:
        wrapper.close()
        wrapper.settings_dict["NAME"] = original


def _drop_and_recreate(name: str) -> None:
    wrapper = connections["default"]
    wrapper.close()
    with wrapper._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {wrapper.ops.quote_name(name)}")
        cursor.execute(f"CREATE DATABASE {wrapper.ops.quote_name(name)}")


def _stored_signature():
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (key text PRIMARY KEY, value text NOT NULL)")
        cursor.execute(f"SELECT value FROM {STATE_TABLE} WHERE key = 'seed'")
        row = cursor.fetchone()
    return json.loads(row[0]) if row else None


def _store_signature(signature: dict) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {STATE_TABLE} (key, value) VALUES ('seed', %s) "
            "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
            [json.dumps(signature, sort_keys=True)],
        )


def _migrate(log) -> None:
    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    log(f"Migrated in {time.perf_counter() - started:.1f} s")


def prepared_bench_database(*, name: str, product_count: int, plugins: list, log=print) -> BenchContext:
    """Inside bench_database(name): reuse it when it holds this seed, else rebuild and seed."""
    _migrate(log)
    signature = seed_signature(product_count=product_count, plugins=plugins)
    stored = _stored_signature()
    if stored == signature:
        from saleor_otop.bench.seeding import bench_context

        log(f"Reusing {name}: it holds {product_count:,} seeded products")
        ctx = bench_context()
        ctx.log = log
        return ctx
    if stored is not None or _has_products():
        log(f"Rebuilding {name} (seeded {stored}, wanted {signature})")
        _drop_and_recreate(name)
        _migrate(log)
    ctx = seed(product_count=product_count, plugins=plugins, log=log)
    _stored_signature()
    _store_signature(signature)
    return ctx


def _has_products() -> bool:
    from saleor.product.models import Product

    return Product.objects.exists()


def write_report(report: BenchReport, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n")
