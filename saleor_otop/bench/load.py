"""`make load`: the market served by gunicorn as `make serve` starts it (2 workers, 1 thread each,
DEBUG off, 127.0.0.1), on the bench catalogue of `make bench`, under a bounded load: C clients
(connections), each sending its next request as soon as the last is answered, for S seconds per
scenario. Reported per scenario and concurrency: requests/s, p50 and p95 latency, errors (any
answer but 200, any GraphQL error), and the requests/s as a ratio to Saleor's plain
`products(first: 50)` measured in rounds alternating with the scenario's, so both see the same
machine load. Then each gunicorn worker's peak memory (VmHWM).

The clients are threads of this process (requests, one session each) on the same machine as the
server: on a small machine they take part of its CPU, as any local load tool would.
"""
from __future__ import annotations

import contextlib
import importlib
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import requests

from saleor_otop.bench.runner import PRODUCTS_50_QUERY, percentile

PROJECT_DIR = Path(__file__).resolve().parents[2]
BASELINE = "graphql_products_50"
ROUNDS = 2  # a scenario's time is split into rounds, each followed by a round of the baseline
WARMUP_REQUESTS = 4


@dataclass(frozen=True)
class LoadScenario:
    name: str
    description: str
    # (session, base URL, request number) -> answered well (HTTP 200, no GraphQL error)
    send: Callable[[requests.Session, str, int], bool]


def _get(path_of: Callable[[int], str]):
    def send(session, url, number):
        return not _failed(session.get(url + path_of(number), timeout=120))

    return send


def _graphql(query: str, variables: dict | None = None):
    body = {"query": query, "variables": variables or {}}

    def send(session, url, _number):
        return not _failed(session.post(f"{url}/graphql/", json=body, timeout=120))

    return send


def _mutation(session, url: str, query: str, variables: dict, name: str, errors_field: str):
    response = session.post(f"{url}/graphql/", json={"query": query, "variables": variables}, timeout=120)
    if _failed(response):
        return None
    payload = response.json()["data"][name]
    return None if payload[errors_field] else payload


def _guest_checkout(variant_ids: list, shipping_method_id: int):
    """A whole guest checkout, as the storefront's API client makes it: create with a line and
    addresses, shipping method, Dummy payment of the total, complete into an order."""
    from graphene import Node

    from otop_kernel.bench import THAI_ADDRESS
    from saleor_otop.bench import client

    method = Node.to_global_id("ShippingMethod", shipping_method_id)

    def send(session, url, number):
        variant = Node.to_global_id("ProductVariant", variant_ids[number % len(variant_ids)])
        created = _mutation(session, url, client.CHECKOUT_CREATE, {"input": {
            "email": "load@example.com", "lines": [{"variantId": variant, "quantity": 1}],
            "shippingAddress": THAI_ADDRESS, "billingAddress": THAI_ADDRESS,
        }}, "checkoutCreate", "checkoutErrors")
        if created is None:
            return False
        checkout_id = created["checkout"]["id"]
        shipped = _mutation(session, url, client.CHECKOUT_SHIPPING, {"checkoutId": checkout_id, "shippingMethodId": method},
                            "checkoutShippingMethodUpdate", "checkoutErrors")
        if shipped is None:
            return False
        total = shipped["checkout"]["totalPrice"]["gross"]["amount"]
        paid = _mutation(session, url, client.CHECKOUT_PAYMENT, {"checkoutId": checkout_id, "input": {
            "gateway": client.DUMMY_GATEWAY, "token": "load-charged", "amount": total}}, "checkoutPaymentCreate", "paymentErrors")
        if paid is None:
            return False
        completed = _mutation(session, url, client.CHECKOUT_COMPLETE, {"checkoutId": checkout_id}, "checkoutComplete", "checkoutErrors")
        return bool(completed and completed["order"])

    return send


def scenarios(product_slugs: list, *, variant_ids: list, shipping_method_id: int) -> list:
    # web.storefront sits above saleor_otop in the layer order: its listing query is read by name.
    storefront_bench = importlib.import_module("web.storefront.bench")
    otop_listing = storefront_bench.LISTING % {"first": storefront_bench.PAGE_SIZE, "language": "TH", "market_fields": ""}
    stars_bench = importlib.import_module("plugins.otop_stars.devtools.bench")
    return [
        LoadScenario(BASELINE, "Saleor's products(first: 50): id, name, slug, category, price", _graphql(PRODUCTS_50_QUERY)),
        LoadScenario("storefront_home", "GET /th/ (market Thailand)", _get(lambda _n: "/th/")),
        LoadScenario("storefront_catalogue", "GET /th/products/: 24 cards, every facet counted", _get(lambda _n: "/th/products/")),
        LoadScenario(
            "storefront_product", f"GET /th/products/<slug>/, {len(product_slugs)} products in turn",
            _get(lambda n: f"/th/products/{product_slugs[n % len(product_slugs)]}/"),
        ),
        LoadScenario(
            "graphql_otop_filtered", "products(first: 50, 4 stars or more, most stars first): the baseline's fields",
            _graphql(stars_bench.LISTING % stars_bench.BASELINE_FIELDS, stars_bench.STARS_4_BY_STARS),
        ),
        LoadScenario(
            "graphql_otop_cards", "products(first: 50, most stars first) with a Thai catalogue card's fields (translation, thumbnail, stars, province)",
            _graphql(otop_listing, {"filter": {}}),
        ),
        LoadScenario(
            "guest_checkout", "a whole guest checkout: 4 API calls, from checkoutCreate to the order (one count per order)",
            _guest_checkout(variant_ids, shipping_method_id),
        ),
    ]


