"""The shopper's account: sign-up (Saleor's e-mail confirmation), sign-in and sign-out (Django
sessions; a guest cart is kept), password reset (Saleor's link), orders, saved addresses (add,
edit, delete, the default delivery address), reviews of bought products, the wishlist."""
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_POST
from graphene import Node

from .. import account_flow
from .. import checkout_flow as flow
from ..buying_display import cart_remember_quantity, gross
from ..buying_forms import (
    PasswordResetRequestForm,
    ReviewForm,
    SavedAddressForm,
    SetPasswordForm,
    SignInForm,
    SignUpForm,
    WishlistForm,
    address_initial,
)
from ..buying_messages import UNAVAILABLE

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _next_url(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def _absolute(request, name: str) -> str:
    return request.build_absolute_uri(reverse(name))


def _sign_in(request, user) -> None:
    guest_token = request.session.get(flow.SESSION_CART_TOKEN)
    login(request, user, backend=MODEL_BACKEND)
    try:
        flow.cart_adopt_on_sign_in(request=request, guest_token=guest_token)
        cart_remember_quantity(request, flow.cart_read(request=request))
    except (flow.CheckoutFlowError, flow.CheckoutUnavailable):
        cart_remember_quantity(request, None)


def sign_in(request):
    form = SignInForm(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        _sign_in(request, form.get_user())
        return HttpResponseRedirect(_next_url(request, reverse("storefront:account")))
    return TemplateResponse(request, "storefront/buying/sign_in.html",
                            {"form": form, "next": _next_url(request, "")})


@require_POST
def sign_out(request):
    logout(request)
    return HttpResponseRedirect(reverse("storefront:home"))


def sign_up(request):
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.attempt(lambda: account_flow.account_register(
            request=request, email=form.cleaned_data["email"], password=form.cleaned_data["password"],
            confirm_url=_absolute(request, "storefront:account_confirm"),
        )):
            if form.result:  # Saleor asks for the e-mail's confirmation first
                return TemplateResponse(request, "storefront/buying/sign_up_sent.html",
                                        {"email": form.cleaned_data["email"]})
            _sign_in(request, get_user_model().objects.get(email=form.cleaned_data["email"]))
            return HttpResponseRedirect(reverse("storefront:account"))
    return TemplateResponse(request, "storefront/buying/sign_up.html", {"form": form})


def account_confirm(request):
    """The link of Saleor's confirmation e-mail: ?email=…&token=…"""
    email, token = request.GET.get("email", ""), request.GET.get("token", "")
    try:
        account_flow.account_confirm(request=request, email=email, token=token)
    except (flow.CheckoutFlowError, flow.CheckoutUnavailable):
        return TemplateResponse(request, "storefront/buying/link_invalid.html", {}, status=400)
    _sign_in(request, get_user_model().objects.get(email=email))
    messages.success(request, gettext("Your account is confirmed. Welcome!"))
    return HttpResponseRedirect(reverse("storefront:account"))


def password_reset(request):
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            account_flow.password_reset_request(request=request, email=form.cleaned_data["email"],
                                                reset_url=_absolute(request, "storefront:password_set"))
        except (flow.CheckoutFlowError, flow.CheckoutUnavailable):
            # The same answer whether or not an account has this address.
            pass
        return TemplateResponse(request, "storefront/buying/password_reset_sent.html",
                                {"email": form.cleaned_data["email"]})
    return TemplateResponse(request, "storefront/buying/password_reset.html", {"form": form})


def password_set(request):
    """The link of Saleor's password-reset e-mail: ?email=…&token=…"""
    source = request.POST if request.method == "POST" else None
    form = SetPasswordForm(source, initial={"email": request.GET.get("email", ""), "token": request.GET.get("token", "")})
    if source is not None and form.is_valid():
        try:
            account_flow.password_set(request=request, email=form.cleaned_data["email"],
                                      token=form.cleaned_data["token"], password=form.cleaned_data["password"])
        except flow.CheckoutFlowError as refused:
            if any(error.field == "token" or error.code == "NOT_FOUND" for error in refused.errors):
                return TemplateResponse(request, "storefront/buying/link_invalid.html", {}, status=400)
            form.add_flow_errors(refused.errors)
        except flow.CheckoutUnavailable:
            form.add_error(None, str(UNAVAILABLE))
        else:
            _sign_in(request, get_user_model().objects.get(email=form.cleaned_data["email"]))
            messages.success(request, gettext("Your new password is set."))
            return HttpResponseRedirect(reverse("storefront:account"))
    return TemplateResponse(request, "storefront/buying/password_set.html", {"form": form})


@login_required
def account(request):
    me = account_flow.my_account(request=request)
    orders = [
        {**edge["node"], "total_money": gross(edge["node"]["total"])} for edge in me["orders"]["edges"]
    ]
    return TemplateResponse(request, "storefront/buying/account.html", {
        "me": me, "orders": orders, "reviews": account_flow.my_reviews(request=request),
    })


def _address_form(request, *, data=None, initial=None, countries=None):
    """The saved-address form laid out for the posted (else the initial) country."""
    countries = countries or flow.delivery_countries(request=request)
    initial = {"country": settings.DEFAULT_COUNTRY, **(initial or {})}
    country = (data or {}).get("country") or initial["country"]
    if country not in countries:
        country = settings.DEFAULT_COUNTRY
    # "Update the form" after choosing another country (without JavaScript): the same answers,
    # laid out for that country, nothing saved.
    refresh = data is not None and "refresh" in data
    form = SavedAddressForm(None if refresh else data, initial=initial, country_codes=countries,
                            rules=flow.address_rules(request=request, country=country),
                            fields_url=reverse("storefront:address_fields"))
    if refresh:
        form.initial.update({key: value for key, value in data.items() if key in form.fields})
    return form, refresh


def _address_values(form) -> dict:
    return {name: form.cleaned_data.get(name, "") for name in flow.ADDRESS_FIELDS}


def _own_address(me: dict, address_id: str) -> dict:
    """One of the shopper's own addresses, else the shop's 404 (another account's id included)."""
    found = next((address for address in me["addresses"] if address and address["id"] == address_id), None)
    if found is None:
        raise Http404
    return found


@login_required
def addresses(request):
    form, refresh = _address_form(request, data=request.POST if request.method == "POST" else None)
    if request.method == "POST" and not refresh and form.is_valid():
        if form.attempt(lambda: account_flow.address_add(request=request, address=_address_values(form),
                                                        make_default=form.cleaned_data["make_default"])):
            messages.success(request, gettext("Address saved."))
            return HttpResponseRedirect(reverse("storefront:addresses"))
    me = account_flow.my_account(request=request)
    default = (me["defaultShippingAddress"] or {}).get("id")
    return TemplateResponse(request, "storefront/buying/addresses.html", {
        "form": form, "addresses": [
            {**address, "is_default": address["id"] == default, "pk": Node.from_global_id(address["id"])[1]}
            for address in me["addresses"] if address
        ],
    })


@login_required
def address_fields(request):
    """htmx: the address fields laid out for the country just chosen."""
    form, _refresh = _address_form(request, initial={key: value for key, value in request.GET.items()})
    form.initial.update({key: value for key, value in request.GET.items() if key in form.fields})
    return TemplateResponse(request, "storefront/buying/_address_fields.html", {"form": form})


@login_required
def address_edit(request, address_pk: int):
    me = account_flow.my_account(request=request)
    address = _own_address(me, Node.to_global_id("Address", address_pk))
    is_default = (me["defaultShippingAddress"] or {}).get("id") == address["id"]
    form, refresh = _address_form(request, data=request.POST if request.method == "POST" else None,
                                  initial={**address_initial(address), "make_default": is_default})
    if request.method == "POST" and not refresh and form.is_valid():
        def save():
            # Both or neither: a refused default leaves the address as it was.
            with transaction.atomic():
                account_flow.address_update(request=request, address_id=address["id"], address=_address_values(form))
                if form.cleaned_data["make_default"] and not is_default:
                    account_flow.address_set_default(request=request, address_id=address["id"])

        if form.attempt(save):
            messages.success(request, gettext("Address saved."))
            return HttpResponseRedirect(reverse("storefront:addresses"))
    return TemplateResponse(request, "storefront/buying/address_edit.html",
                            {"form": form, "address": {**address, "pk": address_pk}})


def _address_action(request, action, *, failed: str, done: str):
    """One account_flow action on the caller's own address named in the form, then back to the list."""
    me = account_flow.my_account(request=request)
    address = _own_address(me, request.POST.get("address", "")[:200])
    try:
        action(request=request, address_id=address["id"])
    except (flow.CheckoutFlowError, flow.CheckoutUnavailable):
        messages.error(request, failed)
    else:
        messages.success(request, done)
    return HttpResponseRedirect(reverse("storefront:addresses"))


@login_required
@require_POST
def address_default(request):
    return _address_action(
        request, account_flow.address_set_default,
        failed=gettext("This address could not be made the default."),
        done=gettext("This is now your default delivery address."),
    )


@login_required
@require_POST
def address_delete(request):
    return _address_action(
        request, account_flow.address_delete,
        failed=gettext("This address could not be deleted."), done=gettext("Address deleted."),
    )


@login_required
def review_new(request, product_id):
    product = account_flow.product_by_id(request=request, product_id=product_id)
    if product is None:
        raise Http404
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.attempt(lambda: account_flow.review_create(request=request, product_id=product["id"],
                                                          **form.cleaned_data)):
            messages.success(request, gettext("Thank you! Your review will appear once it has been checked."))
            return HttpResponseRedirect(reverse("storefront:account"))
    return TemplateResponse(request, "storefront/buying/review_new.html",
                            {"form": form, "product": product})


@login_required
def wishlist(request):
    return TemplateResponse(request, "storefront/buying/wishlist.html",
                            {"products": account_flow.wishlist_products(user=request.user)})


@login_required
@require_POST
def wishlist_add(request):
    form = WishlistForm(request.POST)
    if form.is_valid():
        try:
            account_flow.wishlist_product_add(user=request.user, product_id=form.cleaned_data["product"])
        except flow.CheckoutFlowError:
            messages.error(request, gettext("This product is not in our shop."))
        else:
            messages.success(request, gettext("Saved to your wishlist."))
    else:
        messages.error(request, gettext("This product is not in our shop."))
    return HttpResponseRedirect(_next_url(request, reverse("storefront:wishlist")))


@login_required
@require_POST
def wishlist_remove(request):
    form = WishlistForm(request.POST)
    if form.is_valid():
        account_flow.wishlist_product_remove(user=request.user, product_id=form.cleaned_data["product"])
        messages.success(request, gettext("Removed from your wishlist."))
    return HttpResponseRedirect(_next_url(request, reverse("storefront:wishlist")))
