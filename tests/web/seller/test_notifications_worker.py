"""A real Celery worker sends the producer's notifications by e-mail, after the commit of the
service that made them (a payout paid), and the programme's mail of changed payout details."""
import pytest
from django.contrib.auth.models import Permission

from plugins.producer_channels import services
from plugins.producer_channels.models import ProducerNotification
from tests.factories import StaffFactory
from tests.factories.producer_channels import (
    CONFIGURATION,
    pay,
    placed_order,
    producer_product,
    producer_with_owner,
)
from tests.waiting import wait_until


@pytest.fixture
def mail_dir(celery_worker):
    """The real worker's mail, as files (the shared worker's folder, emptied before each test)."""
    return celery_worker.mail_dir


def mails(mail_dir):
    return [path.read_text() for path in sorted(mail_dir.iterdir())]


def test_a_worker_mails_the_new_order_and_the_paid_payout(mail_dir, celery_worker):
    from datetime import timedelta

    from django.utils import timezone

    weavers, owner = producer_with_owner()
    _, scarf = producer_product(weavers, price="400.00", sku="WORKER-SCARF")
    order = placed_order([(scarf, 1)])  # commits: the worker mails the new order
    pay(order)
    wait_until(lambda: ProducerNotification.objects.filter(kind="new_sub_order", sent_at__isnull=False).exists())
    run = services.payout_run_create(configuration=CONFIGURATION, as_of=timezone.now() + timedelta(days=30))
    services.payout_confirm(payout=run.payouts.get(), user=None)

    wait_until(lambda: ProducerNotification.objects.filter(kind="payout_paid", sent_at__isnull=False).exists())
    sent = wait_until(lambda: [text for text in mails(mail_dir) if "OTOP-PAYOUT" in text and "โอนเงินแล้ว" in text] or None)
    assert owner.email in sent[0] and "360.00 THB" in sent[0]
    assert any("WORKER-SCARF" in text for text in mails(mail_dir))


def test_a_worker_tells_the_programme_of_changed_payout_details(mail_dir, celery_worker):
    weavers, owner = producer_with_owner()
    owner.set_password("owner-password-1")
    owner.save()
    finance = StaffFactory(email="finance@otop.example")
    finance.user_permissions.add(Permission.objects.get(codename="manage_otop_payouts"))

    services.producer_payout_details_change(producer=weavers, user=owner, password="owner-password-1", promptpay_id="0899999999")

    told = wait_until(lambda: [text for text in mails(mail_dir) if "finance@otop.example" in text] or None)
    assert "promptpay_id" in told[0] and weavers.slug in told[0]
