from django.apps import AppConfig


class ExportMarketsConfig(AppConfig):
    name = "plugins.export_markets"
    label = "otop_export"
    verbose_name = "OTOP export markets"

    def ready(self):
        from .permissions import register_permissions

        register_permissions()
