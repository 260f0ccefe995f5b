"""`make serve`'s processes (release, then the Procfile under honcho) on the real stack."""
import json
import re
import subprocess
import sys
import uuid

import pytest
import requests

from tests.serving.conftest import PROJECT_DIR

pytestmark = pytest.mark.django_db(transaction=True)

ACCOUNT_REGISTER = """
mutation Register($email: String!) {
  accountRegister(input: {email: $email, password: "a-long-enough-passw0rd", redirectUrl: "https://shop.otop.test/confirm"}) {
    accountErrors { field code }
  }
}"""


def test_healthz_answers_json(served):
    response = requests.get(f"{served.url}/healthz", timeout=60)
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_readyz_checks_database_broker_migrations_and_storages(served):
    response = requests.get(f"{served.url}/readyz", timeout=60)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ok"
    assert {name: check["status"] for name, check in body["checks"].items()} == {
        "database": "ok", "broker": "ok", "media_storage": "ok", "private_storage": "ok",
    }


def test_probes_are_answered_whatever_the_host_header(served):
    # Load balancers and orchestrators probe by address, not by the shop's host name.
    response = requests.get(f"{served.url}/readyz", headers={"Host": "10.1.2.3:8000"}, timeout=60)
    assert response.status_code == 200
    assert requests.get(f"{served.url}/en/", headers={"Host": "10.1.2.3:8000"}, timeout=60).status_code == 400


def test_static_files_have_hashed_names_and_are_served_compressed(served):
    page = requests.get(f"{served.url}/en/", timeout=120)
    assert page.status_code == 200, page.text[:300]
    stylesheet = re.search(r'href="(/static/storefront/[^"]+\.[0-9a-f]{12}\.css)"', page.text)
    assert stylesheet, "no hashed stylesheet name in the page"
    response = requests.get(f"{served.url}{stylesheet.group(1)}", headers={"Accept-Encoding": "gzip"}, timeout=60)
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "immutable" in response.headers["Cache-Control"]
    unhashed = stylesheet.group(1).rsplit(".", 2)[0] + ".css"
    assert "immutable" not in requests.get(f"{served.url}{unhashed}", timeout=60).headers.get("Cache-Control", "")


def test_a_request_id_follows_the_request_into_its_celery_task(served, site_settings):
    request_id = f"serve-test-{uuid.uuid4().hex}"
    response = requests.post(
        f"{served.url}/graphql/", json={"query": ACCOUNT_REGISTER, "variables": {"email": f"{uuid.uuid4().hex[:10]}@example.com"}},
        headers={"X-Request-ID": request_id}, timeout=120,
    )
    assert response.status_code == 200, response.text
    assert response.json()["data"]["accountRegister"]["accountErrors"] == []
    assert response.headers["X-Request-ID"] == request_id

    def finished_task(line):
        return request_id in line and json.loads(line).get("message") == "task finished"

    entry = json.loads(served.wait_for_line("worker", finished_task))
    assert entry["state"] == "SUCCESS", "\n".join(line for line in served.output_of("worker") if entry["task_id"] in line or "Traceback" in line or "Error" in line)[-4000:]
    assert entry["request_id"] == request_id
    access = json.loads(served.wait_for_line("web", lambda line: request_id in line and "gunicorn.access" in line))
    assert access["path"] == "/graphql/" and access["status"] == 200


def test_an_unusable_request_id_is_replaced(served):
    response = requests.get(f"{served.url}/healthz", headers={"X-Request-ID": "x"}, timeout=60)
    assert "X-Request-ID" not in response.headers  # the probes answer before any other middleware
    response = requests.get(f"{served.url}/en/", headers={"X-Request-ID": "a b\"c<script>"}, timeout=120)
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["X-Request-ID"])


def test_metrics_count_requests_and_the_worker_tasks(served):
    requests.get(f"{served.url}/en/", timeout=120)
    served.wait_for_line("worker", lambda line: '"task finished"' in line)
    text = requests.get(f"{served.url}/metrics", timeout=60).text
    assert "django_http_requests_latency_seconds_by_view_method_bucket" in text
    assert re.search(r'otop_celery_tasks_total\{state="SUCCESS",task="[^"]+"\} [1-9]', text), text[-2000:]


def test_every_log_line_of_web_and_worker_is_json(served):
    lines = served.output_of("web") + served.output_of("worker")
    assert any('"gunicorn.access"' in line for line in lines) and any('"task finished"' in line for line in lines)
    root_warning = False
    for line in lines:
        # Celery's warning against running as root (only in tests run as root) comes before logging is set up.
        if "SecurityWarning: You're running the worker with superuser" in line:
            root_warning = True
        if root_warning:
            root_warning = "_warn_or_raise_security_error" not in line
            continue
        json.loads(line)


def test_worker_check_finds_the_worker_by_celery_inspect(served):
    result = subprocess.run([sys.executable, "-m", "saleor_otop.serving", "worker-check"], cwd=PROJECT_DIR,
                            env=served.env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == {"status": "ok", "workers": [served.env["CELERY_WORKER_NAME"]]}


def test_worker_check_fails_without_the_worker(served):
    environment = {**served.env, "CELERY_WORKER_NAME": "nobody@nowhere"}
    result = subprocess.run([sys.executable, "-m", "saleor_otop.serving", "worker-check"], cwd=PROJECT_DIR,
                            env=environment, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert json.loads(result.stdout) == {"status": "fail", "workers": []}
