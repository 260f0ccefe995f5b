"""Direct PromptPay: a Thai shopper's order waits, unpaid with its stock held, for the
programme's bank to confirm the transfer; statement rows and staff confirmations apply once."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from saleor.order import OrderEvents, OrderStatus
from saleor.payment import ChargeStatus as SaleorChargeStatus
from saleor.payment import TransactionKind
from saleor.payment.models import Transaction
from saleor.plugins.models import PluginConfiguration
from saleor.warehouse.models import Allocation

from plugins.promptpay import emvco, services
from plugins.promptpay.models import BankTransfer, ChargeStatus, PromptPayCharge
from tests.promptpay.conftest import PROGRAMME_PROMPTPAY_ID, charge_of, promptpay_order

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("direct_promptpay")]

CONFIRM = """mutation ($bank: String!, $reference: String!, $amount: Decimal!) {
  promptpayPaymentConfirm(bankTransactionId: $bank, reference: $reference, amount: $amount) {
    outcome promptpayErrors { field code message } } }"""
IMPORT = """mutation ($csv: String!) { promptpayStatementImport(csv: $csv, filename: "kbank.csv") {
  rows { line bankTransactionId outcome } promptpayErrors { field code message } } }"""
NEEDS_STAFF = """{ promptpayChargesNeedingStaff { reference status reviewReason order { number } }
  promptpayBankTransfersNeedingStaff { bankTransactionId outcome } }"""
MANAGE = ["otop_promptpay.manage_otop_promptpay"]
QUERIES_FOR_TRANSFERS = 4  # session, user (its token version checked on the same row), permissions, the transfers with their charges


def paid_events(order) -> int:
    return order.events.filter(type=OrderEvents.ORDER_FULLY_PAID).count()


def test_order_is_placed_unpaid_with_stock_held_and_a_dynamic_qr(api_client, variant):
    order = promptpay_order(api_client, variant)
    assert order.status == OrderStatus.UNFULFILLED and not order.is_fully_paid()
    assert Allocation.objects.filter(order_line__order=order).get().quantity_allocated == 2
    payment = order.payments.get()
    assert payment.charge_status == SaleorChargeStatus.NOT_CHARGED and payment.is_active
    assert payment.transactions.get().kind == TransactionKind.AUTH
    charge = charge_of(order)
    assert charge.status == ChargeStatus.PENDING and charge.amount == Decimal("550.00")
    qr = emvco.parse_credit_transfer(charge.qr_payload)
    assert (qr.dynamic, qr.target, qr.amount, qr.reference, qr.currency) == (
        True, "0066812345678", Decimal("550.00"), charge.reference, "764")
    assert timedelta(minutes=14) < charge.expires_at - charge.created_at <= timedelta(minutes=15)


def test_statement_with_one_matching_one_unknown_and_one_duplicate_row(api_client, staff_api_client, variant):
    order = promptpay_order(api_client, variant)
    reference = charge_of(order).reference
    csv = ("bank_transaction_id,booked_at,amount,reference\n"
           f"KB-1001,2026-12-01T14:05:00+07:00,550.00,{reference}\n"
           "KB-1002,2026-12-01T14:06:00+07:00,120.00,OTOP99999999\n"
           f"KB-1001,2026-12-01T14:05:00+07:00,550.00,{reference}\n")
    result = staff_api_client.data(IMPORT, {"csv": csv}, permissions=MANAGE)["promptpayStatementImport"]
    assert result["promptpayErrors"] == []
    assert [(row["line"], row["outcome"]) for row in result["rows"]] == [
        (2, "PAID"), (3, "UNKNOWN_REFERENCE"), (4, "DUPLICATE")]
    order.refresh_from_db()
    assert order.is_fully_paid() and paid_events(order) == 1
    assert order.payments.get().charge_status == SaleorChargeStatus.FULLY_CHARGED
    assert Transaction.objects.filter(payment__order=order, kind=TransactionKind.CAPTURE).count() == 1
    # The same statement again changes nothing.
    again = staff_api_client.data(IMPORT, {"csv": csv}, permissions=MANAGE)["promptpayStatementImport"]
    assert {row["outcome"] for row in again["rows"]} == {"DUPLICATE"}
    assert paid_events(order) == 1 and BankTransfer.objects.count() == 2
    needs_staff = staff_api_client.data(NEEDS_STAFF, permissions=MANAGE)
    assert needs_staff["promptpayBankTransfersNeedingStaff"] == [
        {"bankTransactionId": "KB-1002", "outcome": "UNKNOWN_REFERENCE"}]


def test_a_bad_statement_row_refuses_the_whole_file(api_client, staff_api_client, variant):
    order = promptpay_order(api_client, variant)
    csv = ("bank_transaction_id,booked_at,amount,reference\n"
           f"KB-1,2026-12-01,550.00,{charge_of(order).reference}\nKB-2,2026-12-01,lots,X\n")
    result = staff_api_client.data(IMPORT, {"csv": csv}, permissions=MANAGE)["promptpayStatementImport"]
    assert result["promptpayErrors"] == [
        {"field": "csv", "code": "INVALID_CSV", "message": "Line 3: the amount 'lots' is not a number."}]
    assert not BankTransfer.objects.exists() and charge_of(order).status == ChargeStatus.PENDING


def test_staff_confirmation_pays_once_and_a_later_statement_row_is_a_duplicate(api_client, staff_api_client, variant):
    order = promptpay_order(api_client, variant)
    reference = charge_of(order).reference
    variables = {"bank": "SCB-77", "reference": reference, "amount": "550.00"}
    assert staff_api_client.data(CONFIRM, variables, permissions=MANAGE)["promptpayPaymentConfirm"]["outcome"] == "PAID"
    assert staff_api_client.data(CONFIRM, variables, permissions=MANAGE)["promptpayPaymentConfirm"]["outcome"] == "DUPLICATE"
    _statement, results = services.statement_import(
        csv_text=f"bank_transaction_id,booked_at,amount,reference\nSCB-77,2026-12-01,550.00,{reference}\n")
    assert [result.outcome for _row, result in results] == ["duplicate"]
    order.refresh_from_db()
    assert paid_events(order) == 1


def test_a_second_transfer_for_a_paid_order_waits_for_staff(api_client, staff_api_client, variant):
    order = promptpay_order(api_client, variant)
    reference = charge_of(order).reference
    staff_api_client.data(CONFIRM, {"bank": "B-1", "reference": reference, "amount": "550.00"}, permissions=MANAGE)
    second = staff_api_client.data(CONFIRM, {"bank": "B-2", "reference": reference, "amount": "550.00"},
                                   permissions=MANAGE)
    assert second["promptpayPaymentConfirm"]["outcome"] == "ALREADY_PAID"
    assert paid_events(order) == 1
    assert BankTransfer.objects.get(bank_transaction_id="B-2").outcome == "already_paid"


def test_a_wrong_amount_keeps_the_order_unpaid_and_waits_for_staff(api_client, staff_api_client, variant):
    order = promptpay_order(api_client, variant)
    charge = charge_of(order)
    outcome = staff_api_client.data(CONFIRM, {"bank": "B-9", "reference": charge.reference, "amount": "500.00"},
                                    permissions=MANAGE)["promptpayPaymentConfirm"]["outcome"]
    assert outcome == "AMOUNT_MISMATCH"
    charge.refresh_from_db()
    assert charge.status == ChargeStatus.NEEDS_REVIEW and "500.00 THB received" in charge.review_reason
    order.refresh_from_db()
    assert not order.is_fully_paid()


def test_confirmation_needs_the_permission(api_client, staff_api_client, variant):
    order = promptpay_order(api_client, variant)
    staff_api_client.assert_refused(CONFIRM, {"bank": "B", "reference": charge_of(order).reference, "amount": "550"})
    staff_api_client.assert_refused(IMPORT, {"csv": "bank_transaction_id,booked_at,amount,reference\n"})
    assert charge_of(order).status == ChargeStatus.PENDING


def test_expiry_cancels_the_order_and_releases_its_stock(api_client, variant):
    order = promptpay_order(api_client, variant)
    charge = charge_of(order)
    assert services.charges_expire_due(now=charge.expires_at - timedelta(seconds=1)) == 0
    assert services.charges_expire_due(now=charge.expires_at + timedelta(seconds=1)) == 1
    order.refresh_from_db()
    charge.refresh_from_db()
    assert order.status == OrderStatus.CANCELED and charge.status == ChargeStatus.EXPIRED
    assert Allocation.objects.filter(order_line__order=order, quantity_allocated__gt=0).count() == 0
    assert not order.payments.get().is_active
    assert services.charges_expire_due(now=charge.expires_at + timedelta(minutes=5)) == 0


def test_the_beat_task_expires_what_is_due(api_client, variant):
    from plugins.promptpay.tasks import charges_expire_due_task

    order = promptpay_order(api_client, variant)
    PromptPayCharge.objects.filter(payment__order=order).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert charges_expire_due_task() == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED
    assert not Allocation.objects.filter(order_line__order=order, quantity_allocated__gt=0).exists()


def test_a_late_transfer_is_kept_for_staff_with_a_reason(api_client, staff_api_client, variant):
    order = promptpay_order(api_client, variant)
    charge = charge_of(order)
    services.charges_expire_due(now=charge.expires_at + timedelta(seconds=1))
    outcome = staff_api_client.data(CONFIRM, {"bank": "K-5", "reference": charge.reference, "amount": "550.00"},
                                    permissions=MANAGE)["promptpayPaymentConfirm"]["outcome"]
    assert outcome == "LATE"
    needing = staff_api_client.data(NEEDS_STAFF, permissions=MANAGE)["promptpayChargesNeedingStaff"]
    assert len(needing) == 1 and needing[0]["status"] == "NEEDS_REVIEW"
    assert "after the QR had expired" in needing[0]["reviewReason"] and "refund the shopper" in needing[0]["reviewReason"]
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED and paid_events(order) == 0


def test_checkout_in_another_currency_is_not_offered_promptpay(api_client, variant):
    from saleor.checkout.models import Checkout

    query = "query ($token: UUID!) { checkout(token: $token) { availablePaymentGateways { id } } }"
    checkout = Checkout.objects.create(currency="THB", email="malee@example.com")
    gateways = lambda: {g["id"] for g in api_client.data(query, {"token": str(checkout.token)})["checkout"]["availablePaymentGateways"]}  # noqa: E731
    assert "otop.promptpay" in gateways()
    Checkout.objects.filter(pk=checkout.pk).update(currency="USD")
    assert "otop.promptpay" not in gateways()


def test_promptpay_id_is_validated_in_the_configuration(staff_api_client):
    query = """mutation { pluginUpdate(id: "otop.promptpay", input: {configuration: [
      {name: "promptpay_id", value: "12345"}]}) { pluginsErrors { field code } } }"""
    errors = staff_api_client.data(query, permissions=["plugins.manage_plugins"])["pluginUpdate"]["pluginsErrors"]
    assert errors == [{"field": "promptpayId", "code": "INVALID"}]
    stored = PluginConfiguration.objects.get(identifier="otop.promptpay").configuration
    assert {"name": "promptpay_id", "value": PROGRAMME_PROMPTPAY_ID} in stored


@pytest.mark.parametrize("count", [1, 6])
def test_bank_transfers_needing_staff_query_count_does_not_grow(staff_api_client, django_assert_num_queries, count):
    for number in range(count):
        services.bank_transfer_record(bank_transaction_id=f"X-{number}", reference=f"NOPE{number}",
                                      amount=Decimal("10.00"), booked_at=None, source="statement")
    query = "{ promptpayBankTransfersNeedingStaff { bankTransactionId outcome amount { amount } charge { reference } } }"
    staff_api_client.data(query, permissions=MANAGE)  # warm: session, permissions
    with django_assert_num_queries(QUERIES_FOR_TRANSFERS):
        data = staff_api_client.data(query)
    assert len(data["promptpayBankTransfersNeedingStaff"]) == count


def test_a_retried_payment_gets_the_same_qr(api_client, variant):
    from saleor.payment import gateway

    order = promptpay_order(api_client, variant)
    payment = order.payments.get()
    again = gateway.process_payment(payment=payment, token=payment.token)
    assert again.is_success and again.token == charge_of(order).reference
    assert PromptPayCharge.objects.filter(payment=payment).count() == 1


def test_staff_cannot_capture_a_promptpay_payment_by_hand(api_client, variant):
    from saleor.payment import PaymentError, gateway

    order = promptpay_order(api_client, variant)
    with pytest.raises(PaymentError, match="captured when the shopper's transfer arrives"):
        gateway.capture(order.payments.get())
    assert not order.payments.get().captured_amount
