"""Fixtures of the shop's page tests: a live server of the test database, and a Playwright
page on Debian's Chromium that fails the test on a console error or a request to another host.

    def test_a_journey(shop_page, shop_url, screenshots):
        shop_page.goto(f"{shop_url}/th/")
        shop_page.get_by_role("link", name="…").click()
        screenshots(shop_page, "home")        # artifacts/screenshots/home-360.png, home-1280.png
"""
import os
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS_DIR = PROJECT_DIR / "artifacts" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def shop_url(live_server, settings):
    """The address of a live server of the test database, serving the shop over plain HTTP
    (a transactional test: the server sees what the test committed)."""
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False
    return live_server.url


@pytest.fixture(scope="module")
def chromium():
    """One browser per test module (Playwright's sync API allows one at a time per thread;
    other modules, such as the playground's, start their own)."""
    if not CHROMIUM.exists():
        pytest.skip("/usr/bin/chromium is absent: make system-deps")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django would take it for an
    # async context and refuse the test's database work. The loop runs no Django code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
            try:
                yield browser
            finally:
                browser.close()
    finally:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


class BrowserProblems:
    def __init__(self, origin: str):
        self.origin = origin
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []
        self.error_pages: set[str] = set()

    def expect_error_page(self, url: str) -> None:
        """The test opens `url` knowing it answers an error status (a 404 page)."""
        self.error_pages.add(url)

    def route(self, route):
        parts = urlsplit(route.request.url)
        if parts.scheme in ("data", "blob") or f"{parts.scheme}://{parts.netloc}" == self.origin:
            route.continue_()
        else:
            self.foreign_requests.append(route.request.url)
            route.abort()

    def console(self, message):
        url = message.location.get("url", "")
        if message.type == "error" and url in self.error_pages and message.text.startswith("Failed to load resource"):
            return
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def page_error(self, error):
        self.console_errors.append(f"uncaught: {error}")


@pytest.fixture
def shop_page(chromium, shop_url, request):
    """A phone-sized page (360 px) of a fresh browser context; the test fails on any console
    error, uncaught script error or request to a host other than the shop's (an error status
    the test asks for is allowed: `shop_page.problems.expect_error_page(url)`)."""
    language = getattr(request, "param", None) or "th-TH"
    context = chromium.new_context(viewport=PHONE, locale=language, device_scale_factor=1)
    problems = BrowserProblems(shop_url)
    context.route("**/*", problems.route)
    page = context.new_page()
    page.on("console", problems.console)
    page.on("pageerror", problems.page_error)
    page.set_default_timeout(15_000)
    page.problems = problems  # page.problems.expect_error_page(url) before opening a 404 on purpose
    try:
        yield page
    finally:
        context.close()
    assert not problems.console_errors, f"console errors: {problems.console_errors}"
    assert not problems.foreign_requests, f"requests to other hosts: {problems.foreign_requests}"


def _name(name: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", name.lower()).strip("-")


@pytest.fixture
def screenshots():
    """`screenshots(page, "catalogue")` saves the whole page at 360 px and 1280 px wide
    into artifacts/screenshots/ (ignored by git), then puts the page back to 360 px."""
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> list[Path]:
        saved = []
        for viewport in (PHONE, DESKTOP):
            page.set_viewport_size(viewport)
            page.wait_for_load_state("networkidle")
            path = SCREENSHOTS_DIR / f"{_name(name)}-{viewport['width']}.png"
            page.screenshot(path=str(path), full_page=True)
            saved.append(path)
        page.set_viewport_size(PHONE)
        return saved

    return take


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than its viewport (0: no horizontal scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
