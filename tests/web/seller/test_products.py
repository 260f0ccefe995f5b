"""Products in the portal: the list (search, filters, constant queries), the one-page form
(Thai errors on the fields, photos re-encoded, stock, provenance, translations), publishing
under the provenance rule, variants, the export profile, stars read-only, stock and prices
from a CSV file (preview with per-row errors, applied together)."""
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from saleor.product.models import Product, ProductImage, ProductVariant
from saleor.warehouse.models import Allocation, Stock

from plugins.producer_channels import services
from tests.factories import producer_channels as producer_factories
from tests.factories.places import SI_PHUM_CHIANG_MAI

from .conftest import page_text, photo_upload

pytestmark = pytest.mark.django_db


def new_product_form(catalogue, **overrides):
    data = {
        "name": "ผ้าไหมทอมือ", "description": "ผ้าไหมลายดั้งเดิม", "category": catalogue["category"].pk,
        "product_type": catalogue["single"].pk, "price": "450.00", "sku": "BD-SILK-1", "quantity": "12",
        "otop_category": "TEXTILE", "province": "50", "district": "5001", "tambon": SI_PHUM_CHIANG_MAI,
        "name_en": "Hand-woven silk", "description_en": "", "name_ja": "", "description_ja": "",
        "name_zh_hans": "", "description_zh_hans": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def stock_of(variant) -> int:
    return Stock.objects.get(product_variant=variant).quantity


def allocate(variant, quantity: int) -> None:
    """A shopper's order holding `quantity` units of the variant's stock (not shipped yet)."""
    order = producer_factories.placed_order([(variant, quantity)])
    Allocation.objects.get_or_create(
        order_line=order.lines.get(), stock=Stock.objects.get(product_variant=variant),
        defaults={"quantity_allocated": quantity},
    )


# --- the list -------------------------------------------------------------------------------


def test_the_list_shows_own_products_with_stock_and_status(owner_client, producer, other_producer):
    producer_factories.producer_product(producer, quantity=7)
    producer_factories.producer_product(other_producer)
    html = page_text(owner_client.get("/seller/products/"))
    assert html.count("data-product=") == 1
    assert "คงเหลือ 7 ชิ้น" in html and "วางขายอยู่" in html


def test_search_and_filters(owner_client, producer):
    silk, _ = producer_factories.producer_product(producer, quantity=50)
    silk.name = "ผ้าไหม"
    silk.save()
    draft, _ = producer_factories.producer_product(producer, quantity=2, published=False)
    assert page_text(owner_client.get("/seller/products/?q=ไหม")).count("data-product=") == 1
    found = page_text(owner_client.get("/seller/products/?status=draft"))
    assert f'data-product="{draft.pk}"' in found and f'data-product="{silk.pk}"' not in found
    low = page_text(owner_client.get("/seller/products/?stock=low"))
    assert f'data-product="{draft.pk}"' in low and f'data-product="{silk.pk}"' not in low


@pytest.mark.parametrize("size", [2, 12])
def test_the_list_makes_the_same_queries_whatever_its_length(owner_client, producer, size, django_assert_num_queries):
    for _ in range(size):
        product, _variant = producer_factories.producer_product(producer)
        ProductImage.objects.create(product=product, image="products/x.jpg")
    owner_client.get("/seller/products/")  # session and caches warm
    with django_assert_num_queries(10):  # the header's unread notification count included
        response = owner_client.get("/seller/products/")
    assert page_text(response).count("data-product=") == size


# --- create and edit ------------------------------------------------------------------------


def test_a_product_is_created_as_a_draft_with_its_stock_photo_provenance_and_translation(
    owner_client, producer, catalogue, media_root
):
    response = owner_client.post("/seller/products/new/", {**new_product_form(catalogue), "photo": photo_upload()})
    assert response.status_code == 302, page_text(response)[-2000:]
    product = Product.objects.get(name="ผ้าไหมทอมือ")
    assert response["Location"] == f"/seller/products/{product.pk}/"
    assert not product.is_published and product.price_amount == Decimal("450.00")
    assert stock_of(product.variants.get()) == 12
    assert product.translations.get(language_code="en").name == "Hand-woven silk"
    assert product.otop_provenance.subdistrict_id == SI_PHUM_CHIANG_MAI
    image = product.images.get()
    with Image.open(image.image.path) as saved:
        assert saved.format == "JPEG" and max(saved.size) == 1600
    assert "บันทึกเป็นฉบับร่างแล้ว" in page_text(owner_client.get(response["Location"]))


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("name", "", "กรุณากรอกช่องนี้"),
        ("price", "-5", "0"),
        ("price", "abc", "กรอกหมายเลข"),
        ("category", "999999", "เลือกตัวเลือกที่ถูกต้อง"),
        ("quantity", "-1", "0"),
    ],
    ids=["no-name", "negative-price", "not-a-price", "unknown-category", "negative-stock"],
)
def test_bad_input_is_shown_on_its_field_in_thai_and_nothing_is_created(
    owner_client, producer, catalogue, field, value, message
):
    response = owner_client.post("/seller/products/new/", new_product_form(catalogue, **{field: value}))
    assert response.status_code == 400
    html = page_text(response)
    assert 'class="field field--error"' in html and message in html
    assert not Product.objects.exists()


