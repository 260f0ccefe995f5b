from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "plugins.search"
    label = "otop_search"
    verbose_name = "OTOP search"

    def ready(self):
        from .signals import connect_catalogue_signals

        connect_catalogue_signals()
        from otop_kernel.product_facts import product_facts_subscribe

        from .services import search_documents_rebuild

        product_facts_subscribe(
            name="search.documents",
            recompute=lambda product_ids: search_documents_rebuild(product_ids=product_ids),
        )
