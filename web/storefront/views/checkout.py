"""Checkout in three steps, each one Saleor mutation run through checkout_flow: details
(e-mail and delivery address by the country's rules), shipping method, then the export check in
words and payment. A refused step shows its errors on the page and changes nothing."""
from django.conf import settings
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext

from .. import checkout_flow as flow
from ..buying_display import cart_lines_by_producer, cart_remember_quantity, cart_totals, to_money
from ..buying_forms import CheckoutDetailsForm, PaymentForm, ShippingMethodForm
from ..buying_messages import UNAVAILABLE, error_message, reason_message
from ..markets import market_for_request
from ..payment_methods import payment_methods_offered, stripe_csp_update, stripe_js_url
from ..product_names import cart_names_translate, cart_product_names, names_translated

SESSION_PLACED_ORDER = "otop_placed_order"


def _cart_or_redirect(request):
    cart = cart_names_translate(flow.cart_read(request=request))
    cart_remember_quantity(request, cart)
    if not cart or not cart["lines"]:
        return None, HttpResponseRedirect(reverse("storefront:cart"))
    return cart, None


def _address_initial(address: dict | None) -> dict:
    if not address:
        return {}
    initial = {name: address.get(_camel(name)) or "" for name in flow.ADDRESS_FIELDS if name != "country"}
    initial["country"] = address["country"]["code"]
    return initial


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.capitalize() for part in rest)


def _details_form(request, cart, data=None, country=None):
    countries = flow.delivery_countries(request=request)
    initial = _address_initial(cart["shippingAddress"])
    if cart["email"] != flow.CART_PLACEHOLDER_EMAIL:
        initial["email"] = cart["email"]
    if not initial.get("country"):
        market = market_for_request(request)
        initial["country"] = market.market if market and market.market in countries else settings.DEFAULT_COUNTRY
    country = country or (data or {}).get("country") or initial["country"]
    if country not in countries:
        country = initial["country"]
    rules = flow.address_rules(request=request, country=country)
    return CheckoutDetailsForm(data, initial=initial, country_codes=countries, rules=rules,
                               fields_url=reverse("storefront:checkout_address_fields"))


def _steps(current: str) -> list[dict]:
    names = [("details", gettext("Details")), ("shipping", gettext("Shipping")), ("payment", gettext("Payment"))]
    return [{"name": name, "label": label, "current": name == current} for name, label in names]


def checkout_details(request):
    cart, redirect = _cart_or_redirect(request)
    if redirect:
        return redirect
    data = request.POST if request.method == "POST" else None
    # "Update the form" after choosing another country (without JavaScript): the same answers,
    # laid out for that country, nothing saved.
    refresh = data is not None and "refresh" in data
    form = _details_form(request, cart, data=None if refresh else data, country=data.get("country") if data else None)
    if refresh:
        form.initial.update({key: value for key, value in data.items() if key in form.fields})
    elif data is not None and form.is_valid():
        token = cart["token"]
        address = {name: form.cleaned_data.get(name, "") for name in flow.ADDRESS_FIELDS}
        def save_details():
            # The address first: when Saleor refuses it, nothing else has been written.
            flow.checkout_shipping_address_set(request=request, token=token, address=address)
            flow.checkout_billing_address_set(request=request, token=token, address=address)
            flow.checkout_email_set(request=request, token=token, email=form.cleaned_data["email"])

        if form.attempt(save_details):
            return HttpResponseRedirect(reverse("storefront:checkout_shipping"))
    context = {"form": form, "cart": cart, "totals": cart_totals(cart), "steps": _steps("details")}
    return TemplateResponse(request, "storefront/buying/checkout_details.html", context)


def checkout_address_fields(request):
    """htmx: the address fields laid out for the country just chosen."""
    cart, redirect = _cart_or_redirect(request)
    if redirect:
        return redirect
    form = _details_form(request, cart, country=request.GET.get("country"))
    form.initial.update({key: value for key, value in request.GET.items() if key in form.fields})
    return TemplateResponse(request, "storefront/buying/_address_fields.html", {"form": form})


def checkout_shipping(request):
    cart, redirect = _cart_or_redirect(request)
    if redirect:
        return redirect
    if not cart["shippingAddress"]:
        return HttpResponseRedirect(reverse("storefront:checkout"))
    methods = cart["availableShippingMethods"]
    initial = {"method": cart["shippingMethod"]["id"]} if cart["shippingMethod"] else {}
    form = ShippingMethodForm(request.POST or None, initial=initial, methods=methods)
    if request.method == "POST" and form.is_valid():
        if form.attempt(lambda: flow.checkout_shipping_method_set(
                request=request, token=cart["token"], method_id=form.cleaned_data["method"])):
            return HttpResponseRedirect(reverse("storefront:checkout_payment"))
    context = {
        "form": form, "cart": cart, "totals": cart_totals(cart), "steps": _steps("shipping"),
        "methods": [{**method, "price_money": to_money(method["price"])} for method in methods],
    }
    return TemplateResponse(request, "storefront/buying/checkout_shipping.html", context)


