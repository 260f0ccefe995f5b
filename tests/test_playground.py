import re
from pathlib import Path

import pytest
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
def test_playground_runs_a_products_query_showing_thai_names(live_server, playground_on):
    product = ProductFactory(name="Praewa silk shawl")
    ProductTranslation.objects.create(product=product, language_code="th", name="ผ้าสไบไหมแพรวา")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{live_server.url}/graphql/")
            page.select_option("#examples", label="Products with Thai names")
            page.click("#run")
            page.wait_for_selector("#status.ok", timeout=20_000)
            result = page.text_content("#result")
        finally:
            browser.close()

    assert "ผ้าสไบไหมแพรวา" in result
    assert "Praewa silk shawl" in result
