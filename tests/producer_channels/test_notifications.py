"""Producer notifications: recorded where the event happens, once, and sent through the channels."""
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from saleor.warehouse.models import Stock

from plugins.producer_channels import notifications, services
from plugins.producer_channels.models import NotificationKind, Payout, ProducerNotification, SubOrder
from tests.factories.producer_channels import (
    CONFIGURATION,
    MemberFactory,
    pay,
    placed_order,
    producer_product,
    producer_with_owner,
)


@pytest.fixture
def weavers_order(db):
    weavers, owner = producer_with_owner(commission_rate=Decimal("10.00"))
    _, scarf = producer_product(weavers, price="500.00", quantity=4, sku="SCARF-1")
    order = placed_order([(scarf, 2)])
    return weavers, owner, scarf, order


def test_a_new_sub_order_is_recorded_and_mailed_once(weavers_order, django_capture_on_commit_callbacks):
    weavers, owner, _scarf, order = weavers_order
    sub_order = SubOrder.objects.get(order=order)
    mail.outbox.clear()

    services.order_notify_producers(order_id=order.pk)
    services.sub_order_notify_producer(sub_order_id=sub_order.pk)

    notification = ProducerNotification.objects.get(producer=weavers, kind=NotificationKind.NEW_SUB_ORDER)
    assert notification.facts["sub_order_id"] == sub_order.pk
    assert notification.facts["lines"] == [{"quantity": 2, "name": _scarf.product.name, "sku": "SCARF-1"}]
    assert notification.sent_at is not None and notification.read_at is None
    new_order_mails = [message for message in mail.outbox if "new order" in message.subject]
    assert len(new_order_mails) == 1
    assert sorted(new_order_mails[0].to) == sorted([weavers.contact_email, owner.email])
    assert "SCARF-1" in new_order_mails[0].body and "คำสั่งซื้อใหม่" in new_order_mails[0].body


def test_stock_left_low_by_an_order_is_notified(weavers_order):
    weavers, _owner, scarf, order = weavers_order
    Stock.objects.filter(product_variant=scarf).update(quantity=3)  # placed_order allocates none

    services.sub_order_notify_producer(sub_order_id=SubOrder.objects.get(order=order).pk)

    low = ProducerNotification.objects.get(producer=weavers, kind=NotificationKind.LOW_STOCK)
    assert (low.facts["sku"], low.facts["available"]) == ("SCARF-1", 3)
    assert any("low stock of SCARF-1" in message.subject for message in mail.outbox)


def test_plenty_of_stock_notifies_nothing_and_a_repeat_check_notifies_once(db):
    weavers, _ = producer_with_owner()
    _, scarf = producer_product(weavers, quantity=50)
    assert services.low_stock_notify(producer=weavers, variant_ids=[scarf.pk], send="no") == 0
    Stock.objects.filter(product_variant=scarf).update(quantity=1)

    assert services.low_stock_notify(producer=weavers, variant_ids=[scarf.pk], send="no") == 1
    assert services.low_stock_notify(producer=weavers, variant_ids=[scarf.pk], send="no") == 0


def test_payouts_notify_when_batched_paid_and_failed(weavers_order, django_capture_on_commit_callbacks):
    weavers, _owner, _scarf, order = weavers_order
    pay(order)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.payout_run_create(configuration=CONFIGURATION, as_of=timezone.now() + timedelta(days=30))
    payout = Payout.objects.get(producer=weavers)
    with django_capture_on_commit_callbacks(execute=True):
        services.payout_confirm(payout=payout, user=None)

    kinds = list(ProducerNotification.objects.filter(producer=weavers).values_list("kind", flat=True).order_by("pk"))
    assert kinds == [NotificationKind.PAYOUT_BATCHED, NotificationKind.PAYOUT_PAID]
    assert [message.subject for message in mail.outbox] == [
        "OTOP Market: payout OTOP-PAYOUT-%08d / กำลังโอนเงิน" % payout.pk,
        "OTOP Market: payout OTOP-PAYOUT-%08d / โอนเงินแล้ว" % payout.pk,
    ]
    assert "900.00 THB" in mail.outbox[1].body


def test_a_notification_of_the_same_event_is_recorded_once(db):
    weavers, _ = producer_with_owner()
    facts = {"payout_id": 1, "reference": "OTOP-PAYOUT-00000001", "amount": "10.00", "currency": "THB"}

    first = services.producer_notify(
        producer_id=weavers.pk, kind=NotificationKind.PAYOUT_PAID, dedupe_key="payout_paid:1", facts=facts, send="no"
    )
    again = services.producer_notify(
        producer_id=weavers.pk, kind=NotificationKind.PAYOUT_PAID, dedupe_key="payout_paid:1", facts=facts, send="no"
    )

    assert first is not None and again is None
    assert ProducerNotification.objects.filter(producer=weavers).count() == 1


def test_mark_read_touches_only_the_producers_own(db):
    weavers, _ = producer_with_owner()
    potters, _ = producer_with_owner()
    facts = {"payout_id": 1, "reference": "R", "amount": "1.00", "currency": "THB"}
    own = services.producer_notify(producer_id=weavers.pk, kind="payout_paid", dedupe_key="a", facts=facts, send="no")
    other = services.producer_notify(producer_id=potters.pk, kind="payout_paid", dedupe_key="a", facts=facts, send="no")

    assert services.producer_notifications_mark_read(producer=weavers, notification_ids=[own.pk, other.pk]) == 1

    other.refresh_from_db()
    assert other.read_at is None


class RecordingChannel:
    name = "recording"

    def __init__(self):
        self.sent = []

    def send(self, *, notification, producer, message):
        self.sent.append((producer.pk, message.subject))


def test_another_channel_receives_what_e_mail_receives(db, monkeypatch):
    weavers, _ = producer_with_owner()
    recording = RecordingChannel()
    monkeypatch.setattr(notifications, "_channels", list(notifications.channels()))
    notifications.register_channel(recording)
    notification = services.producer_notify(
        producer_id=weavers.pk, kind="payout_failed", dedupe_key="x",
        facts={"payout_id": 3, "reference": "OTOP-PAYOUT-00000003", "amount": "5.00", "currency": "THB"}, send="now",
    )

    assert recording.sent == [(weavers.pk, "OTOP Market: payout OTOP-PAYOUT-00000003 / การโอนเงินไม่สำเร็จ")]
    assert mail.outbox[-1].subject == recording.sent[0][1]
    notification.refresh_from_db()
    assert notification.sent_at is not None


def test_staff_members_are_not_mailed_producer_notifications(db):
    weavers, owner = producer_with_owner()
    staff_member = MemberFactory(producer=weavers, role="staff").user

    assert staff_member.email not in notifications.email_recipients(weavers)
    assert owner.email in notifications.email_recipients(weavers)
