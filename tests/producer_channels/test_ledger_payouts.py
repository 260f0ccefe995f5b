import csv
import io
import random
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from graphene import Node
from saleor.order.actions import cancel_order, order_created
from saleor.payment import ChargeStatus

from otop_kernel.private_files import private_storage
from plugins.producer_channels import services
from plugins.producer_channels.models import (
    LedgerEntry,
    LedgerEntryKind,
    Payout,
    PayoutStatus,
    SubOrder,
    SubOrderStatus,
)
from plugins.producer_channels.plugin import ProducerChannelsConfiguration
from plugins.producer_channels.selectors import producer_balance
from tests.factories import StaffFactory
from tests.factories.producer_channels import (
    CONFIGURATION,
    pay,
    placed_order,
    producer_product,
    producer_with_owner,
)
from tests.graphql_client import mutation_errors

MANAGE_ORDERS = "order.manage_orders"
MANAGE_PAYOUTS = "otop_producers.manage_otop_payouts"
LATER = timezone.now() + timedelta(days=30)


def gid(type_name, pk):
    return Node.to_global_id(type_name, pk)


@pytest.fixture
def shop(db):
    weavers, _ = producer_with_owner(commission_rate=Decimal("10.00"))
    potters, _ = producer_with_owner(commission_rate=Decimal("15.00"), payout_method="bank_transfer",
                                     bank_code="002", bank_account_name="กลุ่มปั้นหม้อ", bank_account_number="1234567890",
                                     promptpay_id="")
    _, scarf = producer_product(weavers, price="500.00")
    _, jar = producer_product(potters, price="120.00")
    return {"weavers": weavers, "potters": potters, "scarf": scarf, "jar": jar}


def entries(producer, kind=None):
    found = LedgerEntry.objects.filter(producer=producer)
    if kind:
        found = found.filter(kind=kind)
    return sorted(found.values_list("gross_amount", "commission_amount", "net_amount"))


def assert_ledger_sums_to_paid_plus_due(*producers):
    for producer in producers:
        balance = producer_balance(producer_id=producer.pk)
        assert balance["total"] == balance["paid"] + balance["due"], producer.slug
        for payout in Payout.objects.filter(producer=producer).exclude(status=PayoutStatus.FAILED):
            assert payout.amount == sum(payout.entries.values_list("net_amount", flat=True)), payout
        assert not LedgerEntry.objects.filter(payout__status=PayoutStatus.FAILED).exists()


def test_paid_order_writes_gross_commission_and_net_per_producer(shop):
    order = placed_order([(shop["scarf"], 2), (shop["jar"], 3)])

    pay(order)

    assert entries(shop["weavers"]) == [(Decimal("1000.00"), Decimal("100.00"), Decimal("900.00"))]
    assert entries(shop["potters"]) == [(Decimal("360.00"), Decimal("54.00"), Decimal("306.00"))]


def test_unpaid_order_writes_no_ledger(shop):
    placed_order([(shop["scarf"], 1)])

    assert not LedgerEntry.objects.exists()


def test_sale_is_recorded_once(shop):
    order = placed_order([(shop["scarf"], 1)])
    pay(order)

    services.ledger_record_sale(order=order, configuration=CONFIGURATION)

    assert LedgerEntry.objects.count() == 1


def test_order_paid_before_it_was_created_is_recorded(shop):
    """Checkout captures the payment before the order exists; Saleor then calls only order_created."""
    order = placed_order([(shop["scarf"], 1)])
    SubOrder.objects.all().delete()
    order.payments.create(gateway="mirumee.payments.dummy", charge_status=ChargeStatus.FULLY_CHARGED,
                          total=order.total_gross_amount, captured_amount=order.total_gross_amount, currency="THB")

    order_created(order, user=order.user)

    assert entries(shop["weavers"]) == [(Decimal("500.00"), Decimal("50.00"), Decimal("450.00"))]


def test_cancellation_reverses_what_was_paid(shop):
    order = placed_order([(shop["scarf"], 2), (shop["jar"], 1)])
    pay(order)

    cancel_order(order, user=StaffFactory())

    assert entries(shop["weavers"], LedgerEntryKind.CANCELLATION) == [
        (Decimal("-1000.00"), Decimal("-100.00"), Decimal("-900.00"))
    ]
    assert producer_balance(producer_id=shop["weavers"].pk)["total"] == 0
    assert producer_balance(producer_id=shop["potters"].pk)["total"] == 0


def test_cancellation_of_unpaid_order_writes_nothing(shop):
    order = placed_order([(shop["scarf"], 1)])

    cancel_order(order, user=StaffFactory())

    assert not LedgerEntry.objects.exists()
    assert SubOrder.objects.get(order=order).status == SubOrderStatus.CANCELLED


