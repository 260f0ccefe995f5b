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

from tests import factories, test_checkout_integrity
from tests.support import localstripe
from tests.waiting import wait_until

# Fixtures of other modules, used by the checkout integrity tests below.
good = test_checkout_integrity.good
localstripe_url, stripe_gateway = localstripe.localstripe_url, localstripe.stripe_gateway

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


# --- Checkout integrity (saleor_otop/checkout_completion.py, task_outbox.py, payments.py) ------

def _order_line_of(variant, quantity: int):
    from saleor.order.models import Order

    order = Order.objects.create(user_email="shopper@example.com", currency="THB")
    return order.lines.create(
        variant=variant, product_name=variant.product.name, product_sku=variant.sku, is_shipping_required=True,
        quantity=quantity, currency="THB", unit_price_net_amount=250, unit_price_gross_amount=250,
    )


def _stock_in_thailand(quantity: int):
    stock = factories.StockFactory(quantity=quantity)
    stock.warehouse.shipping_zones.add(factories.ShippingZoneFactory())
    return stock


def _allocated(stock) -> int:
    from django.db.models import Sum
    from saleor.warehouse.models import Allocation

    return Allocation.objects.filter(stock=stock).aggregate(total=Sum("quantity_allocated"))["total"] or 0


def allocation_race(allocate) -> str:
    """Two orders of 3 units on a stock of 4. The first allocates and holds the stock's lock; the
    second's allocation waits for that lock (seen in pg_stat_activity); the first commits. What
    the second got: 'allocated' or 'insufficient stock'."""
    import threading

    from django.db import connection
    from saleor.core.exceptions import InsufficientStock

    stock = _stock_in_thailand(4)
    first_line, second_line = _order_line_of(stock.product_variant, 3), _order_line_of(stock.product_variant, 3)
    holding, release = threading.Event(), threading.Event()
    second = {}

    def first_order():
        try:
            with transaction.atomic():
                allocate(first_line, "TH", 3)
                holding.set()
                release.wait(60)
        finally:
            connection.close()

    def second_order():
        try:
            second["pid"] = connection.cursor().connection.get_backend_pid()
            with transaction.atomic():
                allocate(second_line, "TH", 3)
            second["result"] = "allocated"
        except InsufficientStock:
            second["result"] = "insufficient stock"
        finally:
            connection.close()

    def second_waits_for_a_lock() -> bool:
        with connection.cursor() as cursor:
            cursor.execute("SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [second.get("pid")])
            row = cursor.fetchone()
        return bool(row and row[0] == "Lock")

    threads = [threading.Thread(target=first_order), threading.Thread(target=second_order)]
    threads[0].start()
    assert holding.wait(60)
    threads[1].start()
    try:
        wait_until(second_waits_for_a_lock, timeout=60)
    finally:
        release.set()
        for thread in threads:
            thread.join(60)
    second["allocated"] = _allocated(stock)
    return second


def test_concurrent_allocations_of_the_last_units_cannot_oversell(transactional_db):
    from saleor.warehouse import management

    outcome = allocation_race(management.allocate_stock)
    assert (outcome["result"], outcome["allocated"]) == ("insufficient stock", 3)


def test_without_the_lock_first_patch_concurrent_allocations_oversell(transactional_db):
    from saleor.warehouse import management

    outcome = allocation_race(management.allocate_stock.__wrapped__)
    assert (outcome["result"], outcome["allocated"]) == ("allocated", 6)


def _reserved_for_a_charge(stock, quantity: int):
    from saleor_otop.models import CheckoutCharge, CheckoutStockReservation

    payment = Payment.objects.create(gateway="mirumee.payments.dummy", total=Decimal(250), currency="THB")
    charge = CheckoutCharge.objects.create(payment=payment, amount=Decimal(250))
    CheckoutStockReservation.objects.create(charge=charge, stock=stock, quantity=quantity)


@pytest.mark.django_db
def test_allocation_counts_units_reserved_for_checkouts_being_paid():
    from saleor.core.exceptions import InsufficientStock
    from saleor.warehouse import management

    stock = _stock_in_thailand(4)
    _reserved_for_a_charge(stock, 2)
    with pytest.raises(InsufficientStock):
        management.allocate_stock(_order_line_of(stock.product_variant, 3), "TH", 3)
    assert _allocated(stock) == 0


@pytest.mark.django_db
def test_without_the_patch_allocation_takes_reserved_units():
    from saleor.warehouse import management

    stock = _stock_in_thailand(4)
    _reserved_for_a_charge(stock, 2)
    management.allocate_stock.__wrapped__(_order_line_of(stock.product_variant, 3), "TH", 3)
    assert _allocated(stock) == 3


def test_draft_orders_and_checkouts_allocate_through_the_patched_allocation():
    from saleor.checkout import utils as checkout_utils
    from saleor.graphql.order.mutations import draft_orders
    from saleor.warehouse import management

    assert management.allocate_stock.otop_patched
    assert draft_orders.allocate_stock is management.allocate_stock
    assert checkout_utils.allocate_stock is management.allocate_stock
    assert management.allocate_stock.__wrapped__ is not management.allocate_stock


@pytest.fixture
def saleor_checkout_complete(monkeypatch):
    """checkoutComplete as Saleor 2.10.1 runs it, without our replacement."""
    from saleor.graphql.checkout.mutations import CheckoutComplete

    original = CheckoutComplete.perform_mutation.__func__.original
    monkeypatch.setattr(CheckoutComplete, "perform_mutation", original)


@pytest.mark.django_db
def test_without_the_checkout_complete_patch_a_suspended_producer_still_sells(api_client, saleor_checkout_complete, good):
    from plugins.producer_channels import services as producer_services
    from plugins.producer_channels.models import SubOrder
    from tests.test_checkout_integrity import complete, ready_checkout

    checkout_id = ready_checkout(api_client.post, good)
    producer_services.producer_suspend(producer=good["producer"], reason="audit")
    answer = complete(api_client.post, checkout_id)
    assert answer["checkoutErrors"] == [] and answer["order"]
    assert SubOrder.objects.get().producer == good["producer"]
    # (with the patch: PRODUCT_NOT_PUBLISHED / PRODUCER_SUSPENDED, tests/test_checkout_integrity.py)


@pytest.mark.django_db
def test_without_the_checkout_complete_patch_a_retry_of_a_completed_checkout_gets_no_order(
    api_client, saleor_checkout_complete, good
):
    from tests.test_checkout_integrity import complete, ready_checkout

    checkout_id = ready_checkout(api_client.post, good)
    assert complete(api_client.post, checkout_id)["order"]
    retry = complete(api_client.post, checkout_id)
    assert retry["order"] is None
    assert retry["checkoutErrors"][0]["code"] == "NOT_FOUND"


OUTBOX_SCRIPT = """
import json, sys
import django
django.setup()
from celery.app.task import Task
from django.db import transaction
from saleor_otop.models import TaskOutboxEntry
from otop_kernel.tasks import product_facts_changed_task

if sys.argv[1] == "unpatched":
    Task.apply_async = Task.apply_async.__wrapped__

class RolledBack(Exception):
    pass

try:
    with transaction.atomic():
        product_facts_changed_task.delay([1])
        outcome = {"waiting": TaskOutboxEntry.objects.count()}
        raise RolledBack
except RolledBack:
    outcome["after_rollback"] = TaskOutboxEntry.objects.count()
except Exception as error:
    outcome = {"error": type(error).__name__}
print(json.dumps(outcome))
"""


def run_with_unreachable_broker(mode: str) -> dict:
    import json
    import subprocess

    from tests.support.processes import PROJECT_DIR, database_url, free_port

    env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": f"redis://127.0.0.1:{free_port()}/0",
           "DJANGO_SETTINGS_MODULE": "saleor_otop.settings"}
    done = subprocess.run([sys.executable, "-c", OUTBOX_SCRIPT, mode], cwd=PROJECT_DIR, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_a_task_queued_in_a_transaction_waits_in_the_outbox_when_the_broker_is_down():
    assert run_with_unreachable_broker("patched") == {"waiting": 1, "after_rollback": 0}


@pytest.mark.django_db
def test_without_the_outbox_patch_an_unreachable_broker_breaks_the_transaction():
    assert run_with_unreachable_broker("unpatched") == {"error": "OperationalError"}


def _charge_twice(stripe_gateway) -> int:
    """The same payment charged twice through Saleor's Stripe gateway (a retry after a lost
    answer): how many PaymentIntents Stripe made for its card."""
    import stripe
    from saleor.payment import gateway

    from tests.support.localstripe import card_payment_method, every

    payment_method = card_payment_method()
    payment = Payment.objects.create(
        gateway="mirumee.payments.stripe", token=payment_method, total=Decimal(250), currency="THB",
        billing_email="shopper@example.com",
    )
    for _attempt in range(2):
        gateway.process_payment(payment=payment, token=payment_method)
    intents = every(stripe.PaymentIntent)
    return len([intent for intent in intents if intent.payment_method == payment_method])


@pytest.mark.django_db
def test_a_repeated_charge_of_one_payment_is_one_payment_intent(stripe_gateway):
    assert _charge_twice(stripe_gateway) == 1


@pytest.mark.django_db
def test_without_the_idempotency_key_a_repeated_charge_is_a_second_payment_intent(stripe_gateway, monkeypatch):
    import stripe

    monkeypatch.setattr(stripe.PaymentIntent, "create", stripe.PaymentIntent.create.__wrapped__)
    assert _charge_twice(stripe_gateway) == 2
