from django.apps import AppConfig


class PromptPayConfig(AppConfig):
    name = "plugins.promptpay"
    label = "otop_promptpay"
    verbose_name = "OTOP PromptPay"

    def ready(self):
        from .checkout_flow import install_checkout_gateway_filter, install_payment_data_with_payment
        from .permissions import register_permissions

        register_permissions()
        install_checkout_gateway_filter()
        install_payment_data_with_payment()
