"""Real processes for tests: a Celery worker, gunicorn serving the project, a Redis server of
our own. Each reads the test database and listens on a port the OS picks."""
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests
from django.db import connection

from saleor_otop.celeryconf import app as celery_app

PROJECT_DIR = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """DATABASE_URL of the test database, for processes that must read what tests commit."""
    settings = connection.settings_dict
    host = settings["HOST"] or "127.0.0.1"
    if host.startswith("/"):
        return f"postgres://{settings['USER']}@/{settings['NAME']}?host={host}&port={settings['PORT']}"
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    return f"postgres://{settings['USER']}{password}@{host}:{settings['PORT'] or 5432}/{settings['NAME']}"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(process: subprocess.Popen, *, timeout: float = 30) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=timeout)


@contextlib.contextmanager
def celery_worker_process(*, queue: str, broker_url: str, extra_env: dict | None = None):
    """A real Celery worker taking `queue` on the broker; the test process sends there too."""
    node = f"{queue}@{socket.gethostname()}"
    env = {**os.environ, "DATABASE_URL": database_url(), "OTOP_CELERY_QUEUE": queue, "CELERY_BROKER_URL": broker_url, **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "saleor_otop.celeryconf:app", "worker",
         "--pool=solo", "-Q", queue, "-n", node, "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-l", "warning"],
        cwd=PROJECT_DIR, env=env,
    )
    try:
        yield process, node
    finally:
        _stop(process)


def wait_for_worker(process: subprocess.Popen, node: str, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not celery_app.control.ping(destination=[node], timeout=0.5):
        assert process.poll() is None, "the Celery worker exited at start-up"
        assert time.monotonic() < deadline, f"the Celery worker did not answer within {timeout} s"


def graphql(url: str, query: str, variables=None, *, timeout: float = 120) -> dict:
    """POST a GraphQL query to a live server; the decoded answer."""
    response = requests.post(f"{url}/graphql/", json={"query": query, "variables": variables or {}}, timeout=timeout)
    assert response.status_code in (200, 400), response.text[:500]
    return response.json()


@contextlib.contextmanager
def gunicorn_server(*, workers: int, env: dict = None, timeout: float = 90):
    """gunicorn serving the project (DEBUG off) on a port the OS picks; yields (url, process)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(64)
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    process_env = {**os.environ, "DATABASE_URL": database_url(), "DEBUG": "false", **(env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "saleor_otop.wsgi:application", "--preload",
         "--workers", str(workers), "--bind", f"fd://{sock.fileno()}", "--timeout", "120",
         "--graceful-timeout", "5", "--log-level", "warning"],
        cwd=PROJECT_DIR, env=process_env, pass_fds=[sock.fileno()],
    )
    sock.close()
    try:
        wait_for_server(url, process, timeout=timeout)
        yield url, process
    finally:
        _stop(process)


def wait_for_server(url: str, process: subprocess.Popen, *, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while True:
        assert process.poll() is None, f"the server exited (code {process.returncode})"
        try:
            if "data" in graphql(url, "{ shop { name } }", timeout=5):
                return
        except requests.RequestException:
            pass
        assert time.monotonic() < deadline, f"the server did not answer within {timeout} s"
        time.sleep(0.2)


def child_pids(pid: int) -> list:
    """Processes whose parent is `pid` (gunicorn's workers), from /proc."""
    children = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(entry.name))
    return children


def kill_hard(pid: int) -> None:
    os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def redis_server(*, port: int):
    """A Redis server of our own on loopback (no persistence), stopped at the end."""
    binary = shutil.which("redis-server")
    assert binary, "redis-server is not installed"
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                assert process.poll() is None, "redis-server exited at start-up"
                assert time.monotonic() < deadline, "redis-server did not listen within 30 s"
                time.sleep(0.1)
        yield process
    finally:
        _stop(process)
