from django.conf import settings
from django.utils import translation

STAFF_PREFIX = "/staff/"


def staff_language(request) -> str:
    codes = [code for code, _name in settings.STAFF_LANGUAGES]
    chosen = request.COOKIES.get(settings.STAFF_LANGUAGE_COOKIE)
    if chosen in codes:
        return chosen
    accepted = translation.get_language_from_request(request)
    return accepted if accepted in codes else codes[0]


class StaffMiddleware:
    """The back office's pages: Thai or English (the officer's choice, else the browser's, else
    Thai), and their Content-Security-Policy amendment. unfold's Alpine.js evaluates its
    attribute expressions with Function() (script-src 'unsafe-eval'; still no inline script) and
    unfold writes its theme colours and a few widths as inline styles."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(STAFF_PREFIX):
            return self.get_response(request)
        language = staff_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        response.headers.setdefault("Content-Language", language)
        response._csp_update = {"script-src": "'unsafe-eval'", "style-src": "'unsafe-inline'"}
        return response
