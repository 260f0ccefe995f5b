from django.utils import translation

from .languages import SELLER_PATH_PREFIX, seller_language


class SellerLanguageMiddleware:
    """Activates the portal's language on /seller/ paths (Thai by default)."""

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
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        return response
