from django.apps import AppConfig


class ProvenanceConfig(AppConfig):
    name = "plugins.provenance"
    label = "otop_provenance"
    verbose_name = "OTOP provenance"

    def ready(self):
        from otop_kernel.permissions import register_permissions

        from .permissions import ProvenancePermissions

        register_permissions(ProvenancePermissions)
