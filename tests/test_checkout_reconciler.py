"""Charges whose checkout never became an order, on the real stack: gunicorn killed with SIGKILL
while the Stripe stand-in (localstripe, behind a proxy that holds the charge's answer) has
charged, the shopper never coming back, then two reconcilers at once — two real Celery workers,
or two processes of the management command — and the stock not held by row locks meanwhile.

Numbers are printed (`-s` shows them)."""
import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import psycopg2
import pytest
import redis
import requests
import stripe
from celery.backends.redis import RedisBackend
from celery.result import AsyncResult
from django.db import connection
from django.utils import timezone
from saleor.order.models import Order
from saleor.payment import ChargeStatus, TransactionKind
from saleor.payment.models import Payment, Transaction
from saleor.warehouse.models import Stock

from plugins.producer_channels import services as producer_services
from plugins.producer_channels.models import LedgerEntry, LedgerEntryKind, SubOrder
from saleor_otop import checkout_completion
from saleor_otop.celeryconf import app as celery_app
from saleor_otop.models import CheckoutCharge, CheckoutChargeStatus, CheckoutStockReservation
from saleor_otop.tasks import checkout_charges_reconcile_task
from tests import test_checkout_integrity
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
    database_url,
    gunicorn_server,
    kill_hard,
    wait_for_worker,
)
from tests.test_checkout_integrity import DUMMY, allocated_units, complete, live_post, ready_checkout
from tests.waiting import wait_until

good = test_checkout_integrity.good  # the fixture
STRIPE = "mirumee.payments.stripe"
GRACE_SECONDS = 1


def stripe_env(api_base: str) -> dict:
    return {"STRIPE_PUBLIC_KEY": PUBLIC_KEY, "STRIPE_SECRET_KEY": SECRET_KEY, "STRIPE_API_BASE": api_base}


@contextlib.contextmanager
def charge_held_at_the_gateway(upstream: str, good, *, workers: int = 1):
    """A shopper's checkoutComplete on gunicorn whose Stripe charge was made, its answer held
    back by the proxy; yields while the server's worker waits for it."""
    proxy = subprocess.Popen(
        [sys.executable, "-m", "tests.support.capture_holding_proxy", upstream],
        cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True,
    )
    try:
        proxy_url = f"http://127.0.0.1:{proxy.stdout.readline().strip()}"
        with gunicorn_server(workers=workers, env={**stripe_env(proxy_url), "CELERY_BROKER_URL": ""}) as (url, server):
            post = live_post(url)
            payment_method = card_payment_method()
            checkout_id = ready_checkout(post, good, gateway=(STRIPE, payment_method), email="gone@example.com")
            first = {}

            def first_try():
                try:
                    first["answer"] = complete(post, checkout_id)
                except requests.RequestException as error:
                    first["error"] = error

            client = threading.Thread(target=first_try)
            client.start()
            assert proxy.stdout.readline().strip() == "charged"
            yield SimpleNamespace(url=url, server=server, post=post, payment_method=payment_method, client=client, first=first)
    finally:
        proxy.kill()  # it still holds the first answer
        proxy.wait(timeout=30)


def kill_the_charging_worker(held) -> None:
    """SIGKILL the gunicorn worker that waits for the charge's answer (the only one)."""
    (worker,) = child_pids(held.server.pid)
    kill_hard(worker)
    held.client.join(60)
    assert "error" in held.first, held.first


def shopper_gone_after_the_charge(upstream: str, good) -> CheckoutCharge:
    """The kill -9 scenario, and no retry: the charge is open, its unit reserved, no order."""
    with charge_held_at_the_gateway(upstream, good) as held:
        kill_the_charging_worker(held)
    charge = CheckoutCharge.objects.get()
    assert charge.status == CheckoutChargeStatus.CHARGING
    assert CheckoutStockReservation.objects.get().quantity == 1
    assert not Order.objects.exists()
    # The charge and its Transaction died with the worker's transaction; Stripe has the money.
    assert not Transaction.objects.filter(kind=TransactionKind.CAPTURE, is_success=True).exists()
    assert stripe_charges(held.payment_method) == 1
    wait_until(lambda: timezone.now() - CheckoutCharge.objects.get().updated_at > timedelta(seconds=2 * GRACE_SECONDS))
    charge.payment_method = held.payment_method
    return charge


