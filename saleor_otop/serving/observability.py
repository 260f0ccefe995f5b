"""Request ids, JSON log lines and task metrics.

A request's id comes from its `X-Request-ID` header (the proxy's) when it is a plain token, else
a new one; it is answered in `X-Request-ID`, stamped on every log line of the request, carried in
the headers of the Celery tasks the request sends and stamped on the log lines of those tasks.
"""
import json
import logging
import re
import time
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from celery import signals

REQUEST_ID_HEADER = "X-Request-ID"
TASK_HEADER = "otop_request_id"
ACCEPTED_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,128}$")

current_request_id: ContextVar = ContextVar("otop_request_id", default=None)


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = given if ACCEPTED_REQUEST_ID.match(given) else uuid.uuid4().hex
        request.request_id = request_id
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response[REQUEST_ID_HEADER] = request_id
        return response


class RequestIdFilter(logging.Filter):
    """Gives every record `request_id` (None outside a request or task)."""

    def filter(self, record):
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id.get()
        return True


STANDARD_RECORD_FIELDS = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, request id, process, the
    record's extra fields, and the traceback when there is one."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "process": record.process,
        }
        for key, value in vars(record).items():
            if key not in STANDARD_RECORD_FIELDS and not key.startswith("_"):
                entry[key] = value if isinstance(value, (str, int, float, bool, type(None))) else repr(value)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


@signals.before_task_publish.connect
def _request_id_into_task(headers=None, **_kwargs):
    request_id = current_request_id.get()
    if request_id and headers is not None and TASK_HEADER not in headers:
        headers[TASK_HEADER] = request_id


def _task_request_id(task):
    request = task.request
    return getattr(request, TASK_HEADER, None) or (getattr(request, "headers", None) or {}).get(TASK_HEADER)


_task_tokens = {}
_task_started = {}


logger = logging.getLogger("saleor_otop.tasks")


@signals.task_prerun.connect
def _task_started_signal(task_id=None, task=None, **_kwargs):
    _task_tokens[task_id] = current_request_id.set(_task_request_id(task))
    _task_started[task_id] = time.monotonic()
    logger.info("task started", extra={"task": task.name, "task_id": task_id})


@signals.task_postrun.connect
def _task_finished_signal(task_id=None, task=None, state=None, **_kwargs):
    from saleor_otop.serving import metrics

    started = _task_started.pop(task_id, None)
    if started is not None:
        seconds = time.monotonic() - started
        metrics.task_finished(task_name=task.name, state=state or "UNKNOWN", seconds=seconds)
        logger.info("task finished", extra={"task": task.name, "task_id": task_id, "state": state, "duration_ms": round(seconds * 1000, 1)})
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        current_request_id.reset(token)
