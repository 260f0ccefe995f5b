"""The rate limits hold across server processes when CACHE_URL names a shared Redis cache:
two gunicorn servers, each its own process, count the same guesses (django-redis behind
CACHE_URL=redis://…)."""
import os
import uuid
from urllib.parse import urlparse

import pytest
import redis
import requests

from tests.support.processes import gunicorn_server

pytestmark = pytest.mark.django_db

GUESS = 'mutation { tokenCreate(email: "somchai@example.com", password: "guess-%d") { token } }'
PER_ACCOUNT = 4


def shared_cache_url() -> str:
    """A Redis db of its own beside the broker's (broker db + 8), under a key prefix of this run."""
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        pytest.skip("CELERY_BROKER_URL names no Redis server")
    parsed = urlparse(broker)
    database = (int(parsed.path.strip("/") or 0) + 8) % 16
    return f"redis://{parsed.hostname}:{parsed.port or 6379}/{database}?key_prefix=otop-test-{uuid.uuid4().hex}"


def limited(response: requests.Response) -> bool:
    codes = [error.get("extensions", {}).get("exception", {}).get("code") for error in response.json().get("errors", [])]
    return response.status_code == 429 and "RateLimitExceeded" in codes


@pytest.fixture
def two_servers(django_db_blocker):
    cache_url = shared_cache_url()
    env = {"CACHE_URL": cache_url, "CELERY_BROKER_URL": "", "RATE_LIMIT_TOKEN_CREATE": f"{PER_ACCOUNT}/h,100/h"}
    with django_db_blocker.unblock():
        with gunicorn_server(workers=1, env=env, timeout=300) as (first, _), gunicorn_server(
            workers=1, env=env, timeout=300
        ) as (second, _):
            yield first, second
    parsed = urlparse(cache_url)
    prefix = parsed.query.split("=", 1)[1]
    client = redis.Redis(host=parsed.hostname, port=parsed.port, db=int(parsed.path.strip("/")))
    keys = list(client.scan_iter(f"{prefix}*"))
    if keys:
        client.delete(*keys)


def test_the_limit_of_an_account_holds_across_two_server_processes(two_servers):
    first, second = two_servers
    answers = []
    for attempt in range(PER_ACCOUNT + 2):
        url = (first, second)[attempt % 2]
        answers.append(limited(requests.post(f"{url}/graphql/", json={"query": GUESS % attempt}, timeout=60)))

    # Two guesses went to each server before the limit: only a shared count reaches it.
    assert answers == [False] * PER_ACCOUNT + [True, True]