def refund(staff_api_client, order, amount):
    mutation = "mutation($id: ID!, $amount: Decimal!) { orderRefund(id: $id, amount: $amount) { orderErrors { code message } } }"
    data = staff_api_client.data(mutation, {"id": gid("Order", order.pk), "amount": amount}, permissions=[MANAGE_ORDERS])
    assert data["orderRefund"]["orderErrors"] == []


def test_full_refund_reverses_every_producer(shop, staff_api_client):
    order = placed_order([(shop["scarf"], 2), (shop["jar"], 3)])
    pay(order)

    refund(staff_api_client, order, float(order.total_gross_amount))

    assert entries(shop["weavers"], LedgerEntryKind.REFUND) == [(Decimal("-1000.00"), Decimal("-100.00"), Decimal("-900.00"))]
    assert entries(shop["potters"], LedgerEntryKind.REFUND) == [(Decimal("-360.00"), Decimal("-54.00"), Decimal("-306.00"))]
    assert set(SubOrder.objects.values_list("status", flat=True)) == {SubOrderStatus.REFUNDED}


def test_partial_refund_reverses_each_producers_share(shop, staff_api_client):
    order = placed_order([(shop["scarf"], 1)], shipping="0.00")
    pay(order)

    refund(staff_api_client, order, 100)

    assert entries(shop["weavers"], LedgerEntryKind.REFUND) == [(Decimal("-100.00"), Decimal("-10.00"), Decimal("-90.00"))]
    assert SubOrder.objects.get(order=order).status == SubOrderStatus.UNFULFILLED


def test_refunds_then_cancellation_reverse_exactly_the_sale(shop, staff_api_client):
    order = placed_order([(shop["scarf"], 1)], shipping="0.00")
    pay(order)
    refund(staff_api_client, order, 100)

    cancel_order(order, user=StaffFactory())

    assert producer_balance(producer_id=shop["weavers"].pk)["total"] == 0
    assert LedgerEntry.objects.filter(kind=LedgerEntryKind.CANCELLATION).count() == 1


def test_reversals_are_written_once(shop, staff_api_client):
    order = placed_order([(shop["scarf"], 1)])
    pay(order)
    refund(staff_api_client, order, 100)

    services.sub_orders_sync(order=order, configuration=CONFIGURATION)

    assert LedgerEntry.objects.filter(kind=LedgerEntryKind.REFUND).count() == 1


def test_payout_run_batches_what_is_due_per_producer_and_writes_the_file(shop, tmp_path):
    pay(placed_order([(shop["scarf"], 2)]))
    pay(placed_order([(shop["scarf"], 1), (shop["jar"], 1)]))
    configuration = ProducerChannelsConfiguration(minimum_payout_amount=Decimal("1"))

    run = services.payout_run_create(configuration=configuration, as_of=LATER)

    payouts = {payout.producer: payout for payout in run.payouts.all()}
    assert payouts[shop["weavers"]].amount == Decimal("1350.00")
    assert payouts[shop["potters"]].amount == Decimal("102.00")
    rows = list(csv.DictReader(io.StringIO(private_storage().open(run.file_name).read().decode("utf-8-sig"))))
    assert {(row["producer"], row["method"], row["transfer_amount"]) for row in rows} == {
        (shop["weavers"].slug, "promptpay", "1350.00"), (shop["potters"].slug, "bank_transfer", "102.00"),
    }
    potters_row = next(row for row in rows if row["method"] == "bank_transfer")
    assert (potters_row["bank_code"], potters_row["account_number"], potters_row["payee_name"]) == (
        "002", "1234567890", "กลุ่มปั้นหม้อ"
    )
    assert not LedgerEntry.objects.filter(payout__isnull=True).exists()


def test_entries_in_their_hold_period_wait(shop, tmp_path):
    pay(placed_order([(shop["scarf"], 1)]))
    configuration = ProducerChannelsConfiguration()

    run = services.payout_run_create(configuration=configuration, as_of=timezone.now())

    assert not run.payouts.exists() and run.file_name == ""


def test_producer_without_payout_details_is_left_out_and_noted(shop, tmp_path):
    shop["weavers"].promptpay_id = ""
    shop["weavers"].save()
    pay(placed_order([(shop["scarf"], 1)]))

    run = services.payout_run_create(configuration=ProducerChannelsConfiguration(), as_of=LATER)

    assert not run.payouts.exists()
    assert run.notes == f"{shop['weavers'].slug}: 450.00 THB due, payout details missing"


