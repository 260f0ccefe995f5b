import json

import pytest
from django.test.utils import override_settings
from saleor.order.models import Order
from saleor.product.models import Product, ProductTranslation

from otop_kernel.bench import BASELINE_CHECKOUT_1_LINE, BASELINE_PRODUCTS_50, Scenario
from saleor_otop.bench.runner import (
    PRODUCTS_50_QUERY,
    BenchReport,
    percentile,
    plugin_benches,
    prepared_bench_database,
    run_scenarios,
    seed,
    write_report,
)
from saleor_otop.bench.seeding import copy_objects
from tests.factories import ProductTypeFactory

TINY = 30


def quiet(_message):
    pass


@pytest.fixture
def tiny_catalogue(db):
    return seed(product_count=TINY, plugins=[], log=quiet)


def test_seed_creates_published_products_with_variants_and_thai_names(tiny_catalogue):
    assert len(tiny_catalogue.product_ids) == TINY
    assert len(set(tiny_catalogue.variant_ids)) == TINY
    assert Product.objects.published().filter(pk__in=tiny_catalogue.product_ids).count() == TINY
    assert ProductTranslation.objects.filter(product_id__in=tiny_catalogue.product_ids, language_code="th").count() == TINY


def test_copy_objects_inserts_rows_and_sets_their_ids(db):
    product_type = ProductTypeFactory()

    products = copy_objects(
        Product(name=f"Copied {n}", slug=f"copied-{n}", product_type=product_type, currency="THB",
                price_amount="10.00", minimal_variant_price_amount="10.00")
        for n in range(3)
    )

    assert [p.pk is not None for p in products] == [True, True, True]
    assert set(Product.objects.filter(slug__startswith="copied-").values_list("pk", flat=True)) == {
        p.pk for p in products
    }


def test_baselines_report_time_and_queries_on_a_tiny_catalogue(tiny_catalogue, tmp_path):
    report = BenchReport(product_count=TINY, database="test", repetitions=2, warmups=1)

    run_scenarios(tiny_catalogue, plugins=[], repetitions=2, warmups=1, report=report, log=quiet)
    write_report(report, tmp_path / "bench.json")

    assert report.failures == {}
    names = [BASELINE_PRODUCTS_50, BASELINE_CHECKOUT_1_LINE, "products_50_market_api"]
    assert [r.name for r in report.results] == names
    assert all(r.queries > 0 and r.median_ms > 0 and r.cpu_ms > 0 for r in report.results)
    results = {r.name: r for r in report.results}
    assert results[BASELINE_PRODUCTS_50].sql_floor_ms > 0  # a read: its statements timed alone
    assert results[BASELINE_CHECKOUT_1_LINE].sql_floor_ms is None  # writes are not replayed
    assert len(results["products_50_market_api"].ratio_halves) == 2
    assert Order.objects.count() == 3  # one warm-up and two timed checkouts
    written = json.loads((tmp_path / "bench.json").read_text())
    assert [s["name"] for s in written["scenarios"]] == names


def test_the_listing_baseline_is_saleors_own_schema_with_thumbnails(tiny_catalogue):
    with override_settings(ROOT_URLCONF="saleor_otop.bench.urls"):
        products = tiny_catalogue.graphql(PRODUCTS_50_QUERY, api="saleor")["products"]["edges"]
        assert len(products) == TINY and all(edge["node"]["thumbnail"]["url"] for edge in products)
        with pytest.raises(AssertionError, match="otop"):
            tiny_catalogue.graphql("{ products(first: 1) { edges { node { otop { stars { stars } } } } } }", api="saleor")
        assert tiny_catalogue.graphql("{ products(first: 1) { edges { node { otop { stars { stars } } } } } }")


def test_only_the_named_scenarios_are_measured(tiny_catalogue):
    report = BenchReport(product_count=TINY, database="test", repetitions=1, warmups=1)

    run_scenarios(tiny_catalogue, plugins=[], repetitions=1, warmups=1, report=report, log=quiet,
                  only=frozenset({BASELINE_PRODUCTS_50}))

    assert [r.name for r in report.results] == [BASELINE_PRODUCTS_50]


