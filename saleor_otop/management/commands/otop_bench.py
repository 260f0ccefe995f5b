"""`manage.py otop_bench`: seed a bench catalogue and measure Saleor's and the plugins' operations.

The harness and its plugin API are described in otop_kernel/bench.py.
"""
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from saleor_otop.bench.runner import (
    BenchReport,
    bench_database,
    plugin_benches,
    prepared_bench_database,
    run_scenarios,
    write_report,
)
from saleor_otop.celeryconf import app as celery_app

PROJECT_DIR = Path(__file__).resolve().parents[3]


class Command(BaseCommand):
    help = "Benchmark: seed N products into a bench database, measure baselines and plugin scenarios."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=10_000, help="catalogue size (default 10,000)")
        parser.add_argument("--repetitions", type=int, default=30, help="timed runs per scenario (default 30)")
        parser.add_argument("--warmups", type=int, default=3, help="untimed runs first (default 3)")
        parser.add_argument(
            "--database", default="",
            help="bench database name (default: <DATABASE NAME>_bench; created when missing)",
        )
        parser.add_argument(
            "--scenarios", default="",
            help="comma-separated scenario names to measure (default: all); name their baselines too",
        )
        parser.add_argument(
            "--output", default=str(PROJECT_DIR / "bench-results" / "bench.json"), help="JSON report path"
        )

    def handle(self, *args, products, repetitions, warmups, database, scenarios, output, **options):
        if products < 1 or repetitions < 1:
            raise CommandError("--products and --repetitions must be at least 1")
        name = database or f"{settings.DATABASES['default']['NAME']}_bench"
        # Tasks Saleor queues (e-mails, ...) are published, not run inside the measured request,
        # as with a real broker; the in-memory one needs no Redis.
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = "memory://localhost/"
        log = self.stdout.write
        started = time.perf_counter()
        plugins = plugin_benches()
        log(f"Plugins with a bench: {', '.join(p.name for p in plugins) or 'none yet'}")
        with bench_database(name):
            ctx = prepared_bench_database(name=name, product_count=products, plugins=plugins, log=log)
            report = BenchReport(product_count=ctx.product_count, database=name,
                                 repetitions=repetitions, warmups=warmups)
            run_scenarios(ctx, plugins=plugins, repetitions=repetitions, warmups=warmups,
                          report=report, log=log,
                          only=frozenset(name.strip() for name in scenarios.split(",") if name.strip()))
            write_report(report, Path(output))
        log("")
        log(report.table())
        log(f"\nWritten to {output} (total {time.perf_counter() - started:.0f} s)")
        if report.failures:
            raise CommandError(f"{len(report.failures)} scenario(s) failed: {', '.join(report.failures)}")
