"""Payout details changed only by owners with their password; statements kept privately."""
from datetime import date

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.core.exceptions import ValidationError

from otop_kernel.private_files import private_storage
from plugins.producer_channels import services
from plugins.producer_channels.models import MemberRole, Producer, ProducerStatement, ProducerStatus
from tests.factories import StaffFactory
from tests.factories.producer_channels import MemberFactory, producer_with_owner

PASSWORD = "a-long-password-1"


@pytest.fixture
def weavers(db):
    producer, owner = producer_with_owner()
    owner.set_password(PASSWORD)
    owner.save()
    finance = StaffFactory(email="finance@otop.example")
    finance.user_permissions.add(Permission.objects.get(codename="manage_otop_payouts"))
    return producer, owner


def test_owner_changes_payout_details_with_the_password_and_staff_are_told(
    weavers, django_capture_on_commit_callbacks
):
    producer, owner = weavers
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.producer_payout_details_change(
            producer=producer, user=owner, password=PASSWORD, payout_method="promptpay", promptpay_id="089-123-4567"
        )

    assert Producer.objects.get(pk=producer.pk).promptpay_id == "0891234567"
    (told,) = mail.outbox
    assert told.to == ["finance@otop.example"]
    assert "promptpay_id" in told.body and "0891234567" not in told.body


@pytest.mark.parametrize("password", ["", "wrong-password"], ids=["empty", "wrong"])
def test_a_wrong_password_changes_nothing(weavers, password, django_capture_on_commit_callbacks):
    producer, owner = weavers
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as refused:
        services.producer_payout_details_change(producer=producer, user=owner, password=password, promptpay_id="0890000000")

    assert "password" in refused.value.error_dict
    assert Producer.objects.get(pk=producer.pk).promptpay_id == "0812345678"
    assert mail.outbox == []


def test_a_staff_member_may_not_change_payout_details(weavers):
    producer, _owner = weavers
    staff_member = MemberFactory(producer=producer, role=MemberRole.STAFF).user
    staff_member.set_password(PASSWORD)
    staff_member.save()

    with pytest.raises(ValidationError) as refused:
        services.producer_payout_details_change(producer=producer, user=staff_member, password=PASSWORD, promptpay_id="0890000000")

    assert "producer" in refused.value.error_dict
    assert Producer.objects.get(pk=producer.pk).promptpay_id == "0812345678"


def test_a_suspended_producer_keeps_its_payout_details(weavers):
    producer, owner = weavers
    Producer.objects.filter(pk=producer.pk).update(status=ProducerStatus.SUSPENDED)
    producer.refresh_from_db()

    with pytest.raises(ValidationError):
        services.producer_payout_details_change(producer=producer, user=owner, password=PASSWORD, promptpay_id="0890000000")

    assert Producer.objects.get(pk=producer.pk).promptpay_id == "0812345678"


def test_a_bad_promptpay_id_is_refused_on_its_field(weavers):
    producer, owner = weavers
    with pytest.raises(ValidationError) as refused:
        services.producer_payout_details_change(producer=producer, user=owner, password=PASSWORD, promptpay_id="12")
    assert "promptpay_id" in refused.value.error_dict


def test_a_statement_is_stored_privately_and_replaced(weavers, django_capture_on_commit_callbacks):
    producer, _owner = weavers
    with django_capture_on_commit_callbacks(execute=True):
        first = services.producer_statement_store(producer=producer, month=date(2026, 11, 5), file_format="csv", content=b"a")
    first_name = first.file_name
    with django_capture_on_commit_callbacks(execute=True):
        again = services.producer_statement_store(producer=producer, month=date(2026, 11, 1), file_format="csv", content=b"b")

    assert again.pk == first.pk and again.month == date(2026, 11, 1)
    assert ProducerStatement.objects.count() == 1
    storage = private_storage()
    assert not storage.exists(first_name)
    assert storage.open(again.file_name).read() == b"b"
    assert again.file_name.startswith("otop-statements/")
