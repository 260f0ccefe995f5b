"""The services and selectors the producer portal writes and reads through: the product page
saved at once, translations, photos and shop pictures re-encoded, stock and prices from a file
(checked, then applied together), the home's counts."""
from datetime import timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from saleor.product.models import Product
from saleor.warehouse.models import Allocation, Stock

from plugins.otop_stars import selectors as stars_selectors
from plugins.producer_channels import selectors, services
from plugins.producer_channels.services import catalogue, images
from plugins.producer_channels.services import producers as producer_services
from tests import factories
from tests.factories import producer_channels as producer_factories
from tests.factories.places import SI_PHUM_CHIANG_MAI

pytestmark = pytest.mark.django_db


def picture(size=(2000, 1000), image_format="JPEG", exif_orientation=None):
    buffer = BytesIO()
    image = Image.new("RGB", size, (10, 120, 60))
    extra = {}
    if exif_orientation:
        exif = Image.Exif()
        exif[0x0112] = exif_orientation
        extra["exif"] = exif
    image.save(buffer, format=image_format, **extra)
    return SimpleUploadedFile(f"p.{image_format.lower()}", buffer.getvalue())


@pytest.fixture
def producer():
    return producer_factories.approved_producer()


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


def test_pictures_are_re_encoded_resized_and_turned_upright():
    content = images.image_reencoded(picture((2000, 1000), exif_orientation=6), field="photo", max_side=800,
                                     name_prefix="x")
    with Image.open(content) as result:
        assert result.format == "JPEG" and result.size == (400, 800) and "exif" not in result.info


@pytest.mark.parametrize("upload, code", [
    (SimpleUploadedFile("x.jpg", b"not a picture"), "invalid"),
    (SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "invalid"),
    (None, "required"),
], ids=["text", "svg", "none"])
def test_what_is_not_a_picture_is_refused(upload, code):
    with pytest.raises(ValidationError) as refused:
        images.image_reencoded(upload, field="photo", max_side=800, name_prefix="x")
    assert refused.value.error_dict["photo"][0].code == code


def test_a_too_large_upload_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(images, "MAX_UPLOAD_BYTES", 10)
    with pytest.raises(ValidationError) as refused:
        images.image_reencoded(picture(), field="photo", max_side=800, name_prefix="x")
    assert refused.value.error_dict["photo"][0].code == "out_of_range"


def test_the_product_page_is_saved_at_once_or_not_at_all(producer, media):
    category = factories.CategoryFactory()
    single = factories.ProductTypeFactory(slug="single", has_variants=False)
    with pytest.raises(ValidationError):
        catalogue.producer_product_save(
            producer=producer, name="ผ้า", category=category, base_price="10", product_type=single, sku="S-1",
            quantity=3, provenance={"subdistrict_code": SI_PHUM_CHIANG_MAI, "category": "NOT-A-CATEGORY"},
        )
    assert not Product.objects.exists()
    product = catalogue.producer_product_save(
        producer=producer, name="ผ้า", category=category, base_price="10", product_type=single, sku="S-1",
        quantity=3, provenance={"subdistrict_code": SI_PHUM_CHIANG_MAI, "category": "TEXTILE"},
        translations={"en": {"name": "Cloth", "description": ""}, "ja": {"name": "", "description": ""}},
        photo=picture(),
    )
    assert not product.is_published and product.otop_provenance.category == "TEXTILE"
    assert list(product.translations.values_list("language_code", flat=True)) == ["en"]
    assert Stock.objects.get(product_variant__product=product).quantity == 3 and product.images.count() == 1


def test_the_product_page_of_another_producers_product_is_refused(producer):
    other_product, _ = producer_factories.producer_product(producer_factories.approved_producer())
    with pytest.raises(ValidationError) as refused:
        catalogue.producer_product_save(
            producer=producer, product=other_product, name="x", category=other_product.category, base_price="1")
    assert refused.value.error_dict["product"][0].code == "not_found"


def test_translations_in_unknown_languages_are_refused(producer):
    product, _ = producer_factories.producer_product(producer)
    with pytest.raises(ValidationError):
        catalogue.producer_product_translations_set(product=product, translations={"fr": {"name": "Tissu"}})


