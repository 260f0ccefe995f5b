"""Prometheus metrics of our own, beside django-prometheus' request metrics. With
PROMETHEUS_MULTIPROC_DIR set (the launcher sets it), every gunicorn and Celery process of the
machine writes there and `/metrics` adds them up."""
import os

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest

METRICS_PATH = "/metrics"

TASKS = Counter("otop_celery_tasks_total", "Celery tasks run, by task and final state", ["task", "state"])
TASK_SECONDS = Histogram(
    "otop_celery_task_duration_seconds", "Time Celery tasks took to run", ["task"],
    buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, float("inf")),
)


def task_finished(*, task_name: str, state: str, seconds: float) -> None:
    TASKS.labels(task=task_name, state=state).inc()
    TASK_SECONDS.labels(task=task_name).observe(seconds)


def exposition() -> bytes:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry)
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY)


def metrics_response(request) -> HttpResponse:
    """The text exposition; with METRICS_TOKEN set, only for `Authorization: Bearer <token>`."""
    if settings.METRICS_TOKEN and request.META.get("HTTP_AUTHORIZATION", "") != f"Bearer {settings.METRICS_TOKEN}":
        return HttpResponseNotFound()
    return HttpResponse(exposition(), content_type=CONTENT_TYPE_LATEST)
