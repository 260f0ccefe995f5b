from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "plugins.search"
    label = "otop_search"
    verbose_name = "OTOP search"

    def ready(self):
        from .signals import connect_catalogue_signals

        connect_catalogue_signals()
