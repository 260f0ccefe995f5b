"""Payouts: runs batching what is due, the bank file, and finance staff's confirmation."""
import csv
import io
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Dict, Iterable, Optional, Tuple

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from saleor.account.models import User

from otop_kernel.input_limits import values_check
from otop_kernel.private_files import private_file_name, private_storage

from ..error_codes import ProducerErrorCode
from ..models import (
    LedgerEntry,
    NotificationKind,
    Payout,
    PayoutMethod,
    PayoutRun,
    PayoutStatus,
    Producer,
    ProducerStatus,
)
from ..plugin import ProducerChannelsConfiguration
from .ledger import ledger_reconcile_refunds
from .notifications import payout_notify
from .rules import CENT, error, money, payout_details_missing

PAYOUT_FILE_COLUMNS = [
    "reference", "producer", "payee_name", "method", "bank_code", "account_number",
    "promptpay_id", "currency", "amount", "withholding_tax", "transfer_amount",
]


def payout_reference(payout: Payout) -> str:
    return f"OTOP-PAYOUT-{payout.pk:08d}"


def payout_file_download_name(run: PayoutRun) -> str:
    return f"otop-payouts-{run.as_of:%Y%m%d}-run{run.pk}.csv"


def _payout_file(payouts: Iterable[Payout]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PAYOUT_FILE_COLUMNS)
    for payout in payouts:
        producer = payout.producer
        writer.writerow(
            [
                payout_reference(payout),
                producer.slug,
                payout.bank_account_name or producer.name_th,
                payout.method,
                payout.bank_code,
                payout.bank_account_number,
                payout.promptpay_id,
                payout.currency,
                f"{payout.amount:.2f}",
                f"{payout.withholding_amount:.2f}",
                f"{payout.transfer_amount:.2f}",
            ]
        )
    return buffer.getvalue()


@transaction.atomic
def payout_run_create(
    *,
    configuration: ProducerChannelsConfiguration,
    as_of: Optional[datetime] = None,
    created_by: Optional[User] = None,
) -> PayoutRun:
    """Batch what is due to each approved producer into a pending payout and write the
    bank-transfer/PromptPay file finance staff upload to the bank."""
    as_of = as_of or timezone.now()
    ledger_reconcile_refunds(configuration=configuration)
    run = PayoutRun.objects.create(as_of=as_of, created_by=created_by)
    due_entries = list(
        LedgerEntry.objects.select_for_update(of=("self",))
        .filter(payout__isnull=True, available_on__lte=as_of, producer__status=ProducerStatus.APPROVED)
        .values_list("pk", "producer_id", "currency", "net_amount")
    )
    totals: Dict[Tuple[int, str], Decimal] = defaultdict(Decimal)
    entry_ids: Dict[Tuple[int, str], list] = defaultdict(list)
    for pk, producer_id, currency, net in due_entries:
        totals[producer_id, currency] += net
        entry_ids[producer_id, currency].append(pk)
    producers = Producer.objects.in_bulk({producer_id for producer_id, _ in totals})
    payouts, notes = [], []
    for (producer_id, currency), amount in sorted(totals.items()):
        producer = producers[producer_id]
        if amount < max(configuration.minimum_payout_amount, CENT):
            continue
        if payout_details_missing(producer):
            notes.append(f"{producer.slug}: {amount} {currency} due, payout details missing")
            continue
        withholding = (
            money(amount * configuration.withholding_tax_percent / 100) if producer.withholding_tax else Decimal(0)
        )
        payout = Payout.objects.create(
            producer=producer,
            run=run,
            currency=currency,
            amount=amount,
            withholding_amount=withholding,
            transfer_amount=amount - withholding,
            method=producer.payout_method,
            bank_code=producer.bank_code if producer.payout_method == PayoutMethod.BANK_TRANSFER else "",
            bank_account_name=producer.bank_account_name if producer.payout_method == PayoutMethod.BANK_TRANSFER else "",
            bank_account_number=(
                producer.bank_account_number if producer.payout_method == PayoutMethod.BANK_TRANSFER else ""
            ),
            promptpay_id=producer.promptpay_id if producer.payout_method == PayoutMethod.PROMPTPAY else "",
            created_at=run.created_at,
        )
        LedgerEntry.objects.filter(pk__in=entry_ids[producer_id, currency]).update(payout=payout)
        payouts.append(payout)
        payout_notify(payout=payout, kind=NotificationKind.PAYOUT_BATCHED)
    run.file_content = _payout_file(payouts)
    run.notes = "\n".join(notes)
    if payouts:
        # Private storage (payee names and accounts): downloaded only through the payout file view.
        # utf-8-sig: spreadsheet programs then show the Thai payee names correctly.
        run.file_name = private_storage().save(
            private_file_name(folder="otop-payouts", suffix=payout_file_download_name(run)),
            ContentFile(run.file_content.encode("utf-8-sig")),
        )
    run.save(update_fields=["file_content", "notes", "file_name"])
    return run


def _locked_pending_payout(payout: Payout) -> Payout:
    payout = Payout.objects.select_for_update().get(pk=payout.pk)
    if payout.status != PayoutStatus.PENDING:
        raise error("id", f"The payout is already {payout.status}.", ProducerErrorCode.PAYOUT_NOT_PENDING)
    return payout


@transaction.atomic
def payout_confirm(*, payout: Payout, user: Optional[User]) -> Payout:
    """Finance staff saw the transfer go through."""
    payout = _locked_pending_payout(payout)
    payout.status = PayoutStatus.PAID
    payout.settled_at = timezone.now()
    payout.settled_by = user
    payout.save(update_fields=["status", "settled_at", "settled_by"])
    payout_notify(payout=payout, kind=NotificationKind.PAYOUT_PAID)
    return payout


@transaction.atomic
def payout_fail(*, payout: Payout, user: Optional[User], reason: str = "") -> Payout:
    """The transfer bounced: its entries are due again and join the next run."""
    values_check(Payout, {"failure_reason": reason}, codes=ProducerErrorCode)
    payout = _locked_pending_payout(payout)
    payout.status = PayoutStatus.FAILED
    payout.settled_at = timezone.now()
    payout.settled_by = user
    payout.failure_reason = reason or ""
    payout.save(update_fields=["status", "settled_at", "settled_by", "failure_reason"])
    LedgerEntry.objects.filter(payout=payout).update(payout=None)
    payout_notify(payout=payout, kind=NotificationKind.PAYOUT_FAILED)
    return payout
