"""Faults while serving: the database out of reach, a gunicorn worker killed under load."""
import os
import subprocess
import sys
import threading

import pytest
import requests

from tests.serving.conftest import PROJECT_DIR, stop_group, wait_until_ready
from tests.support.processes import child_pids, free_port, kill_hard

DATABASE_UNAVAILABLE = "The market is unavailable for a moment: its database cannot be reached. Please try again in a minute."


@pytest.fixture
def web_without_database(tmp_path):
    """The web process started as in production, its database on a port where nothing listens."""
    port = free_port()
    environment = {
        **{name: value for name, value in os.environ.items() if name not in ("DEBUG", "PROMETHEUS_MULTIPROC_DIR")},
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/otop_unreachable",
        "CELERY_BROKER_URL": os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/0",
        "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1",
        "STATIC_ROOT": str(tmp_path / "static"), "MEDIA_ROOT": str(tmp_path / "media"),
        "OTOP_PRIVATE_ROOT": str(tmp_path / "private"), "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    process = subprocess.Popen([sys.executable, "-m", "saleor_otop.serving", "web"], cwd=PROJECT_DIR, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ready(url, process, path="/healthz")
        yield url
    finally:
        stop_group(process)


def test_database_out_of_reach_fails_readiness_and_answers_503(web_without_database):
    url = web_without_database
    assert requests.get(f"{url}/healthz", timeout=60).status_code == 200
    ready = requests.get(f"{url}/readyz", timeout=120)
    assert ready.status_code == 503
    assert ready.json()["checks"]["database"] == {"status": "fail", "message": "the database cannot be reached", "ms": pytest.approx(0, abs=60_000)}
    api = requests.post(f"{url}/graphql/", json={"query": "{ shop { name } }"}, timeout=120)
    assert api.status_code == 503
    assert api.json()["errors"][0]["message"] == DATABASE_UNAVAILABLE
    assert api.headers["Retry-After"] == "30"
    page = requests.get(f"{url}/en/products/", timeout=120)
    assert page.status_code == 503
    assert page.text == DATABASE_UNAVAILABLE
    assert "psycopg2" not in api.text + page.text


@pytest.mark.django_db(transaction=True)
def test_a_gunicorn_worker_killed_under_load_fails_no_request_but_its_own(served):
    """Eight clients ask for the API while one of gunicorn's two workers is killed: every
    request but those the killed worker was serving is answered, and gunicorn starts a new worker."""
    (gunicorn_master,) = [pid for pid in _descendants(served.process.pid) if "gunicorn" in _command(pid) and _command_parent_is_launcher(pid)]
    workers_before = child_pids(gunicorn_master)
    assert len(workers_before) == 2
    answered, failed, stop = [], [], threading.Event()

    def client():
        session = requests.Session()
        for _ in range(60):
            if stop.is_set():
                return
            try:
                response = session.post(f"{served.url}/graphql/", json={"query": "{ shop { name } }"}, timeout=120)
                (answered if response.status_code == 200 else failed).append(response.status_code)
            except requests.RequestException as error:
                failed.append(type(error).__name__)

    clients = [threading.Thread(target=client) for _ in range(8)]
    for thread in clients:
        thread.start()
    while len(answered) < 40 and any(thread.is_alive() for thread in clients):
        threading.Event().wait(0.05)
    # Under a heavy load gunicorn may have replaced a worker already (its timeout): kill one that runs now.
    killed = child_pids(gunicorn_master)[0]
    kill_hard(killed)
    for thread in clients:
        thread.join(timeout=300)
    stop.set()
    assert len(answered) > 40
    # Only the requests the killed worker held at that moment (one per client at most) may fail.
    assert len(failed) <= 1, failed
    workers_after = child_pids(gunicorn_master)
    assert len(workers_after) == 2 and killed not in workers_after


def _descendants(pid: int) -> list:
    found, stack = [], [pid]
    while stack:
        for child in child_pids(stack.pop()):
            found.append(child)
            stack.append(child)
    return found


def _command(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as handle:
            return handle.read().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _command_parent_is_launcher(pid: int) -> bool:
    # gunicorn's master replaced the launcher (exec) under honcho's shell; its workers are its children.
    with open(f"/proc/{pid}/stat") as handle:
        parent = int(handle.read().rsplit(")", 1)[1].split()[1])
    return "gunicorn" not in _command(parent)


ACCOUNT_REGISTER = """
mutation Register($email: String!) {
  accountRegister(input: {email: $email, password: "a-long-enough-passw0rd", redirectUrl: "https://shop.otop.test/confirm"}) {
    accountErrors { field code }
  }
}"""


@pytest.mark.django_db(transaction=True)
def test_redis_restarted_the_shop_keeps_answering_and_tasks_resume(django_db_blocker, tmp_path, site_settings):
    """A Redis of our own as the broker: while it is down /readyz says so and a sign-up still
    succeeds (its mail task waits in the outbox); once Redis is back the worker runs that task."""
    import json
    import uuid

    from tests.serving.conftest import served_market, serving_environment
    from tests.support.processes import database_url, redis_server

    port = free_port()
    with django_db_blocker.unblock():
        database = database_url()
    environment = serving_environment(tmp_path, database=database, broker=f"redis://127.0.0.1:{port}/0")
    with redis_server(port=port):
        market_context = served_market(environment)
        market = market_context.__enter__()
    try:
        ready = requests.get(f"{market.url}/readyz", timeout=120)
        assert ready.status_code == 503 and ready.json()["checks"]["broker"]["status"] == "fail"
        request_id = f"redis-down-{uuid.uuid4().hex}"
        response = requests.post(
            f"{market.url}/graphql/", json={"query": ACCOUNT_REGISTER, "variables": {"email": f"{uuid.uuid4().hex[:10]}@example.com"}},
            headers={"X-Request-ID": request_id}, timeout=120,
        )
        assert response.status_code == 200, response.text
        assert response.json()["data"]["accountRegister"]["accountErrors"] == []
        with redis_server(port=port):
            # Sent again from the outbox by beat's drain (every minute), not by the request.
            line = market.wait_for_line(
                "worker",
                lambda text: "_send_account_confirmation_email" in text and json.loads(text).get("message") == "task finished",
                timeout=300,
            )
            assert json.loads(line)["state"] == "SUCCESS"
            assert requests.get(f"{market.url}/readyz", timeout=120).status_code == 200
    finally:
        market_context.__exit__(None, None, None)
