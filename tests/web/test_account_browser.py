"""A shopper's account in a phone-sized Chromium (360 px), in Thai and in Japanese: a forgotten
password reset through the e-mailed link, saved addresses (add, edit, make default, delete, the
default one starting the next checkout), the wishlist from a product page. Every page fails the
test on a console error or a request to another host."""
import re

import pytest
from django.core import mail
from playwright.sync_api import expect
from saleor.account.models import Address
from saleor.wishlist.models import WishlistItem

from tests import factories
from tests.web.conftest import horizontal_overflow
from tests.web.shop import build_shop

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

LANGUAGES = [pytest.param("th-TH", "th", id="thai"), pytest.param("ja-JP", "ja", id="japanese")]
PASSWORD = "rice-fields-2026"


@pytest.fixture
def shop(settings):
    settings.ALLOWED_CLIENT_HOSTS = ["127.0.0.1"]  # e-mailed links may point to the live server
    return build_shop()


@pytest.fixture(autouse=True)
def patient_pages(request):
    """These journeys sign in and out and load many pages: each may take longer than the
    fixture's 15 s on a busy machine."""
    if "shop_page" in request.fixturenames:
        request.getfixturevalue("shop_page").set_default_timeout(60_000)


@pytest.fixture
def shopper(db):
    return factories.UserFactory(email="malee@example.com", password=PASSWORD)


def sign_in(page, shop_url, language, password=PASSWORD):
    page.goto(f"{shop_url}/{language}/account/sign-in/")
    page.locator("#id_username").fill("malee@example.com")
    page.locator("#id_password").fill(password)
    page.locator("form.auth-form button[type=submit]").click()
    page.wait_for_url(f"{shop_url}/{language}/account/")


