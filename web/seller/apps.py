from django.apps import AppConfig


class SellerConfig(AppConfig):
    name = "web.seller"
    label = "seller"
    verbose_name = "Producer portal: a producer's shop, run from a phone"
