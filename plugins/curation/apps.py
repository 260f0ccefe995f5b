from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "plugins.curation"
    label = "otop_curation"
    verbose_name = "OTOP curation"

    def ready(self):
        from .permissions import register_permissions

        register_permissions()
