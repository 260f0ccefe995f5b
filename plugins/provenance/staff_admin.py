"""Programme staff edit Geographical Indications in the back office (/staff/), through the services."""
from django import forms
from django.core.exceptions import ValidationError
from unfold.admin import ModelAdmin

from otop_kernel.staff_site import staff_site

from . import services
from .models import GeographicalIndication
from .permissions import ProvenancePermissions


class GeographicalIndicationAdminForm(forms.ModelForm):
    class Meta:
        model = GeographicalIndication
        fields = ["name_th", "name_en", "slug", "registration_number", "kind", "provinces"]

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        values = {name: cleaned_data.get(name) for name in ["name_th", "name_en", "kind", "registration_number", "slug"]}
        provinces = cleaned_data.get("provinces")
        services.geographical_indication_clean(
            gi=self.instance if self.instance.pk else None,
            values=values,
            province_codes=[province.code for province in provinces] if provinces is not None else [],
        )
        return cleaned_data


class GeographicalIndicationAdmin(ModelAdmin):
    form = GeographicalIndicationAdminForm
    list_display = ["name_en", "name_th", "kind", "registration_number"]
    list_filter = ["kind", "provinces__region"]
    search_fields = ["name_en", "name_th", "registration_number", "slug"]
    filter_horizontal = ["provinces"]

    def _allowed(self, request) -> bool:
        return request.user.is_active and request.user.has_perm(ProvenancePermissions.MANAGE_OTOP_PROVENANCE)

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        # A GI that products carry cannot go (geographical_indication_delete refuses it).
        return self._allowed(request) and not (obj is not None and obj.product_provenances.exists())

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {
            "name_th": data["name_th"],
            "name_en": data["name_en"],
            "kind": data["kind"],
            "registration_number": data["registration_number"],
            "province_codes": [province.code for province in data["provinces"]],
        }
        if change:
            services.geographical_indication_update(gi=obj, slug=data["slug"], **fields)
        else:
            created = services.geographical_indication_create(slug=data["slug"] or None, **fields)
            obj.pk, obj.slug = created.pk, created.slug
            obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # The services set the provinces; only inline formsets (none today) are left.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        try:
            services.geographical_indication_delete(gi=obj)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), level="error")


staff_site.register(GeographicalIndication, GeographicalIndicationAdmin)
