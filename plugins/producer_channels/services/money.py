"""A producer's money as its owners handle it: payout details changed with the password
re-entered (and the programme told), and monthly statements kept in the private storage."""
from datetime import date
from typing import Optional

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from saleor.account.models import User

from otop_kernel.private_files import private_file_name, private_storage

from .. import access
from ..error_codes import ProducerErrorCode
from ..models import Producer, ProducerStatement
from .producers import producer_update
from .rules import error

# What an owner may change of how the producer is paid (withholding tax is the programme's call).
PAYOUT_DETAIL_FIELDS = ("payout_method", "bank_code", "bank_account_name", "bank_account_number", "promptpay_id")
STATEMENT_FORMATS = ("csv", "pdf")


@transaction.atomic
def producer_payout_details_change(*, producer: Producer, user: User, password: str, **fields) -> Producer:
    """Change the payout details: only an owner (or assigned officer), only with their
    password given again; the programme's staff hear of it by e-mail after the commit."""
    unknown = set(fields) - set(PAYOUT_DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"unknown payout fields: {sorted(unknown)}")
    access.require_writable(producer)
    if not access.may_manage_people(user=user, producer_id=producer.pk):
        raise error("producer", "Only the producer's owners change its payout details.", ProducerErrorCode.OWNER_REQUIRED)
    if not password or not user.check_password(password):
        raise error("password", "The password is not right.", ProducerErrorCode.INVALID)
    before = {name: getattr(producer, name) for name in PAYOUT_DETAIL_FIELDS}
    producer = producer_update(producer=producer, **fields)
    changed = [name for name in PAYOUT_DETAIL_FIELDS if getattr(producer, name) != before[name]]
    if changed:
        from ..tasks import producer_payout_details_changed_notify_task

        producer_id, user_id = producer.pk, user.pk
        transaction.on_commit(
            lambda: producer_payout_details_changed_notify_task.delay(producer_id, user_id, changed)
        )
    return producer


def programme_payout_staff_emails() -> list:
    """Active staff who confirm payouts or manage producers (by user or group permission)."""
    codenames = ("manage_otop_payouts", "manage_otop_producers")
    staff = User.objects.filter(is_active=True, is_staff=True).filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename__in=codenames)
        | Q(groups__permissions__codename__in=codenames)
    )
    return sorted(set(staff.values_list("email", flat=True)) - {""})


def producer_payout_details_changed_notify(*, producer_id: int, user_id: Optional[int], fields: list) -> None:
    """Tell the programme which payout details changed and by whom (not the new values: the
    staff check them in the back office)."""
    producer = Producer.objects.filter(pk=producer_id).first()
    recipients = programme_payout_staff_emails()
    if producer is None or not recipients:
        return
    changer = User.objects.filter(pk=user_id).values_list("email", flat=True).first() or "?"
    send_mail(
        subject=f"OTOP Market: payout details of {producer.slug} changed",
        message="\n".join(
            [
                f"{changer} changed the payout details of {producer.name_en or producer.name_th} "
                f"({producer.name_th}, {producer.slug}) at {timezone.now():%Y-%m-%d %H:%M %Z}.",
                f"Changed: {', '.join(fields)}.",
                "Check them before the next payout run.",
            ]
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


def statement_month_over(month: date) -> bool:
    today = timezone.localdate()
    return (month.year, month.month) < (today.year, today.month)


@transaction.atomic
def producer_statement_store(*, producer: Producer, month: date, file_format: str, content: bytes) -> ProducerStatement:
    """Keep a rendered statement privately; a month not over yet is replaced at each rendering.
    Reading, not a change of the producer's data: suspended producers get theirs too."""
    if file_format not in STATEMENT_FORMATS:
        raise error("file_format", "A statement is a CSV or a PDF file.", ProducerErrorCode.INVALID)
    month = month.replace(day=1)
    statement = (
        ProducerStatement.objects.select_for_update().filter(producer=producer, month=month, file_format=file_format).first()
    )
    storage = private_storage()
    name = storage.save(
        private_file_name(folder="otop-statements", suffix=f"statement-{producer.pk}-{month:%Y-%m}.{file_format}"),
        ContentFile(content),
    )
    if statement is None:
        return ProducerStatement.objects.create(producer=producer, month=month, file_format=file_format, file_name=name)
    old_name = statement.file_name
    statement.file_name, statement.created_at = name, timezone.now()
    statement.save(update_fields=["file_name", "created_at"])
    transaction.on_commit(lambda: storage.delete(old_name))
    return statement
