from django.apps import AppConfig


class ProducerChannelsConfig(AppConfig):
    name = "plugins.producer_channels"
    label = "otop_producers"
    verbose_name = "OTOP producer channels"

    def ready(self):
        from otop_kernel.permissions import register_permissions

        from . import access
        from .permissions import ProducerPermissions

        register_permissions(ProducerPermissions)
        access.register()
