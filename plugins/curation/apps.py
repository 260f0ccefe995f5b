from django.apps import AppConfig


class CurationConfig(AppConfig):
    name = "plugins.curation"
    label = "otop_curation"
    verbose_name = "OTOP curation"

    def ready(self):
        from otop_kernel.permissions import register_permissions

        from .permissions import CurationPermissions

        register_permissions(CurationPermissions)
        from otop_kernel.product_facts import product_facts_subscribe

        from .services import rule_collections_apply_for_products

        product_facts_subscribe(
            name="curation.rule_collections",
            recompute=lambda product_ids: rule_collections_apply_for_products(product_ids=product_ids),
        )
