"""Official stars in the back office (/staff/): grant, correct and revoke certifications with
the committee's decision, the expiring list, the audit trail (read-only), the round's CSV
import run by a worker with its progress and per-row results. MANAGE_OTOP_CERTIFICATION
decides who may act; every change goes through the services."""
import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from saleor.product.models import Product

from otop_kernel.otop_categories import OtopCategory
from otop_kernel.staff_site import (
    StaffModelAdmin,
    action_form,
    action_form_page,
    add_service_errors,
    form_page,
    has_any_permission,
    staff_site,
)

from . import imports, services
from .error_codes import OtopStarsErrorCode
from .models import (
    Certification,
    CertificationAuditEntry,
    CertificationImportJob,
    CertificationStatus,
    ImportJobStatus,
    Review,
    ReviewStatus,
)
from .permissions import OtopStarsPermissions

CERTIFICATION = (OtopStarsPermissions.MANAGE_OTOP_CERTIFICATION,)
MODERATION = (OtopStarsPermissions.MODERATE_OTOP_REVIEWS,)
EXPIRING_DAYS = 90
ERROR_MESSAGES = {
    OtopStarsErrorCode.INVALID_STARS.value: _("Stars must be a whole number from 1 to 5."),
    OtopStarsErrorCode.INVALID_ROUND_YEAR.value: _("The round year (Common Era) is outside the OTOP rounds."),
    OtopStarsErrorCode.DUPLICATE_CERTIFICATE_NUMBER.value: _("Another certification has this certificate number."),
    OtopStarsErrorCode.DUPLICATE_ROUND.value: _("The product already holds a certification of this round."),
    OtopStarsErrorCode.INVALID_SCORE.value: _("The score is a number from 0 to 100."),
    OtopStarsErrorCode.SCORE_OUTSIDE_BAND.value: _("The score does not match the star level."),
    OtopStarsErrorCode.INVALID_VALID_UNTIL.value: _("The valid-until date is not possible for this round."),
    OtopStarsErrorCode.REASON_REQUIRED.value: _("Say why the certification is revoked."),
    OtopStarsErrorCode.ALREADY_REVOKED.value: _("The certification is already revoked."),
    OtopStarsErrorCode.TOO_LONG.value: _("The text is too long."),
    OtopStarsErrorCode.INVALID_MODERATION.value: _("A review is either approved or hidden."),
    OtopStarsErrorCode.INVALID_FILE.value: _("The file is not a CSV file the import can read."),
    OtopStarsErrorCode.MISSING_COLUMNS.value: _("The file lacks a required column (product, category, stars, round year)."),
}


