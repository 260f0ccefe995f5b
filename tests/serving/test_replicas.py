"""Read replicas (DATABASE_REPLICA_URLS) on the real stack: gunicorn with the test database as
its primary and, as its replica, a read-only copy of it (CREATE DATABASE ... TEMPLATE) where each
product's name is marked. A page or an answer showing the marked name was read from the replica;
the unmarked name, from the primary. A write sent to the replica would fail (read-only), and
the rows written are looked for in both."""
import contextlib
import re
import time

import psycopg2
import pytest
import requests
from django.db import connection, connections
from graphql_jwt.shortcuts import get_token
from saleor.checkout.models import Checkout

from saleor_otop.serving.replicas import STICKY_COOKIE
from tests import factories
from tests.support.processes import database_url, free_port, gunicorn_server, stop_shared_workers
from tests.web.shop import build_shop
from web.storefront.checkout_flow import variant_global_id

REPLICA_MARK = " (replica copy)"
PRODUCTS = "{ products(first: 10) { edges { node { name } } } }"
CHECKOUT_CREATE = """
mutation Create($variant: ID!) {
  checkoutCreate(input: {email: "guest@example.com", lines: [{variantId: $variant, quantity: 1}]}) {
    checkout { token }
    checkoutErrors { field code }
  }
}"""


def _maintenance_connection():
    settings = connection.settings_dict
    link = psycopg2.connect(dbname="postgres", user=settings["USER"], password=settings["PASSWORD"] or None,
                            host=settings["HOST"] or "127.0.0.1", port=settings["PORT"] or 5432)
    link.autocommit = True
    return link


@contextlib.contextmanager
def replica_copy():
    """A copy of the test database as it is now, product names marked, read-only as a standby is."""
    primary_name = connection.settings_dict["NAME"]
    replica_name = f"{primary_name}_replica"
    stop_shared_workers()  # a template database must have no session open
    connections.close_all()
    link = _maintenance_connection()
    try:
        with link.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{replica_name}"')
            deadline = time.monotonic() + 30
            while True:
                try:
                    cursor.execute(f'CREATE DATABASE "{replica_name}" TEMPLATE "{primary_name}"')
                    break
                except psycopg2.errors.ObjectInUse:
                    assert time.monotonic() < deadline, "the test database stayed in use"
                    # Django 3.2's live server leaves the connections of its finished request
                    # threads open: idle sessions nobody will use again.
                    cursor.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        " WHERE datname = %s AND pid <> pg_backend_pid() AND state = 'idle'",
                        [primary_name],
                    )
                    time.sleep(0.5)
        replica_url = re.sub(r"/[^/?]+(\?|$)", rf"/{replica_name}\1", database_url(), count=1)
        with psycopg2.connect(replica_url) as replica, replica.cursor() as cursor:
            cursor.execute("UPDATE product_product SET name = name || %s", [REPLICA_MARK])
        with link.cursor() as cursor:
            cursor.execute(f'ALTER DATABASE "{replica_name}" SET default_transaction_read_only = on')
        yield replica_url
    finally:
        with link.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{replica_name}" WITH (FORCE)')
        link.close()


def replica_count(replica_url: str, sql: str, params=()) -> int:
    with psycopg2.connect(replica_url) as replica, replica.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


