"""Django admin for programme staff (Django's model permissions apply; producer members are
not staff and never reach it). Ledger entries and payouts are read-only here: they change
only through the services."""
from django.contrib import admin

from .models import OfficerAssignment, Payout, PayoutRun, Producer, ProducerMember


class ProducerMemberInline(admin.TabularInline):
    model = ProducerMember
    raw_id_fields = ("user",)
    extra = 0


class OfficerAssignmentInline(admin.TabularInline):
    model = OfficerAssignment
    fk_name = "producer"
    raw_id_fields = ("officer", "assigned_by")
    extra = 0


@admin.register(Producer)
class ProducerAdmin(admin.ModelAdmin):
    list_display = ("slug", "name_th", "name_en", "kind", "status", "commission_rate")
    list_filter = ("status", "kind")
    search_fields = ("slug", "name_th", "name_en", "contact_email")
    raw_id_fields = ("home_subdistrict", "warehouse")
    readonly_fields = ("status", "applied_at", "approved_at", "suspended_at", "warehouse", "commission_rate")
    inlines = [ProducerMemberInline, OfficerAssignmentInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Payout)
class PayoutAdmin(ReadOnlyAdmin):
    list_display = ("pk", "producer", "status", "amount", "transfer_amount", "method", "created_at")
    list_filter = ("status", "method")


@admin.register(PayoutRun)
class PayoutRunAdmin(ReadOnlyAdmin):
    list_display = ("pk", "created_at", "as_of", "file_name")
