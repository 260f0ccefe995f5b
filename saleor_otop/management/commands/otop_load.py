"""`manage.py otop_load` (`make load`): the storefront and the API served by gunicorn under a
bounded load on 127.0.0.1, on the bench catalogue (saleor_otop/bench/load.py)."""
import os
import platform
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from saleor_otop.bench import load
from saleor_otop.bench.runner import bench_database, plugin_benches, prepared_bench_database
from saleor_otop.celeryconf import app as celery_app

PROJECT_DIR = Path(__file__).resolve().parents[3]


def _database_url(name: str) -> str:
    values = connection.settings_dict
    host = values["HOST"] or "127.0.0.1"
    password = f":{values['PASSWORD']}" if values.get("PASSWORD") else ""
    if host.startswith("/"):
        return f"postgres://{values['USER']}@/{name}?host={host}&port={values['PORT']}"
    return f"postgres://{values['USER']}{password}@{host}:{values['PORT'] or 5432}/{name}"


class Command(BaseCommand):
    help = "Load test: gunicorn with 2 workers on 127.0.0.1, C clients for S seconds per scenario."

    def add_arguments(self, parser):
        parser.add_argument("--products", type=int, default=10_000, help="bench catalogue size (default 10,000)")
        parser.add_argument("--clients", default="8,32", help="concurrencies, comma-separated (default 8,32)")
        parser.add_argument("--seconds", type=float, default=16, help="seconds per scenario and concurrency (default 16)")
        parser.add_argument("--database", default="", help="bench database (default: <DATABASE NAME>_bench)")
        parser.add_argument("--output", default=str(PROJECT_DIR / "bench-results" / "load.json"), help="JSON report path")

    def handle(self, *args, products, clients, seconds, database, output, **options):
        try:
            concurrencies = [int(value) for value in clients.split(",") if value.strip()]
        except ValueError:
            raise CommandError(f"--clients: expected numbers separated by commas, got {clients!r}")
        if not concurrencies or min(concurrencies) < 1 or seconds <= 0 or products < 1:
            raise CommandError("--clients, --seconds and --products must be above 0")
        name = database or f"{settings.DATABASES['default']['NAME']}_bench"
        celery_app.conf.task_always_eager = False
        celery_app.conf.broker_url = "memory://localhost/"
        log = self.stdout.write
        with bench_database(name):
            ctx = prepared_bench_database(name=name, product_count=products, plugins=plugin_benches(), log=log)
            from saleor.product.models import Product

            slugs = list(Product.objects.filter(pk__in=ctx.product_ids[:200]).order_by("pk").values_list("slug", flat=True))
            url_of_database = _database_url(name)
        started = time.perf_counter()
        load_before = os.getloadavg()
        with load.served(url_of_database) as (url, master):
            log(f"gunicorn (2 workers) at {url}; {len(concurrencies)} concurrencies x {seconds:g} s per scenario")
            results = load.run_load(url, load.scenarios(slugs, variant_ids=list(ctx.variant_ids), shipping_method_id=ctx.domestic_shipping_method_id), concurrencies=concurrencies, seconds=seconds, log=log)
            memory = load.worker_peak_memory(master)
        machine = {
            "cpus": os.cpu_count(), "platform": platform.platform(), "python": platform.python_version(),
            "load_average_before": [round(value, 2) for value in load_before],
            "load_average_after": [round(value, 2) for value in os.getloadavg()],
        }
        load.write(Path(output), {"products": ctx.product_count, "database": name, "machine": machine,
                                  "results": results, "worker_peak_memory_mib": memory})
        log("")
        log(load.table(results, memory))
        log(f"\nmachine: {machine}")
        log(f"Written to {output} ({time.perf_counter() - started:.0f} s of load)")
        if any(row["errors"] for row in results):
            raise CommandError("some requests failed (see the errors column)")
