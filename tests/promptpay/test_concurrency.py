"""Exactly once under real concurrency: threads with their own connections see committed
data only, so the test runs outside a transaction and the database is flushed after it."""
import threading
from decimal import Decimal

import pytest
from django.db import connection
from saleor.order import OrderEvents
from saleor.plugins.models import PluginConfiguration

from plugins.producer_channels.models import LedgerEntry
from plugins.producer_channels.plugin import ProducerChannelsPlugin
from plugins.promptpay import services
from plugins.promptpay.models import BankTransferSource
from tests.factories import ShippingMethodFactory, ShippingZoneFactory
from tests.factories.producer_channels import producer_product, producer_with_owner
from tests.promptpay.conftest import charge_of, promptpay_order


@pytest.fixture
def producer_variant(transactional_db):
    PluginConfiguration.objects.create(identifier=ProducerChannelsPlugin.PLUGIN_ID, active=True, configuration=[])
    ShippingMethodFactory(shipping_zone=ShippingZoneFactory(countries=["TH"]))
    producer, _owner = producer_with_owner(commission_rate=Decimal("10.00"))
    return producer_product(producer, price="250.00")[1]


def in_threads(count: int, work):
    """Run `work(index)` in `count` threads released together; answers their results."""
    barrier, results, errors = threading.Barrier(count), [None] * count, []

    def run(index):
        try:
            barrier.wait(timeout=30)
            results[index] = work(index)
        except Exception as error:  # reported below, in the test's thread
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


def test_simultaneous_confirmations_pay_once_and_write_the_ledger_once(direct_promptpay, api_client, producer_variant):
    order = promptpay_order(api_client, producer_variant)
    reference = charge_of(order).reference

    outcomes = in_threads(4, lambda index: services.bank_transfer_record(
        bank_transaction_id=f"KB-{index % 2}", reference=reference, amount=Decimal("550.00"), booked_at=None,
        source=BankTransferSource.STATEMENT,
    ).outcome)

    assert sorted(outcomes) == ["already_paid", "duplicate", "duplicate", "paid"]
    order.refresh_from_db()
    assert order.is_fully_paid()
    assert order.events.filter(type=OrderEvents.ORDER_FULLY_PAID).count() == 1
    assert LedgerEntry.objects.filter(sub_order__order=order).count() == 1