def stripe_charges(payment_method: str) -> int:
    return len([intent for intent in every(stripe.PaymentIntent) if intent.payment_method == payment_method and intent.status == "succeeded"])


def stripe_refunds(payment_method: str) -> int:
    intents = [intent.id for intent in every(stripe.PaymentIntent) if intent.payment_method == payment_method]
    charges = {charge.id for charge in every(stripe.Charge) if charge.payment_intent in intents}
    return len([refund for refund in every(stripe.Refund) if refund.charge in charges])


@pytest.fixture
def localstripe_sdk(request, settings, monkeypatch):
    """localstripe for the test process too (the SDK, and the gateway of in-process reconcilers)."""
    upstream = request.getfixturevalue("localstripe_url")
    settings.STRIPE_PUBLIC_KEY, settings.STRIPE_SECRET_KEY = PUBLIC_KEY, SECRET_KEY
    monkeypatch.setattr(stripe, "api_base", upstream)
    return upstream


def test_two_celery_workers_reconcile_a_charge_of_a_shopper_who_never_came_back_into_one_order(
    transactional_db, good, localstripe_sdk, monkeypatch
):
    charge = shopper_gone_after_the_charge(localstripe_sdk, good)
    broker = os.environ.get("CELERY_BROKER_URL")
    if not broker:
        pytest.skip("CELERY_BROKER_URL is not set")
    env = {**stripe_env(localstripe_sdk), "OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS": str(GRACE_SECONDS),
           "CELERY_RESULT_BACKEND": broker}
    queues = [f"otop-test-reconcile-{os.getpid()}-{n}" for n in (1, 2)]
    backend = RedisBackend(app=celery_app, url=broker)
    started = time.monotonic()
    try:
        with celery_worker_process(queue=queues[0], broker_url=broker, extra_env=env) as first, \
                celery_worker_process(queue=queues[1], broker_url=broker, extra_env=env) as second:
            # Two workers starting at once on a loaded machine take a while.
            wait_for_worker(*first, timeout=300)
            wait_for_worker(*second, timeout=300)
            celery_app.conf.task_always_eager = False  # the autouse celery_eager fixture sets it back
            sent = [checkout_charges_reconcile_task.apply_async(queue=queue) for queue in queues]
            outcomes = [AsyncResult(result.id, backend=backend).get(timeout=180) for result in sent]
    finally:
        client = redis.Redis.from_url(broker)
        for queue in queues:
            client.delete(queue, f"_kombu.binding.{queue}")
    print(f"\ntwo workers reconciling one open charge: {outcomes} in {time.monotonic() - started:.1f} s")

    assert sum(outcome.get(CheckoutChargeStatus.COMPLETED, 0) for outcome in outcomes) == 1
    assert not any(outcome.get(CheckoutChargeStatus.GIVEN_BACK) for outcome in outcomes)
    order = Order.objects.get()
    assert order.is_fully_paid()
    assert order.user_email == "gone@example.com"
    charge.refresh_from_db()
    assert (charge.status, charge.order_id) == (CheckoutChargeStatus.COMPLETED, order.pk)
    assert stripe_charges(charge.payment_method) == 1
    assert stripe_refunds(charge.payment_method) == 0
    assert Transaction.objects.filter(kind=TransactionKind.CAPTURE, is_success=True).count() == 1
    assert allocated_units(good["variant"]) == 1
    assert not CheckoutStockReservation.objects.exists()
    sub_order = SubOrder.objects.get(order=order)
    assert LedgerEntry.objects.filter(sub_order=sub_order, kind=LedgerEntryKind.SALE).count() == 1


