"""The cart: one Saleor checkout across producers (the session's for guests, the user's own when
signed in), shown as one parcel per producer."""
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from .. import checkout_flow as flow
from ..buying_display import cart_lines_by_producer, cart_remember_quantity, cart_totals
from ..buying_forms import CartAddForm, CartLineDeleteForm, CartLineForm
from ..buying_messages import UNAVAILABLE, error_message
from ..product_names import cart_names_translate


def _cart_response(request, *, errors=None, line_forms=None):
    cart = cart_names_translate(flow.cart_read(request=request))
    cart_remember_quantity(request, cart)
    context = {
        "cart": cart,
        "parcels": cart_lines_by_producer(cart) if cart else [],
        "totals": cart_totals(cart) if cart else {},
        "cart_errors": errors or [],
        "line_forms": line_forms or {},
    }
    template = "storefront/buying/_cart_body.html" if request.htmx else "storefront/buying/cart.html"
    return TemplateResponse(request, template, context)


def cart(request):
    return _cart_response(request)


@require_POST
def cart_add(request):
    """Add to cart from a product page; answers the header's cart link to htmx, else the cart."""
    form = CartAddForm(request.POST)
    errors = []
    if form.is_valid():
        try:
            flow.cart_lines_add(request=request, variant_id=form.cleaned_data["variant"],
                                quantity=form.cleaned_data["quantity"])
        except flow.CheckoutFlowError as refused:
            errors = [error_message(error) for error in refused.errors]
        except flow.CheckoutUnavailable:
            errors = [str(UNAVAILABLE)]
    else:
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
    if request.htmx:
        cart = flow.cart_read(request=request)
        cart_remember_quantity(request, cart)
        return TemplateResponse(request, "storefront/buying/_cart_added.html",
                                {"cart_errors": errors})
    if errors:
        return _cart_response(request, errors=errors)
    messages.success(request, gettext("Added to your cart."))
    return HttpResponseRedirect(reverse("storefront:cart"))


@require_POST
def cart_line_update(request):
    form = CartLineForm(request.POST)
    token = flow.cart_token(request=request)
    if token is None:
        return HttpResponseRedirect(reverse("storefront:cart"))
    if form.is_valid():
        try:
            flow.cart_line_quantity_set(request=request, token=token, variant_id=form.cleaned_data["variant"],
                                        quantity=form.cleaned_data["quantity"])
        except flow.CheckoutFlowError as refused:
            for error in refused.errors:
                form.add_error("quantity", error_message(error))
        except flow.CheckoutUnavailable:
            form.add_error(None, str(UNAVAILABLE))
    if form.errors:
        return _cart_response(request, line_forms={request.POST.get("variant", ""): form})
    if request.htmx:
        return _cart_response(request)
    return HttpResponseRedirect(reverse("storefront:cart"))


@require_POST
def cart_line_delete(request):
    form = CartLineDeleteForm(request.POST)
    token = flow.cart_token(request=request)
    errors = []
    if token and form.is_valid():
        try:
            flow.cart_line_delete(request=request, token=token, line_id=form.cleaned_data["line"])
        except flow.CheckoutFlowError as refused:
            errors = [error_message(error) for error in refused.errors]
        except flow.CheckoutUnavailable:
            errors = [str(UNAVAILABLE)]
    elif token:
        errors = [str(error) for field_errors in form.errors.values() for error in field_errors]
    if errors:
        return _cart_response(request, errors=errors)
    if request.htmx:
        return _cart_response(request)
    return HttpResponseRedirect(reverse("storefront:cart"))
