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


def start_celery_worker(*, queue: str, broker_url: str, extra_env: dict | None = None,
                        app: str = "saleor_otop.celeryconf:app"):
    """A real Celery worker process taking `queue` on the broker; (process, node name)."""
    node = f"{queue}@{socket.gethostname()}"
    env = {**os.environ, "DATABASE_URL": database_url(), "OTOP_CELERY_QUEUE": queue, "CELERY_BROKER_URL": broker_url, **(extra_env or {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", app, "worker",
         "--pool=solo", "-Q", queue, "-n", node, "--without-gossip", "--without-mingle",
         "--without-heartbeat", "-l", "warning"],
        cwd=PROJECT_DIR, env=env,
    )
    return process, node


@contextlib.contextmanager
def celery_worker_process(*, queue: str, broker_url: str, extra_env: dict | None = None):
    """A real Celery worker taking `queue` on the broker; the test process sends there too.
    At the end it is stopped as `stop_idle_worker` does."""
    process, node = start_celery_worker(queue=queue, broker_url=broker_url, extra_env=extra_env)
    try:
        yield process, node
    finally:
        stop_idle_worker(process, node, queue=queue, broker_url=broker_url)


def wait_for_worker(process: subprocess.Popen, node: str, *, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not celery_app.control.ping(destination=[node], timeout=0.5):
        assert process.poll() is None, "the Celery worker exited at start-up"
        assert time.monotonic() < deadline, f"the Celery worker did not answer within {timeout} s"


def worker_idle_and_empty(process: subprocess.Popen, node: str, *, queue: str, broker_url: str,
                          timeout: float = 120) -> bool:
    """Wait until the worker runs no task and holds none, and its queue is empty; False when
    it holds tasks for later (an ETA, a countdown) or did not get there within `timeout`.

    A solo-pool worker reads control messages only between tasks. Between two answers giving
    the same count of tasks it took, no task ran, so none could queue another: a queue found
    empty, nothing reserved and nothing scheduled in between stays so."""
    import redis
    from celery import Celery

    client = redis.Redis.from_url(broker_url)
    # An app of that broker: control commands go through an app's own producer pool, whatever
    # connection they are given, and CELERY_BROKER_URL outranks a broker_url (not the read and
    # write URLs).
    control_app = Celery("otop-test-control", set_as_current=False)
    control_app.conf.update(broker_read_url=broker_url, broker_write_url=broker_url)
    try:
        inspector = control_app.control.inspect(destination=[node], timeout=1)
        return _idle_and_empty(process, node, inspector, client, queue, timeout)
    finally:
        control_app.close()


def _idle_and_empty(process, node, inspector, client, queue, timeout) -> bool:
    def answer(method):
        replies = getattr(inspector, method)() or {}
        return replies.get(node)

    def tasks_taken():
        stats = answer("stats")
        return None if stats is None else sum(stats.get("total", {}).values())

    deadline = time.monotonic() + timeout
    while process.poll() is None and time.monotonic() < deadline:
        before = tasks_taken()
        if before is None:
            continue  # busy with a task
        queued = sum(client.llen(key) for key in queue_keys(queue))
        reserved, scheduled = answer("reserved"), answer("scheduled")
        if scheduled:
            return False
        if queued == 0 and reserved == [] and scheduled == [] and tasks_taken() == before:
            return True
    return False


def queue_keys(queue: str) -> list[str]:
    """The Redis lists of a kombu queue: one per priority step (kombu's default steps)."""
    return [queue] + [f"{queue}\x06\x16{priority}" for priority in (3, 6, 9)]


def stop_idle_worker(process: subprocess.Popen, node: str, *, queue: str, broker_url: str) -> None:
    """Stop a worker without Celery's warm shutdown, which waits (16-31 s on a loaded machine)
    for steps that matter only to a worker holding work: once it is idle and empty it holds
    nothing to lose, so SIGKILL. A worker still busy gets the warm shutdown, which finishes
    its task first; its queue is deleted either way."""
    import redis

    if process.poll() is None:
        if worker_idle_and_empty(process, node, queue=queue, broker_url=broker_url):
            process.kill()
            process.wait(timeout=30)
        else:
            _stop(process, timeout=120)
    redis.Redis.from_url(broker_url).delete(*queue_keys(queue), f"_kombu.binding.{queue}")


class SharedCeleryWorker:
    """One real worker for the worker tests of a pytest process, started at the first of them.

    Its private files and mail go to folders emptied before each test. After a test it must be
    idle and empty (`worker_idle_and_empty`); otherwise it is stopped the slow way, finishing its
    task, and the next test starts another."""

    started: list = []  # of this test process, for `stop_shared_workers`

    def __init__(self, *, queue: str, broker_url: str, folder: Path):
        self.queue, self.broker_url = queue, broker_url
        SharedCeleryWorker.started.append(self)
        self.private_root, self.mail_dir = folder / "private", folder / "mail"
        self.process = self.node = None

    def ready(self) -> "SharedCeleryWorker":
        for path in (self.private_root, self.mail_dir):
            shutil.rmtree(path, ignore_errors=True)
            path.mkdir(parents=True)
        if self.process is None or self.process.poll() is not None:
            env = {"OTOP_PRIVATE_ROOT": str(self.private_root),
                   "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                   # dj-email-url drops the first slash of the path: "file:////tmp/x" is /tmp/x.
                   "EMAIL_URL": f"file:///{self.mail_dir}"}
            self.process, self.node = start_celery_worker(
                queue=self.queue, broker_url=self.broker_url, extra_env=env, app="tests.support.shared_worker_app:app"
            )
            try:
                # Once per test process, so a loaded machine's slow start is waited for.
                wait_for_worker(self.process, self.node, timeout=180)
            except BaseException:
                self.process.kill()
                self.process.wait(timeout=30)
                self.process = None
                raise
        return self

    def release(self) -> None:
        """After a test: nothing of it may run on or wait in the worker."""
        if self.process is None:
            return
        if not worker_idle_and_empty(self.process, self.node, queue=self.queue, broker_url=self.broker_url):
            _stop(self.process, timeout=120)
            self.process = None
        import redis

        # Its binding stays: the test process's producer declared the queue once.
        redis.Redis.from_url(self.broker_url).delete(*queue_keys(self.queue))

    def stop(self) -> None:
        if self.process is not None:
            stop_idle_worker(self.process, self.node, queue=self.queue, broker_url=self.broker_url)
            self.process = None


def stop_shared_workers() -> None:
    """Stop this process's shared worker (the next worker test starts it again): a test that
    copies the test database needs it without other sessions."""
    for worker in SharedCeleryWorker.started:
        worker.stop()


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