def run_reconcilers_at_once(count: int, env: dict) -> list:
    process_env = {**os.environ, "DATABASE_URL": database_url(), "CELERY_BROKER_URL": "", **env}
    processes = [
        subprocess.Popen([sys.executable, "manage.py", "otop_checkout_reconcile"], cwd=PROJECT_DIR, env=process_env,
                         stdout=subprocess.PIPE, text=True)
        for _ in range(count)
    ]
    outcomes = []
    for process in processes:
        out, _ = process.communicate(timeout=300)
        assert process.returncode == 0
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    return outcomes


def test_two_reconcilers_give_back_once_the_charge_of_a_checkout_that_can_no_longer_be_ordered(
    transactional_db, good, localstripe_sdk
):
    charge = shopper_gone_after_the_charge(localstripe_sdk, good)
    producer_services.producer_suspend(producer=good["producer"], reason="audit")
    started = time.monotonic()
    outcomes = run_reconcilers_at_once(2, {**stripe_env(localstripe_sdk), "OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS": str(GRACE_SECONDS)})
    print(f"\ntwo reconcilers giving back one open charge: {outcomes} in {time.monotonic() - started:.1f} s")

    assert sum(outcome.get(CheckoutChargeStatus.GIVEN_BACK, 0) for outcome in outcomes) == 1
    assert not any(outcome.get(CheckoutChargeStatus.COMPLETED) for outcome in outcomes)
    assert not Order.objects.exists()
    charge.refresh_from_db()
    assert charge.status == CheckoutChargeStatus.GIVEN_BACK
    assert "PRODUCER_SUSPENDED" in charge.last_error or "suspended" in charge.last_error
    payment = Payment.objects.get()
    assert payment.charge_status == ChargeStatus.FULLY_REFUNDED
    kinds = list(payment.transactions.filter(is_success=True).order_by("pk").values_list("kind", flat=True))
    assert kinds == [TransactionKind.CAPTURE, TransactionKind.REFUND]
    assert stripe_charges(charge.payment_method) == 1
    assert stripe_refunds(charge.payment_method) == 1
    assert not CheckoutStockReservation.objects.exists()
    assert allocated_units(good["variant"]) == 0


def test_a_charge_whose_answer_was_lost_is_given_back_once_by_two_reconcilers(transactional_db, good, localstripe_sdk):
    """Stripe charges, its answer never reaches the shop (502): the shopper is told the payment
    failed and the unit is released; the reconcilers find the money taken and refund it once."""
    proxy = subprocess.Popen(
        [sys.executable, "-m", "tests.support.capture_holding_proxy", localstripe_sdk, "--lose-first-charge-answer"],
        cwd=PROJECT_DIR, stdout=subprocess.PIPE, text=True,
    )
    try:
        proxy_url = f"http://127.0.0.1:{proxy.stdout.readline().strip()}"
        with gunicorn_server(workers=1, env={**stripe_env(proxy_url), "CELERY_BROKER_URL": ""}) as (url, _server):
            post = live_post(url)
            payment_method = card_payment_method()
            answer = complete(post, ready_checkout(post, good, gateway=(STRIPE, payment_method)))
    finally:
        proxy.kill()
        proxy.wait(timeout=30)
    assert answer["order"] is None
    assert answer["checkoutErrors"][0]["code"] == "PAYMENT_ERROR"
    charge = CheckoutCharge.objects.get()
    assert charge.status == CheckoutChargeStatus.DECLINED
    assert not CheckoutStockReservation.objects.exists()
    assert stripe_charges(payment_method) == 1  # Stripe has the money all the same
    wait_until(lambda: timezone.now() - CheckoutCharge.objects.get().updated_at > timedelta(seconds=2 * GRACE_SECONDS))

    outcomes = run_reconcilers_at_once(2, {**stripe_env(localstripe_sdk), "OTOP_CHECKOUT_RECONCILE_GRACE_SECONDS": str(GRACE_SECONDS)})
    print(f"\ntwo reconcilers on a charge whose answer was lost: {outcomes}")
    assert sum(outcome.get(CheckoutChargeStatus.GIVEN_BACK, 0) for outcome in outcomes) == 1
    assert CheckoutCharge.objects.get().status == CheckoutChargeStatus.GIVEN_BACK
    assert Payment.objects.get().charge_status == ChargeStatus.FULLY_REFUNDED
    assert stripe_charges(payment_method) == 1
    assert stripe_refunds(payment_method) == 1
    assert not Order.objects.exists()


