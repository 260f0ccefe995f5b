from datetime import timedelta

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import get_script_prefix, is_valid_path
from django.utils import translation
from django.utils.cache import patch_vary_headers

from .languages import language_from_path, language_negotiate

LANGUAGE_COOKIE_AGE = timedelta(days=365)


class StorefrontLanguageMiddleware:
    """Activates the language of a shop path (`/th/…`); sends a path without one to the
    same page in the negotiated language. Paths outside the shop (`/graphql/`) are left
    in the project's default language.

    Django's LocaleMiddleware would accept every language of settings.LANGUAGES (Saleor's
    list of translation languages) as a page prefix; the shop has four.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_from_path(request.path_info)
        if language is None:
            response = self.get_response(request)
            if response.status_code == 404 and request.method in ("GET", "HEAD"):
                return self._redirect_to_language(request) or response
            return response
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        if request.COOKIES.get(settings.STOREFRONT_LANGUAGE_COOKIE) != language:
            response.set_cookie(
                settings.STOREFRONT_LANGUAGE_COOKIE,
                language,
                max_age=int(LANGUAGE_COOKIE_AGE.total_seconds()),
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
            )
        return response

    @staticmethod
    def _redirect_to_language(request):
        language = language_negotiate(request=request)
        path = f"/{language}{request.path_info}"
        urlconf = getattr(request, "urlconf", None)
        with translation.override(language):
            if not is_valid_path(path, urlconf):
                return None
        query = request.META.get("QUERY_STRING", "")
        response = HttpResponseRedirect(f"{get_script_prefix().rstrip('/')}{path}" + (f"?{query}" if query else ""))
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        return response
