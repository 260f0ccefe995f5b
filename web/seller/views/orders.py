"""The producer's sub-orders: list by status, details, shipping lines (the API's fulfil
service), packing slip, the parcel's CN23, the list as CSV."""
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from otop_kernel.private_files import private_file_response
from plugins.export_markets import services as export_services
from plugins.export_markets.customs import order_ships_abroad
from plugins.producer_channels import access, selectors, services

from .. import documents
from ..errors import add_service_errors
from ..forms_orders import FulfilForm
from ..labels import SUB_ORDER_STATUS_LABELS, SUB_ORDER_TABS
from ..portal import producer_required, reach_own

PAGE_SIZE = 20


def _status_of(request) -> str:
    status = request.GET.get("status", "")
    return status if status in SUB_ORDER_TABS else ""


@producer_required(approved=True)
def order_list(request):
    status = _status_of(request)
    counts = selectors.sub_order_status_counts(producer=request.producer)
    page = Paginator(selectors.producer_sub_order_list(producer=request.producer, status=status or None), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    tabs = [{"status": "", "label": _("All"), "count": sum(counts.values()), "current": not status}] + [
        {"status": code, "label": SUB_ORDER_STATUS_LABELS[code], "count": counts.get(code, 0), "current": code == status}
        for code in SUB_ORDER_TABS
    ]
    return TemplateResponse(
        request, "seller/orders/list.html",
        {"section": "orders", "page": page, "tabs": tabs, "status": status, "status_labels": SUB_ORDER_STATUS_LABELS},
    )


@producer_required(approved=True)
def orders_csv(request):
    sub_orders = selectors.producer_sub_order_list(producer=request.producer, status=_status_of(request) or None)
    response = HttpResponse(documents.orders_csv(sub_orders), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="orders-{request.producer.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


def _own_sub_order(request, sub_order_id: int):
    """The sub-order if it is the request's producer's; 404 exactly as for a missing one."""
    reach_own(access.reach_sub_order(user=request.user, pk=sub_order_id), request)
    sub_order = selectors.producer_sub_order_detail(producer=request.producer, pk=sub_order_id)
    if sub_order is None:
        raise Http404
    return sub_order


def _detail_context(request, sub_order, form=None):
    lines = list(sub_order.lines.all())
    parcels = selectors.fulfillments_by_sub_order_ids(sub_order_ids=[sub_order.pk]).get(sub_order.pk, [])
    names = {line.order_line_id: line.order_line.product_name for line in lines}
    return {
        "section": "orders",
        "sub_order": sub_order,
        "order": sub_order.order,
        "lines": lines,
        "parcels": [
            {
                "fulfillment": fulfillment,
                "carrier": documents.carrier_label((fulfillment.metadata or {}).get(services.CARRIER_METADATA_KEY, "")),
                "lines": [(names.get(line_id, ""), quantity) for line_id, quantity in parcel_lines],
            }
            for fulfillment, parcel_lines in parcels
        ],
        "status_label": SUB_ORDER_STATUS_LABELS.get(sub_order.status, sub_order.status),
        "abroad": order_ships_abroad(sub_order.order),
        "form": form or FulfilForm(lines=lines),
        "can_ship": request.seller_writable and sub_order.status not in services.CLOSED_SUB_ORDER_STATUSES
        and any(line.order_line.quantity_unfulfilled for line in lines),
    }


@producer_required(approved=True)
def order_detail(request, sub_order_id: int):
    sub_order = _own_sub_order(request, sub_order_id)
    return TemplateResponse(request, "seller/orders/detail.html", _detail_context(request, sub_order))


@require_POST
@producer_required(approved=True)
def order_fulfil(request, sub_order_id: int):
    sub_order = _own_sub_order(request, sub_order_id)
    lines = list(sub_order.lines.all())
    form = FulfilForm(request.POST, lines=lines)
    if form.is_valid():
        try:
            services.producer_fulfill_lines(
                sub_order=sub_order, lines=form.line_quantities(), user=request.user,
                tracking_number=form.cleaned_data["tracking_number"], carrier=form.cleaned_data["carrier"],
            )
        except ValidationError as refused:
            add_service_errors(form, refused, fields={"lines": None})
        else:
            messages.success(request, _("The parcel is on its way: the shopper has its tracking number."))
            return redirect("seller:order", sub_order_id=sub_order.pk)
    sub_order = selectors.producer_sub_order_detail(producer=request.producer, pk=sub_order.pk)
    return TemplateResponse(request, "seller/orders/detail.html", _detail_context(request, sub_order, form), status=400)


@producer_required(approved=True)
def packing_slip(request, sub_order_id: int):
    sub_order = _own_sub_order(request, sub_order_id)
    if request.GET.get("format") == "pdf":
        pdf = documents.pdf_of(documents.packing_slip_html(request=request, sub_order=sub_order, for_pdf=True))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="packing-slip-{sub_order.order_id}.pdf"'
        response["Cache-Control"] = "private, no-store"
        return response
    return HttpResponse(documents.packing_slip_html(request=request, sub_order=sub_order, for_pdf=False))


@producer_required(approved=True)
def customs_declaration(request, sub_order_id: int):
    """The CN23 of this producer's parcel (its lines only), rendered by export_markets."""
    sub_order = _own_sub_order(request, sub_order_id)
    try:
        document = export_services.customs_declaration_pdf_render(order_id=sub_order.order_id, producer_id=request.producer.pk)
    except ValidationError:
        raise Http404 from None
    return private_file_response(
        name=document.pdf.name, download_name=f"cn23-order-{sub_order.order_id}.pdf", content_type="application/pdf"
    )
