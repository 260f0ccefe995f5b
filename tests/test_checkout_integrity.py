"""Checkout integrity under concurrency and faults, on the real stack: gunicorn with several
workers on the test database, real threads, a Stripe stand-in (localstripe), a Redis server of
our own that is stopped and started, a real Celery worker.

Each concurrency test prints how long it took (`-s` shows it)."""
import os
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import redis
import requests
import stripe
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Sum
from graphene import Node
from saleor.checkout.models import Checkout
from saleor.order.models import Order
from saleor.payment import ChargeStatus, TransactionKind
from saleor.payment.models import Payment, Transaction
from saleor.warehouse.models import Allocation, Stock

from plugins.producer_channels import services as producer_services
from plugins.producer_channels.error_codes import ProducerErrorCode
from plugins.producer_channels.models import LedgerEntry, LedgerEntryKind, SubOrder
from saleor_otop.checkout_completion import checkout_stock_lock
from saleor_otop.models import TaskOutboxEntry
from tests import factories
from tests.factories.producer_channels import approved_producer, producer_product
from tests.support.localstripe import (  # noqa: F401 - fixtures
    PUBLIC_KEY,
    SECRET_KEY,
    card_payment_method,
    every,
    localstripe_url,
)
from tests.support.processes import (
    PROJECT_DIR,
    celery_worker_process,
    child_pids,
    free_port,
    graphql,
    gunicorn_server,
    kill_hard,
    redis_server,
    wait_for_server,
)
from tests.waiting import wait_until

BANGKOK = {
    "firstName": "Malee", "lastName": "Srisuk", "streetAddress1": "99 Sukhumvit Road",
    "city": "Khlong Toei", "countryArea": "Bangkok", "postalCode": "10110", "country": "TH",
    "phone": "+66812345678",
}
ERRORS = "checkoutErrors { field code message variantId producerCode }"
CHECKOUT_CREATE = f"""mutation ($input: CheckoutCreateInput!) {{
  checkoutCreate(input: $input) {{ checkout {{ id }} {ERRORS} }} }}"""
SHIPPING_METHOD = f"""mutation ($id: ID!, $method: ID!) {{
  checkoutShippingMethodUpdate(checkoutId: $id, shippingMethodId: $method) {{
    checkout {{ totalPrice {{ gross {{ amount }} }} }} {ERRORS} }} }}"""
PAYMENT_CREATE = """mutation ($id: ID!, $input: PaymentInput!) {
  checkoutPaymentCreate(checkoutId: $id, input: $input) { paymentErrors { field code message } } }"""
CHECKOUT_COMPLETE = f"""mutation ($id: ID!) {{
  checkoutComplete(checkoutId: $id) {{ order {{ id number paymentStatus }} {ERRORS} }} }}"""
DUMMY = ("mirumee.payments.dummy", "fully-charged")


@pytest.fixture
def good():
    """An OTOP good of an approved producer, 250 THB, 10 units, shipped in Thailand for 50 THB."""
    zone = factories.ShippingZoneFactory(name="Thailand")
    method = factories.ShippingMethodFactory(shipping_zone=zone)
    producer = approved_producer()
    product, variant = producer_product(producer, price="250.00", quantity=10)
    return {
        "producer": producer, "product": product, "variant": variant,
        "variant_id": Node.to_global_id("ProductVariant", variant.pk),
        "method_id": Node.to_global_id("ShippingMethod", method.pk),
    }


def _ok(answer: dict, mutation: str, errors: str = "checkoutErrors") -> dict:
    assert "errors" not in answer, answer["errors"]
    result = answer["data"][mutation]
    assert result[errors] == [], result[errors]
    return result


def ready_checkout(post, good, *, quantity=1, gateway=DUMMY, email="shopper@example.com") -> str:
    """A guest's checkout with address, shipping and a payment covering it: its id."""
    checkout_id = _ok(post(CHECKOUT_CREATE, {"input": {
        "email": email, "lines": [{"variantId": good["variant_id"], "quantity": quantity}],
        "shippingAddress": BANGKOK, "billingAddress": BANGKOK,
    }}), "checkoutCreate")["checkout"]["id"]
    total = _ok(post(SHIPPING_METHOD, {"id": checkout_id, "method": good["method_id"]}),
                "checkoutShippingMethodUpdate")["checkout"]["totalPrice"]["gross"]["amount"]
    gateway_id, token = gateway
    _ok(post(PAYMENT_CREATE, {"id": checkout_id, "input": {"gateway": gateway_id, "token": token, "amount": total}}),
        "checkoutPaymentCreate", errors="paymentErrors")
    return checkout_id


