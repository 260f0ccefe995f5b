from django.apps import AppConfig


class StorefrontConfigConfig(AppConfig):
    name = "storefront_config"
    verbose_name = "Storefront configuration per market"
