"""Benchmark harness (`make bench`): see saleor_otop/bench/core.py for the plugin API."""
from saleor_otop.bench.core import (  # noqa: F401
    BASELINE_CHECKOUT_1_LINE,
    BASELINE_PRODUCTS_50,
    FOREIGN_ADDRESS,
    PLUGIN_ORDER,
    THAI_ADDRESS,
    BenchContext,
    Scenario,
    ScenarioResult,
    SeededProduct,
)
