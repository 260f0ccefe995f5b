"""Export markets in the back office (/staff/), read-only: markets with their requirements,
duty rates and shipping services, exchange rates with their source and age, producers'
export registrations. MANAGE_OTOP_EXPORT decides who sees them."""
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from otop_kernel.staff_site import StaffModelAdmin, StaffReadOnlyInline, staff_site

from .models import (
    CategoryRequirement,
    DutyRate,
    ExchangeRate,
    Market,
    MarketShippingService,
    ProducerRegistration,
)
from .permissions import ExportMarketsPermissions

EXPORT = (ExportMarketsPermissions.MANAGE_OTOP_EXPORT,)


class RequirementInline(StaffReadOnlyInline):
    model = CategoryRequirement
    fields = ("category", "kind")
    readonly_fields = fields


class DutyRateInline(StaffReadOnlyInline):
    model = DutyRate
    fields = ("hs_chapter", "duty_rate", "tax_rate")
    readonly_fields = fields


class ShippingServiceInline(StaffReadOnlyInline):
    model = MarketShippingService
    fields = ("service", "max_weight_grams", "max_value")
    readonly_fields = fields


class MarketAdmin(StaffModelAdmin):
    view_permissions = EXPORT
    list_display = ("country", "enabled", "display_currency", "minimum_stars", "duty_terms", "de_minimis_value", "default_duty_rate", "default_tax_rate")
    list_filter = ("enabled", "duty_terms")
    inlines = (RequirementInline, DutyRateInline, ShippingServiceInline)
    readonly_fields = (
        "country", "enabled", "display_currency", "minimum_stars", "allowed_categories", "duty_terms",
        "de_minimis_value", "default_duty_rate", "default_tax_rate", "label_languages", "updated_at",
    )
    fields = readonly_fields


class ExchangeRateAdmin(StaffModelAdmin):
    view_permissions = EXPORT
    list_display = ("currency", "units_per_thb", "source", "updated_at", "age")
    readonly_fields = ("currency", "units_per_thb", "source", "updated_at")
    fields = readonly_fields

    @admin.display(description=_("Age (hours)"), ordering="-updated_at")
    def age(self, rate):
        return int((timezone.now() - rate.updated_at).total_seconds() // 3600)


class ProducerRegistrationAdmin(StaffModelAdmin):
    view_permissions = EXPORT
    list_display = ("producer", "kind", "number", "issuer", "valid_from", "valid_until")
    list_filter = ("kind",)
    list_select_related = ("producer",)
    search_fields = ("number", "producer__name_th", "producer__name_en")
    readonly_fields = ("producer", "kind", "number", "issuer", "valid_from", "valid_until", "created_at")
    fields = readonly_fields


staff_site.register(Market, MarketAdmin)
staff_site.register(ExchangeRate, ExchangeRateAdmin)
staff_site.register(ProducerRegistration, ProducerRegistrationAdmin)
