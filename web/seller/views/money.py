"""The producer's money: balance, ledger, payouts and their files, monthly statements, and
the payout details (owners only, with the password again)."""
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from otop_kernel.private_files import private_file_response
from plugins.producer_channels import selectors, services

from .. import documents
from ..errors import add_service_errors
from ..forms_orders import PayoutDetailsForm
from ..labels import LEDGER_KIND_LABELS, PAYOUT_STATUS_LABELS
from ..portal import producer_required

PAGE_SIZE = 25
RECENT = 5


def _labels():
    return {"kind_labels": LEDGER_KIND_LABELS, "payout_labels": PAYOUT_STATUS_LABELS}


@producer_required(approved=True)
def money_home(request):
    producer = request.producer
    months = selectors.producer_ledger_months(producer=producer)
    return TemplateResponse(request, "seller/money/home.html", {
        "section": "money",
        "balance": selectors.producer_balance(producer_id=producer.pk),
        "entries": selectors.producer_ledger_page(producer=producer)[:RECENT],
        "payouts": selectors.producer_payouts(producer=producer)[:RECENT],
        "months": [timezone.localtime(month).date() if hasattr(month, "tzinfo") else month for month in months],
        **_labels(),
    })


@producer_required(approved=True)
def ledger(request):
    page = Paginator(selectors.producer_ledger_page(producer=request.producer), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "seller/money/ledger.html", {"section": "money", "page": page, **_labels()})


@producer_required(approved=True)
def payout_list(request):
    page = Paginator(selectors.producer_payouts(producer=request.producer), PAGE_SIZE).get_page(request.GET.get("page"))
    return TemplateResponse(request, "seller/money/payouts.html", {"section": "money", "page": page, **_labels()})


def _month(year: int, month: int) -> date:
    if not (2000 <= year <= 2100 and 1 <= month <= 12):
        raise Http404
    return date(year, month, 1)


@producer_required(approved=True)
def statement(request, year: int, month: int, file_format: str):
    """The month's statement, rendered, kept privately and served from there."""
    if file_format not in services.STATEMENT_FORMATS:
        raise Http404
    month_start = _month(year, month)
    producer = request.producer
    stored = selectors.producer_statement_file(producer=producer, month=month_start, file_format=file_format)
    if stored is None or not services.statement_month_over(month_start):
        content = documents.statement_of(producer=producer, month=month_start)
        rendered = (
            documents.statement_csv(content) if file_format == "csv"
            else documents.statement_pdf(request=request, statement=content)
        )
        stored = services.producer_statement_store(producer=producer, month=month_start, file_format=file_format, content=rendered)
    return private_file_response(
        name=stored.file_name,
        download_name=f"statement-{producer.slug}-{month_start:%Y-%m}.{file_format}",
        content_type="text/csv; charset=utf-8" if file_format == "csv" else "application/pdf",
    )


@producer_required(owner=True, approved=True)
def payout_details(request):
    """Owners only: staff members get 404 here, and see no payout details anywhere."""
    producer = request.producer
    if request.method == "POST":
        form = PayoutDetailsForm(request.POST)
        if form.is_valid():
            try:
                services.producer_payout_details_change(
                    producer=producer, user=request.user, password=form.cleaned_data["password"],
                    **form.service_arguments(),
                )
            except ValidationError as refused:
                add_service_errors(form, refused)
            else:
                messages.success(request, _("Payout details saved. The programme has been told of the change."))
                return redirect("seller:money")
        status = 400
    else:
        form = PayoutDetailsForm(initial={name: getattr(producer, name) for name in services.PAYOUT_DETAIL_FIELDS})
        status = 200
    return TemplateResponse(request, "seller/money/payout_details.html", {"section": "money", "form": form}, status=status)
