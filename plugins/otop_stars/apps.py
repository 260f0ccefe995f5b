from django.apps import AppConfig


class OtopStarsConfig(AppConfig):
    name = "plugins.otop_stars"
    label = "otop_stars"
    verbose_name = "OTOP star ratings"

    def import_models(self):
        super().import_models()
        from otop_kernel.permissions import register_permissions

        from .permissions import OtopStarsPermissions

        # Saleor builds PermissionEnum once, when saleor.graphql.core.enums is first imported,
        # which another app's ready() may already do: ours join while models load, before
        # any ready() runs.
        register_permissions(OtopStarsPermissions)