@pytest.mark.parametrize("shop_page, language", LANGUAGES, indirect=["shop_page"])
def test_a_forgotten_password_is_reset_through_the_emailed_link(shop_page, shop_url, shop, shopper, language):
    page = shop_page
    page.goto(f"{shop_url}/{language}/account/sign-in/")
    page.locator(f"a[href='/{language}/account/password-reset/']").click()
    page.locator("#id_email").fill("malee@example.com")
    page.locator("form.auth-form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("malee@example.com")  # "if an account uses …, we have sent"
    assert horizontal_overflow(page) == 0

    link = re.search(rf"http://\S+/{language}/account/password-reset/set/\?\S+", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.locator("#id_password").fill("new-silk-road-2026")
    page.locator("form.auth-form button[type=submit]").click()
    page.wait_for_url(f"{shop_url}/{language}/account/")
    expect(page.locator(".notice--success")).to_have_count(1)

    page.locator(".account-nav form button[type=submit]").click()  # sign out
    page.wait_for_url(f"{shop_url}/{language}/")
    sign_in(page, shop_url, language, password="new-silk-road-2026")
    page.goto(link)  # the link works once
    page.locator("#id_password").fill("another-one-2026")
    page.problems.expect_error_page(link.split("?")[0])
    page.locator("form.auth-form button[type=submit]").click()
    expect(page.locator("#id_password")).to_have_count(0)  # the page that says the link is no longer valid
    assert page.url == link.split("?")[0]
    shopper.refresh_from_db()
    assert shopper.check_password("new-silk-road-2026")


def fill_thai_address(page, street, *, area_label):
    page.locator("#id_first_name").fill("Malee")
    page.locator("#id_last_name").fill("Srisuk")
    page.locator("#id_street_address_1").fill(street)
    page.locator("#id_city_area").fill("Khlong Tan")
    page.locator("#id_city").fill("Khlong Toei")
    page.locator("#id_country_area").select_option(label=area_label)
    page.locator("#id_postal_code").fill("10110")
    page.locator("#id_phone").fill("+66812345678")


AREA = {"th": "กรุงเทพมหานคร", "ja": "กรุงเทพมหานคร"}  # Thai provinces in Thai script on local-script pages


@pytest.mark.parametrize("shop_page, language", LANGUAGES, indirect=["shop_page"])
def test_saved_addresses_are_added_edited_made_default_and_deleted(shop_page, shop_url, shop, shopper, language):
    page = shop_page
    sign_in(page, shop_url, language)
    page.goto(f"{shop_url}/{language}/account/addresses/")
    fill_thai_address(page, "1 Sukhumvit Road", area_label=AREA[language])
    page.locator("#id_make_default").check()
    page.locator("form.auth-form button[type=submit]:not([name=refresh])").click()
    expect(page.locator("[data-address]")).to_have_count(1)
    expect(page.locator("[data-address] [data-default-address]")).to_have_count(1)
    assert horizontal_overflow(page) == 0

    fill_thai_address(page, "2 Silom Road", area_label=AREA[language])
    page.locator("form.auth-form button[type=submit]:not([name=refresh])").click()
    expect(page.locator("[data-address]")).to_have_count(2)
    silom = page.locator("[data-address]", has_text="2 Silom Road")
    expect(silom.locator("[data-default-address]")).to_have_count(0)

    silom.locator("form[action$='/account/addresses/default/'] button").click()
    expect(page.locator("[data-address]", has_text="2 Silom Road").locator("[data-default-address]")).to_have_count(1)
    shopper.refresh_from_db()
    assert shopper.default_shipping_address.street_address_1 == "2 Silom Road"

    page.locator("[data-address]", has_text="1 Sukhumvit Road").locator("a[href*='/account/addresses/']").click()
    page.locator("#id_street_address_1").fill("99 Sukhumvit Soi 24")
    page.locator("#id_postal_code").fill("ABC")
    page.locator("form.auth-form button[type=submit]:not([name=refresh])").click()
    expect(page.locator("#id_postal_code_error")).to_be_visible()  # Saleor's rule, on its field
    assert Address.objects.filter(street_address_1="1 Sukhumvit Road").exists()
    page.locator("#id_postal_code").fill("10110")
    page.locator("form.auth-form button[type=submit]:not([name=refresh])").click()
    page.wait_for_url(f"{shop_url}/{language}/account/addresses/")
    expect(page.locator("[data-address]", has_text="99 Sukhumvit Soi 24")).to_have_count(1)

    page.locator("[data-address]", has_text="99 Sukhumvit Soi 24").locator(
        "form[action$='/account/addresses/delete/'] button").click()
    expect(page.locator("[data-address]")).to_have_count(1)
    assert list(shopper.addresses.values_list("street_address_1", flat=True)) == ["2 Silom Road"]

    # The default address starts the next checkout.
    page.goto(f"{shop_url}/{language}/products/{shop.umbrella.product.slug}/")
    page.locator("form.add-to-cart button[type=submit]").click()
    page.wait_for_url(f"{shop_url}/{language}/cart/")
    page.goto(f"{shop_url}/{language}/checkout/")
    assert page.locator("#id_street_address_1").input_value() == "2 Silom Road"


@pytest.mark.parametrize("shop_page, language", LANGUAGES, indirect=["shop_page"])
def test_a_product_is_saved_to_the_wishlist_and_removed(shop_page, shop_url, shop, shopper, language):
    from saleor.product.models import ProductTranslation

    names = {"th": "ร่มกระดาษบ่อสร้าง", "ja": "ボーサーンの紙傘"}
    ProductTranslation.objects.create(product=shop.umbrella.product, language_code=language, name=names[language])
    page = shop_page
    product_url = f"{shop_url}/{language}/products/{shop.umbrella.product.slug}/"
    page.goto(product_url)
    page.locator(".wishlist-button a").click()  # signed out: sign in first, then back
    page.locator("#id_username").fill("malee@example.com")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    page.wait_for_url(product_url)

    page.locator(".wishlist-button button[type=submit]").click()
    expect(page.locator(".wishlist-button [data-in-wishlist]")).to_be_visible()
    expect(page.locator(".notice--success")).to_have_count(1)
    assert WishlistItem.objects.filter(wishlist__user=shopper, product=shop.umbrella.product).exists()

    page.goto(f"{shop_url}/{language}/account/wishlist/")
    item = page.locator("[data-wishlist-item]")
    expect(item.locator("a")).to_have_text(names[language])
    assert horizontal_overflow(page) == 0
    item.locator("button[type=submit]").click()
    expect(page.locator("[data-wishlist-item]")).to_have_count(0)
    assert not WishlistItem.objects.filter(wishlist__user=shopper).exists()
