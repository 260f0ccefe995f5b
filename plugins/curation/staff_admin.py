"""Featured collections in the back office (/staff/): the list with their windows, the rule
editor with a live preview of what the rule selects, the refresh button and the refresh log.
MANAGE_OTOP_CURATION decides who may act; writes go through the services."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from otop_kernel.staff_site import (
    StaffModelAdmin,
    StaffReadOnlyInline,
    add_service_errors,
    has_any_permission,
    staff_site,
    validation_messages,
)

from . import services
from .error_codes import CurationErrorCode
from .models import CollectionRefresh, FeaturedCollection, RefreshTrigger, Selection
from .permissions import CurationPermissions
from .rules import RuleCriteria, rule_criteria_validate, rule_products

CURATION = (CurationPermissions.MANAGE_OTOP_CURATION,)
PREVIEW_SIZE = 20
ERROR_MESSAGES = {
    CurationErrorCode.NOT_RULE_BASED.value: _("Only rule-based collections have a rule and are refreshed."),
}
LIST_FIELDS = ("region_codes", "province_codes", "categories", "gi_slugs", "producer_slugs", "market_codes")


def _codes(text: str) -> list:
    return [item for item in (part.strip() for part in (text or "").replace("\n", ",").split(",")) if item]


class RuleForm(forms.Form):
    min_stars = forms.IntegerField(label=_("Lowest official stars"), required=False)
    region_codes = forms.CharField(label=_("Regions (codes, comma-separated)"), required=False)
    province_codes = forms.CharField(label=_("Provinces (DOPA codes, comma-separated)"), required=False)
    categories = forms.CharField(label=_("OTOP categories (comma-separated)"), required=False)
    gi_slugs = forms.CharField(label=_("Geographical Indications (slugs, comma-separated)"), required=False)
    producer_slugs = forms.CharField(label=_("Producers (slugs, comma-separated)"), required=False)
    market_codes = forms.CharField(label=_("Export markets (country codes, comma-separated)"), required=False)

    @classmethod
    def initial_of(cls, featured: FeaturedCollection) -> dict:
        rule = getattr(featured, "rule", None)
        if rule is None:
            return {}
        criteria = RuleCriteria.of_rule(rule)
        return {"min_stars": criteria.min_stars, **{name: ", ".join(getattr(criteria, name)) for name in LIST_FIELDS}}

    def criteria(self) -> RuleCriteria:
        """The rule as the curation plugin checks it (unknown codes: errors on their fields)."""
        data = self.cleaned_data
        criteria = RuleCriteria.build(min_stars=data.get("min_stars"), **{name: _codes(data.get(name)) for name in LIST_FIELDS})
        rule_criteria_validate(criteria)
        return criteria


class CollectionRefreshInline(StaffReadOnlyInline):
    model = CollectionRefresh
    fields = ("refreshed_at", "trigger", "matched_count", "added_count", "removed_count", "product_count")
    readonly_fields = fields
    ordering = ("-refreshed_at",)
    extra = 0
    can_delete = False
    verbose_name_plural = _("Refresh log")

    def has_add_permission(self, request, obj=None):
        return False


class FeaturedCollectionAdmin(StaffModelAdmin):
    view_permissions = CURATION
    change_permissions = CURATION
    error_messages = ERROR_MESSAGES
    list_display = ("collection", "kind", "selection", "visible_from", "visible_until", "position", "products", "rule_link")
    list_filter = ("kind", "selection")
    list_select_related = ("collection",)
    search_fields = ("collection__name", "collection__slug")
    ordering = ("position", "collection__slug")
    actions = ("refresh",)
    inlines = (CollectionRefreshInline,)
    fields = ("collection", "kind", "selection", "visible_from", "visible_until", "position")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(product_total=Count("collection__products", distinct=True))

    def has_manage_permission(self, request):
        return has_any_permission(request.user, CURATION)

    @admin.display(description=_("Products"), ordering="product_total")
    def products(self, featured):
        return featured.product_total

    @admin.display(description=_("Rule"))
    def rule_link(self, featured):
        if featured.selection != Selection.RULE_BASED:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("staff:otop_curation_featuredcollection_rule", args=[featured.pk]), _("Edit the rule"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/rule/", view(self.rule_view), name="otop_curation_featuredcollection_rule"),
            path("<int:pk>/rule/preview/", view(self.rule_preview_view), name="otop_curation_featuredcollection_rule_preview"),
            *super().get_urls(),
        ]

    @admin.action(description=_("Refresh the selected rule-based collections now"), permissions=("manage",))
    def refresh(self, request, queryset):
        done = 0
        for featured in queryset:
            try:
                services.rule_collection_refresh(featured_collection_id=featured.pk, trigger=RefreshTrigger.MANUAL)
            except ValidationError as error:
                self.service_errors(request, error, subject=featured.collection)
                continue
            self.log_service_action(request, featured, "Refreshed")
            done += 1
        if done:
            self.message_user(request, ngettext("%(count)d collection refreshed.", "%(count)d collections refreshed.", done) % {"count": done}, messages.SUCCESS)

    def _rule_context(self, request, featured, form):
        return {
            **self.admin_site.each_context(request),
            "title": _("Rule of %(name)s") % {"name": featured.collection.name},
            "opts": self.model._meta,
            "form": form,
            "featured": featured,
            "preview_url": reverse("staff:otop_curation_featuredcollection_rule_preview", args=[featured.pk]),
        }

    def _featured(self, request, pk):
        if not self.has_manage_permission(request):
            raise PermissionDenied
        return get_object_or_404(FeaturedCollection.objects.select_related("collection", "rule"), pk=pk, selection=Selection.RULE_BASED)

    def rule_view(self, request, pk):
        featured = self._featured(request, pk)
        form = RuleForm(request.POST or None, initial=RuleForm.initial_of(featured))
        if request.method == "POST" and form.is_valid():
            try:
                services.featured_collection_update(featured_collection=featured, rule=form.criteria())
            except ValidationError as error:
                add_service_errors(form, error, codes=ERROR_MESSAGES)
            else:
                self.log_service_action(request, featured, "Rule changed")
                self.message_user(request, _("The rule is saved and the collection refreshed."), messages.SUCCESS)
                return HttpResponseRedirect(reverse("staff:otop_curation_featuredcollection_change", args=[featured.pk]))
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "staff_site/rule_page.html", self._rule_context(request, featured, form))

    def rule_preview_view(self, request, pk):
        """What the rule being edited selects now (htmx posts the form as it changes)."""
        featured = self._featured(request, pk)
        form = RuleForm(request.POST or None)
        context = {"errors": [], "products": [], "total": 0}
        if form.is_valid():
            try:
                products = rule_products(form.criteria()).order_by("name", "pk")
            except ValidationError as error:
                context["errors"] = validation_messages(error, codes=ERROR_MESSAGES)
            else:
                context.update(total=products.count(), products=list(products[:PREVIEW_SIZE]))
        else:
            context["errors"] = [error for errors in form.errors.values() for error in errors]
        return TemplateResponse(request, "staff_site/rule_preview.html", {**context, "featured": featured})


staff_site.register(FeaturedCollection, FeaturedCollectionAdmin)
