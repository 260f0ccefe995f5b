"""The programme's back office: one Django admin site ("staff", mounted at /staff/ by web.staff).

Each plugin registers its own ModelAdmins on `staff_site` from its `staff_admin.py`, so a
plugin's models are imported only by that plugin; `autodiscover()` imports those modules once
every app is ready. Access: active staff accounts only (producer members are customers, never
staff); what each officer sees and may do is decided by Saleor's permissions and ours, which
`StaffModelAdmin` maps onto the admin's view/add/change/delete checks and action permissions.
"""
from typing import Iterable, Optional

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin, TabularInline
from unfold.sites import UnfoldAdminSite


class StaffSite(UnfoldAdminSite):
    site_title = _("OTOP back office")
    site_header = _("OTOP back office")
    index_title = _("Programme dashboard")
    # web.staff sets its dashboard template when it wires the site.
    index_template: Optional[str] = None

    def has_permission(self, request):
        user = request.user
        return bool(user.is_active and user.is_staff)


staff_site = StaffSite(name="staff")


def autodiscover() -> None:
    autodiscover_modules("staff_admin", register_to=staff_site)


def has_any_permission(user, permissions: Iterable) -> bool:
    return bool(user.is_active and user.is_staff) and any(user.has_perm(permission) for permission in permissions)


def validation_messages(error: ValidationError, *, codes: Optional[dict] = None) -> list:
    """A service's ValidationError as messages for the page: a message of our own (translated)
    for each known error code, the service's own message otherwise."""
    codes = codes or {}
    found = []
    for item in error.error_list if not hasattr(error, "error_dict") else [
        e for errors in error.error_dict.values() for e in errors
    ]:
        code = item.code.value if hasattr(item.code, "value") else item.code
        found.append(str(codes[code]) if code in codes else " ".join(item.messages))
    return found


class StaffModelAdmin(ModelAdmin):
    """A ModelAdmin whose pages need one of `view_permissions` (Saleor permission enums); adding,
    changing and deleting need `change_permissions` and are off unless a subclass opens them,
    because writes go through the plugins' services (admin actions and forms)."""

    view_permissions: tuple = ()
    change_permissions: tuple = ()
    # Error codes of the plugin's services mapped to messages in the page's language.
    error_messages: dict = {}

    def _may_view(self, request) -> bool:
        return has_any_permission(request.user, self.view_permissions or self.change_permissions)

    def _may_change(self, request) -> bool:
        return has_any_permission(request.user, self.change_permissions)

    def has_module_permission(self, request):
        return self._may_view(request)

    def has_view_permission(self, request, obj=None):
        return self._may_view(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        # Django's bulk delete bypasses the services.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def log_service_action(self, request, obj, message: str) -> None:
        """Django's admin log (who, what, when) for a change made through a service."""
        self.log_change(request, obj, message)

    def service_errors(self, request, error: ValidationError, *, subject=None) -> None:
        for text in validation_messages(error, codes=self.error_messages):
            self.message_user(request, f"{subject}: {text}" if subject is not None else text, level=messages.ERROR)


def action_form_page(modeladmin, request, queryset, *, form, title: str, action: str):
    """The page between an admin action and its run: the action's form (a commission rate, a
    reason) for the selected rows; posting it with "apply" runs the action."""
    from django.contrib.admin import helpers
    from django.template.response import TemplateResponse

    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "form": form,
        "objects": list(queryset),
        "action": action,
        "selected_name": helpers.ACTION_CHECKBOX_NAME,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "staff_site/action_form.html", context)


def action_form(form_class, request):
    """The action's form, bound when its page was posted with "apply"."""
    return form_class(request.POST) if "apply" in request.POST else form_class()


def form_page(modeladmin, request, *, form, title: str, submit_label: str = "", intro: str = ""):
    """A back-office page of one form (grant, correct, upload), in the site's frame."""
    from django.template.response import TemplateResponse

    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.model._meta,
        "form": form,
        "submit_label": submit_label,
        "intro": intro,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, "staff_site/form_page.html", context)


def add_service_errors(form, error: ValidationError, *, codes: Optional[dict] = None) -> None:
    """A service's errors on the form's fields (the non-field errors for keys it has not)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, validation_messages(error, codes=codes))
        return
    for field, errors in error.error_dict.items():
        texts = validation_messages(ValidationError(errors), codes=codes)
        form.add_error(field if field in form.fields else None, texts)


class StaffReadOnlyInline(TabularInline):
    """Rows shown on their parent's page to whoever may view the parent; never edited here."""

    extra = 0
    can_delete = False

    def has_view_permission(self, request, obj=None):
        return self.admin_site._registry[self.parent_model].has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
