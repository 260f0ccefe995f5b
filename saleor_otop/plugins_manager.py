"""One Saleor plugins manager per request.

Saleor 2.10 calls `get_plugins_manager()` wherever it needs a plugin hook (checkout totals,
payment gateway, order actions, ...): each call builds every plugin again and reads
PluginConfiguration (a 5-line checkoutComplete built 11 managers). Inside a request (the
`OnePluginsManagerMiddleware` scope) the first manager built is reused by every later call with
the same settings (`PLUGINS_MANAGER`, `PLUGINS`); outside a request (Celery tasks, commands)
nothing changes. A saved plugin configuration drops the request's managers, so the hooks that
follow read it.
"""
import sys
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

_request_managers: ContextVar = ContextVar("otop_request_plugins_managers", default=None)
_original_get_plugins_manager = None


def request_plugins_manager(manager_path=None, plugins=None):
    managers = _request_managers.get()
    if managers is None or manager_path is not None or plugins is not None:
        return _original_get_plugins_manager(manager_path=manager_path, plugins=plugins)
    key = (settings.PLUGINS_MANAGER, tuple(settings.PLUGINS))
    manager = managers.get(key)
    if manager is None:
        manager = managers[key] = _original_get_plugins_manager()
    return manager


@contextmanager
def one_plugins_manager():
    token = _request_managers.set({})
    try:
        yield
    finally:
        _request_managers.reset(token)


def request_plugins_managers_forget(**_kwargs) -> None:
    managers = _request_managers.get()
    if managers:
        managers.clear()


class OnePluginsManagerMiddleware:
    """Django middleware: the scope in which `get_plugins_manager()` builds one manager."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_plugins_manager():
            return self.get_response(request)


def patch_get_plugins_manager() -> None:
    """Replace Saleor's `get_plugins_manager` in every module already holding it (run after
    app loading and again once Saleor's GraphQL package is imported)."""
    global _original_get_plugins_manager
    from django.db.models.signals import post_delete, post_save
    from saleor.plugins import manager as manager_module
    from saleor.plugins.models import PluginConfiguration

    if _original_get_plugins_manager is None:
        _original_get_plugins_manager = manager_module.get_plugins_manager
        post_save.connect(request_plugins_managers_forget, sender=PluginConfiguration,
                          dispatch_uid="otop_request_plugins_managers_saved")
        post_delete.connect(request_plugins_managers_forget, sender=PluginConfiguration,
                            dispatch_uid="otop_request_plugins_managers_deleted")
    for module in list(sys.modules.values()):
        if getattr(module, "get_plugins_manager", None) is _original_get_plugins_manager:
            module.get_plugins_manager = request_plugins_manager
