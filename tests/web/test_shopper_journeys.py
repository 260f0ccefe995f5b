"""Shoppers using the pages in a browser, as a person does: tap, read, choose."""
import pytest

from otop_kernel.otop_categories import OtopCategory
from tests.factories.otop_stars import approved_review
from tests.factories.places import SI_PHUM_CHIANG_MAI
from tests.factories.web import japan_market, otop_good, praewa_gi, producer_shop, verdicts_recompute
from tests.web.conftest import horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


@pytest.fixture
def catalogue():
    weavers = producer_shop(slug="ban-phon-praewa")
    kitchen = producer_shop(slug="si-phum-kitchen", name_en="Si Phum Kitchen", name_th="ครัวศรีภูมิ",
                            subdistrict_code=SI_PHUM_CHIANG_MAI, story_en="Chilli pastes from our gardens.",
                            story_th="น้ำพริกจากสวนของเรา")
    silk = otop_good(name="Praewa silk shawl", name_th="ผ้าสไบไหมแพรวา", name_ja="プレーワー・シルクのショール",
                     gi=praewa_gi(), producer=weavers)
    otop_good(name="Praewa silk table runner", name_th="ผ้าปูโต๊ะไหมแพรวา", name_ja="プレーワー・シルクのテーブルランナー",
              stars=4, price="1200.00", producer=weavers)
    otop_good(name="Khit cotton cushion", name_th="หมอนอิงผ้าขิด", stars=4, price="450.00",
              category=OtopCategory.HOUSEHOLD, producer=weavers, hs_code="940490")
    chilli = otop_good(name="Chiang Mai chilli paste", name_th="น้ำพริกหนุ่มเชียงใหม่", name_ja="チェンマイのチリペースト",
                       stars=3, price="120.00", category=OtopCategory.FOOD, subdistrict_code=SI_PHUM_CHIANG_MAI,
                       producer=kitchen, hs_code="210390")
    approved_review(silk, stars=5, title="งดงามมาก")
    japan_market()
    verdicts_recompute()
    return {"silk": silk, "chilli": chilli}


def test_a_thai_shopper_finds_a_five_star_northeast_silk(shop_page, shop_url, screenshots, catalogue):
    page = shop_page
    page.goto(f"{shop_url}/")
    screenshots(page, "home")

    page.get_by_role("link", name="ภาคตะวันออกเฉียงเหนือ").first.click()
    page.wait_for_url(f"{shop_url}/th/regions/northeast/")
    assert page.get_by_role("heading", level=1).inner_text() == "ภาคตะวันออกเฉียงเหนือ"
    page.get_by_text("ตัวกรอง", exact=True).click()
    page.get_by_label("5 ดาวขึ้นไป").check()
    page.wait_for_url("**min_stars=5**")
    page.get_by_role("status").filter(has_text="1 รายการ").wait_for()
    screenshots(page, "catalogue")

    page.get_by_role("link", name="ผ้าสไบไหมแพรวา").click()
    page.wait_for_url(f"{shop_url}/th/products/{catalogue['silk'].slug}/")
    assert page.get_by_role("heading", level=1).inner_text() == "ผ้าสไบไหมแพรวา"
    assert "5 ดาว" in page.locator(".product__summary .star-badge").inner_text()
    assert "รอบปี พ.ศ. 2567" in page.locator(".product__summary .star-badge").inner_text()
    assert "กาฬสินธุ์" in page.locator(".product__summary .provenance-line").inner_text()
    assert page.get_by_text("ส่งได้ทั่วประเทศไทย").is_visible()
    assert page.get_by_text("ซื้อจริง").is_visible()
    screenshots(page, "product")

    page.get_by_role("link", name="ไปที่ร้านของผู้ผลิต").click()
    assert page.get_by_role("heading", level=1).inner_text() == "กลุ่มทอผ้าไหมแพรวาบ้านโพน"
    screenshots(page, "shop")


@pytest.mark.parametrize("shop_page", ["ja-JP"], indirect=True)
def test_a_japanese_shopper_sees_yen_and_why_a_good_cannot_go_to_japan(shop_page, shop_url, screenshots, catalogue):
    page = shop_page
    page.goto(f"{shop_url}/")
    page.wait_for_url(f"{shop_url}/ja/")
    assert page.get_by_label("お届け先").input_value() == "JP"

    page.get_by_role("link", name="すべての商品").first.click()
    card = page.locator(".product-card", has_text="プレーワー・シルクのショール")
    assert "￥15,050" in card.inner_text()
    assert page.locator(".product-card", has_text="チェンマイのチリペースト").get_by_text(
        "お届け先の国には発送できません").is_visible()

    page.get_by_role("link", name="チェンマイのチリペースト").click()
    reasons = page.locator(".shipping")
    assert "日本 に発送できません" in reasons.inner_text()
    assert "この国には発送できないOTOPカテゴリーの商品です。" in reasons.inner_text()
    assert "4 つ星以上の商品です。この商品は 3 つ星です。" in reasons.inner_text()
    assert page.get_by_role("button", name="カートに入れる").is_disabled()
    screenshots(page, "product-not-for-japan")

    page.go_back()
    page.get_by_text("絞り込み", exact=True).click()
    page.get_by_label("日本 に発送可能").check()
    page.get_by_role("status").filter(has_text="3 点").wait_for()
    assert page.locator(".product-card", has_text="チェンマイのチリペースト").count() == 0


def test_every_page_fits_a_360_px_phone_with_big_enough_links(shop_page, shop_url, catalogue):
    paths = ["/th/", "/th/products/", "/th/regions/northeast/", "/th/provinces/46/",
             f"/th/products/{catalogue['silk'].slug}/", "/th/shops/", "/th/shops/ban-phon-praewa/",
             "/en/products/?min_stars=4&sort=price", "/ja/", "/zh-hans/products/", "/th/no-such-page/"]
    shop_page.problems.expect_error_page(f"{shop_url}/th/no-such-page/")
    for path in paths:
        shop_page.goto(f"{shop_url}{path}")
        assert horizontal_overflow(shop_page) == 0, path
        for link in shop_page.locator("main a, header a, main button, main select").all():
            if not link.is_visible():
                continue
            box = link.bounding_box()
            inline = link.evaluate("e => getComputedStyle(e).display === 'inline' && !!e.closest('p, dd, li.review')")
            assert inline or box["height"] >= 44, f"{path}: {link.inner_text()!r} is {box['height']} px tall"
        for image in shop_page.locator("img").all():
            assert image.get_attribute("alt") is not None and image.get_attribute("width"), path


def test_filters_work_without_javascript(chromium, shop_url, catalogue):
    context = chromium.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(f"{shop_url}/en/products/")
        page.get_by_text("Filters", exact=True).click()
        page.get_by_label("Textiles and garments").check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url("**category=TEXTILE**")
        assert page.get_by_role("status").inner_text() == "2 products"
    finally:
        context.close()
