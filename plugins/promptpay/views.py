"""PromptPay's HTTP endpoints. The shopper's are reached by the order's secret token (the
one Saleor gives the storefront with the order), so no other order's QR or status is seen."""
import logging

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect, ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST

from . import selectors, services, stripe_promptpay
from .models import BankTransferSource, ChargeStatus
from .panel import qr_panel_context
from .qr import qr_png, qr_svg

logger = logging.getLogger(__name__)


def _charge_or_404(order_token: str):
    charge = selectors.charge_for_order_token(order_token=order_token)
    if charge is None:
        raise Http404("No PromptPay payment for this order.")
    return charge


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_GET
def qr_svg_view(request, order_token: str):
    charge = _charge_or_404(order_token)
    if charge.status != ChargeStatus.PENDING:
        raise Http404("This QR is no longer valid.")
    return _private(HttpResponse(qr_svg(charge.qr_payload), content_type="image/svg+xml"))


@require_GET
def qr_png_view(request, order_token: str):
    charge = _charge_or_404(order_token)
    if charge.status != ChargeStatus.PENDING:
        raise Http404("This QR is no longer valid.")
    response = HttpResponse(qr_png(charge.qr_payload), content_type="image/png")
    response["Content-Disposition"] = f'attachment; filename="promptpay-{charge.reference}.png"'
    return _private(response)


@require_GET
@never_cache
def status_view(request, order_token: str):
    charge = _charge_or_404(order_token)
    return _private(JsonResponse(selectors.charge_status(charge=charge)))


def _confirmation_url(request, fallback: str) -> str:
    url = request.GET.get("next", "") or request.POST.get("next", "")
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return fallback


@require_GET
@never_cache
@ensure_csrf_cookie  # for the demo's simulate form (Saleor's settings have no CSRF middleware)
def qr_page_view(request, order_token: str):
    """A page of its own around the panel, for a shopper sent a link (and for tests); the
    storefront's payment step includes the same partial."""
    charge = _charge_or_404(order_token)
    page_url = reverse("otop-promptpay-page", args=[order_token])
    panel = qr_panel_context(
        charge=charge, order_token=order_token, confirmation_url=_confirmation_url(request, f"{page_url}?paid=1"),
    )
    return _private(render(request, "promptpay/page.html", {"panel": panel, "order": charge.payment.order}))


@csrf_protect  # Saleor's settings have no CSRF middleware; this form is the one POST of a page
@require_POST
def simulate_bank_confirmation_view(request, order_token: str):
    """DEBUG only: the bank's confirmation of the QR's transfer, as a statement row would bring it."""
    if not settings.DEBUG:
        raise Http404()
    charge = _charge_or_404(order_token)
    services.bank_transfer_record(
        bank_transaction_id=f"SIMULATED-{charge.reference}", reference=charge.reference, amount=charge.amount,
        booked_at=None, source=BankTransferSource.SIMULATED,
    )
    # Back to the page the panel was on (the storefront's order page), else the QR page.
    return HttpResponseRedirect(_confirmation_url(request, reverse("otop-promptpay-page", args=[order_token])))


@csrf_exempt
@require_POST
def stripe_webhook_view(request):
    """Stripe's events, signature checked; answered 2xx once handled (or already handled)."""
    try:
        event = stripe_promptpay.event_from_request(
            payload=request.body, signature=request.META.get("HTTP_STRIPE_SIGNATURE", "")
        )
    except ValueError:
        return JsonResponse({"error": "invalid signature"}, status=400)
    try:
        outcome = services.stripe_event_handle(event=event)
    except services.ChargeNotYetKnown:
        # The order is still being placed; Stripe delivers the event again later.
        return JsonResponse({"error": "payment not known yet"}, status=409)
    return JsonResponse({"received": True, "outcome": outcome})
