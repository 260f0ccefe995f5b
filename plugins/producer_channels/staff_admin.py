"""Producers in the back office (/staff/): the application queue, approval with a commission
rate, suspension with a reason, reinstatement; payouts read-only. Every change goes through
the services; MANAGE_OTOP_PRODUCERS (payouts: MANAGE_OTOP_PAYOUTS) decides who may act."""
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from otop_kernel.staff_site import (
    StaffModelAdmin,
    StaffReadOnlyInline,
    action_form,
    action_form_page,
    has_any_permission,
    staff_site,
    validation_messages,
)

from . import selectors, services
from .error_codes import ProducerErrorCode
from .models import OfficerAssignment, Payout, PayoutRun, Producer, ProducerMember, ProducerStatus
from .permissions import ProducerPermissions
from .services.rules import clean_commission_rate, payout_details_missing

ERROR_MESSAGES = {
    ProducerErrorCode.ALREADY_APPROVED.value: _("The producer is already approved."),
    ProducerErrorCode.ALREADY_SUSPENDED.value: _("The producer is already suspended."),
    ProducerErrorCode.COMMISSION_OUT_OF_RANGE.value: _("The commission must be between 0 and 100 %."),
    ProducerErrorCode.INVALID.value: _("Enter a number of percent with at most 2 decimals."),
    ProducerErrorCode.TOO_LONG.value: _("The text is too long."),
}


class ApproveForm(forms.Form):
    commission_rate = forms.CharField(
        label=_("Commission rate (%)"), required=False,
        help_text=_("Leave empty to keep the rate the producer applied with."),
    )

    def clean_commission_rate(self):
        value = self.cleaned_data["commission_rate"].strip()
        if not value:
            return None
        try:
            return clean_commission_rate(value)
        except ValidationError as error:
            raise forms.ValidationError(validation_messages(error, codes=ERROR_MESSAGES)) from None


class SuspendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to the producer in its portal."),
    )


class ProducerMemberInline(StaffReadOnlyInline):
    model = ProducerMember
    fields = ("user", "role", "created_at")
    readonly_fields = fields


class OfficerAssignmentInline(StaffReadOnlyInline):
    model = OfficerAssignment
    fk_name = "producer"
    fields = ("officer", "assigned_by", "created_at")
    readonly_fields = fields


class ProducerAdmin(StaffModelAdmin):
    view_permissions = (ProducerPermissions.MANAGE_OTOP_PRODUCERS, ProducerPermissions.MANAGE_OTOP_PAYOUTS)
    change_permissions = (ProducerPermissions.MANAGE_OTOP_PRODUCERS,)
    error_messages = ERROR_MESSAGES
    list_display = ("name_th", "name_en", "kind", "status", "tambon", "province", "applied_at", "missing", "commission_rate")
    list_filter = ("status", "kind", ("home_subdistrict__district__province", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("home_subdistrict__district__province",)
    search_fields = ("slug", "name_th", "name_en", "contact_email", "registration_id")
    ordering = ("status", "applied_at")
    actions = ("approve", "suspend", "reinstate")
    inlines = (ProducerMemberInline, OfficerAssignmentInline)
    fields = (
        "name_th", "name_en", "slug", "kind", "registration_id", "status", "applied_at", "approved_at",
        "suspended_at", "suspension_reason", "commission_rate", "home_subdistrict", "address_line",
        "contact_name", "contact_email", "contact_phone", "story_th", "story_en", "logo",
        "payout_method", "withholding_tax", "warehouse",
    )

    def has_manage_permission(self, request):
        return has_any_permission(request.user, self.change_permissions)

    @admin.display(description=_("Tambon"), ordering="home_subdistrict__name_th")
    def tambon(self, producer):
        subdistrict = producer.home_subdistrict
        return f"{subdistrict.name_th} ({subdistrict.code})"

    @admin.display(description=_("Province"), ordering="home_subdistrict__district__province__name_th")
    def province(self, producer):
        return producer.home_subdistrict.district.province.name_th

    @admin.display(description=_("What is missing"))
    def missing(self, producer):
        gaps = []
        if payout_details_missing(producer):
            gaps.append(str(_("payout details")))
        if not producer.contact_phone:
            gaps.append(str(_("phone")))
        if not producer.address_line:
            gaps.append(str(_("address")))
        if not producer.registration_id:
            gaps.append(str(_("registration number")))
        return ", ".join(gaps) or "—"

    def _run(self, request, queryset, call, done_message, message_log):
        done = 0
        for producer in queryset:
            try:
                call(producer)
            except ValidationError as error:
                self.service_errors(request, error, subject=producer)
                continue
            self.log_service_action(request, producer, message_log)
            done += 1
        if done:
            self.message_user(request, done_message(done), level=messages.SUCCESS)

    @admin.action(description=_("Approve the selected applications"), permissions=("manage",))
    def approve(self, request, queryset):
        form = action_form(ApproveForm, request)
        if not form.is_bound or not form.is_valid():
            return action_form_page(self, request, queryset, form=form, title=_("Approve applications"), action="approve")
        configuration = selectors.producer_channels_configuration()
        rate = form.cleaned_data["commission_rate"]
        self._run(
            request, queryset,
            lambda producer: services.producer_approve(producer=producer, configuration=configuration, commission_rate=rate),
            lambda done: ngettext("%(count)d producer approved.", "%(count)d producers approved.", done) % {"count": done},
            f"Approved (commission rate: {rate if rate is not None else 'as applied'})",
        )
        return None

    @admin.action(description=_("Suspend the selected producers"), permissions=("manage",))
    def suspend(self, request, queryset):
        form = action_form(SuspendForm, request)
        if not form.is_bound or not form.is_valid():
            return action_form_page(self, request, queryset, form=form, title=_("Suspend producers"), action="suspend")
        reason = form.cleaned_data["reason"]
        self._run(
            request, queryset,
            lambda producer: services.producer_suspend(producer=producer, reason=reason),
            lambda done: ngettext("%(count)d producer suspended.", "%(count)d producers suspended.", done) % {"count": done},
            f"Suspended: {reason}",
        )
        return None

    @admin.action(description=_("Reinstate the selected suspended producers"), permissions=("manage",))
    def reinstate(self, request, queryset):
        not_suspended = queryset.exclude(status=ProducerStatus.SUSPENDED)
        for producer in not_suspended:
            self.message_user(request, _("%(producer)s: the producer is not suspended.") % {"producer": producer}, level=messages.ERROR)
        configuration = selectors.producer_channels_configuration()
        self._run(
            request, queryset.filter(status=ProducerStatus.SUSPENDED),
            lambda producer: services.producer_approve(producer=producer, configuration=configuration),
            lambda done: ngettext("%(count)d producer reinstated.", "%(count)d producers reinstated.", done) % {"count": done},
            "Reinstated",
        )


class PayoutAdmin(StaffModelAdmin):
    view_permissions = (ProducerPermissions.MANAGE_OTOP_PAYOUTS,)
    list_display = ("pk", "producer", "status", "amount", "transfer_amount", "method", "created_at")
    list_filter = ("status", "method")
    list_select_related = ("producer",)


class PayoutRunAdmin(StaffModelAdmin):
    view_permissions = (ProducerPermissions.MANAGE_OTOP_PAYOUTS,)
    list_display = ("pk", "created_at", "as_of", "file_name")


staff_site.register(Producer, ProducerAdmin)
staff_site.register(Payout, PayoutAdmin)
staff_site.register(PayoutRun, PayoutRunAdmin)