def test_other_shoppers_buy_while_a_charge_waits_at_the_gateway_and_reserved_units_are_not_sold(
    transactional_db, good, localstripe_sdk
):
    """No stock row lock is held over the gateway call: while one shopper's charge waits, a
    second shopper of the same good completes at once; a third finds the held unit taken."""
    Stock.objects.filter(product_variant=good["variant"]).update(quantity=2)
    with charge_held_at_the_gateway(localstripe_sdk, good, workers=2) as held:
        second_id = ready_checkout(held.post, good, gateway=DUMMY, email="second@example.com")
        third_id = ready_checkout(held.post, good, gateway=DUMMY, email="third@example.com")
        started = time.monotonic()
        second = complete(held.post, second_id)
        print(f"\nsecond shopper's checkoutComplete while a charge of the same good waits: {time.monotonic() - started:.2f} s")
        third = complete(held.post, third_id)
        assert held.client.is_alive(), "the first shopper's charge is still waiting"
        assert second["checkoutErrors"] == [] and second["order"]
        (error,) = third["checkoutErrors"]
        assert (error["code"], error["variantId"]) == ("INSUFFICIENT_STOCK", good["variant_id"])
        assert allocated_units(good["variant"]) == 1
        assert CheckoutStockReservation.objects.get().quantity == 1
    held.client.join(60)
    charge = CheckoutCharge.objects.get(payment__gateway=STRIPE)
    assert charge.status == CheckoutChargeStatus.CHARGING  # the server stopped before the answer came

    outcome = checkout_completion.checkout_charges_reconcile(now=timezone.now() + timedelta(hours=1))
    assert outcome == {CheckoutChargeStatus.COMPLETED: 1}
    assert Order.objects.count() == 2
    assert allocated_units(good["variant"]) == 2
    assert Stock.objects.get(product_variant=good["variant"]).quantity == 2
    assert stripe_charges(held.payment_method) == 1


# --- In one process, on the test database ---------------------------------------------------

def charged_without_order(api_client, good, *, quantity=1) -> CheckoutCharge:
    """A charge whose process died after the charge was committed and before the order."""
    from graphene import Node

    checkout_id = ready_checkout(api_client.post, good, quantity=quantity)
    token = Node.from_global_id(checkout_id)[1]
    context = checkout_completion.CompletionContext(user=_anonymous(), discounts=[])
    _order, charge_id = checkout_completion.checkout_charge_start(
        token=token, checkout_id=checkout_id, context=context, store_source=False
    )
    assert checkout_completion.checkout_charge_take(charge_id=charge_id) == CheckoutChargeStatus.CHARGED
    return CheckoutCharge.objects.get(pk=charge_id)


def _anonymous():
    from django.contrib.auth.models import AnonymousUser

    return AnonymousUser()


def later():
    return timezone.now() + timedelta(hours=1)


@pytest.mark.django_db
def test_reconciler_leaves_a_charge_alone_within_the_grace_period(api_client, good):
    charged_without_order(api_client, good)
    assert checkout_completion.checkout_charges_reconcile() == {}
    assert CheckoutCharge.objects.get().status == CheckoutChargeStatus.CHARGED