def test_withholding_tax_is_kept_from_flagged_producers(shop, tmp_path):
    shop["weavers"].withholding_tax = True
    shop["weavers"].save()
    pay(placed_order([(shop["scarf"], 2)]))
    configuration = ProducerChannelsConfiguration(withholding_tax_percent=Decimal("3"))

    run = services.payout_run_create(configuration=configuration, as_of=LATER)

    payout = run.payouts.get()
    assert (payout.amount, payout.withholding_amount, payout.transfer_amount) == (
        Decimal("900.00"), Decimal("27.00"), Decimal("873.00")
    )


def test_suspended_producers_are_not_paid_out(shop, tmp_path):
    pay(placed_order([(shop["scarf"], 1)]))
    services.producer_suspend(producer=shop["weavers"])

    run = services.payout_run_create(configuration=ProducerChannelsConfiguration(), as_of=LATER)

    assert not run.payouts.exists()


PAYOUT_CONFIRM = "mutation($id: ID!) { producerPayoutConfirm(id: $id) { payout { status } producerErrors { field code message } } }"
PAYOUT_FAIL = 'mutation($id: ID!) { producerPayoutFail(id: $id, reason: "Account closed") { payout { status failureReason } producerErrors { code } } }'


@pytest.fixture
def pending_payout(shop, tmp_path):
    pay(placed_order([(shop["scarf"], 1)]))
    run = services.payout_run_create(configuration=ProducerChannelsConfiguration(), as_of=LATER)
    return run.payouts.get()


def test_finance_confirms_payout(pending_payout, staff_api_client):
    data = staff_api_client.data(PAYOUT_CONFIRM, {"id": gid("ProducerPayout", pending_payout.pk)}, permissions=[MANAGE_PAYOUTS])

    assert data["producerPayoutConfirm"]["payout"] == {"status": "PAID"}
    balance = producer_balance(producer_id=pending_payout.producer_id)
    assert (balance["paid"], balance["due"]) == (Decimal("450.00"), Decimal("0.00"))


def test_confirming_twice_is_refused(pending_payout, staff_api_client):
    staff_api_client.data(PAYOUT_CONFIRM, {"id": gid("ProducerPayout", pending_payout.pk)}, permissions=[MANAGE_PAYOUTS])

    data = staff_api_client.data(PAYOUT_CONFIRM, {"id": gid("ProducerPayout", pending_payout.pk)})

    assert mutation_errors(data, "producerPayoutConfirm", "producerErrors") == [
        {"field": "id", "code": "PAYOUT_NOT_PENDING", "message": "The payout is already paid."}
    ]


def test_failed_payout_returns_its_entries_to_due_and_next_run_pays_them(pending_payout, staff_api_client, tmp_path):
    data = staff_api_client.data(PAYOUT_FAIL, {"id": gid("ProducerPayout", pending_payout.pk)}, permissions=[MANAGE_PAYOUTS])

    assert data["producerPayoutFail"]["payout"] == {"status": "FAILED", "failureReason": "Account closed"}
    assert producer_balance(producer_id=pending_payout.producer_id)["due"] == Decimal("450.00")
    rerun = services.payout_run_create(configuration=ProducerChannelsConfiguration(), as_of=LATER)
    assert rerun.payouts.get().amount == Decimal("450.00")


def test_payout_mutations_need_payout_permission(pending_payout, staff_api_client):
    staff_api_client.assert_refused(PAYOUT_CONFIRM, {"id": gid("ProducerPayout", pending_payout.pk)})

    assert Payout.objects.get().status == PayoutStatus.PENDING