def _export_message(error: dict) -> str:
    return error_message(flow.FlowError(error["field"], error["code"], error["message"] or "", export_code=error["code"]))


def _export_check_in_words(check: dict | None, *, names: dict[str, str]) -> dict | None:
    """`names`: the cart's product names in the page's language, by variant id."""
    if not check or not check["abroad"]:
        return None
    return {
        **check,
        "refused": [
            {"name": names.get(line["variantId"]) or line["productName"],
             "reasons": [reason_message(reason) for reason in line["reasons"]]}
            for line in check["lines"] if not line["eligible"]
        ],
        "parcel_list": [
            {**parcel, "value_money": to_money(parcel["value"]), "duty_money": to_money(parcel["duty"]),
             "tax_money": to_money(parcel["tax"])}
            for parcel in check["parcels"]
        ],
        "messages": [_export_message(error) for error in check["errors"]],
        "other_problems": [_export_message(error) for error in check["errors"] if error["code"] != "NOT_ELIGIBLE"],
        "duty_money": to_money(check["duty"]), "tax_money": to_money(check["tax"]),
        "display_total": to_money(check["displayTotal"]),
        "display_duty_and_tax": to_money(check["displayDutyAndTax"]),
    }


def _stock_problems(request, cart: dict) -> list[str]:
    """Lines Saleor now has too few of: refused before any payment is created."""
    short = flow.cart_lines_short_of_stock(request=request, token=cart["token"])
    names = names_translated(product_ids=[line["product_id"] for line in short]) if short else None
    return [
        gettext("Only %(available)s of %(name)s left; change the quantity in your cart.")
        % {**line, "name": names.product(line["product_id"], line["name"])}
        for line in short
    ]


def _order_page_url(request) -> str:
    """The order page for the confirmation e-mail's link, when this host may be linked to."""
    if request.get_host().split(":")[0] not in settings.ALLOWED_CLIENT_HOSTS:
        return ""
    return request.build_absolute_uri(reverse("storefront:order_from_link"))


def checkout_payment(request):
    cart, redirect = _cart_or_redirect(request)
    if redirect:
        return redirect
    if not cart["shippingAddress"]:
        return HttpResponseRedirect(reverse("storefront:checkout"))
    if not cart["shippingMethod"]:
        return HttpResponseRedirect(reverse("storefront:checkout_shipping"))
    offered = payment_methods_offered(available_gateways=cart["availablePaymentGateways"])
    form = PaymentForm(request.POST or None, gateways=offered)
    check = _export_check_in_words(flow.checkout_export_check(request=request, token=cart["token"]),
                                   names=cart_product_names(cart))
    if request.method == "POST" and form.is_valid():
        problems = _stock_problems(request, cart) + (check["messages"] if check and not check["ok"] else [])
        for problem in problems:
            form.add_error(None, problem)
        if not problems:
            try:
                order = flow.checkout_pay_and_complete(
                    request=request, token=cart["token"], gateway=form.cleaned_data["gateway"],
                    payment_token=form.cleaned_data["token"], amount=cart["totalPrice"]["gross"]["amount"],
                    redirect_url=_order_page_url(request),
                )
            except flow.CheckoutFlowError as refused:
                form.add_flow_errors(refused.errors)
            except flow.CheckoutUnavailable:
                form.add_error(None, str(UNAVAILABLE))
            else:
                cart_remember_quantity(request, None)
                request.session[SESSION_PLACED_ORDER] = order["token"]
                order_url = reverse("storefront:order", kwargs={"token": order["token"]})
                # A PromptPay order is placed unpaid: its page opens at the QR to pay.
                return HttpResponseRedirect(order_url + ("#promptpay-panel" if order["awaits_promptpay"] else ""))
    context = {
        "form": form, "cart": cart, "totals": cart_totals(cart), "steps": _steps("payment"),
        "parcels": cart_lines_by_producer(cart), "export_check": check, "payment_methods": offered,
        "stripe_js_url": stripe_js_url() if any(method.method.needs_stripe_js for method in offered) else "",
    }
    response = TemplateResponse(request, "storefront/buying/checkout_payment.html", context)
    if context["stripe_js_url"]:
        response._csp_update = stripe_csp_update()
    return response
