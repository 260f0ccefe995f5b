from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "plugins.provenance"
    label = "otop_provenance"
    verbose_name = "OTOP provenance"

    def ready(self):
        from .permissions import register_permissions

        register_permissions()
