"""A new producer's first day in the portal, in a 360 px Chromium in Thai: it signs in, applies
(province → district → tambon lists swapped in by htmx), is approved by the programme, adds a
product with a photo from the phone and its stock, and publishes it. Screenshots of home and
the product form go to artifacts/screenshots/ (seller-home-360.png, seller-product-form-360.png)."""
import pytest
from playwright.sync_api import expect
from saleor.product.models import Product
from saleor.warehouse.models import Stock

from plugins.producer_channels import services
from plugins.producer_channels.models import Producer, ProducerStatus
from tests import factories
from tests.factories.places import SI_PHUM_CHIANG_MAI
from tests.factories.producer_channels import CONFIGURATION
from tests.web.conftest import horizontal_overflow

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
PASSWORD = "weaving-2026"


@pytest.fixture(autouse=True)
def patient_pages(request):
    if "shop_page" in request.fixturenames:
        request.getfixturevalue("shop_page").set_default_timeout(60_000)


@pytest.fixture
def phone_photo(tmp_path):
    from PIL import Image

    path = tmp_path / "camera.jpg"
    Image.new("RGB", (3000, 2000), (160, 60, 40)).save(path, format="JPEG")
    return path


def htmx_settled(page):
    """Waits until htmx has swapped and processed the new content (its change listeners too)."""
    page.wait_for_function(
        "() => window.htmx && !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')"
    )


def test_a_new_producer_applies_is_approved_adds_a_product_with_a_photo_and_publishes_it(
    seller_page, shop_url, catalogue, phone_photo, screenshots
):
    page = seller_page
    factories.UserFactory(email="somsri@banmai.example", password=PASSWORD)

    page.goto(f"{shop_url}/seller/")
    page.locator("#id_username").fill("somsri@banmai.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form.auth-form button[type=submit]").click()
    page.wait_for_url(f"{shop_url}/seller/join/")
    expect(page.locator("h1")).to_have_text("สมัครเปิดร้าน")

    page.get_by_label("ชื่อภาษาไทย").fill("วิสาหกิจชุมชนผ้าทอบ้านใหม่")
    page.get_by_label("ชื่อภาษาอังกฤษ").fill("Ban Mai Weavers")
    page.get_by_label("เลขทะเบียนวิสาหกิจชุมชน").fill("5-50-01-01/1-0001")
    htmx_settled(page)
    page.get_by_label("จังหวัด").select_option("50")
    expect(page.locator("#id_district option[value='5001']")).to_have_count(1)
    htmx_settled(page)
    page.get_by_label("อำเภอ").select_option("5001")
    expect(page.locator(f"#id_tambon option[value='{SI_PHUM_CHIANG_MAI}']")).to_have_count(1)
    htmx_settled(page)
    page.get_by_label("ตำบล").select_option(SI_PHUM_CHIANG_MAI)
    page.get_by_label("ที่อยู่ (บ้านเลขที่ หมู่ ถนน)").fill("12 หมู่ 3")
    page.get_by_label("ผู้ติดต่อ").fill("สมศรี ใจดี")
    page.get_by_label("เบอร์โทรติดต่อ").fill("0812345678")
    page.get_by_label("หมายเลขพร้อมเพย์").fill("0812345678")
    assert horizontal_overflow(page) == 0
    page.get_by_role("button", name="ส่งใบสมัคร").click()
    expect(page.locator("[data-application-status]")).to_have_text("ส่งแล้ว โครงการกำลังตรวจสอบ")
    screenshots(page, "seller-application")

    producer = Producer.objects.get(name_en="Ban Mai Weavers")
    services.producer_approve(producer=producer, configuration=CONFIGURATION)  # the programme's staff
    assert Producer.objects.get(pk=producer.pk).status == ProducerStatus.APPROVED

    page.goto(f"{shop_url}/seller/")
    expect(page.locator("h1")).to_have_text("สิ่งที่ต้องทำ")
    expect(page.locator("[data-producer-name]")).to_have_text("วิสาหกิจชุมชนผ้าทอบ้านใหม่")
    assert horizontal_overflow(page) == 0
    screenshots(page, "seller-home")

    page.get_by_role("link", name="สินค้า", exact=True).click()
    page.get_by_role("link", name="เพิ่มสินค้า").click()
    page.get_by_label("ชื่อสินค้า (ภาษาไทย)").fill("ผ้าไหมทอมือลายดอกแก้ว")
    page.get_by_label("รายละเอียด (ภาษาไทย)").fill("ผ้าไหมแท้ ทอมือ ย้อมสีธรรมชาติ")
    page.get_by_label("หมวดหมู่", exact=True).select_option(str(catalogue["category"].pk))
    page.get_by_label("ประเภทสินค้า").select_option(str(catalogue["single"].pk))
    page.get_by_label("ราคา (บาท)").fill("1250")
    page.get_by_label("รหัสสินค้า (SKU)").fill("BM-SILK-01")
    page.get_by_label("สต็อก").fill("8")
    page.get_by_label("เพิ่มรูปภาพ").set_input_files(str(phone_photo))
    expect(page.locator("#photo-preview")).to_be_visible()
    page.locator("#id_otop_category").select_option("TEXTILE")
    expect(page.get_by_label("ตำบล")).to_have_value(SI_PHUM_CHIANG_MAI)  # the shop's own tambon
    assert horizontal_overflow(page) == 0
    screenshots(page, "seller-product-form")
    page.get_by_role("button", name="บันทึกเป็นฉบับร่าง").click()
    expect(page.locator(".notice")).to_have_text("บันทึกเป็นฉบับร่างแล้ว")

    product = Product.objects.get(name="ผ้าไหมทอมือลายดอกแก้ว")
    assert not product.is_published and product.images.count() == 1
    assert Stock.objects.get(product_variant__product=product).quantity == 8
    expect(page.locator(".photos img")).to_have_count(1)

    page.get_by_role("button", name="เผยแพร่").click()
    expect(page.locator(".notice")).to_have_text("สินค้าวางขายแล้ว")
    assert Product.objects.get(pk=product.pk).is_published
    page.get_by_role("link", name="ดูในร้านค้า").click()
    expect(page.locator("h1")).to_contain_text("ผ้าไหมทอมือลายดอกแก้ว")
