from django.apps import AppConfig


class StorefrontConfig(AppConfig):
    name = "web.storefront"
    label = "storefront"
    verbose_name = "Storefront: the shop's pages for shoppers"
