"""Each patch of saleor_otop/compat.py: the patched behaviour works, and undoing the
patch brings the original error back (so each test can fail)."""
import importlib
import io
import os
import sys
from decimal import Decimal

import django.forms.forms
import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DataError, transaction
from PIL import Image
from saleor.checkout.models import Checkout
from saleor.checkout.utils import add_variant_to_checkout
from saleor.core.management.commands.populatedb import Command as PopulateDbCommand
from saleor.core.utils import anonymization
from saleor.core.utils.random_data import (
    CATEGORY_IMAGES,
    get_image,
    get_product_list_images_dir,
)
from saleor.payment import TransactionKind
from saleor.payment.interface import PaymentData
from saleor.payment.models import Payment, Transaction
from saleor.payment.utils import create_transaction
from saleor.product.models import ProductImage
from saleor.webhook.event_types import WebhookEventType
from saleor.webhook.payloads import generate_sample_payload
from versatileimagefield.image_warmer import VersatileImageFieldWarmer

from tests import factories

SAMPLE_GATEWAY_ERROR = "Your card was declined. " * 13  # 312 characters, as long Stripe texts are


def test_saleor_i18n_imports_boundfield_from_its_old_place():
    module = importlib.import_module("saleor.account.i18n")
    assert module.BoundField is django.forms.forms.BoundField


def test_without_boundfield_alias_saleor_i18n_import_fails(monkeypatch):
    monkeypatch.delattr(django.forms.forms, "BoundField")
    monkeypatch.delitem(sys.modules, "saleor.account.i18n")
    with pytest.raises(ImportError, match="BoundField"):
        importlib.import_module("saleor.account.i18n")


