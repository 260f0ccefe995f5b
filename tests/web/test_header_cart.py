"""The header's account link and cart count on every page of the shop, at one SQL query at most
(the session's) beyond what the same page costs a first-time visitor."""
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.web.shop import build_shop
from web.storefront.checkout_flow import variant_global_id

pytestmark = pytest.mark.django_db

PAGES = ["/en/", "/en/products/", "/en/regions/northeast/", "/en/provinces/46/", "/en/shops/",
         "/en/shops/praewa-kalasin/", "/en/products/{silk}/", "/en/no-such-page/", "/en/cart/",
         "/en/account/sign-in/"]


@pytest.fixture
def shop():
    return build_shop()


def page_path(template: str, shop) -> str:
    return template.format(silk=shop.silk.product.slug)


def queries_of(client: Client, path: str) -> tuple[int, str]:
    client.get(path)  # warm Django's caches (content types, site) and the session's count
    with CaptureQueriesContext(connection) as captured:
        page = client.get(path).content.decode()
    return len(captured.captured_queries), re.sub(r"\s+", " ", page)


def cart_with(client: Client, *variants) -> None:
    """As from a product page: the form, then the cart page it leads to."""
    for variant in variants:
        response = client.post("/en/cart/add/", {"variant": variant_global_id(variant.pk), "quantity": 1}, follow=True)
        assert response.redirect_chain == [("/en/cart/", 302)]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_the_cart_count_at_one_query_at_most(shop, path):
    path = page_path(path, shop)
    first_visit, _page = queries_of(Client(), path)
    shopper = Client()
    cart_with(shopper, shop.silk, shop.umbrella)

    with_cart, page = queries_of(shopper, path)

    assert 'id="cart-link"' in page and "Cart (2 items)" in page
    if path != "/en/cart/":  # the cart page reads the cart itself
        assert with_cart - first_visit <= 1


@pytest.mark.parametrize("path", ["/en/", "/en/products/", "/en/products/{silk}/"])
def test_the_headers_queries_do_not_grow_with_the_carts_lines(shop, path):
    path = page_path(path, shop)
    shopper = Client()
    cart_with(shopper, shop.silk)
    one_line, page = queries_of(shopper, path)
    assert "Cart (1 item)" in page

    cart_with(shopper, shop.umbrella, shop.chili)

    three_lines, page = queries_of(shopper, path)
    assert "Cart (3 items)" in page
    assert three_lines == one_line


def test_a_first_time_visitor_sees_an_empty_cart_and_sign_in(shop):
    _queries, page = queries_of(Client(), "/th/products/")
    assert re.search(r'<a id="cart-link" class="cart-link" href="/th/cart/">[^<]*0[^<]*</a>', page)
    assert 'href="/th/account/sign-in/"' in page


def test_a_signed_in_shopper_sees_the_account_link_on_browsing_pages(shop):
    from tests import factories

    shopper = Client()
    shopper.force_login(factories.UserFactory(email="malee@example.com"),
                        backend="django.contrib.auth.backends.ModelBackend")
    _queries, page = queries_of(shopper, "/en/")
    assert 'href="/en/account/">Account</a>' in page