def complete(post, checkout_id: str) -> dict:
    answer = post(CHECKOUT_COMPLETE, {"id": checkout_id})
    assert "errors" not in answer, answer["errors"]
    return answer["data"]["checkoutComplete"]


def captures_without_order() -> int:
    return Transaction.objects.filter(
        kind__in=[TransactionKind.CAPTURE, TransactionKind.AUTH], is_success=True, payment__order__isnull=True,
    ).exclude(payment__charge_status__in=[ChargeStatus.FULLY_REFUNDED]).exclude(payment__is_active=False).count()


def allocated_units(variant) -> int:
    return Allocation.objects.filter(stock__product_variant=variant).aggregate(total=Sum("quantity_allocated"))["total"] or 0


@pytest.fixture(scope="module")
def broker_queue():
    """A private Celery queue for the servers' tasks, emptied at the end (no worker takes it)."""
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.skip("CELERY_BROKER_URL is not set")
    queue = f"otop-test-gunicorn-{os.getpid()}"
    yield broker, queue
    client = redis.Redis.from_url(broker)
    client.delete(queue, f"_kombu.binding.{queue}")


@pytest.fixture(scope="module")
def shop(django_db_setup, django_db_blocker, broker_queue):
    """The shop on gunicorn with 4 sync workers (DEBUG off), reading the test database."""
    broker, queue = broker_queue
    with django_db_blocker.unblock():
        with gunicorn_server(workers=4, env={"CELERY_BROKER_URL": broker, "OTOP_CELERY_QUEUE": queue}) as (url, _):
            yield url


def live_post(url):
    return lambda query, variables=None: graphql(url, query, variables)


def test_fifty_shoppers_for_ten_units_on_gunicorn_get_ten_orders_and_forty_refusals(transactional_db, shop, good):
    post = live_post(shop)
    started = time.monotonic()
    with ThreadPoolExecutor(20) as pool:
        checkout_ids = list(pool.map(lambda n: ready_checkout(post, good, email=f"guest{n}@example.com"), range(50)))
        prepared = time.monotonic()
        answers = list(pool.map(lambda checkout_id: complete(post, checkout_id), checkout_ids))
    finished = time.monotonic()
    print(f"\n50 shoppers on gunicorn: prepare {prepared - started:.1f} s, complete {finished - prepared:.1f} s")

    orders = [answer["order"] for answer in answers if answer["order"]]
    refusals = [answer["checkoutErrors"] for answer in answers if not answer["order"]]
    assert len(orders) == 10
    assert len(refusals) == 40
    assert all(errors and errors[0]["code"] == "INSUFFICIENT_STOCK" and errors[0]["variantId"] == good["variant_id"]
               for errors in refusals)
    assert Order.objects.count() == 10
    assert allocated_units(good["variant"]) == 10
    assert Stock.objects.get(product_variant=good["variant"]).quantity == 10
    assert Transaction.objects.filter(kind=TransactionKind.CAPTURE, is_success=True).count() == 10
    assert captures_without_order() == 0
    # The refused shoppers keep their checkout and an uncharged payment.
    assert Checkout.objects.count() == 40
    assert Payment.objects.filter(order__isnull=True, charge_status=ChargeStatus.NOT_CHARGED).count() == 40


def test_eight_concurrent_completes_of_one_checkout_make_one_order_one_capture_one_sale(transactional_db, shop, good):
    post = live_post(shop)
    checkout_id = ready_checkout(post, good, quantity=2)
    started = time.monotonic()
    barrier = threading.Barrier(8)

    def racing_complete(_):
        barrier.wait()
        return complete(post, checkout_id)

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(racing_complete, range(8)))
    print(f"\n8 completes of one checkout on gunicorn: {time.monotonic() - started:.1f} s")

    assert {answer["order"]["id"] for answer in answers} == {answers[0]["order"]["id"]}
    order = Order.objects.get()
    assert order.is_fully_paid()
    assert Transaction.objects.filter(kind=TransactionKind.CAPTURE, is_success=True).count() == 1
    assert allocated_units(good["variant"]) == 2
    sub_order = SubOrder.objects.get(order=order)
    assert LedgerEntry.objects.filter(sub_order=sub_order, kind=LedgerEntryKind.SALE).count() == 1


