"""The producer's sub-orders (to be built: the list, details, fulfilment, packing slip)."""
from django.template.response import TemplateResponse

from ..portal import producer_required


@producer_required
def order_list(request):
    return TemplateResponse(request, "seller/placeholder.html", {"section": "orders"})