def test_a_taken_sku_is_refused_in_thai(owner_client, producer, other_producer, catalogue):
    producer_factories.producer_product(other_producer, sku="BD-SILK-1")
    response = owner_client.post("/seller/products/new/", new_product_form(catalogue))
    assert response.status_code == 400 and "รหัสสินค้านี้มีผู้ใช้แล้ว" in page_text(response)
    assert Product.objects.count() == 1


def test_a_file_that_is_not_a_picture_is_refused_and_nothing_is_created(owner_client, producer, catalogue, media_root):
    fake = SimpleUploadedFile("photo.jpg", b"<?php echo 'hi'; ?>", content_type="image/jpeg")
    response = owner_client.post("/seller/products/new/", {**new_product_form(catalogue), "photo": fake})
    assert response.status_code == 400
    assert "ไฟล์นี้ไม่ใช่รูปภาพที่รับได้" in page_text(response)
    assert not Product.objects.exists()


def test_the_page_offers_the_camera_for_photos(owner_client, producer, catalogue):
    html = page_text(owner_client.get("/seller/products/new/"))
    assert 'accept="image/*"' in html and 'capture="environment"' in html
    assert 'enctype="multipart/form-data"' in html


def test_editing_changes_the_texts_price_and_stock(owner_client, producer, catalogue):
    product, variant = producer_factories.producer_product(producer, quantity=3)
    data = new_product_form(catalogue, name="ผ้าฝ้าย", price="99.50", product_type=None, sku=None, quantity=None)
    data[f"stock_{variant.pk}"] = "40"
    response = owner_client.post(f"/seller/products/{product.pk}/", data)
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.name == "ผ้าฝ้าย" and product.price_amount == Decimal("99.50")
    assert stock_of(variant) == 40


def test_stock_below_units_in_open_orders_is_refused_and_nothing_changes(owner_client, producer, catalogue):
    product, variant = producer_factories.producer_product(producer, quantity=5)
    allocate(variant, 3)
    data = new_product_form(catalogue, name="ชื่อใหม่", product_type=None, sku=None, quantity=None)
    data[f"stock_{variant.pk}"] = "1"
    response = owner_client.post(f"/seller/products/{product.pk}/", data)
    assert response.status_code == 400
    assert "ยังไม่ได้จัดส่ง" in page_text(response)
    product.refresh_from_db()
    assert product.name != "ชื่อใหม่"


# --- publishing, variants, export profile, stars ------------------------------------------


def test_publishing_without_provenance_says_what_is_missing(owner_client, producer):
    from saleor.plugins.models import PluginConfiguration

    from plugins.provenance.plugin import ProvenancePlugin

    # The programme's rule, stated here rather than taken from whatever configuration is stored.
    PluginConfiguration.objects.update_or_create(identifier=ProvenancePlugin.PLUGIN_ID, defaults={
        "active": True, "configuration": [{"name": "require_provenance_to_publish", "value": True}]})
    product, _ = producer_factories.producer_product(producer, published=False)
    response = owner_client.post(f"/seller/products/{product.pk}/publish/", {"action": "publish"})
    assert response.status_code == 400
    assert "กรุณาระบุแหล่งที่มาของสินค้า (ตำบล) ก่อนเผยแพร่" in page_text(response)
    product.refresh_from_db()
    assert not product.is_published