def test_producer_stock_set_waits_for_a_checkout_and_cannot_go_below_what_it_allocated(transactional_db, good):
    """A checkout holds the stock row from its check to its commit; the producer's write waits
    for it, then sees the allocation and refuses to set fewer units than are sold."""
    from django.db import transaction
    from saleor.checkout.models import CheckoutLine
    from saleor.checkout.utils import allocate_stock

    variant = good["variant"]
    checkout = Checkout.objects.create(email="shopper@example.com", currency="THB")
    line = CheckoutLine.objects.create(checkout=checkout, variant=variant, quantity=3)
    order = Order.objects.create(user_email="shopper@example.com", currency="THB")
    order_line = order.lines.create(
        variant=variant, product_name=variant.product.name, product_sku=variant.sku, is_shipping_required=True,
        quantity=3, currency="THB", unit_price_net_amount=250, unit_price_gross_amount=250,
    )
    locked, release = threading.Event(), threading.Event()
    outcome = {}

    def checkout_allocating():
        try:
            with transaction.atomic():
                checkout_stock_lock(lines=[line], country_code="TH")
                allocate_stock(order_line, "TH", 3)
                locked.set()
                release.wait(30)
        finally:
            connection.close()

    def producer_writing():
        try:
            producer_services.producer_stock_set(variant=variant, quantity=2)
            outcome["result"] = "written"
        except ValidationError as error:
            outcome["result"] = error.error_dict["quantity"][0].code
        finally:
            connection.close()

    checkout_thread = threading.Thread(target=checkout_allocating)
    checkout_thread.start()
    assert locked.wait(30)
    writer = threading.Thread(target=producer_writing)
    writer.start()
    writer.join(1)
    assert writer.is_alive(), "the producer's write did not wait for the checkout's lock"
    release.set()
    checkout_thread.join(30)
    writer.join(30)
    assert outcome["result"] == ProducerErrorCode.BELOW_ALLOCATED
    assert Stock.objects.get(product_variant=variant).quantity == 10
    assert allocated_units(variant) == 3


def test_server_killed_between_capture_and_commit_then_retry_charges_once(transactional_db, good, request, monkeypatch):
    """The Stripe stand-in's answer to the charge is held back; the server process is killed
    with SIGKILL while it waits; the client's retry ends in one order and one charge."""
    upstream = request.getfixturevalue("localstripe_url")
    proxy = subprocess.Popen(
        [sys.executable, "-m", "tests.support.capture_holding_proxy", upstream],
        cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True,
    )
    try:
        proxy_url = f"http://127.0.0.1:{proxy.stdout.readline().strip()}"
        env = {"STRIPE_PUBLIC_KEY": PUBLIC_KEY, "STRIPE_SECRET_KEY": SECRET_KEY, "STRIPE_API_BASE": proxy_url,
               "CELERY_BROKER_URL": ""}
        with gunicorn_server(workers=1, env=env) as (url, server):
            post = live_post(url)
            monkeypatch.setattr(stripe, "api_base", upstream)
            payment_method = card_payment_method()
            checkout_id = ready_checkout(post, good, gateway=("mirumee.payments.stripe", payment_method))
            started = time.monotonic()

            first = {}

            def first_try():
                try:
                    first["answer"] = complete(post, checkout_id)
                except requests.RequestException as error:
                    first["error"] = error

            client = threading.Thread(target=first_try)
            client.start()
            assert proxy.stdout.readline().strip() == "charged"
            (worker,) = child_pids(server.pid)
            kill_hard(worker)
            client.join(60)
            assert "error" in first, first
            assert not Order.objects.exists()

            wait_until(lambda: child_pids(server.pid) and child_pids(server.pid) != [worker], timeout=60)
            wait_for_server(url, server)
            retry = complete(post, checkout_id)
            print(f"\nkill -9 between capture and commit, then retry: {time.monotonic() - started:.1f} s")
    finally:
        proxy.kill()  # it still holds the first answer
        proxy.wait(timeout=30)

    assert retry["checkoutErrors"] == [], retry
    order = Order.objects.get()
    assert retry["order"]["id"] == Node.to_global_id("Order", order.pk)
    assert order.is_fully_paid()
    intents = every(stripe.PaymentIntent)
    charges = [intent for intent in intents if intent.payment_method == payment_method and intent.status == "succeeded"]
    assert len(charges) == 1
    assert Transaction.objects.filter(kind=TransactionKind.CAPTURE, is_success=True).count() == 1


