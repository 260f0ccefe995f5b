from django.apps import AppConfig


class ProducerChannelsConfig(AppConfig):
    name = "plugins.producer_channels"
    label = "otop_producers"
    verbose_name = "OTOP producer channels"

    def ready(self):
        from . import access
        from .permissions import register_permissions

        register_permissions()
        access.register()
