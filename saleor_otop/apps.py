from django.apps import AppConfig


class SaleorOtopConfig(AppConfig):
    name = "saleor_otop"
    verbose_name = "OTOP marketplace host"

    def ready(self):
        from django.conf import settings

        from saleor_otop import compat

        compat.apply_model_patches()
        if settings.STRIPE_API_BASE:
            import stripe

            stripe.api_base = settings.STRIPE_API_BASE
