from django.shortcuts import render
from django.utils import translation

from ..languages import language_from_path, language_negotiate


def page_not_found(request, exception=None):
    """The shop's own 404, in the language of the path, else the shopper's language."""
    language = language_from_path(request.path_info) or language_negotiate(request=request)
    with translation.override(language):
        request.LANGUAGE_CODE = language
        return render(request, "storefront/404.html", status=404)