def test_every_plugin_bench_seeds_and_runs_its_scenarios_on_a_tiny_catalogue(db):
    plugins = plugin_benches()
    ctx = seed(product_count=TINY, plugins=plugins, log=quiet)
    report = BenchReport(product_count=TINY, database="test", repetitions=2, warmups=1)

    run_scenarios(ctx, plugins=plugins, repetitions=2, warmups=1, report=report, log=quiet)

    assert report.failures == {}
    measured = {r.name for r in report.results}
    assert {s.name for plugin in plugins for s in plugin.scenarios} <= measured


def test_scenario_ratio_is_its_median_over_its_interleaved_baseline_median(tiny_catalogue):
    report = BenchReport(product_count=TINY, database="test", repetitions=2, warmups=1)
    plugin = type("Plugin", (), {"name": "example", "scenarios": [
        Scenario(name="products_10", baseline=BASELINE_PRODUCTS_50,
                 query="{ products(first: 10) { edges { node { id } } } }"),
    ]})()

    run_scenarios(tiny_catalogue, plugins=[plugin], repetitions=2, warmups=1, report=report, log=quiet)

    result = {r.name: r for r in report.results}["products_10"]
    assert result.baseline_median_ms > 0
    assert result.ratio == pytest.approx(result.median_ms / result.baseline_median_ms)


def test_a_failing_scenario_is_reported_without_hiding_the_others(tiny_catalogue):
    report = BenchReport(product_count=TINY, database="test", repetitions=1, warmups=1)
    plugin = type("Plugin", (), {"name": "broken", "scenarios": [
        Scenario(name="unknown_field", baseline=BASELINE_PRODUCTS_50, query="{ noSuchField }"),
    ]})()

    run_scenarios(tiny_catalogue, plugins=[plugin], repetitions=1, warmups=1, report=report, log=quiet)

    assert "unknown_field" in report.failures
    assert BASELINE_CHECKOUT_1_LINE in {r.name for r in report.results}


def test_a_bench_database_holding_the_same_seed_is_reused(db):
    messages = []
    first = prepared_bench_database(name="test", product_count=TINY, plugins=[], log=messages.append)

    second = prepared_bench_database(name="test", product_count=TINY, plugins=[], log=messages.append)

    assert second.product_ids == first.product_ids
    assert any(message.startswith("Reusing") for message in messages)


def test_scenario_needs_a_query_or_a_run_function():
    with pytest.raises(ValueError):
        Scenario(name="nothing", baseline=None)


def test_percentile_takes_the_nearest_rank():
    assert percentile([5, 1, 4, 2, 3], 0.95) == 5
    assert percentile(list(range(1, 101)), 0.95) == 95


@pytest.mark.django_db(transaction=True)
def test_load_run_serves_every_scenario_through_gunicorn_on_a_tiny_catalogue():
    """`make load`'s parts on 30 products: gunicorn with 2 workers answers every scenario, with
    a rate, latencies and a ratio to Saleor's listing, and each worker's peak memory is read."""
    from saleor_otop.bench import load
    from tests.support.processes import database_url

    ctx = seed(product_count=TINY, plugins=[], log=quiet)
    slugs = list(Product.objects.filter(pk__in=ctx.product_ids[:3]).values_list("slug", flat=True))
    with load.served(database_url()) as (url, master):
        results = load.run_load(url, load.scenarios(slugs, variant_ids=list(ctx.variant_ids), shipping_method_id=ctx.domestic_shipping_method_id), concurrencies=[2], seconds=1, log=quiet)
        memory = load.worker_peak_memory(master)

    assert [row["name"] for row in results] == ["storefront_home", "storefront_catalogue", "storefront_product", "graphql_otop_filtered", "graphql_otop_cards",
                                                "guest_checkout"]
    for row in results:
        assert row["errors"] == 0 and row["requests"] > 0 and row["baseline"]["requests"] > 0, row
        assert row["p50_ms"] <= row["p95_ms"] and row["ratio_to_baseline"] > 0
    assert len(memory) == 2 and all(value > 0 for value in memory)
    # One order per checkout counted, and those of the warm-up.
    assert Order.objects.count() == results[-1]["requests"] + load.WARMUP_REQUESTS
