from django.apps import AppConfig


class OtopStarsConfig(AppConfig):
    name = "plugins.otop_stars"
    label = "otop_stars"
    verbose_name = "OTOP star ratings"

    def ready(self):
        from .permissions import register_permissions

        register_permissions()
