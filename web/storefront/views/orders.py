"""The order page: confirmation right after checkout, and the status page the e-mail links to,
with one parcel per producer (producer_channels' sub-orders) and its tracking numbers."""
import uuid

from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .. import checkout_flow as flow
from ..buying_display import gross, producer_name, to_money
from ..product_names import order_names_translate
from .checkout import SESSION_PLACED_ORDER
from .promptpay import promptpay_panel

PARCEL_STATUS = {
    "UNFULFILLED": _("being prepared"),
    "PARTLY_FULFILLED": _("partly sent"),
    "FULFILLED": _("sent"),
    "CANCELLED": _("cancelled"),
    "REFUNDED": _("refunded"),
}


def order_for_display(order: dict) -> dict:
    order = order_names_translate(order)
    return {
        **order,
        "total_money": gross(order["total"]),
        "subtotal_money": gross(order["subtotal"]),
        "shipping_money": gross(order["shippingPrice"]),
        "line_list": [{**line, "unit_money": gross(line["unitPrice"])} for line in order["lines"]],
        "parcels": [
            {**sub, "producer_name": producer_name(sub["producer"]), "subtotal_money": to_money(sub["subtotal"]),
             "status_label": PARCEL_STATUS.get(sub["status"], sub["status"])}
            for sub in (order.get("otop") or {}).get("subOrders") or []
        ],
    }


def order(request, token):
    found = flow.order_by_token(request=request, token=str(token))
    if found is None:
        raise Http404
    just_placed = request.session.get(SESSION_PLACED_ORDER) == str(token)
    # A signed-in buyer reviews the order's products from here (otop_stars checks the purchase).
    can_review = request.user.is_authenticated and found["userEmail"] == request.user.email
    context = {"order": order_for_display(found), "just_placed": just_placed, "can_review": can_review,
               "promptpay": promptpay_panel(order_token=str(token))}
    return TemplateResponse(request, "storefront/buying/order.html", context)


def order_from_link(request):
    """The e-mail's link (Saleor appends ?token=…) to the order's own address."""
    try:
        token = uuid.UUID(request.GET.get("token", ""))
    except ValueError:
        raise Http404
    return HttpResponseRedirect(reverse("storefront:order", kwargs={"token": token}))