@pytest.fixture
def product_image(db, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    cache.clear()  # versatileimagefield remembers made thumbnails by URL, the same in every test
    png = io.BytesIO()
    Image.new("RGB", (800, 600), "orange").save(png, format="PNG")
    upload = SimpleUploadedFile("basket.png", png.getvalue(), content_type="image/png")
    return ProductImage.objects.create(product=factories.ProductFactory(), image=upload)


def warm_product_thumbnails(image):
    return VersatileImageFieldWarmer(instance_or_queryset=image, rendition_key_set="products", image_attr="image").warm()


def test_versatileimagefield_resizes_with_current_pillow(product_image):
    created, failed = warm_product_thumbnails(product_image)
    assert (created, failed) == (6, [])
    assert product_image.image.storage.exists("__sized__/products/basket-thumbnail-60x60.png")


def test_without_antialias_alias_resizing_fails(monkeypatch, product_image):
    monkeypatch.delattr(Image, "ANTIALIAS")
    created, failed = warm_product_thumbnails(product_image)
    assert created == 0 and len(failed) == 6
    with pytest.raises(AttributeError, match="ANTIALIAS"):
        product_image.image.thumbnail.process_image(Image.new("RGB", (80, 60)), "PNG", {"format": "PNG"}, 60, 60)


def record_declined_payment():
    payment = Payment.objects.create(gateway="mirumee.payments.stripe", total=Decimal(250), currency="THB")
    payment_data = PaymentData(
        amount=Decimal(250), currency="THB", billing=None, shipping=None, order_id=None,
        customer_ip_address=None, customer_email="shopper@example.com", token="pm_declined",
    )
    return create_transaction(payment, TransactionKind.CAPTURE, payment_data, error_msg=SAMPLE_GATEWAY_ERROR)


@pytest.mark.django_db
def test_long_gateway_error_is_stored_cut_to_its_column():
    transaction_row = record_declined_payment()
    stored = Transaction.objects.get(pk=transaction_row.pk).error
    assert len(stored) == 256
    assert stored.startswith("Your card was declined.")


@pytest.mark.django_db
def test_without_cutting_a_long_gateway_error_is_a_database_error(monkeypatch):
    monkeypatch.setattr(Transaction, "save", Transaction.save.__wrapped__)
    with pytest.raises(DataError, match="too long"), transaction.atomic():
        record_declined_payment()


def test_populatedb_finds_its_placeholder_images():
    images_dir = get_product_list_images_dir(PopulateDbCommand.placeholders_dir)
    assert get_image(images_dir, CATEGORY_IMAGES[7]).size > 0


def test_populatedb_original_relative_placeholder_dir_is_missing(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    images_dir = get_product_list_images_dir("saleor/static/placeholders/")
    assert not os.path.isdir(images_dir)
    with pytest.raises(FileNotFoundError):
        get_image(images_dir, CATEGORY_IMAGES[7])


@pytest.fixture
def checkout_with_line(db):
    stock = factories.StockFactory()
    stock.warehouse.shipping_zones.add(factories.ShippingZoneFactory())
    checkout = Checkout.objects.create(email="shopper@example.com")
    add_variant_to_checkout(checkout, stock.product_variant, 2)
    return checkout


def test_checkout_sample_webhook_payload_builds(checkout_with_line):
    payload = generate_sample_payload(WebhookEventType.CHECKOUT_QUANTITY_CHANGED)
    assert payload[0]["lines"][0]["quantity"] == 2
    assert payload[0]["email"] != "shopper@example.com"


def test_without_settling_prefetches_checkout_copy_fails(monkeypatch, checkout_with_line):
    original = anonymization.anonymize_checkout.__wrapped__
    monkeypatch.setattr("saleor.webhook.payloads.anonymize_checkout", original)
    with pytest.raises(ValidationError, match="is not a valid UUID"):
        generate_sample_payload(WebhookEventType.CHECKOUT_QUANTITY_CHANGED)


def test_graphql_variable_of_the_wrong_scalar_is_an_error_message():
    from graphql.type import GraphQLInt
    from graphql.utils import is_valid_value

    assert is_valid_value.is_valid_value("ten", GraphQLInt) == ['Expected type "Int", found "ten".']


def test_without_coercion_patch_a_wrong_scalar_raises_python_text(monkeypatch):
    from graphql.type import GraphQLInt
    from graphql.utils import is_valid_value

    monkeypatch.setattr(is_valid_value, "is_valid_value", is_valid_value.is_valid_value.__wrapped__)
    with pytest.raises(ValueError, match="could not convert string to float"):
        is_valid_value.is_valid_value("ten", GraphQLInt)
CHECKOUT_PRICES = """query ($token: UUID!) { checkout(token: $token) {
  isShippingRequired subtotalPrice { gross { amount } } totalPrice { gross { amount } }
  availableShippingMethods { id } } }"""


def checkout_price_queries(api_client, lines: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    zone = factories.ShippingZoneFactory()
    factories.ShippingMethodFactory(shipping_zone=zone)
    checkout = Checkout.objects.create(email="shopper@example.com", shipping_address=factories.ThaiAddressFactory())
    warehouse = factories.WarehouseFactory()
    warehouse.shipping_zones.add(zone)
    for _line in range(lines):
        stock = factories.StockFactory(warehouse=warehouse)
        add_variant_to_checkout(checkout, stock.product_variant, 1)
    with CaptureQueriesContext(connection) as queries:
        data = api_client.data(CHECKOUT_PRICES, {"token": str(checkout.token)})
    assert data["checkout"]["availableShippingMethods"]
    return len(queries.captured_queries)


def test_checkout_prices_take_the_same_queries_for_one_line_or_four(db, api_client):
    checkout_price_queries(api_client, 1)  # the first request of a test loads the site and plugin settings
    one_line = checkout_price_queries(api_client, 1)
    assert checkout_price_queries(api_client, 4) == one_line


def test_without_joined_variants_checkout_prices_query_each_line(db, api_client, monkeypatch):
    from saleor.graphql.checkout.dataloaders import CheckoutLinesByCheckoutTokenLoader

    monkeypatch.setattr(CheckoutLinesByCheckoutTokenLoader, "batch_load",
                        CheckoutLinesByCheckoutTokenLoader.batch_load.original)
    monkeypatch.setattr(Checkout, "__iter__", Checkout.__iter__.original)
    checkout_price_queries(api_client, 1)
    one_line = checkout_price_queries(api_client, 1)
    assert checkout_price_queries(api_client, 4) > one_line
