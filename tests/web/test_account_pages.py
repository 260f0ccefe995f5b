"""Account pages over HTTP: saved addresses and the wishlist refuse another account's rows,
tampered ids and forms without the CSRF token, changing nothing."""
import re

import pytest
from django.test import Client
from graphene import Node
from saleor.account.models import Address
from saleor.wishlist.models import WishlistItem

from tests import factories
from tests.web.shop import BANGKOK, build_shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return build_shop()


def signed_in(email: str) -> tuple[Client, object]:
    user = factories.UserFactory(email=email)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client, user


def address_of(user, street="1 Sukhumvit Road") -> Address:
    address = Address.objects.create(**{**BANGKOK, "street_address_1": street})
    user.addresses.add(address)
    return address


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_an_address_is_added_and_made_the_default_in_one_step(shop):
    client, user = signed_in("malee@example.com")
    response = client.post("/th/account/addresses/", {**BANGKOK, "make_default": "on"})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.default_shipping_address.street_address_1 == BANGKOK["street_address_1"]
    assert "<p class=\"address-list__default\" data-default-address>ที่อยู่จัดส่งหลัก</p>" in text(
        client.get("/th/account/addresses/"))


def test_a_second_address_does_not_take_the_default(shop):
    client, user = signed_in("malee@example.com")
    client.post("/en/account/addresses/", {**BANGKOK, "make_default": "on"})
    client.post("/en/account/addresses/", {**BANGKOK, "street_address_1": "2 Silom Road"})
    user.refresh_from_db()
    assert user.addresses.count() == 2
    assert user.default_shipping_address.street_address_1 == BANGKOK["street_address_1"]


def test_changing_the_country_without_javascript_saves_nothing(shop):
    client, user = signed_in("malee@example.com")
    response = client.post("/en/account/addresses/", {**BANGKOK, "country": "JP", "refresh": "1"})
    assert response.status_code == 200
    assert '<label for="id_country_area">Prefecture' in text(response)
    assert not user.addresses.exists()


def test_an_address_breaking_the_countrys_rules_is_refused_on_its_field(shop):
    client, user = signed_in("malee@example.com")
    address = address_of(user)
    response = client.post(f"/en/account/addresses/{address.pk}/", {**BANGKOK, "postal_code": "ABC"})
    assert response.status_code == 200
    assert 'id="id_postal_code_error" role="alert"' in text(response)
    address.refresh_from_db()
    assert address.postal_code == BANGKOK["postal_code"]


def test_another_accounts_address_is_not_found_and_unchanged(shop):
    client, _user = signed_in("malee@example.com")
    _other_client, other = signed_in("somchai@example.com")
    theirs = address_of(other, street="9 Their Road")
    their_id = Node.to_global_id("Address", theirs.pk)

    assert client.get(f"/en/account/addresses/{theirs.pk}/").status_code == 404
    assert client.post(f"/en/account/addresses/{theirs.pk}/", {**BANGKOK, "street_address_1": "mine"}).status_code == 404
    assert client.post("/en/account/addresses/default/", {"address": their_id}).status_code == 404
    assert client.post("/en/account/addresses/delete/", {"address": their_id}).status_code == 404

    theirs.refresh_from_db()
    assert theirs.street_address_1 == "9 Their Road"
    assert list(other.addresses.all()) == [theirs]


@pytest.mark.parametrize("value", ["", "not-an-id", "UHJvZHVjdDox", "QWRkcmVzczo5OTk5OTk="])
def test_a_tampered_address_id_is_not_found(shop, value):
    client, user = signed_in("malee@example.com")
    address_of(user)
    assert client.post("/en/account/addresses/delete/", {"address": value}).status_code == 404
    assert user.addresses.count() == 1


def test_wishlist_refuses_a_product_the_shopper_may_not_see(shop):
    client, user = signed_in("malee@example.com")
    shop.chili.product.is_published = False
    shop.chili.product.save(update_fields=["is_published"])
    client.post("/en/account/wishlist/add/", {"product": Node.to_global_id("Product", shop.chili.product.pk)})
    client.post("/en/account/wishlist/add/", {"product": "UHJvZHVjdFZhcmlhbnQ6MQ=="})
    assert not WishlistItem.objects.exists()


def test_wishlist_page_queries_do_not_grow_with_its_products(shop):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, _user = signed_in("malee@example.com")

    def queries() -> int:
        client.get("/en/account/wishlist/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/en/account/wishlist/")
        return len(captured.captured_queries)

    client.post("/en/account/wishlist/add/", {"product": Node.to_global_id("Product", shop.silk.product.pk)})
    one = queries()
    for variant in (shop.umbrella, shop.chili):
        client.post("/en/account/wishlist/add/", {"product": Node.to_global_id("Product", variant.product.pk)})
    assert queries() == one


@pytest.mark.parametrize("path", [
    "/en/account/addresses/", "/en/account/addresses/default/", "/en/account/addresses/delete/",
    "/en/account/wishlist/add/", "/en/account/wishlist/remove/",
])
def test_every_account_form_needs_the_csrf_token(shop, path):
    user = factories.UserFactory(email="malee@example.com")
    address = address_of(user)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    response = client.post(path, {**BANGKOK, "address": Node.to_global_id("Address", address.pk),
                                  "product": Node.to_global_id("Product", shop.silk.product.pk)})
    assert response.status_code == 403
    assert user.addresses.count() == 1 and not WishlistItem.objects.exists()


def test_the_product_pages_wishlist_form_carries_its_csrf_token(shop):
    user = factories.UserFactory(email="malee@example.com")
    client = Client(enforce_csrf_checks=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    page = client.get(f"/en/products/{shop.silk.product.slug}/").content.decode()
    form = re.search(r'<div class="wishlist-button">.*?</form>', page, re.S).group(0)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    product = re.search(r'name="product" value="([^"]+)"', form).group(1)

    response = client.post("/en/account/wishlist/add/", {"csrfmiddlewaretoken": token, "product": product})

    assert response.status_code == 302
    assert WishlistItem.objects.filter(wishlist__user=user, product=shop.silk.product).exists()
