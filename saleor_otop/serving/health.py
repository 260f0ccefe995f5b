"""`/healthz` (the process answers) and `/readyz` (it can serve: database, broker, migrations,
storages), both JSON, answered before any other middleware: no host check (probes come by
address), no session, no query but the checks' own. `/readyz` costs one `SELECT` of the applied
migrations, one broker connection and one small file written and deleted per storage."""
import json
import logging
import os
import socket
import time

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections
from django.http import HttpResponse

from saleor_otop.serving.metrics import METRICS_PATH, metrics_response

logger = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
READY_PATH = "/readyz"

_migrations_on_disk = None


def _json(payload: dict, status: int) -> HttpResponse:
    response = HttpResponse(json.dumps(payload), status=status, content_type="application/json")
    response["Cache-Control"] = "no-store"
    return response


def migrations_on_disk() -> set:
    """Every migration the code has (squashed ones stand for what they replace), read once."""
    global _migrations_on_disk
    if _migrations_on_disk is None:
        from django.db.migrations.loader import MigrationLoader

        loader = MigrationLoader(None, ignore_no_migrations=True)
        _migrations_on_disk = set(loader.graph.nodes)
    return _migrations_on_disk


def check_database() -> dict:
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations")
        applied = set(cursor.fetchall())
    missing = migrations_on_disk() - applied
    if missing:
        return {"status": "fail", "message": f"{len(missing)} migrations not applied (manage.py migrate)"}
    return {"status": "ok"}


def check_broker() -> dict:
    from saleor_otop.celeryconf import app

    if not settings.CELERY_BROKER_URL:
        return {"status": "ok", "message": "no broker: tasks run in-process"}
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)
    return {"status": "ok"}


def _check_storage(storage) -> dict:
    name = storage.save(f"readyz/{socket.gethostname()}-{os.getpid()}.txt", ContentFile(b"ok"))
    storage.delete(name)
    return {"status": "ok"}


def check_media_storage() -> dict:
    from django.core.files.storage import default_storage

    return _check_storage(default_storage)


def check_private_storage() -> dict:
    from otop_kernel.private_files import private_storage

    return _check_storage(private_storage())


READINESS_CHECKS = {
    "database": check_database,
    "broker": check_broker,
    "media_storage": check_media_storage,
    "private_storage": check_private_storage,
}
FAILURE_MESSAGES = {
    "database": "the database cannot be reached",
    "broker": "the task broker cannot be reached",
    "media_storage": "the media storage cannot be written",
    "private_storage": "the private file storage cannot be written",
}


def readiness() -> tuple:
    """(all passed, {check: {status, message?, ms}}); a failing check is logged with its error,
    and answered only with a plain message."""
    results = {}
    for name, check in READINESS_CHECKS.items():
        started = time.monotonic()
        try:
            result = check()
        except Exception as error:  # noqa: BLE001 - any failure of a dependency is "not ready"
            logger.warning("readiness check %s failed: %s: %s", name, type(error).__name__, error)
            result = {"status": "fail", "message": FAILURE_MESSAGES[name]}
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
        results[name] = result
    return all(result["status"] == "ok" for result in results.values()), results


def workers_answering(*, timeout: float, destination: list = None) -> list:
    """Names of the Celery workers that answer `inspect ping` within `timeout` seconds."""
    from saleor_otop.celeryconf import app

    replies = app.control.ping(destination=destination, timeout=timeout)
    return sorted(name for reply in replies for name in reply)


class HealthMiddleware:
    """First of the middleware: answers the probes and `/metrics` (saleor_otop/serving/metrics.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return _json({"status": "ok"}, 200)
        if request.path_info == READY_PATH:
            ready, checks = readiness()
            return _json({"status": "ok" if ready else "fail", "checks": checks}, 200 if ready else 503)
        if request.path_info == METRICS_PATH and request.method == "GET":
            return metrics_response(request)
        return self.get_response(request)


DATABASE_UNAVAILABLE = "The market is unavailable for a moment: its database cannot be reached. Please try again in a minute."


class DatabaseUnavailableMiddleware:
    """A request whose database connection cannot be made answers 503 with a plain message
    (JSON for the API), not a server error; nothing was written, since nothing could be."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # The API catches resolver errors itself and answers INTERNAL_ERROR: find out whether that was the database.
        if request.path_info.startswith("/graphql") and b'"INTERNAL_ERROR"' in getattr(response, "content", b"") and not _database_reachable():
            return self._unavailable(request, "an API request failed")
        return response

    def process_exception(self, request, exception):
        from django.db import InterfaceError, OperationalError

        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        connection = connections["default"]
        if connection.connection is not None and connection.is_usable():
            return None  # a statement cancelled or refused on a live connection: not an outage
        return self._unavailable(request, f"{type(exception).__name__}: {exception}")

    @staticmethod
    def _unavailable(request, reason: str) -> HttpResponse:
        logger.error("database unreachable: %s", reason)
        if request.path_info.startswith("/graphql"):
            response = _json({"errors": [{"message": DATABASE_UNAVAILABLE, "extensions": {"exception": {"code": "SERVICE_UNAVAILABLE"}}}]}, 503)
        else:
            response = HttpResponse(DATABASE_UNAVAILABLE, status=503, content_type="text/plain; charset=utf-8")
        response["Retry-After"] = "30"
        return response


def _database_reachable() -> bool:
    from django.db import DatabaseError

    try:
        connections["default"].ensure_connection()
    except DatabaseError:
        return False
    return True