def test_a_product_with_provenance_is_published_and_taken_off_sale(owner_client, producer, catalogue):
    owner_client.post("/seller/products/new/", new_product_form(catalogue))
    product = Product.objects.get()
    response = owner_client.post(f"/seller/products/{product.pk}/publish/", {"action": "publish"})
    assert response.status_code == 302
    product.refresh_from_db()
    assert product.is_published
    assert "/th/products/" in page_text(owner_client.get(f"/seller/products/{product.pk}/"))
    owner_client.post(f"/seller/products/{product.pk}/publish/", {"action": "unpublish"})
    product.refresh_from_db()
    assert not product.is_published


def test_a_variant_is_added_with_its_stock(owner_client, producer):
    product, _ = producer_factories.producer_product(producer)
    response = owner_client.post(f"/seller/products/{product.pk}/variants/", {
        "sku": "BD-L", "name": "ไซซ์ L", "price": "300", "quantity": "4"})
    assert response.status_code == 302
    variant = ProductVariant.objects.get(sku="BD-L")
    assert variant.price_override_amount == Decimal("300.00") and stock_of(variant) == 4


def test_a_photo_is_added_and_resized(owner_client, producer, media_root):
    product, _ = producer_factories.producer_product(producer)
    response = owner_client.post(f"/seller/products/{product.pk}/photos/", {"photo": photo_upload(size=(800, 600))})
    assert response.status_code == 302
    with Image.open(product.images.get().image.path) as saved:
        assert saved.size == (800, 600)


def test_the_export_profile_is_saved_and_a_bad_hs_code_refused(owner_client, producer):
    from plugins.export_markets.selectors import export_profile_of_product

    product, _ = producer_factories.producer_product(producer)
    response = owner_client.post(f"/seller/products/{product.pk}/export/", {"hs_code": "12", "net_weight_grams": "250"})
    assert response.status_code == 400 and "6 ถึง 10 หลัก" in page_text(response)
    assert export_profile_of_product(product_id=product.pk) is None
    response = owner_client.post(f"/seller/products/{product.pk}/export/", {
        "hs_code": "500720", "net_weight_grams": "250", "gross_weight_grams": "300", "allergens": ["MILK"]})
    assert response.status_code == 302
    profile = export_profile_of_product(product_id=product.pk)
    assert profile.hs_code == "500720" and profile.allergens == ["MILK"]


def test_star_certifications_are_shown_read_only(owner_client, producer):
    from tests.factories.otop_stars import grant

    product, _ = producer_factories.producer_product(producer)
    grant(product, stars=4, round_year=2025, certificate_number="OTOP-2025-123")
    html = page_text(owner_client.get(f"/seller/products/{product.pk}/"))
    stars = html.split("data-stars>", 1)[1].split("</section>", 1)[0]
    assert "4 ดาว" in stars and "OTOP-2025-123" in stars
    assert "<form" not in stars and "<input" not in stars


# --- stock and prices from a file ---------------------------------------------------------------


def csv_upload(text: str):
    return SimpleUploadedFile("stock.csv", text.encode("utf-8-sig"), content_type="text/csv")


def test_a_csv_is_previewed_with_its_bad_row_then_applied_together(owner_client, producer, other_producer):
    _, first = producer_factories.producer_product(producer, sku="BD-1", quantity=1)
    _, second = producer_factories.producer_product(producer, sku="BD-2", quantity=1)
    _, foreign = producer_factories.producer_product(other_producer, sku="OTHER-1", quantity=9)
    response = owner_client.post("/seller/products/bulk/", {"file": csv_upload(
        "sku,quantity,price\nBD-1,20,\nBD-2,5,199.00\nOTHER-1,0,\nBD-1,3,\n")})
    html = page_text(response)
    assert response.status_code == 200
    assert "เปลี่ยนแปลง 2 แถว มีข้อผิดพลาด 2 แถว" in html
    assert html.count("ไม่มีสินค้าของคุณที่ใช้รหัสนี้") == 1 and "รหัสสินค้านี้ซ้ำกับบรรทัดก่อนหน้า" in html
    assert stock_of(first) == 1  # a preview writes nothing
    response = owner_client.post("/seller/products/bulk/", {"action": "apply"})
    assert response.status_code == 302
    assert (stock_of(first), stock_of(second), stock_of(foreign)) == (20, 5, 9)
    second.refresh_from_db()
    assert second.price_override_amount == Decimal("199.00")


