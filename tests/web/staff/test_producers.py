"""The application queue: approve with a commission rate, suspend with a reason, reinstate —
each refused without MANAGE_OTOP_PRODUCERS (even when the form is posted), then done."""
from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.test import Client
from saleor.product.models import Product

from plugins.producer_channels.models import Producer, ProducerStatus
from tests.factories import StaffFactory
from tests.factories.producer_channels import ProducerFactory, approved_producer, producer_product
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db
CHANGELIST = "/staff/otop_producers/producer/"


def post_action(client, action, producers, **fields):
    data = {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in producers], **fields}
    return client.post(CHANGELIST, data)


def test_the_queue_shows_what_is_missing_and_the_tambon(officer_client):
    ProducerFactory(status=ProducerStatus.APPLIED, name_th="กลุ่มทอผ้า", promptpay_id="", registration_id="")
    page = officer_client.get(CHANGELIST + "?status__exact=applied").content.decode()
    assert "กลุ่มทอผ้า" in page
    assert "payout details" in page and "registration number" in page
    assert "(501701)" in page or "50" in page


def test_approving_is_refused_without_the_permission_even_when_posted(client):
    applied = ProducerFactory(status=ProducerStatus.APPLIED)
    sign_in(client, StaffFactory(permissions=["otop_producers.manage_otop_payouts"]))
    response = post_action(client, "approve", [applied], apply="1", commission_rate="12.5")
    assert response.status_code in (200, 302)
    applied.refresh_from_db()
    assert applied.status == ProducerStatus.APPLIED and applied.commission_rate == Decimal("10.00")


def test_an_officer_approves_an_application_with_a_commission_rate(officer_client):
    applied = ProducerFactory(status=ProducerStatus.APPLIED)
    form_page = post_action(officer_client, "approve", [applied])
    assert form_page.status_code == 200 and b'name="commission_rate"' in form_page.content
    response = post_action(officer_client, "approve", [applied], apply="1", commission_rate="12.5")
    assert response.status_code == 302
    applied.refresh_from_db()
    assert applied.status == ProducerStatus.APPROVED and applied.commission_rate == Decimal("12.5")
    assert applied.warehouse_id is not None
    assert LogEntry.objects.filter(object_id=str(applied.pk), change_message__startswith="Approved").exists()


def test_a_commission_rate_out_of_range_is_an_error_on_the_field_and_changes_nothing(officer_client):
    applied = ProducerFactory(status=ProducerStatus.APPLIED)
    response = post_action(officer_client, "approve", [applied], apply="1", commission_rate="150")
    assert response.status_code == 200
    assert "between 0 and 100" in response.content.decode()
    applied.refresh_from_db()
    assert applied.status == ProducerStatus.APPLIED


def test_approving_an_approved_producer_says_so_from_the_service(officer_client):
    producer = approved_producer()
    response = post_action(officer_client, "approve", [producer], apply="1", commission_rate="")
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("already approved" in text for text in messages)


def test_suspend_needs_a_reason_then_unpublishes_and_reinstate_republishes(officer_client):
    producer = approved_producer()
    product, _variant = producer_product(producer)
    missing = post_action(officer_client, "suspend", [producer], apply="1", reason="")
    assert missing.status_code == 200 and b"staff-error" in missing.content

    client = sign_in(Client(), StaffFactory(email="viewer@otop.example", permissions=["otop_producers.manage_otop_payouts"]))
    post_action(client, "suspend", [producer], apply="1", reason="Forged certificate")
    assert Producer.objects.get(pk=producer.pk).status == ProducerStatus.APPROVED

    post_action(officer_client, "suspend", [producer], apply="1", reason="Forged certificate")
    producer.refresh_from_db()
    assert producer.status == ProducerStatus.SUSPENDED and producer.suspension_reason == "Forged certificate"
    assert not Product.objects.get(pk=product.pk).is_published

    post_action(client, "reinstate", [producer])
    assert Producer.objects.get(pk=producer.pk).status == ProducerStatus.SUSPENDED
    post_action(officer_client, "reinstate", [producer])
    assert Producer.objects.get(pk=producer.pk).status == ProducerStatus.APPROVED
    assert Product.objects.get(pk=product.pk).is_published


def test_an_officer_is_assigned_to_a_province_s_producers(officer_client):
    from plugins.producer_channels.models import OfficerAssignment
    from tests.factories.places import PHON_KALASIN

    kalasin = [ProducerFactory(home_subdistrict_id=PHON_KALASIN) for _ in range(2)]
    StaffFactory(email="kalasin.officer@otop.example")
    unknown = post_action(officer_client, "assign_officer", kalasin, apply="1", officer_email="nobody@otop.example")
    assert "No active staff account" in unknown.content.decode()
    post_action(officer_client, "assign_officer", kalasin, apply="1", officer_email="kalasin.officer@otop.example")
    assert OfficerAssignment.objects.filter(officer__email="kalasin.officer@otop.example").count() == 2
    again = post_action(officer_client, "assign_officer", kalasin[:1], apply="1", officer_email="kalasin.officer@otop.example")
    assert any("already assigned" in str(m) for m in again.wsgi_request._messages)