def _failed(response: requests.Response) -> bool:
    if response.status_code != 200:
        return True
    return response.headers.get("Content-Type", "").startswith("application/json") and b'"errors"' in response.content


def measure(url: str, scenario: LoadScenario, *, clients: int, seconds: float) -> dict:
    """`clients` threads send the scenario's requests for `seconds`; latencies in ms."""
    latencies, errors, lock = [], [], threading.Lock()
    counter = iter(range(10**9))
    deadline = time.monotonic() + seconds

    def client():
        session = requests.Session()
        while time.monotonic() < deadline:
            with lock:
                number = next(counter)
            started = time.perf_counter()
            try:
                failed = not scenario.send(session, url, number)
            except requests.RequestException:
                failed = True
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                (errors if failed else latencies).append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    return {"requests": len(latencies), "errors": len(errors), "seconds": wall, "latencies": latencies}


def _summary(runs: list) -> dict:
    latencies = [value for run in runs for value in run["latencies"]]
    seconds = sum(run["seconds"] for run in runs)
    return {
        "requests": len(latencies),
        "errors": sum(run["errors"] for run in runs),
        "requests_per_second": round(len(latencies) / seconds, 2) if seconds else 0.0,
        "p50_ms": round(percentile(latencies, 0.50), 1) if latencies else None,
        "p95_ms": round(percentile(latencies, 0.95), 1) if latencies else None,
    }


def run_load(url: str, planned: list, *, concurrencies: list, seconds: float, log=print) -> list:
    by_name = {scenario.name: scenario for scenario in planned}
    baseline = by_name[BASELINE]
    session = requests.Session()
    for scenario in planned:
        for number in range(WARMUP_REQUESTS):
            if not scenario.send(session, url, number):
                raise RuntimeError(f"{scenario.name}: a warm-up request failed")
    results = []
    for clients in concurrencies:
        for scenario in planned:
            if scenario is baseline:
                continue
            own, base = [], []
            for _round in range(ROUNDS):
                own.append(measure(url, scenario, clients=clients, seconds=seconds / ROUNDS))
                base.append(measure(url, baseline, clients=clients, seconds=seconds / ROUNDS))
            row = {"name": scenario.name, "description": scenario.description, "clients": clients, **_summary(own)}
            row["baseline"] = {"name": BASELINE, **_summary(base)}
            base_rate = row["baseline"]["requests_per_second"]
            row["ratio_to_baseline"] = round(row["requests_per_second"] / base_rate, 3) if base_rate else None
            log(f"  {scenario.name} at {clients} clients: {row['requests_per_second']} req/s, p50 {row['p50_ms']} ms, "
                f"p95 {row['p95_ms']} ms, {row['errors']} errors; {BASELINE} {base_rate} req/s; ratio {row['ratio_to_baseline']}")
            results.append(row)
    return results


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def peak_memory_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


@contextlib.contextmanager
def served(database_url: str, *, workers: int = 2, timeout: float = 180):
    """gunicorn started by the web command's own launcher (saleor_otop/serving/launch.py: the
    same options as `make serve`), without the production start's refusals, so it also serves
    the embedded PostgreSQL; its access log is discarded. With CELERY_BROKER_URL set, the tasks
    the requests send (order e-mails, producers' notifications) wait on a queue of this run's,
    emptied at the end, as they would for the workers; without it they run inside the request.
    Yields (url, master pid)."""
    port = _free_port()
    queue = f"otop-load-{os.getpid()}"
    metrics = tempfile.mkdtemp(prefix="otop-load-metrics-")
    environment = {
        **os.environ, "DEBUG": "false", "DATABASE_URL": database_url, "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers), "GUNICORN_THREADS": "1", "GUNICORN_MAX_REQUESTS": "1000000",
        "PROMETHEUS_MULTIPROC_DIR": metrics, "LOG_FORMAT": "json", "OTOP_CELERY_QUEUE": queue,
    }
    environment.pop("OTOP_PRODUCTION", None)
    process = subprocess.Popen(
        [sys.executable, "-c", "from saleor_otop.serving import launch; launch.web()"],
        cwd=PROJECT_DIR, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited: {process.stderr.read()[-2000:]}")
            try:
                if requests.get(f"{url}/healthz", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within {timeout} s")
            time.sleep(0.3)
        yield url, process.pid
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=10)
        _purge(environment.get("CELERY_BROKER_URL", ""), queue)


def _purge(broker: str, queue: str) -> None:
    if not broker:
        return
    from kombu import Connection

    with Connection(broker) as connection:
        with contextlib.suppress(Exception):  # the queue exists only if a task was sent
            connection.default_channel.queue_purge(queue)


def worker_peak_memory(master_pid: int) -> list:
    return sorted(peak_memory_mib(pid) for pid in _children(master_pid))


def table(results: list, memory: list) -> str:
    lines = [f"{'scenario':<24} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6} {'base req/s':>10} {'ratio':>6}"]
    for row in results:
        lines.append(
            f"{row['name']:<24} {row['clients']:>7} {row['requests_per_second']:>8} {row['p50_ms']!s:>8} {row['p95_ms']!s:>8} "
            f"{row['errors']:>6} {row['baseline']['requests_per_second']:>10} {row['ratio_to_baseline']!s:>6}"
        )
    lines.append(f"peak memory per gunicorn worker (MiB): {', '.join(str(value) for value in memory)}")
    return "\n".join(lines)


def write(path: Path, payload: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n")