def test_a_stock_file_is_checked_row_by_row_without_writing(producer):
    _, mine = producer_factories.producer_product(producer, sku="A-1", quantity=2)
    producer_factories.producer_product(producer_factories.approved_producer(), sku="THEIRS")
    rows = catalogue.producer_stock_bulk_check(producer=producer, rows=[
        {"line": 2, "sku": "A-1", "quantity": "5", "price": "12.50"},
        {"line": 3, "sku": "THEIRS", "quantity": "1", "price": ""},
        {"line": 4, "sku": "A-1", "quantity": "1", "price": ""},
        {"line": 5, "sku": "", "quantity": "1", "price": ""},
        {"line": 6, "sku": "A-1", "quantity": "-1", "price": "0"},
    ])
    assert [row.errors for row in rows] == [
        [], [("sku", "not_found")], [("sku", "duplicated_input_item")], [("sku", "required")],
        [("sku", "duplicated_input_item"), ("quantity", "negative_quantity"), ("price", "price_not_positive")],
    ]
    assert rows[0].changes and (rows[0].quantity_before, rows[0].quantity, rows[0].price) == (2, 5, Decimal("12.50"))
    assert Stock.objects.get(product_variant=mine).quantity == 2


def test_a_stock_file_is_applied_together_or_not_at_all(producer):
    _, first = producer_factories.producer_product(producer, sku="A-1", quantity=2)
    _, second = producer_factories.producer_product(producer, sku="A-2", quantity=5)
    order = producer_factories.placed_order([(second, 4)])
    Allocation.objects.create(order_line=order.lines.get(), stock=Stock.objects.get(product_variant=second),
                              quantity_allocated=4)
    with pytest.raises(ValidationError) as refused:
        catalogue.producer_stock_bulk_apply(producer=producer, rows=[
            {"line": 2, "sku": "A-1", "quantity": "9"}, {"line": 3, "sku": "A-2", "quantity": "1"}])
    assert refused.value.error_dict["line"][0].params == {"line": 3, "field": "quantity"}
    assert Stock.objects.get(product_variant=first).quantity == 2
    applied = catalogue.producer_stock_bulk_apply(producer=producer, rows=[
        {"line": 2, "sku": "A-1", "quantity": "9"}, {"line": 3, "sku": "A-2", "quantity": "6", "price": "75"}])
    assert len(applied) == 2 and Stock.objects.get(product_variant=first).quantity == 9
    second.refresh_from_db()
    assert second.price_override_amount == Decimal("75.00")


def test_a_suspended_producer_applies_no_stock_file(producer):
    producer_factories.producer_product(producer, sku="A-1", quantity=2)
    services.producer_suspend(producer=producer)
    with pytest.raises(ValidationError):
        catalogue.producer_stock_bulk_apply(producer=producer, rows=[{"line": 2, "sku": "A-1", "quantity": "9"}])


def test_the_shop_page_is_saved_with_its_pictures_or_not_at_all(producer, media):
    with pytest.raises(ValidationError):
        producer_services.producer_shop_save(producer=producer, story_th="เรื่อง", logo=SimpleUploadedFile("x", b"x"))
    producer.refresh_from_db()
    assert producer.story_th == "" and not producer.logo
    producer_services.producer_shop_save(producer=producer, story_th="เรื่อง", logo=picture((900, 900)), cover=picture())
    producer.refresh_from_db()
    assert producer.story_th == "เรื่อง" and producer.logo and producer.cover
    producer_services.producer_shop_save(producer=producer, remove=("logo",))
    producer.refresh_from_db()
    assert not producer.logo and producer.cover
    with pytest.raises(TypeError):
        producer_services.producer_shop_save(producer=producer, promptpay_id="0899999999")


def test_home_counts(producer):
    product, low = producer_factories.producer_product(producer, quantity=5)
    producer_factories.producer_product(producer, quantity=6)
    producer_factories.placed_order([(low, 1)])
    assert selectors.producer_low_stock_count(producer=producer) == 1
    assert selectors.producer_sub_orders_to_pack(producer=producer).count() == 1
    from tests.factories.otop_stars import grant

    grant(product, stars=4, round_year=2025, valid_until=timezone.localdate() + timedelta(days=89))
    expiring = stars_selectors.certifications_expiring(product_ids=[product.pk], within_days=90)
    assert [certification.product_id for certification in expiring] == [product.pk]
    assert not stars_selectors.certifications_expiring(product_ids=[product.pk], within_days=30).exists()
