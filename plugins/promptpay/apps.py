from django.apps import AppConfig


class PromptPayConfig(AppConfig):
    name = "plugins.promptpay"
    label = "otop_promptpay"
    verbose_name = "OTOP PromptPay"

    def ready(self):
        from otop_kernel.permissions import register_permissions

        from .checkout_flow import install_checkout_gateway_filter, install_payment_data_with_payment
        from .permissions import PromptPayPermissions

        register_permissions(PromptPayPermissions)
        install_checkout_gateway_filter()
        install_payment_data_with_payment()
