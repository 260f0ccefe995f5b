import re
import threading
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIServer
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connections
from django.test.testcases import QuietWSGIRequestHandler
from saleor.product.models import ProductTranslation

from tests.factories import ProductFactory

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def playground_on(settings):
    settings.PLAYGROUND_ENABLED = True


class SameTransactionServer(threading.Thread):
    """Serves the project on a free port, one request at a time, through the test's own
    database connection: the browser sees the test's uncommitted rows, and the test stays
    a plain rolled-back one (a transactional test's flush would also wipe the rows that
    migrations load, such as the gazetteer, for the tests after it)."""

    def __init__(self, shared_connection):
        super().__init__(daemon=True)
        self.shared_connection = shared_connection
        self.httpd = WSGIServer(("127.0.0.1", 0), QuietWSGIRequestHandler, allow_reuse_address=False)
        self.httpd.set_app(StaticFilesHandler(WSGIHandler()))  # pages load their scripts and styles
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def run(self):
        connections["default"] = self.shared_connection
        self.httpd.serve_forever()

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()
        self.join()


@pytest.fixture
def same_transaction_server(db):
    shared_connection = connections["default"]
    shared_connection.inc_thread_sharing()
    # As Django's test client does: a request's end must not close the test's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    server = SameTransactionServer(shared_connection)
    server.start()
    try:
        yield server.url
    finally:
        server.stop()
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
        shared_connection.dec_thread_sharing()


def test_playground_page_is_served_on_get(db, client, playground_on):
    response = client.get("/graphql/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert b'id="query"' in response.content


def test_playground_page_loads_nothing_from_the_internet(db, client, playground_on):
    page = client.get("/graphql/").content.decode()

    assert "http://" not in page and "https://" not in page
    assert not re.search(r"""(src|href)\s*=\s*["']?//""", page)
    assert not re.search(r"""<(script|link)[^>]*\s(src|href)=""", page)


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent: apt-get install chromium")
def test_playground_runs_a_products_query_showing_thai_names(same_transaction_server, playground_on):
    product = ProductFactory(name="Praewa silk shawl")
    ProductTranslation.objects.create(product=product, language_code="th", name="ผ้าสไบไหมแพรวา")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{same_transaction_server}/graphql/")
            page.select_option("#examples", label="Products with Thai names")
            page.click("#run")
            page.wait_for_selector("#status.ok", timeout=20_000)
            result = page.text_content("#result")
        finally:
            browser.close()

    assert "ผ้าสไบไหมแพรวา" in result
    assert "Praewa silk shawl" in result
