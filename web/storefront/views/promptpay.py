"""The order page's PromptPay part: the QR panel (plugins/promptpay's partial, in the page's
language), which htmx polls until the payment is received or the QR's time is up; then pay
again with a new QR (the same goods back in the cart, straight to payment) or cancel.

Every address is reached by the order's secret token, as the order page is."""
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from plugins.promptpay import selectors, services
from plugins.promptpay.panel import panel_state, qr_panel_context

from .. import checkout_flow as flow
from ..buying_display import cart_remember_quantity
from ..buying_messages import UNAVAILABLE, error_message

PANEL_TEMPLATE = "promptpay/qr_panel.html"


def promptpay_panel(*, order_token: str):
    """The panel's context for the order, or None when the order is not paid by PromptPay."""
    charge = selectors.charge_for_order_token(order_token=order_token)
    if charge is None:
        return None
    return qr_panel_context(
        charge=charge, order_token=order_token,
        confirmation_url=reverse("storefront:order", kwargs={"token": order_token}),
        refresh_url=reverse("storefront:order_promptpay", kwargs={"token": order_token}),
        cancel_url=reverse("storefront:order_promptpay_cancel", kwargs={"token": order_token}),
        pay_again_url=reverse("storefront:order_promptpay_again", kwargs={"token": order_token}),
        back_url=reverse("storefront:home"),
    )


def _charge_or_404(token):
    charge = selectors.charge_for_order_token(order_token=str(token))
    if charge is None:
        raise Http404
    return charge


@require_GET
@never_cache
def order_promptpay(request, token):
    """htmx polls this: the panel in its current state (the whole order page without htmx)."""
    panel = promptpay_panel(order_token=str(token))
    if panel is None:
        raise Http404
    if not request.htmx:
        return HttpResponseRedirect(reverse("storefront:order", kwargs={"token": token}))
    response = TemplateResponse(request, PANEL_TEMPLATE, {"panel": panel})
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def order_promptpay_cancel(request, token):
    """The shopper cancels an unpaid PromptPay order: its stock is released at once."""
    charge = _charge_or_404(token)
    if services.charge_cancel(charge_id=charge.pk):
        messages.info(request, gettext("Your order was cancelled; nothing was charged."))
    return HttpResponseRedirect(reverse("storefront:order", kwargs={"token": token}))


@require_POST
def order_promptpay_again(request, token):
    """After the QR's time is up: the order is cancelled (if the minute's expiry task has not
    yet done it), its goods go back in the cart, and the shopper pays again with a new QR."""
    charge = _charge_or_404(token)
    if panel_state(charge=charge) != "expired":
        return HttpResponseRedirect(reverse("storefront:order", kwargs={"token": token}))
    services.charge_expire(charge_id=charge.pk)
    charge.refresh_from_db()
    if selectors.charge_pending_or_paid(charge=charge):
        # Being settled elsewhere this moment, or Stripe had it paid after all: the order page says which.
        return HttpResponseRedirect(reverse("storefront:order", kwargs={"token": token}))
    try:
        ready = flow.cart_order_again(request=request, order_token=str(token))
    except flow.CheckoutFlowError as refused:
        for error in refused.errors:
            messages.error(request, error_message(error))
        return HttpResponseRedirect(reverse("storefront:cart"))
    except flow.CheckoutUnavailable:
        messages.error(request, str(UNAVAILABLE))
        return HttpResponseRedirect(reverse("storefront:order", kwargs={"token": token}))
    cart_remember_quantity(request, flow.cart_read(request=request))
    return HttpResponseRedirect(reverse("storefront:checkout_payment" if ready else "storefront:checkout"))