@pytest.fixture
def market_with_replica(transactional_db, tmp_path):
    shop = build_shop()
    with replica_copy() as replica_url:
        environment = {
            "DATABASE_REPLICA_URLS": replica_url, "SECURE_COOKIES": "false", "CELERY_BROKER_URL": "",
            "MEDIA_ROOT": str(tmp_path / "media"), "STATIC_ROOT": str(tmp_path / "static"),
            "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        }
        (tmp_path / "metrics").mkdir()
        with gunicorn_server(workers=1, env=environment) as (url, _process):
            yield url, replica_url, shop


def _names(text: str, shop) -> set:
    """Which of the silk scarf's two names (primary's, replica's) a page or answer shows."""
    name = shop.silk.product.name
    return {"replica" if name + REPLICA_MARK in text else "primary"} if name in text else set()


def test_storefront_pages_read_from_the_replica_the_cart_and_a_client_that_wrote_from_the_primary(market_with_replica):
    url, replica_url, shop = market_with_replica
    browser = requests.Session()
    product_page = browser.get(f"{url}/en/products/{shop.silk.product.slug}/", timeout=60)
    assert product_page.status_code == 200
    assert _names(product_page.text, shop) == {"replica"}
    assert _names(browser.get(f"{url}/en/products/", timeout=60).text, shop) == {"replica"}

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', product_page.text).group(1)
    added = browser.post(f"{url}/en/cart/add/", data={"csrfmiddlewaretoken": token, "variant": variant_global_id(shop.silk.pk), "quantity": 1},
                         headers={"Referer": f"{url}/en/products/"}, allow_redirects=False, timeout=60)
    assert added.status_code == 302, added.text[:300]
    assert STICKY_COOKIE in added.cookies
    # The cart was written to the primary only (the replica refuses writes and has no such row).
    assert Checkout.objects.get().lines.get().variant_id == shop.silk.pk
    assert replica_count(replica_url, "SELECT count(*) FROM checkout_checkout") == 0
    # Read-your-writes: while the sticky cookie lasts, the catalogue comes from the primary.
    assert _names(browser.get(f"{url}/en/products/", timeout=60).text, shop) == {"primary"}

    (sticky,) = [cookie for cookie in browser.cookies if cookie.name == STICKY_COOKIE]
    browser.cookies.clear(sticky.domain, sticky.path, sticky.name)
    # The cart page always reads from the primary: the replica has no cart at all.
    assert _names(browser.get(f"{url}/en/cart/", timeout=60).text, shop) == {"primary"}
    assert _names(browser.get(f"{url}/en/products/", timeout=60).text, shop) == {"replica"}


def test_graphql_queries_read_from_the_replica_mutations_and_what_follows_them_from_the_primary(market_with_replica):
    url, replica_url, shop = market_with_replica
    client = requests.Session()
    listing = client.post(f"{url}/graphql/", json={"query": PRODUCTS}, timeout=60)
    assert _names(listing.text, shop) == {"replica"}

    created = client.post(f"{url}/graphql/", json={"query": CHECKOUT_CREATE, "variables": {"variant": variant_global_id(shop.silk.pk)}}, timeout=60)
    assert created.status_code == 200 and created.json()["data"]["checkoutCreate"]["checkoutErrors"] == [], created.text
    token = created.json()["data"]["checkoutCreate"]["checkout"]["token"]
    assert Checkout.objects.filter(token=token).exists()
    assert replica_count(replica_url, "SELECT count(*) FROM checkout_checkout") == 0
    assert STICKY_COOKIE in created.cookies
    assert _names(client.post(f"{url}/graphql/", json={"query": PRODUCTS}, timeout=60).text, shop) == {"primary"}

    customer = factories.UserFactory()
    signed_in = requests.post(f"{url}/graphql/", json={"query": PRODUCTS}, headers={"Authorization": f"JWT {get_token(customer)}"}, timeout=60)
    # A signed-in client reads from the primary, even its queries.
    assert _names(signed_in.text, shop) == {"primary"}, signed_in.text[:300]


def test_a_replica_out_of_reach_leaves_its_reads_to_the_primary(transactional_db, tmp_path):
    shop = build_shop()
    unreachable = re.sub(r"@[^/]+/", f"@127.0.0.1:{free_port()}/", database_url(), count=1)
    environment = {
        "DATABASE_REPLICA_URLS": unreachable, "SECURE_COOKIES": "false", "CELERY_BROKER_URL": "",
        "MEDIA_ROOT": str(tmp_path / "media"), "STATIC_ROOT": str(tmp_path / "static"),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
    }
    (tmp_path / "metrics").mkdir()
    with gunicorn_server(workers=1, env=environment) as (url, _process):
        for _ in range(2):  # the request that finds it out of reach, and one while it is left out
            page = requests.get(f"{url}/en/products/", timeout=60)
            assert page.status_code == 200
            assert _names(page.text, shop) == {"primary"}
        listing = requests.post(f"{url}/graphql/", json={"query": PRODUCTS}, timeout=60)
        assert _names(listing.text, shop) == {"primary"}, listing.text[:300]