def test_finance_runs_payouts_and_downloads_the_file(shop, staff_api_client, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    pay(placed_order([(shop["scarf"], 1)]))
    mutation = "mutation($asOf: DateTime) { producerPayoutRunCreate(asOf: $asOf) { run { fileContent payouts { reference amount { amount } } } } }"

    data = staff_api_client.data(mutation, {"asOf": LATER.isoformat()}, permissions=[MANAGE_PAYOUTS])

    run = data["producerPayoutRunCreate"]["run"]
    assert run["payouts"][0]["amount"] == {"amount": 450.0}
    assert run["payouts"][0]["reference"] in run["fileContent"]


def test_member_reads_ledger_and_balance(shop, client):
    from tests.graphql_client import GraphQLClient

    pay(placed_order([(shop["scarf"], 1)]))
    owner = shop["weavers"].members.get().user
    query = "{ myProducer { balance { total { amount } due { amount } paid { amount } } ledger(first: 5) { edges { node { kind orderNumber net { amount } } } } } }"

    data = GraphQLClient(client, user=owner).data(query)["myProducer"]

    assert data["balance"] == {"total": {"amount": 450.0}, "due": {"amount": 450.0}, "paid": {"amount": 0.0}}
    assert data["ledger"]["edges"][0]["node"]["kind"] == "SALE"
    assert data["ledger"]["edges"][0]["node"]["net"] == {"amount": 450.0}


def test_payout_run_command_prints_the_file(shop, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    pay(placed_order([(shop["scarf"], 1)]))
    out = StringIO()

    call_command("otop_payout_run", "--as-of", LATER.date().isoformat(), stdout=out)

    assert "1 payouts, 450.00 to transfer" in out.getvalue()
    assert "Payout file: otop-payouts/" in out.getvalue()


def test_payout_run_task_batches_due_entries(shop, settings, tmp_path):
    from plugins.producer_channels.models import PayoutRun
    from plugins.producer_channels.tasks import payout_run_task

    settings.MEDIA_ROOT = str(tmp_path)
    pay(placed_order([(shop["scarf"], 1)]))
    LedgerEntry.objects.update(available_on=timezone.now() - timedelta(days=1))

    run_id = payout_run_task.delay().get()

    assert PayoutRun.objects.get(pk=run_id).payouts.get().amount == Decimal("450.00")


def test_bad_input_leaves_the_ledger_unchanged(shop, client):
    from tests.graphql_client import GraphQLClient

    order = placed_order([(shop["scarf"], 2)])
    pay(order)
    before = list(LedgerEntry.objects.values())
    owner = shop["weavers"].members.get().user
    sub_order = SubOrder.objects.get(order=order, producer=shop["weavers"])
    line = order.lines.get()
    mutation = """mutation($s: ID!, $l: ID!) { producerFulfillLines(subOrder: $s, lines: [{orderLineId: $l, quantity: 5}]) {
        producerErrors { code } } }"""

    GraphQLClient(client, user=owner).data(mutation, {"s": gid("ProducerSubOrder", sub_order.pk), "l": gid("OrderLine", line.pk)})

    assert list(LedgerEntry.objects.values()) == before


STEPS = ["order"] * 3 + ["refund"] * 2 + ["cancel", "run", "run", "settle", "settle"]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_ledger_always_sums_to_paid_plus_due(shop, tmp_path, seed):
    """Random sequences of paid orders, refunds, cancellations, payout runs, confirmations and
    failures; after every step each producer's ledger sums to paid + due."""
    from saleor.order.actions import order_refunded
    from saleor.payment import gateway

    rng = random.Random(seed)
    configuration = ProducerChannelsConfiguration(minimum_payout_amount=Decimal("1"))
    staff = StaffFactory()
    open_orders = []
    for _ in range(16):
        step = rng.choice(STEPS)
        if step == "order" or not open_orders and step in ("refund", "cancel"):
            variants = rng.sample([shop["scarf"], shop["jar"]], rng.randint(1, 2))
            order = placed_order([(variant, rng.randint(1, 3)) for variant in variants])
            pay(order)
            open_orders.append(order)
        elif step == "refund":
            order = rng.choice(open_orders)
            payment = order.payments.get()
            if payment.captured_amount >= 2:
                amount = Decimal(rng.randint(1, int(payment.captured_amount)))
                gateway.refund(payment, amount)
                order_refunded(order, staff, amount, payment)
        elif step == "cancel":
            order = open_orders.pop(rng.randrange(len(open_orders)))
            order.refresh_from_db()
            cancel_order(order, user=staff)
        elif step == "run":
            services.payout_run_create(configuration=configuration, as_of=LATER)
        else:
            for payout in Payout.objects.filter(status=PayoutStatus.PENDING):
                if rng.random() < 0.5:
                    services.payout_confirm(payout=payout, user=staff)
                else:
                    services.payout_fail(payout=payout, user=staff)
        assert_ledger_sums_to_paid_plus_due(shop["weavers"], shop["potters"])


def test_payout_run_first_reverses_refunds_made_without_an_order_hook(shop, tmp_path):
    """Saleor's paymentRefund mutation refunds a payment without telling the plugins."""
    from saleor.payment import gateway

    order = placed_order([(shop["scarf"], 1)], shipping="0.00")
    payment = pay(order)
    gateway.refund(payment, Decimal("500.00"))

    run = services.payout_run_create(configuration=ProducerChannelsConfiguration(), as_of=LATER)

    assert entries(shop["weavers"], LedgerEntryKind.REFUND) == [(Decimal("-500.00"), Decimal("-50.00"), Decimal("-450.00"))]
    assert not run.payouts.exists()
    assert SubOrder.objects.get(order=order).status == SubOrderStatus.REFUNDED