@pytest.mark.django_db
def test_a_charge_another_reconciler_is_on_is_skipped_even_past_the_grace_period(api_client, good):
    """The claim's updated_at keeps a second reconciler off for the grace period only; a run that
    outlasts it (a slow gateway, a loaded machine) keeps the charge to itself all the same."""
    charge = charged_without_order(api_client, good)
    other = psycopg2.connect(**connection.get_connection_params())
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s, %s)", [checkout_completion.RECONCILER_LOCK_CLASS, charge.pk])
        assert checkout_completion.checkout_charges_reconcile(now=later()) == {}
        assert CheckoutCharge.objects.get().status == CheckoutChargeStatus.CHARGED
    finally:
        other.close()
    assert checkout_completion.checkout_charges_reconcile(now=later()) == {CheckoutChargeStatus.COMPLETED: 1}


@pytest.mark.django_db
def test_reconciler_completes_a_charged_checkout_whose_order_was_never_written(api_client, good):
    charge = charged_without_order(api_client, good)
    assert checkout_completion.checkout_charges_reconcile(now=later()) == {CheckoutChargeStatus.COMPLETED: 1}
    assert checkout_completion.checkout_charges_reconcile(now=later()) == {}
    order = Order.objects.get()
    assert order.is_fully_paid()
    assert Transaction.objects.filter(kind=TransactionKind.CAPTURE, is_success=True).count() == 1
    charge.refresh_from_db()
    assert charge.order_id == order.pk


@pytest.mark.django_db
def test_a_retry_after_the_reconciler_gave_back_is_refused_and_charges_nothing(api_client, good):
    charge = charged_without_order(api_client, good)
    good["product"].is_published = False
    good["product"].save(update_fields=["is_published"])
    assert checkout_completion.checkout_charges_reconcile(now=later()) == {CheckoutChargeStatus.GIVEN_BACK: 1}
    from graphene import Node

    checkout_id = Node.to_global_id("Checkout", charge.checkout_token)
    answer = complete(api_client.post, checkout_id)
    assert answer["order"] is None
    assert answer["checkoutErrors"][0]["code"] == "PRODUCT_NOT_PUBLISHED"
    assert Transaction.objects.filter(kind=TransactionKind.CAPTURE, is_success=True).count() == 1
    assert Transaction.objects.filter(kind=TransactionKind.REFUND, is_success=True).count() == 1


@pytest.mark.django_db
def test_a_checkout_changed_while_it_was_paid_is_given_back(api_client, good):
    charge = charged_without_order(api_client, good, quantity=2)
    line = charge.payment.checkout.lines.get()
    line.quantity = 1
    line.save(update_fields=["quantity"])
    context = checkout_completion.CompletionContext(user=_anonymous(), discounts=[])
    with pytest.raises(Exception) as raised:
        checkout_completion.checkout_charge_complete(charge_id=charge.pk, context=context)
    assert "changed while it was being paid" in str(raised.value)
    charge.refresh_from_db()
    assert charge.status == CheckoutChargeStatus.GIVEN_BACK
    assert Payment.objects.get().charge_status == ChargeStatus.FULLY_REFUNDED
    assert not Order.objects.exists()


@pytest.mark.django_db
def test_reconciler_gives_back_a_payment_charged_without_any_charge_record(good):
    """A payment captured before charges were recorded (or whose give-back failed): adopted,
    then refunded, since it has no checkout to complete."""
    from saleor.payment import gateway
    from saleor.payment.models import Payment as SaleorPayment

    payment = SaleorPayment.objects.create(
        gateway=DUMMY[0], token=DUMMY[1], total=Decimal("300.00"), currency="THB", billing_email="x@example.com",
    )
    gateway.process_payment(payment=payment, token=payment.token)
    SaleorPayment.objects.filter(pk=payment.pk).update(modified=timezone.now() - timedelta(hours=2))
    assert checkout_completion.checkout_charges_reconcile(now=timezone.now()) == {CheckoutChargeStatus.GIVEN_BACK: 1}
    payment.refresh_from_db()
    assert payment.charge_status == ChargeStatus.FULLY_REFUNDED
    assert checkout_completion.checkout_charges_reconcile(now=timezone.now()) == {}