class CertificationForm(forms.Form):
    stars = forms.IntegerField(label=_("Stars"))
    round_year = forms.IntegerField(label=_("Round year (Common Era)"))
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=64)
    category = forms.ChoiceField(label=_("Category"), choices=OtopCategory.choices)
    score = forms.DecimalField(label=_("Score"), required=False)
    valid_until = forms.DateField(
        label=_("Valid until"), required=False, widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Empty: the round's default validity."),
    )
    note = forms.CharField(
        label=_("Committee decision"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The committee's decision and the evidence (kept in the audit trail)."),
    )


class GrantForm(CertificationForm):
    product = forms.ModelChoiceField(
        label=_("Product (slug)"), queryset=Product.objects.all(), to_field_name="slug", widget=forms.TextInput,
    )
    field_order = ["product"]


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Result file (CSV, data.go.th OPC shape)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            text = imports.decode_csv_bytes(upload.read())
            imports.parse_csv_text(text)
        except imports.ImportFileError as error:
            raise forms.ValidationError(str(ERROR_MESSAGES.get(getattr(error.code, "value", error.code), error.message))) from None
        return upload.name, text


class ExpiringFilter(admin.SimpleListFilter):
    title = _("expiry")
    parameter_name = "expiring"

    def lookups(self, request, model_admin):
        return [("soon", _("Expires within %(days)d days") % {"days": EXPIRING_DAYS})]

    def queryset(self, request, queryset):
        if self.value() == "soon":
            today = timezone.localdate()
            return queryset.filter(
                status=CertificationStatus.ACTIVE, valid_until__gte=today,
                valid_until__lte=today + datetime.timedelta(days=EXPIRING_DAYS),
            ).order_by("valid_until")
        return queryset


class CertificationAdmin(StaffModelAdmin):
    change_list_template = "staff_site/change_list.html"
    view_permissions = CERTIFICATION
    change_permissions = CERTIFICATION
    error_messages = ERROR_MESSAGES
    list_display = ("certificate_number", "product", "stars", "round_year", "category", "status", "valid_until", "correct_link")
    list_filter = (ExpiringFilter, "status", "stars", "round_year", "category")
    list_select_related = ("product",)
    search_fields = ("certificate_number", "product__name", "product__slug")
    actions = ("revoke",)
    readonly_fields = (
        "product", "stars", "round_year", "certificate_number", "category", "score", "valid_until",
        "status", "status_reason", "recorded_by", "recorded_at", "import_job",
    )
    fields = readonly_fields

    def has_manage_permission(self, request):
        return has_any_permission(request.user, CERTIFICATION)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("grant/", view(self.grant_view), name="otop_stars_certification_grant"),
            path("<int:pk>/correct/", view(self.correct_view), name="otop_stars_certification_correct"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        links = [{"key": "grant", "url": reverse("staff:otop_stars_certification_grant"), "label": _("Grant stars")}]
        extra = {"staff_links": links if self.has_manage_permission(request) else []}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    @admin.display(description=_("Correct"))
    def correct_link(self, certification):
        from django.utils.html import format_html

        if certification.status == CertificationStatus.REVOKED:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("staff:otop_stars_certification_correct", args=[certification.pk]), _("Correct"))

    def grant_view(self, request):
        if not self.has_manage_permission(request):
            raise PermissionDenied
        form = GrantForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                certification = services.certification_grant(
                    product=data["product"], stars=data["stars"], round_year=data["round_year"],
                    certificate_number=data["certificate_number"], category=data["category"], score=data["score"],
                    valid_until=data["valid_until"], actor=request.user, note=data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error, codes=ERROR_MESSAGES)
            else:
                self.log_service_action(request, certification, f"Granted {certification.stars} stars: {data['note']}")
                self.message_user(request, _("Certification %(number)s granted.") % {"number": certification.certificate_number}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("staff:otop_stars_certification_changelist"))
        return form_page(self, request, form=form, title=_("Grant official stars"), submit_label=_("Grant"))

    def correct_view(self, request, pk):
        if not self.has_manage_permission(request):
            raise PermissionDenied
        certification = get_object_or_404(Certification, pk=pk)
        initial = {name: getattr(certification, name) for name in ("stars", "round_year", "certificate_number", "category", "score", "valid_until")}
        form = CertificationForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                certification = services.certification_correct(
                    certification=certification, actor=request.user, stars=data["stars"], round_year=data["round_year"],
                    certificate_number=data["certificate_number"], category=data["category"], score=data["score"],
                    valid_until=data["valid_until"] or certification.valid_until, note=data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error, codes=ERROR_MESSAGES)
            else:
                self.log_service_action(request, certification, f"Corrected: {data['note']}")
                self.message_user(request, _("Certification %(number)s corrected.") % {"number": certification.certificate_number}, messages.SUCCESS)
                return HttpResponseRedirect(reverse("staff:otop_stars_certification_changelist"))
        return form_page(self, request, form=form, title=_("Correct certification %(number)s") % {"number": certification.certificate_number}, submit_label=_("Correct"))

    @admin.action(description=_("Revoke the selected certifications"), permissions=("manage",))
    def revoke(self, request, queryset):
        form = action_form(RevokeForm, request)
        if not form.is_bound or not form.is_valid():
            return action_form_page(self, request, queryset, form=form, title=_("Revoke certifications"), action="revoke")
        done = 0
        for certification in queryset:
            try:
                services.certification_revoke(certification=certification, actor=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                self.service_errors(request, error, subject=certification)
                continue
            self.log_service_action(request, certification, f"Revoked: {form.cleaned_data['reason']}")
            done += 1
        if done:
            self.message_user(request, ngettext("%(count)d certification revoked.", "%(count)d certifications revoked.", done) % {"count": done}, messages.SUCCESS)
        return None


class CertificationAuditEntryAdmin(StaffModelAdmin):
    view_permissions = CERTIFICATION
    list_display = ("created_at", "certification", "action", "actor", "note")
    list_filter = ("action",)
    list_select_related = ("certification", "actor")
    search_fields = ("certification__certificate_number", "note", "actor__email")
    readonly_fields = ("certification", "action", "actor", "created_at", "before", "after", "note")
    fields = readonly_fields


class CertificationImportJobAdmin(StaffModelAdmin):
    change_list_template = "staff_site/change_list.html"
    view_permissions = CERTIFICATION
    list_display = ("pk", "file_name", "status", "created_by", "created_at", "row_count", "matched_count", "unmatched_count", "rejected_count")
    list_filter = ("status",)
    list_select_related = ("created_by",)
    fields = ("file_name", "status", "created_by", "created_at", "started_at", "finished_at", "error")
    readonly_fields = fields

    def has_manage_permission(self, request):
        return has_any_permission(request.user, CERTIFICATION)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(self.upload_view), name="otop_stars_certificationimportjob_upload"),
            path("<int:pk>/progress/", view(self.progress_view), name="otop_stars_certificationimportjob_progress"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        links = [{"key": "upload", "url": reverse("staff:otop_stars_certificationimportjob_upload"), "label": _("Import a file")}]
        extra = {"staff_links": links if self.has_manage_permission(request) else []}
        return super().changelist_view(request, {**(extra_context or {}), **extra})

    def upload_view(self, request):
        if not self.has_manage_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            name, text = form.cleaned_data["file"]
            try:
                job = imports.certification_import_job_create(text=text, file_name=name, actor=request.user)
            except ValidationError as error:
                add_service_errors(form, error, codes=ERROR_MESSAGES)
            except imports.ImportFileError as error:
                form.add_error("file", str(ERROR_MESSAGES.get(getattr(error.code, "value", error.code), error.message)))
            else:
                self.log_addition(request, job, f"Import of {name} queued")
                return HttpResponseRedirect(reverse("staff:otop_stars_certificationimportjob_progress", args=[job.pk]))
        return form_page(self, request, form=form, title=_("Import a round's results"), submit_label=_("Upload and import"))

    def progress_view(self, request, pk):
        """The job's progress; htmx polls the partial until the job has finished."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        job = get_object_or_404(CertificationImportJob, pk=pk)
        done = job.matched_count + job.unmatched_count + job.rejected_count
        finished = job.status in (ImportJobStatus.SUCCEEDED, ImportJobStatus.FAILED)
        context = {
            "job": job,
            "done": done,
            "finished": finished,
            "progress_url": reverse("staff:otop_stars_certificationimportjob_progress", args=[job.pk]),
            "rows": job.report if finished else [],
        }
        if request.headers.get("HX-Request"):
            return TemplateResponse(request, "staff_site/import_progress.html", context)
        context.update(self.admin_site.each_context(request), title=_("Import %(name)s") % {"name": job.file_name or job.pk}, opts=self.model._meta)
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "staff_site/import_page.html", context)



class HideForm(forms.Form):
    note = forms.CharField(
        label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why the review is hidden (kept with the review)."),
    )


class ReviewAdmin(StaffModelAdmin):
    """The moderation queue: pending reviews first, approved or hidden in bulk."""

    view_permissions = MODERATION
    change_permissions = MODERATION
    error_messages = ERROR_MESSAGES
    list_display = ("created_at", "product", "stars", "title", "text", "user", "status", "moderated_by", "moderation_note")
    list_filter = ("status", "stars")
    list_select_related = ("product", "user", "moderated_by")
    search_fields = ("title", "text", "product__name", "user__email")
    ordering = ("status", "-created_at")
    actions = ("approve", "hide")
    readonly_fields = ("product", "user", "stars", "title", "text", "status", "moderated_by", "moderated_at", "moderation_note", "created_at")
    fields = readonly_fields

    def has_moderate_permission(self, request):
        return has_any_permission(request.user, MODERATION)

    def _moderate(self, request, queryset, status, note, done_message):
        done = 0
        for review in queryset:
            try:
                services.review_moderate(review=review, moderator=request.user, status=status, note=note)
            except ValidationError as error:
                self.service_errors(request, error, subject=review)
                continue
            self.log_service_action(request, review, f"Moderated: {status} {note}".strip())
            done += 1
        if done:
            self.message_user(request, done_message(done), messages.SUCCESS)

    @admin.action(description=_("Approve the selected reviews"), permissions=("moderate",))
    def approve(self, request, queryset):
        self._moderate(
            request, queryset, ReviewStatus.APPROVED, "",
            lambda done: ngettext("%(count)d review approved.", "%(count)d reviews approved.", done) % {"count": done},
        )

    @admin.action(description=_("Hide the selected reviews"), permissions=("moderate",))
    def hide(self, request, queryset):
        form = action_form(HideForm, request)
        if not form.is_bound or not form.is_valid():
            return action_form_page(self, request, queryset, form=form, title=_("Hide reviews"), action="hide")
        self._moderate(
            request, queryset, ReviewStatus.REJECTED, form.cleaned_data["note"],
            lambda done: ngettext("%(count)d review hidden.", "%(count)d reviews hidden.", done) % {"count": done},
        )
        return None


staff_site.register(Review, ReviewAdmin)
staff_site.register(Certification, CertificationAdmin)
staff_site.register(CertificationAuditEntry, CertificationAuditEntryAdmin)
staff_site.register(CertificationImportJob, CertificationImportJobAdmin)
