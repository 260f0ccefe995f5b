"""Files the portal hands out: the packing slip (printable page and PDF), the orders list as
CSV, the monthly statement as CSV and PDF. Rendered here, in the member's language, from what
the selectors read; the statement is then kept privately by its service."""
import calendar
import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import List

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from plugins.producer_channels import selectors
from plugins.producer_channels.services import payout_reference

from .labels import CARRIER_LABELS, LEDGER_KIND_LABELS, PAYOUT_STATUS_LABELS, SUB_ORDER_STATUS_LABELS

DOCUMENT_CSS = "seller/documents.css"
# Spreadsheet programs show Thai text of a CSV right only with the byte-order mark.
CSV_ENCODING = "utf-8-sig"


def pdf_of(html: str) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=html).write_pdf(stylesheets=[CSS(filename=finders.find(DOCUMENT_CSS))])


def csv_of(rows: List[list]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode(CSV_ENCODING)


# --- orders -------------------------------------------------------------------------------


def packing_slip_html(*, request, sub_order, for_pdf: bool) -> str:
    return render_to_string(
        "seller/orders/packing_slip.html",
        {"sub_order": sub_order, "order": sub_order.order, "producer": sub_order.producer, "for_pdf": for_pdf},
        request=request,
    )


def orders_csv(sub_orders) -> bytes:
    rows = [[
        _("Order"), _("Date"), _("Status"), _("Items"), _("Subtotal"), _("Commission"), _("You receive"),
        _("Currency"), _("Ship to"), _("City"), _("Country"), _("Shipping method"),
    ]]
    for sub_order in sub_orders:
        address = sub_order.order.shipping_address
        rows.append([
            sub_order.order_id,
            timezone.localtime(sub_order.created_at).strftime("%Y-%m-%d %H:%M"),
            str(SUB_ORDER_STATUS_LABELS.get(sub_order.status, sub_order.status)),
            sub_order.item_count,
            f"{sub_order.subtotal_amount:.2f}",
            f"{sub_order.commission_amount:.2f}",
            f"{sub_order.net_amount:.2f}",
            sub_order.currency,
            address.full_name if address else "",
            address.city if address else "",
            address.country.code if address else "",
            sub_order.order.shipping_method_name or "",
        ])
    return csv_of(rows)


def carrier_label(code: str) -> str:
    return str(CARRIER_LABELS.get(code, code)) if code else ""


# --- money --------------------------------------------------------------------------------


@dataclass
class Statement:
    producer: object
    month: date
    entries: list
    payouts: list
    gross: Decimal
    commission: Decimal
    net: Decimal
    paid_out: Decimal


def month_bounds(month: date):
    start = timezone.make_aware(datetime(month.year, month.month, 1))
    last = calendar.monthrange(month.year, month.month)[1]
    end = timezone.make_aware(datetime(month.year, month.month, last)) + timedelta(days=1)
    return start, end


def statement_of(*, producer, month: date) -> Statement:
    start, end = month_bounds(month)
    entries = list(selectors.producer_statement_entries(producer=producer, start=start, end=end))
    payouts = list(selectors.producer_statement_payouts(producer=producer, start=start, end=end))
    for entry in entries:
        entry.kind_label = LEDGER_KIND_LABELS.get(entry.kind, entry.kind)
    for payout in payouts:
        payout.status_label = PAYOUT_STATUS_LABELS.get(payout.status, payout.status)
    zero = Decimal("0.00")
    return Statement(
        producer=producer,
        month=month,
        entries=entries,
        payouts=payouts,
        gross=sum((entry.gross_amount for entry in entries), zero),
        commission=sum((entry.commission_amount for entry in entries), zero),
        net=sum((entry.net_amount for entry in entries), zero),
        paid_out=sum((payout.transfer_amount for payout in payouts if payout.status == "paid"), zero),
    )


def statement_csv(statement: Statement) -> bytes:
    rows = [
        [_("Statement"), statement.producer.name_th, f"{statement.month:%Y-%m}"],
        [_("Date"), _("Kind"), _("Order"), _("Sale"), _("Commission"), _("You receive"), _("Currency"), _("Payout")],
    ]
    for entry in statement.entries:
        rows.append([
            timezone.localtime(entry.created_at).strftime("%Y-%m-%d"),
            str(LEDGER_KIND_LABELS.get(entry.kind, entry.kind)),
            entry.sub_order.order_id,
            f"{entry.gross_amount:.2f}",
            f"{entry.commission_amount:.2f}",
            f"{entry.net_amount:.2f}",
            entry.currency,
            payout_reference(entry.payout) if entry.payout_id else "",
        ])
    rows.append([_("Total"), "", "", f"{statement.gross:.2f}", f"{statement.commission:.2f}", f"{statement.net:.2f}", "THB", ""])
    rows.append([])
    rows.append([_("Payout"), _("Date"), _("Status"), _("Amount"), _("Withholding tax"), _("Transferred")])
    for payout in statement.payouts:
        rows.append([
            payout_reference(payout),
            timezone.localtime(payout.created_at).strftime("%Y-%m-%d"),
            str(PAYOUT_STATUS_LABELS.get(payout.status, payout.status)),
            f"{payout.amount:.2f}",
            f"{payout.withholding_amount:.2f}",
            f"{payout.transfer_amount:.2f}",
        ])
    return csv_of(rows)


def statement_pdf(*, request, statement: Statement) -> bytes:
    return pdf_of(render_to_string("seller/money/statement_pdf.html", {"statement": statement}, request=request))
