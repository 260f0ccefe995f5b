"""The production processes as `make serve` starts them: the release step, then honcho running
the Procfile (gunicorn, a Celery worker, beat) against the test database and the broker."""
import contextlib
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.support.processes import database_url, free_port

PROJECT_DIR = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


class ServedMarket:
    def __init__(self, *, url: str, env: dict, process: subprocess.Popen):
        self.url = url
        self.env = env
        self.process = process
        self.lines = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line.rstrip("\n"))

    def output_of(self, name: str) -> list:
        """The lines honcho printed for one process kind (`web`, `worker`, `beat`), prefix removed."""
        prefix = f" {name}.1"
        return [line.split("| ", 1)[1] for line in list(self.lines) if prefix in line.split("|", 1)[0] and "| " in line]

    def wait_for_line(self, name: str, predicate, *, timeout: float = 180):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for line in self.output_of(name):
                if predicate(line):
                    return line
            assert self.process.poll() is None, "honcho exited:\n" + "\n".join(self.lines[-40:])
            time.sleep(0.2)
        raise AssertionError(f"no such line from {name} within {timeout} s:\n" + "\n".join(self.lines[-40:]))


def serving_environment(tmp_path: Path, *, database: str, broker: str, **changes) -> dict:
    queue = f"otop-serve-{uuid.uuid4().hex[:8]}"
    environment = {
        **{name: value for name, value in os.environ.items() if name not in ("DEBUG", "PROMETHEUS_MULTIPROC_DIR")},
        "PATH": f"{VENV_BIN}:{os.environ.get('PATH', '')}",
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": broker,
        "OTOP_CELERY_QUEUE": queue,
        "CELERY_WORKER_NAME": f"{queue}@{socket.gethostname()}",
        "GUNICORN_BIND": f"127.0.0.1:{free_port()}",
        "GUNICORN_WORKERS": "2",
        "CELERY_CONCURRENCY": "1",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "OTOP_PRIVATE_ROOT": str(tmp_path / "private"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "CELERY_BEAT_SCHEDULE_FILE": str(tmp_path / "beat" / "schedule"),
        "SECURE_COOKIES": "false",
    }
    environment.update(changes)
    return environment


def wait_until_ready(url: str, process: subprocess.Popen, *, timeout: float = 120, path: str = "/readyz") -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, f"the processes exited (code {process.returncode})"
        try:
            if requests.get(f"{url}{path}", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        assert time.monotonic() < deadline, f"{url}{path} did not answer 200 within {timeout} s"
        time.sleep(0.3)


def stop_group(process: subprocess.Popen) -> None:
    """honcho and everything it started (their own process group), ours by its id."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@contextlib.contextmanager
def served_market(environment: dict):
    subprocess.run([sys.executable, "-m", "saleor_otop.serving", "release"], cwd=PROJECT_DIR, env=environment,
                   check=True, capture_output=True, timeout=300)
    process = subprocess.Popen(
        [str(VENV_BIN / "honcho"), "start", "-f", "Procfile", "--no-colour"],
        cwd=PROJECT_DIR, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )
    market = ServedMarket(url=f"http://{environment['GUNICORN_BIND']}", env=environment, process=process)
    try:
        wait_until_ready(market.url, process)
        yield market
    finally:
        stop_group(process)


@pytest.fixture(scope="module")
def served(django_db_setup, django_db_blocker, tmp_path_factory):
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.skip("CELERY_BROKER_URL is not set: no broker for the worker")
    with django_db_blocker.unblock():
        database = database_url()
    environment = serving_environment(tmp_path_factory.mktemp("serve"), database=database, broker=broker)
    with served_market(environment) as market:
        yield market


@pytest.fixture
def site_settings():
    """Saleor's mail tasks read the site's settings, which a flushing test before may have removed."""
    from django.contrib.sites.models import Site
    from saleor.site.models import SiteSettings

    SiteSettings.objects.get_or_create(site=Site.objects.get_current())