def test_a_row_refused_while_applying_undoes_every_row(owner_client, producer):
    _, first = producer_factories.producer_product(producer, sku="BD-1", quantity=1)
    _, second = producer_factories.producer_product(producer, sku="BD-2", quantity=5)
    owner_client.post("/seller/products/bulk/", {"file": csv_upload("sku,quantity\nBD-1,20\nBD-2,0\n")})
    allocate(second, 2)  # meanwhile, a shopper orders 2
    response = owner_client.post("/seller/products/bulk/", {"action": "apply"}, follow=True)
    assert "บรรทัด 3" in page_text(response)
    assert (stock_of(first), stock_of(second)) == (1, 5)


@pytest.mark.parametrize(
    "content, message",
    [("name,qty\nx,1\n", "บรรทัดแรกต้องเป็นชื่อคอลัมน์"), ("sku,quantity\n", "ไฟล์ไม่มีข้อมูล")],
    ids=["no-columns", "no-rows"],
)
def test_a_bad_file_is_refused_on_its_field(owner_client, producer, content, message):
    response = owner_client.post("/seller/products/bulk/", {"file": csv_upload(content)})
    assert response.status_code == 400 and message in page_text(response)


def test_a_file_not_in_utf8_is_refused(owner_client, producer):
    upload = SimpleUploadedFile("stock.csv", "sku,quantity\nผ้า,1\n".encode("tis-620"), content_type="text/csv")
    response = owner_client.post("/seller/products/bulk/", {"file": upload})
    assert response.status_code == 400 and "UTF-8" in page_text(response)


# --- who may -------------------------------------------------------------------------------------


def test_staff_members_manage_products_too(staff_client, producer, catalogue):
    assert staff_client.post("/seller/products/new/", new_product_form(catalogue)).status_code == 302


def test_a_suspended_producer_reads_its_products_but_cannot_change_them(owner_client, producer, catalogue):
    product, variant = producer_factories.producer_product(producer, quantity=3)
    services.producer_suspend(producer=producer, reason="ตรวจสอบเอกสาร")
    product.refresh_from_db()
    published = product.is_published
    html = page_text(owner_client.get(f"/seller/products/{product.pk}/"))
    assert "ตรวจสอบเอกสาร" in html and ">บันทึก</button>" not in html
    for path, data in [
        ("/seller/products/new/", new_product_form(catalogue)),
        (f"/seller/products/{product.pk}/publish/", {"action": "unpublish"}),
        (f"/seller/products/{product.pk}/variants/", {"sku": "NEW-1"}),
        ("/seller/products/bulk/", {"file": csv_upload(f"sku,quantity\n{variant.sku},99\n")}),
    ]:
        assert owner_client.post(path, data).status_code == 403
    product.refresh_from_db()
    assert product.is_published == published and stock_of(variant) == 3 and Product.objects.count() == 1


def test_an_applied_producer_is_sent_to_its_application(db):
    from .conftest import signed_in_client

    member = producer_factories.MemberFactory(producer=producer_factories.ProducerFactory(status="applied"))
    response = signed_in_client(member.user).get("/seller/products/")
    assert response.status_code == 302 and response["Location"] == "/seller/join/"


def test_a_draft_is_saved_without_provenance(owner_client, producer, catalogue):
    data = new_product_form(catalogue, otop_category="", province="", district="", tambon="")
    assert owner_client.post("/seller/products/new/", data).status_code == 302
    assert not hasattr(Product.objects.get(), "otop_provenance")
