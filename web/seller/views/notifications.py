"""The producer's notifications: the list (newest first), marking them read."""
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from plugins.producer_channels import selectors, services

from ..portal import producer_required

PAGE_SIZE = 20


@producer_required
def notification_list(request):
    page = Paginator(selectors.producer_notifications(producer=request.producer), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return TemplateResponse(request, "seller/notifications/list.html", {"section": "notifications", "page": page})


@require_POST
@producer_required
def notifications_read(request):
    ids = [int(value) for value in request.POST.getlist("notification") if value.isdigit()]
    services.producer_notifications_mark_read(producer=request.producer, notification_ids=ids or None)
    return redirect("seller:notifications")
