"""gunicorn's hooks and access log (`--config python:saleor_otop.serving.gunicorn_config`);
the numbers come from the launcher's command line (saleor_otop/serving/launch.py)."""
import json
import os
from datetime import UTC, datetime

from gunicorn.glogging import Logger


class JsonAccessLogger(Logger):
    """One JSON object per request, with the request id the application answered with; gunicorn's
    own lines (start, workers booted or killed) as JSON too."""

    def setup(self, cfg):
        super().setup(cfg)
        from saleor_otop.serving.observability import JsonFormatter

        for handler in self.error_log.handlers:
            handler.setFormatter(JsonFormatter())

    def access(self, resp, req, environ, request_time):
        if not (self.cfg.accesslog or self.cfg.logconfig or self.cfg.logconfig_dict or self.cfg.syslog):
            return
        headers = dict((name.lower(), value) for name, value in (resp.headers or []))
        entry = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "logger": "gunicorn.access",
            "remote": environ.get("REMOTE_ADDR"),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "status": resp.status_code,
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "request_id": headers.get("x-request-id"),
            "user_agent": environ.get("HTTP_USER_AGENT"),
        }
        try:
            self.access_log.info(json.dumps(entry, ensure_ascii=False))
        except Exception:  # noqa: BLE001 - as gunicorn's own access(): a log line never fails a request
            self.error("Failed to write the access log line")


logger_class = JsonAccessLogger


def child_exit(server, worker):
    # A worker that is gone leaves its live gauges behind unless told (prometheus-client multiprocess).
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
