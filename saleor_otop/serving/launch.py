"""The commands of `python -m saleor_otop.serving`: each checks the settings (one line on a bad
one), then replaces itself by gunicorn or Celery with options from the environment."""
import json
import os
import shutil
import socket
import sys
from pathlib import Path

from saleor_otop import environment as env

PROJECT_DIR = Path(__file__).resolve().parents[2]
CELERY_APP = "saleor_otop.celeryconf:app"


def _settings():
    from django.conf import settings

    _ = settings.INSTALLED_APPS  # reads and checks every variable now, not in the middle of a start
    return settings


def _metrics_dir() -> str:
    """Where gunicorn's and Celery's processes leave their metrics for /metrics to add up
    (prometheus-client's multiprocess mode); one folder for the processes of one machine."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or str(PROJECT_DIR / "var" / "run" / "prometheus")
    os.makedirs(folder, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder
    return folder


def _exec(args: list) -> None:
    sys.stdout.flush()
    os.chdir(PROJECT_DIR)
    os.execv(sys.executable, [sys.executable, *args])


def web() -> None:
    settings = _settings()
    timeout = env.positive_int("GUNICORN_TIMEOUT", default=settings.GRAPHQL_TIME_LIMIT_SECONDS + 10)
    if timeout <= settings.GRAPHQL_TIME_LIMIT_SECONDS:
        raise env.EnvironmentSettingError(
            "GUNICORN_TIMEOUT",
            f"must be above GRAPHQL_TIME_LIMIT_SECONDS ({settings.GRAPHQL_TIME_LIMIT_SECONDS}): a request is cut at that limit first",
        )
    workers = env.positive_int("GUNICORN_WORKERS", default=2)
    threads = env.positive_int("GUNICORN_THREADS", default=1)
    graceful = env.positive_int("GUNICORN_GRACEFUL_TIMEOUT", default=30)
    keepalive = env.positive_int("GUNICORN_KEEPALIVE", default=5)
    max_requests = env.positive_int("GUNICORN_MAX_REQUESTS", default=2000)
    bind = env.string("GUNICORN_BIND", default="127.0.0.1:8000")
    _metrics_dir()
    _exec([
        "-m", "gunicorn", "saleor_otop.wsgi:application",
        "--config", "python:saleor_otop.serving.gunicorn_config",
        "--bind", bind, "--workers", str(workers), "--threads", str(threads),
        "--timeout", str(timeout), "--graceful-timeout", str(graceful), "--keep-alive", str(keepalive),
        # A worker is replaced after this many requests (with jitter, so not all at once).
        "--max-requests", str(max_requests), "--max-requests-jitter", str(max(1, max_requests // 10)),
        "--preload", "--access-logfile", "-", "--error-logfile", "-",
    ])


def worker() -> None:
    settings = _settings()
    concurrency = env.positive_int("CELERY_CONCURRENCY", default=os.cpu_count() or 1)
    _metrics_dir()
    _exec([
        "-m", "celery", "-A", CELERY_APP, "--quiet", "worker",  # --quiet: no banner, log lines only
        "--hostname", env.string("CELERY_WORKER_NAME", default=f"worker@{socket.gethostname()}"),
        "--queues", settings.CELERY_TASK_DEFAULT_QUEUE,
        "--concurrency", str(concurrency), "--prefetch-multiplier", "1",
        "--loglevel", env.string("CELERY_LOG_LEVEL", default="INFO"),
    ])


def beat() -> None:
    _settings()
    schedule = env.string("CELERY_BEAT_SCHEDULE_FILE", default=str(PROJECT_DIR / "var" / "run" / "celerybeat-schedule"))
    os.makedirs(os.path.dirname(schedule) or ".", exist_ok=True)
    _metrics_dir()
    _exec([
        "-m", "celery", "-A", CELERY_APP, "--quiet", "beat", "--schedule", schedule,
        "--loglevel", env.string("CELERY_LOG_LEVEL", default="INFO"),
    ])


def release() -> None:
    """Before the processes start: migrations, static files, a fresh metrics folder."""
    _settings()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=1)
    call_command("collectstatic", interactive=False, verbosity=0)
    folder = _metrics_dir()
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder, exist_ok=True)


def worker_check() -> None:
    """Exit 0 when this machine's worker (CELERY_WORKER_NAME) answers `celery inspect ping`; one JSON line."""
    _settings()
    import django

    django.setup()
    from saleor_otop.serving.health import workers_answering

    name = env.string("CELERY_WORKER_NAME", default=f"worker@{socket.gethostname()}")
    answering = workers_answering(timeout=env.positive_int("CELERY_PING_TIMEOUT", default=2), destination=[name])
    print(json.dumps({"status": "ok" if answering else "fail", "workers": answering}))
    sys.exit(0 if answering else 1)


COMMANDS = {"web": web, "worker": worker, "beat": beat, "release": release, "worker-check": worker_check}