def test_shopper_checks_out_while_the_broker_is_down_and_producers_hear_once_it_is_back(transactional_db, good):
    """Our own Redis is stopped; checkoutCreate and checkoutComplete still work; the tasks wait
    in the outbox; once Redis is back a real worker sends them, and the producer is e-mailed."""
    port = free_port()
    broker = f"redis://127.0.0.1:{port}/0"
    queue = f"otop-test-outbox-{os.getpid()}"
    env = {"CELERY_BROKER_URL": broker, "OTOP_CELERY_QUEUE": queue}
    with gunicorn_server(workers=2, env=env) as (url, _):
        with redis_server(port=port):
            # The shop ran with its broker; now the broker stops.
            graphql(url, "{ shop { name } }")
        started = time.monotonic()
        answer = complete(live_post(url), ready_checkout(live_post(url), good))
        print(f"\ncheckout with the broker down: {time.monotonic() - started:.1f} s")
    assert answer["checkoutErrors"] == [], answer
    order = Order.objects.get()
    sub_order = SubOrder.objects.get(order=order)
    assert sub_order.producer_notified_at is None
    waiting = set(TaskOutboxEntry.objects.values_list("task_name", flat=True))
    assert "plugins.producer_channels.tasks.order_notify_producers_task" in waiting
    assert "saleor.plugins.webhook.tasks.trigger_webhooks_for_event" in waiting

    with redis_server(port=port):
        with celery_worker_process(queue=queue, broker_url=broker):
            wait_until(lambda: SubOrder.objects.get(pk=sub_order.pk).producer_notified_at, timeout=90)
            wait_until(lambda: not TaskOutboxEntry.objects.exists(), timeout=30)


@pytest.mark.django_db
def test_retry_of_a_completed_checkout_returns_its_order(api_client, good):
    checkout_id = ready_checkout(api_client.post, good)
    first = complete(api_client.post, checkout_id)
    second = complete(api_client.post, checkout_id)
    assert second == first
    assert Order.objects.count() == 1
    assert Transaction.objects.filter(kind=TransactionKind.CAPTURE).count() == 1


@pytest.mark.django_db
def test_line_of_a_producer_suspended_after_the_checkout_is_refused_before_payment(api_client, good):
    checkout_id = ready_checkout(api_client.post, good)
    producer_services.producer_suspend(producer=good["producer"], reason="audit")
    answer = complete(api_client.post, checkout_id)
    assert answer["order"] is None
    (error,) = answer["checkoutErrors"]
    assert error["field"] == "lines"
    assert error["code"] == "PRODUCT_NOT_PUBLISHED"
    assert error["producerCode"] == "PRODUCER_SUSPENDED"
    assert error["variantId"] == good["variant_id"]
    assert good["product"].name in error["message"]
    assert not Order.objects.exists()
    assert not Transaction.objects.exists()


@pytest.mark.django_db
def test_line_of_a_product_unpublished_after_the_checkout_is_refused_before_payment(api_client, good):
    checkout_id = ready_checkout(api_client.post, good)
    good["product"].is_published = False
    good["product"].save(update_fields=["is_published"])
    (error,) = complete(api_client.post, checkout_id)["checkoutErrors"]
    assert (error["field"], error["code"], error["variantId"]) == ("lines", "PRODUCT_NOT_PUBLISHED", good["variant_id"])
    assert error["producerCode"] is None
    assert not Transaction.objects.exists()


@pytest.mark.django_db
def test_failure_after_the_capture_refunds_the_payment_at_once(api_client, good):
    """A database fault while the order is written (after the charge): no order, and the
    charge is refunded through the gateway."""
    checkout_id = ready_checkout(api_client.post, good)
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE FUNCTION otop_test_refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ "
            "LANGUAGE plpgsql; "
            f"CREATE TRIGGER otop_test_refuse BEFORE INSERT ON {SubOrder._meta.db_table} "
            "FOR EACH ROW EXECUTE FUNCTION otop_test_refuse();"
        )
    answer = api_client.post(CHECKOUT_COMPLETE, {"id": checkout_id})
    assert answer.get("errors") or answer["data"]["checkoutComplete"]["order"] is None
    assert not Order.objects.exists()
    payment = Payment.objects.get()
    assert payment.charge_status == ChargeStatus.FULLY_REFUNDED
    assert not payment.is_active
    kinds = list(payment.transactions.filter(is_success=True).order_by("pk").values_list("kind", flat=True))
    assert kinds == [TransactionKind.CAPTURE, TransactionKind.REFUND]
    assert allocated_units(good["variant"]) == 0
