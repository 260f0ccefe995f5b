"""Saleor's own orders and products in the back office (/staff/), read-only: every order with
its producers' sub-orders, and the products waiting unpublished (filter "published: no");
and the log of staff actions (Django's admin log, which every back-office action through a
service writes too), searchable."""
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from saleor.core.permissions import AccountPermissions, OrderPermissions, ProductPermissions
from saleor.order.models import Order
from saleor.product.models import Product

from otop_kernel.staff_site import StaffModelAdmin, staff_site
from plugins.producer_channels import selectors as producer_selectors
from plugins.producer_channels.permissions import ProducerPermissions


class OrderAdmin(StaffModelAdmin):
    view_permissions = (OrderPermissions.MANAGE_ORDERS,)
    list_display = ("pk", "created", "status", "user_email", "total_gross_amount", "currency")
    list_filter = ("status",)
    search_fields = ("pk", "user_email")
    date_hierarchy = "created"
    ordering = ("-created",)
    fields = ("created", "status", "user_email", "total_gross_amount", "currency", "sub_orders")
    readonly_fields = fields

    @admin.display(description=_("Sub-orders by producer"))
    def sub_orders(self, order):
        rows = producer_selectors.sub_orders_by_order_ids(order_ids=[order.pk]).get(order.pk, [])
        if not rows:
            return "—"
        return format_html_join(
            "", "<div>{}: {} · {} {} ({} % → {})</div>",
            ((sub.producer, sub.status, sub.subtotal_amount, sub.currency, sub.commission_rate, sub.net_amount) for sub in rows),
        )


class ProductAdmin(StaffModelAdmin):
    view_permissions = (ProductPermissions.MANAGE_PRODUCTS, ProducerPermissions.MANAGE_OTOP_PRODUCERS)
    list_display = ("name", "slug", "is_published", "category", "product_type", "updated_at")
    list_filter = ("is_published",)
    list_select_related = ("category", "product_type")
    search_fields = ("name", "slug")
    ordering = ("is_published", "-updated_at")
    fields = ("name", "slug", "is_published", "category", "product_type", "price_amount", "currency", "updated_at")
    readonly_fields = fields


class LogEntryAdmin(StaffModelAdmin):
    view_permissions = (AccountPermissions.MANAGE_STAFF,)
    list_display = ("action_time", "user", "content_type", "object_repr", "action_flag", "change_message")
    list_filter = ("action_flag", "content_type")
    list_select_related = ("user", "content_type")
    search_fields = ("user__email", "object_repr", "change_message")
    date_hierarchy = "action_time"
    fields = ("action_time", "user", "content_type", "object_id", "object_repr", "action_flag", "change_message")
    readonly_fields = fields


staff_site.register(LogEntry, LogEntryAdmin)
staff_site.register(Order, OrderAdmin)
staff_site.register(Product, ProductAdmin)
