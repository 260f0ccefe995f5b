from django.apps import AppConfig


class SaleorOtopConfig(AppConfig):
    name = "saleor_otop"
    verbose_name = "OTOP marketplace host"

    def ready(self):
        from django.conf import settings

        from otop_kernel.stock_reservations import register_reserved_by_stock
        from saleor_otop import compat
        from saleor_otop.checkout_completion import reserved_by_stock

        compat.apply_model_patches()
        register_reserved_by_stock(reserved_by_stock)
        compat.apply_security_patches()
        if settings.STRIPE_API_BASE:
            import stripe

            stripe.api_base = settings.STRIPE_API_BASE
