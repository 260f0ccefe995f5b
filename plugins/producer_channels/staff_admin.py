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
    form_page,
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
    ProducerErrorCode.ALREADY_ASSIGNED.value: _("The officer is already assigned to this producer."),
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


class OfficerForm(forms.Form):
    officer_email = forms.EmailField(
        label=_("Officer's e-mail"),
        help_text=_("Filter the producers by province first to assign an officer to a province's producers."),
    )

    def clean_officer_email(self):
        from saleor.account.models import User

        officer = User.objects.filter(email__iexact=self.cleaned_data["officer_email"].strip(), is_active=True, is_staff=True).first()
        if officer is None:
            raise forms.ValidationError(_("No active staff account has this e-mail address."))
        return officer


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
    actions = ("approve", "suspend", "reinstate", "assign_officer")
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

    @admin.action(description=_("Assign an officer to the selected producers"), permissions=("manage",))
    def assign_officer(self, request, queryset):
        form = action_form(OfficerForm, request)
        if not form.is_bound or not form.is_valid():
            return action_form_page(self, request, queryset, form=form, title=_("Assign an officer"), action="assign_officer")
        officer = form.cleaned_data["officer_email"]
        self._run(
            request, queryset,
            lambda producer: services.producer_officer_assign(producer=producer, officer=officer, assigned_by=request.user),
            lambda done: ngettext("%(count)d producer given to the officer.", "%(count)d producers given to the officer.", done) % {"count": done},
            f"Officer assigned: {officer.email}",
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


PAYOUTS = (ProducerPermissions.MANAGE_OTOP_PAYOUTS,)


class FailForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), help_text=_("What the bank answered."))


class PayoutAdmin(StaffModelAdmin):
    view_permissions = PAYOUTS
    change_permissions = PAYOUTS
    error_messages = {
        **ERROR_MESSAGES,
        ProducerErrorCode.PAYOUT_NOT_PENDING.value: _("The payout is no longer pending."),
    }
    list_display = ("pk", "run", "producer", "status", "amount", "withholding_amount", "transfer_amount", "method", "created_at", "settled_at", "failure_reason")
    list_filter = ("status", "method")
    list_select_related = ("producer", "run")
    search_fields = ("producer__name_th", "producer__name_en", "producer__slug")
    actions = ("confirm", "fail")
    readonly_fields = (
        "run", "producer", "status", "currency", "amount", "withholding_amount", "transfer_amount", "method",
        "bank_code", "bank_account_name", "bank_account_number", "promptpay_id", "created_at", "settled_at",
        "settled_by", "failure_reason",
    )
    fields = readonly_fields

    def has_pay_permission(self, request):
        return has_any_permission(request.user, PAYOUTS)

    def _settle(self, request, queryset, call, done_message, message_log):
        done = 0
        for payout in queryset:
            try:
                call(payout)
            except ValidationError as error:
                self.service_errors(request, error, subject=payout)
                continue
            self.log_service_action(request, payout, message_log)
            done += 1
        if done:
            self.message_user(request, done_message(done), level=messages.SUCCESS)

    @admin.action(description=_("Mark the selected payouts as paid"), permissions=("pay",))
    def confirm(self, request, queryset):
        self._settle(
            request, queryset, lambda payout: services.payout_confirm(payout=payout, user=request.user),
            lambda done: ngettext("%(count)d payout marked paid.", "%(count)d payouts marked paid.", done) % {"count": done},
            "Paid",
        )

    @admin.action(description=_("Mark the selected payouts as failed"), permissions=("pay",))
    def fail(self, request, queryset):
        form = action_form(FailForm, request)
        if not form.is_bound or not form.is_valid():
            return action_form_page(self, request, queryset, form=form, title=_("Failed payouts"), action="fail")
        reason = form.cleaned_data["reason"]
        self._settle(
            request, queryset, lambda payout: services.payout_fail(payout=payout, user=request.user, reason=reason),
            lambda done: ngettext("%(count)d payout marked failed.", "%(count)d payouts marked failed.", done) % {"count": done},
            f"Failed: {reason}",
        )
        return None


class PayoutRunAdmin(StaffModelAdmin):
    view_permissions = PAYOUTS
    change_permissions = PAYOUTS
    change_list_template = "staff_site/change_list.html"
    list_display = ("pk", "created_at", "as_of", "created_by", "payouts_file", "notes")
    list_select_related = ("created_by",)
    readonly_fields = ("created_at", "as_of", "created_by", "notes")
    fields = readonly_fields

    def has_pay_permission(self, request):
        return has_any_permission(request.user, PAYOUTS)

    def get_urls(self):
        from django.urls import path

        view = self.admin_site.admin_view
        return [
            path("create/", view(self.create_view), name="otop_producers_payoutrun_create"),
            path("<int:pk>/file/", view(self.file_view), name="otop_producers_payoutrun_file"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        from django.urls import reverse

        links = [{"key": "create", "url": reverse("staff:otop_producers_payoutrun_create"), "label": _("New payout run")}]
        extra = {"staff_links": links if self.has_pay_permission(request) else []}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    @admin.display(description=_("Bank file"))
    def payouts_file(self, run):
        from django.urls import reverse
        from django.utils.html import format_html

        if not run.file_name:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("staff:otop_producers_payoutrun_file", args=[run.pk]), _("Download"))

    def create_view(self, request):
        from django.core.exceptions import PermissionDenied
        from django.http import HttpResponseRedirect
        from django.urls import reverse

        if not self.has_pay_permission(request):
            raise PermissionDenied
        form = forms.Form(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            run = services.payout_run_create(configuration=selectors.producer_channels_configuration(), created_by=request.user)
            self.log_addition(request, run, "Payout run created")
            self.message_user(request, _("Payout run %(run)s created.") % {"run": run.pk}, level=messages.SUCCESS)
            return HttpResponseRedirect(reverse("staff:otop_producers_payoutrun_changelist"))
        return form_page(
            self, request, form=form, title=_("New payout run"), submit_label=_("Create the run"),
            intro=_("Batches what is due to each approved producer into pending payouts and writes the bank file."),
        )

    def file_view(self, request, pk):
        """The run's bank file: private, for MANAGE_OTOP_PAYOUTS only."""
        from django.core.exceptions import PermissionDenied

        from otop_kernel.private_files import private_file_not_found, private_file_response

        if not self.has_pay_permission(request):
            raise PermissionDenied
        run = PayoutRun.objects.filter(pk=pk).exclude(file_name="").first()
        if run is None:
            return private_file_not_found()
        return private_file_response(
            name=run.file_name, download_name=services.payout_file_download_name(run), content_type="text/csv; charset=utf-8"
        )


staff_site.register(Producer, ProducerAdmin)
staff_site.register(Payout, PayoutAdmin)
staff_site.register(PayoutRun, PayoutRunAdmin)
