from datetime import timedelta

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from ..languages import SELLER_PATH_PREFIX, seller_language_codes

LANGUAGE_COOKIE_AGE = timedelta(days=365)


@require_POST
def language_set(request):
    """Remember the portal's language and go back to the page it was chosen on."""
    target = request.POST.get("next", "")
    if not (
        target.startswith(SELLER_PATH_PREFIX)
        and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    ):
        target = reverse("seller:home")
    response = HttpResponseRedirect(target)
    language = request.POST.get("language", "")
    if language in seller_language_codes():
        response.set_cookie(
            settings.SELLER_LANGUAGE_COOKIE, language, max_age=int(LANGUAGE_COOKIE_AGE.total_seconds()),
            samesite="Lax", secure=settings.SESSION_COOKIE_SECURE, httponly=True,
        )
    return response
