from typing import Any

from prices import Money, TaxedMoney

from otop_kernel.plugin_settings import PluginSettings, SettingsPlugin

from .configuration import ExportConfiguration


class ExportMarketsPlugin(SettingsPlugin):
    PLUGIN_ID = "otop.export_markets"
    PLUGIN_NAME = "OTOP export markets"
    PLUGIN_DESCRIPTION = (
        "Per-country export rules, product eligibility, duty estimates, parcel limits, "
        "display currencies and CN23 customs papers."
    )
    DEFAULT_ACTIVE = True
    SETTINGS = PluginSettings(ExportConfiguration)

    def preprocess_order_creation(self, checkout, discounts, previous_value: Any):
        """Refuse, before payment, an order abroad with ineligible lines or parcels over the service limits."""
        if not self.active:
            return previous_value
        from graphql_relay import to_global_id

        from .checkout import checkout_export_check_cached, raise_for_problems

        check = checkout_export_check_cached(checkout=checkout, lines=checkout.lines.all(), discounts=discounts)
        raise_for_problems(check, variant_global_id=lambda pk: to_global_id("ProductVariant", pk))
        return previous_value

    def calculate_checkout_total(self, checkout, lines, discounts, previous_value: TaxedMoney) -> TaxedMoney:
        """Add the duty and tax estimate for markets where they are collected at checkout (DDP)."""
        if not self.active or not checkout.shipping_address_id:
            return previous_value
        from .checkout import checkout_export_check_cached

        check = checkout_export_check_cached(checkout=checkout, lines=lines, discounts=discounts)
        extra = check.collected_duty_and_tax
        if not extra:
            return previous_value
        money = Money(extra, previous_value.currency)
        return previous_value + TaxedMoney(net=money, gross=money)

    def product_created(self, product, previous_value: Any) -> Any:
        if not self.active:
            return previous_value
        from .services import product_eligibility_recompute_on_commit

        product_eligibility_recompute_on_commit(product_ids=[product.pk])
        return previous_value

    def order_created(self, order, previous_value: Any) -> Any:
        """Queue the CN23 PDF of an order abroad."""
        if not self.active:
            return previous_value
        from .customs import order_ships_abroad
        from .services import customs_declaration_pdf_request

        if order_ships_abroad(order):
            customs_declaration_pdf_request(order_id=order.pk)
        return previous_value
