from datetime import date, timedelta

import pytest
from django.conf import settings
from django.utils import timezone

from plugins.otop_stars import services
from plugins.otop_stars.models import (
    Certification,
    CertificationAction,
    CertificationStatus,
    ProductStars,
)
from plugins.otop_stars.tasks import certification_expire_due_task
from tests.factories import ProductFactory
from tests.factories.otop_stars import grant, producer_of
from tests.waiting import wait_until

AFTER_2026 = date(2027, 1, 1)


@pytest.mark.django_db
def test_expiry_marks_certifications_past_valid_until_as_expired():
    certification = grant(ProductFactory(), round_year=2024)

    result = services.certification_expire_due(today=AFTER_2026)

    certification.refresh_from_db()
    assert certification.status == CertificationStatus.EXPIRED
    assert result.expired_certification_ids == [certification.pk]


@pytest.mark.django_db
def test_expiry_leaves_a_certification_on_its_last_valid_day():
    certification = grant(ProductFactory(), round_year=2024)

    services.certification_expire_due(today=date(2026, 12, 31))

    certification.refresh_from_db()
    assert certification.status == CertificationStatus.ACTIVE


@pytest.mark.django_db
def test_expiry_is_audited_as_done_by_the_system():
    certification = grant(ProductFactory(), round_year=2024)

    services.certification_expire_due(today=AFTER_2026)

    entry = certification.audit_entries.get(action=CertificationAction.EXPIRED)
    assert entry.actor is None
    assert (entry.before["status"], entry.after["status"]) == ("active", "expired")


@pytest.mark.django_db
def test_expiry_clears_the_products_current_stars():
    product = ProductFactory()
    grant(product, stars=5, round_year=2024)

    result = services.certification_expire_due(today=AFTER_2026)

    assert ProductStars.objects.get(product=product).current_stars is None
    assert result.delisted_product_ids == [product.pk]


@pytest.mark.django_db
def test_the_producer_is_emailed_when_expiry_takes_a_product_out_of_the_listing(
    mailoutbox, django_capture_on_commit_callbacks
):
    product = ProductFactory(name="Lamphun brocade scarf")
    producer_of(product, email="weavers@example.com", name_en="Ban Nong Nam weavers")
    grant(product, stars=4, round_year=2024, certificate_number="OPC-67-0042")

    with django_capture_on_commit_callbacks(execute=True):
        services.certification_expire_due(today=AFTER_2026)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["weavers@example.com"]
    assert "Lamphun brocade scarf" in message.body
    assert "OPC-67-0042 (4 stars, round 2024 / B.E. 2567) expired after 2026-12-31" in message.body


@pytest.mark.django_db
def test_no_email_while_another_certification_keeps_the_product_listed(mailoutbox, django_capture_on_commit_callbacks):
    product = ProductFactory()
    producer_of(product)
    grant(product, stars=4, round_year=2022, valid_until=date(2099, 12, 31))
    grant(product, stars=5, round_year=2024)

    with django_capture_on_commit_callbacks(execute=True):
        result = services.certification_expire_due(today=AFTER_2026)

    assert ProductStars.objects.get(product=product).current_stars == 4
    assert result.delisted_product_ids == []
    assert mailoutbox == []


@pytest.mark.django_db
def test_a_revocation_below_the_minimum_also_tells_the_producer(mailoutbox, django_capture_on_commit_callbacks):
    product = ProductFactory()
    producer_of(product, email="group@example.com")
    certification = grant(product, stars=4, round_year=2024)

    with django_capture_on_commit_callbacks(execute=True):
        services.certification_revoke(certification=certification, actor=None, reason="Standard certificate withdrawn")

    assert [message.to for message in mailoutbox] == [["group@example.com"]]
    assert "was revoked: Standard certificate withdrawn" in mailoutbox[0].body


@pytest.mark.django_db
def test_one_email_per_producer_lists_all_its_delisted_products(mailoutbox, django_capture_on_commit_callbacks):
    first, second = ProductFactory(name="Palm sugar"), ProductFactory(name="Palm vinegar")
    producer_of(first, second, email="palm@example.com")
    grant(first, round_year=2024)
    grant(second, round_year=2024)

    with django_capture_on_commit_callbacks(execute=True):
        services.certification_expire_due(today=AFTER_2026)

    assert len(mailoutbox) == 1
    assert "Palm sugar" in mailoutbox[0].body and "Palm vinegar" in mailoutbox[0].body


@pytest.mark.django_db
def test_a_product_without_producer_is_delisted_without_email(mailoutbox, django_capture_on_commit_callbacks):
    grant(ProductFactory(), round_year=2024)

    with django_capture_on_commit_callbacks(execute=True):
        result = services.certification_expire_due(today=AFTER_2026)

    assert len(result.delisted_product_ids) == 1
    assert mailoutbox == []


def test_expiry_runs_daily_from_the_beat_schedule():
    entries = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values()
               if entry["task"] == "plugins.otop_stars.tasks.certification_expire_due_task"]

    assert len(entries) == 1
    assert entries[0]["schedule"].remaining_estimate(timezone.now()) <= timedelta(days=1)


@pytest.fixture
def mail_dir(celery_worker):
    """Mail of the real worker goes to files here (emptied before each test)."""
    return celery_worker.mail_dir


def test_a_real_worker_expires_due_certifications_and_mails_the_producer(
    mail_dir, celery_worker
):
    product = ProductFactory(name="Kalasin praewa silk")
    producer_of(product, email="praewa@example.com")
    certification = grant(product, stars=5, round_year=2024)
    # As if the validity had run out since the grant.
    Certification.objects.filter(pk=certification.pk).update(valid_until=timezone.localdate() - timedelta(days=1))

    certification_expire_due_task.delay()

    wait_until(lambda: Certification.objects.get(pk=certification.pk).status == CertificationStatus.EXPIRED)
    mails = wait_until(lambda: [path.read_text() for path in mail_dir.iterdir()])
    assert "praewa@example.com" in mails[0]
    assert "Kalasin praewa silk" in mails[0]
