"""Payouts in the back office: runs created, payouts marked paid or failed — each refused
without MANAGE_OTOP_PAYOUTS (even when posted), then done through the services."""
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.test import Client

from plugins.producer_channels.models import Payout, PayoutMethod, PayoutRun, PayoutStatus
from tests.factories import StaffFactory
from tests.factories.producer_channels import ProducerFactory
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db
PAYOUTS = "/staff/otop_producers/payout/"


@pytest.fixture
def finance():
    return sign_in(Client(), StaffFactory(email="finance@otop.example", permissions=["otop_producers.manage_otop_payouts"]))


@pytest.fixture
def officer():
    return sign_in(Client(), StaffFactory(email="officer@otop.example", permissions=["otop_producers.manage_otop_producers"]))


def pending_payouts(count):
    run = PayoutRun.objects.create(as_of=datetime(2026, 1, 1, tzinfo=UTC))
    return [
        Payout.objects.create(
            producer=ProducerFactory(), run=run, currency="THB", amount=Decimal("100.00"),
            transfer_amount=Decimal("97.00"), method=PayoutMethod.PROMPTPAY, promptpay_id="0812345678",
        )
        for _ in range(count)
    ]


def test_marking_paid_is_refused_without_the_permission_then_done(finance, officer):
    payouts = pending_payouts(2)
    data = {"action": "confirm", ACTION_CHECKBOX_NAME: [p.pk for p in payouts]}
    assert officer.post(PAYOUTS, data).status_code == 403
    assert not Payout.objects.exclude(status=PayoutStatus.PENDING).exists()
    finance.post(PAYOUTS, data)
    assert set(Payout.objects.values_list("status", flat=True)) == {PayoutStatus.PAID}
    again = finance.post(PAYOUTS, data, follow=True)
    assert "no longer pending" in again.content.decode()


def test_a_failed_payout_keeps_the_bank_answer(finance):
    payout, = pending_payouts(1)
    data = {"action": "fail", ACTION_CHECKBOX_NAME: [payout.pk]}
    assert b'name="reason"' in finance.post(PAYOUTS, data).content
    finance.post(PAYOUTS, {**data, "apply": "1", "reason": "Account closed"})
    payout.refresh_from_db()
    assert payout.status == PayoutStatus.FAILED and payout.failure_reason == "Account closed"


def test_a_payout_run_is_created_by_finance_only(finance, officer):
    assert officer.post("/staff/otop_producers/payoutrun/create/").status_code == 403
    assert not PayoutRun.objects.exists()
    assert finance.post("/staff/otop_producers/payoutrun/create/").status_code == 302
    assert PayoutRun.objects.count() == 1
