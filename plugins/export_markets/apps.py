from django.apps import AppConfig


class ExportMarketsConfig(AppConfig):
    name = "plugins.export_markets"
    label = "otop_export"
    verbose_name = "OTOP export markets"

    def ready(self):
        from otop_kernel.permissions import register_permissions

        from .permissions import ExportMarketsPermissions

        register_permissions(ExportMarketsPermissions)
        from otop_kernel.product_facts import product_facts_subscribe

        from .services import ELIGIBILITY_FACTS_SUBSCRIBER, product_eligibility_recompute

        # First of the subscribers: the rule-based collections read eligibility.
        product_facts_subscribe(
            name=ELIGIBILITY_FACTS_SUBSCRIBER,
            recompute=lambda product_ids: product_eligibility_recompute(product_ids=product_ids),
        )
