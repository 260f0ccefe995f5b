from django.conf import settings
from django.utils import translation

from .languages import SELLER_PATH_PREFIX


def seller(request) -> dict:
    """The portal's language choices (on /seller/ pages only)."""
    if not request.path_info.startswith(SELLER_PATH_PREFIX):
        return {}
    current = translation.get_language()
    return {
        "seller_languages": [
            {"code": code, "name": name, "current": code == current} for code, name in settings.SELLER_LANGUAGES
        ]
    }
