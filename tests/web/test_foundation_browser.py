"""The shop's frame in a browser: a phone-sized page with its switchers, no console error."""
import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.web.conftest import BrowserProblems, horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def test_a_thai_phone_lands_on_the_thai_home_page_without_horizontal_scroll(shop_page, shop_url):
    shop_page.goto(f"{shop_url}/")

    assert shop_page.url == f"{shop_url}/th/"
    assert shop_page.locator("html").get_attribute("lang") == "th"
    assert horizontal_overflow(shop_page) == 0


def test_a_shopper_switches_language_and_market(shop_page, shop_url):
    shop_page.goto(f"{shop_url}/th/")

    shop_page.get_by_role("link", name="日本語").click()
    shop_page.get_by_label("お届け先").select_option("JP")
    shop_page.wait_for_url(f"{shop_url}/ja/")

    assert shop_page.get_by_label("お届け先").input_value() == "JP"
    assert shop_page.locator("html").get_attribute("lang") == "ja"


def test_switchers_are_big_enough_to_tap(shop_page, shop_url):
    shop_page.goto(f"{shop_url}/en/")

    for element in shop_page.locator(".language-switcher a, .market-switcher select").all():
        box = element.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, element.inner_text()


def test_the_page_guard_sees_console_errors_and_requests_to_other_hosts(chromium, shop_url):
    problems = BrowserProblems(shop_url)
    context = chromium.new_context()
    context.route("**/*", problems.route)
    page = context.new_page()
    page.on("console", problems.console)
    try:
        page.goto(f"{shop_url}/en/")
        page.evaluate("console.error('broken')")
        with pytest.raises(PlaywrightError):
            page.goto("http://example.invalid/tracker.png")
    finally:
        context.close()

    assert problems.foreign_requests == ["http://example.invalid/tracker.png"]
    assert any("broken" in error for error in problems.console_errors)
