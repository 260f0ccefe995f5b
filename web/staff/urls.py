"""/staff/: the admin site of otop_kernel/staff_site.py and the back office's own pages."""
from django.urls import include, path

from otop_kernel.staff_site import staff_site

from . import views

pages = (
    [
        path("language/<str:code>/", staff_site.admin_view(views.language_set), name="language"),
        path("dashboard/export/", staff_site.admin_view(views.dashboard_export), name="dashboard_export"),
        path("storefront/", staff_site.admin_view(views.storefront_config), name="storefront_config"),
    ],
    "staff_pages",
)

urlpatterns = [
    path("back-office/", include(pages)),
    path("", staff_site.urls),
]
