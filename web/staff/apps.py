from django.apps import AppConfig


class StaffConfig(AppConfig):
    name = "web.staff"
    label = "staff_pages"
    verbose_name = "Back office: the programme's staff pages"

    def ready(self):
        # The last installed app: every plugin's permissions are registered by now.
        from otop_kernel.staff_site import autodiscover, staff_site

        staff_site.index_template = "staff/dashboard.html"
        autodiscover()
