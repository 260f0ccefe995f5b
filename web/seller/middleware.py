from django.shortcuts import render
from django.utils import translation

from .languages import SELLER_PATH_PREFIX, seller_language


class SellerLanguageMiddleware:
    """Activates the portal's language on /seller/ paths (Thai by default); every "not found"
    of the portal is the same portal page, in its language (whether the id is missing or
    another producer's)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(SELLER_PATH_PREFIX):
            return self.get_response(request)
        language = seller_language(request=request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
            if response.status_code == 404:
                response = render(request, "seller/404.html", status=404)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
