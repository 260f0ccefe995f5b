"""How every portal view starts: from the signed-in member's producer, found through the
producer access module (plugins/producer_channels/access.py) and nowhere else.

    @producer_required
    def product_list(request): ...          # request.producer, request.membership

    @producer_required(owner=True)          # owners only (team, payout details)
    @producer_required(approved=True)       # the shop must be open (products, orders)

A member of a suspended producer reads everything and writes nothing: any POST answers 403
with the suspension's reason, before the view runs. Another producer's objects are looked up
with `reach_*`, which answers None (then 404) exactly as for a missing id.
"""
from functools import wraps
from typing import Optional

from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation

from plugins.producer_channels import access
from plugins.producer_channels.selectors import MemberRole, ProducerStatus

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def membership_of(user):
    """The member's first membership (with its producer), or None."""
    if not (user.is_authenticated and user.is_active):
        return None
    return access.members(user=user).filter(user=user).order_by("pk").first()


def sign_in_url() -> str:
    with translation.override(translation.get_language() or "th"):
        return reverse("storefront:sign_in")


def _refuse_write(request):
    return TemplateResponse(request, "seller/suspended.html", {}, status=403)


def producer_required(view=None, *, owner: bool = False, approved: bool = False):
    def decorate(view_function):
        @wraps(view_function)
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), sign_in_url())
            membership = membership_of(request.user)
            if membership is None:
                return redirect("seller:join")
            producer = membership.producer
            request.membership = membership
            request.producer = producer
            request.seller_is_owner = membership.role == MemberRole.OWNER
            request.seller_writable = access.producer_writable(producer)
            if owner and not request.seller_is_owner:
                raise Http404
            if approved and producer.status == ProducerStatus.APPLIED:
                return redirect("seller:join")
            if request.method not in SAFE_METHODS and not request.seller_writable:
                return _refuse_write(request)
            return view_function(request, *args, **kwargs)

        return wrapped

    return decorate(view) if view is not None else decorate


def reach_own(reached: Optional[access.Reached], request):
    """The object reached through access.reach_*, if it is of the request's producer; else 404."""
    if reached is None or reached.producer is None or reached.producer.pk != request.producer.pk:
        raise Http404
    return reached.object
