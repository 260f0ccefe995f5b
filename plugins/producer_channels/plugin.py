"""Saleor plugin of the producer channels: thin hooks over services.py."""
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Optional, Tuple

from django.core.exceptions import ValidationError
from saleor.plugins.base_plugin import BasePlugin, ConfigurationTypeField
from saleor.plugins.error_codes import PluginErrorCode

DEFAULT_COMMISSION_RATE = "default_commission_rate"
PAYOUT_HOLD_DAYS = "payout_hold_days"
MINIMUM_PAYOUT_AMOUNT = "minimum_payout_amount"
WITHHOLDING_TAX_PERCENT = "withholding_tax_percent"
WAREHOUSE_SHIPPING_ZONES = "warehouse_shipping_zones"
NOTIFY_PRODUCERS = "notify_producers"

MAX_HOLD_DAYS = 365


@dataclass(frozen=True)
class ProducerChannelsConfiguration:
    default_commission_rate: Decimal = Decimal("10.00")
    payout_hold_days: int = 7
    minimum_payout_amount: Decimal = Decimal("100.00")
    withholding_tax_percent: Decimal = Decimal("3.00")
    # Names of the shipping zones a new producer warehouse serves; empty: every zone.
    warehouse_shipping_zones: Tuple[str, ...] = ()
    notify_producers: bool = True
    active: bool = True


def parse_percent(raw, *, name: str) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueError(f"{name} must be a number of percent, got {raw!r}.") from None
    if not value.is_finite() or not Decimal(0) <= value <= Decimal(100):
        raise ValueError(f"{name} must be between 0 and 100 %, got {raw!r}.")
    if value.as_tuple().exponent < -2:
        raise ValueError(f"{name} takes at most 2 decimals, got {raw!r}.")
    return value


def parse_hold_days(raw) -> int:
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise ValueError(f"The payout hold must be a whole number of days, got {raw!r}.") from None
    if not 0 <= value <= MAX_HOLD_DAYS:
        raise ValueError(f"The payout hold must be between 0 and {MAX_HOLD_DAYS} days, got {value}.")
    return value


def parse_amount(raw) -> Decimal:
    try:
        value = Decimal(str(raw).strip())
    except InvalidOperation:
        raise ValueError(f"The minimum payout must be an amount in baht, got {raw!r}.") from None
    if not value.is_finite() or value < 0 or value.as_tuple().exponent < -2:
        raise ValueError(f"The minimum payout must be a non-negative amount with 2 decimals, got {raw!r}.")
    return value


def parse_zone_names(raw) -> Tuple[str, ...]:
    return tuple(name.strip() for name in str(raw or "").split(",") if name.strip())


def parse_boolean(raw) -> bool:
    if isinstance(raw, bool):
        return raw
    return str(raw).strip().lower() == "true"


PARSERS = {
    DEFAULT_COMMISSION_RATE: lambda raw: parse_percent(raw, name="The default commission"),
    PAYOUT_HOLD_DAYS: parse_hold_days,
    MINIMUM_PAYOUT_AMOUNT: parse_amount,
    WITHHOLDING_TAX_PERCENT: lambda raw: parse_percent(raw, name="The withholding tax"),
    WAREHOUSE_SHIPPING_ZONES: parse_zone_names,
    NOTIFY_PRODUCERS: parse_boolean,
}


def configuration_from_items(items, *, active: bool = True) -> ProducerChannelsConfiguration:
    """A typed configuration from Saleor's stored items; unreadable values fall back to defaults
    (validate_plugin_configuration keeps them out of the database)."""
    values = {item["name"]: item.get("value") for item in items or []}
    parsed = {}
    for name, parse in PARSERS.items():
        if values.get(name) is None:
            continue
        try:
            parsed[name] = parse(values[name])
        except ValueError:
            continue
    return ProducerChannelsConfiguration(active=active, **parsed)


class ProducerChannelsPlugin(BasePlugin):
    PLUGIN_ID = "otop.producer_channels"
    PLUGIN_NAME = "OTOP producer channels"
    PLUGIN_DESCRIPTION = (
        "Producers as vendors: own shop and warehouse, orders split per producer, "
        "commission ledger and payouts."
    )
    DEFAULT_ACTIVE = True
    DEFAULT_CONFIGURATION = [
        {"name": DEFAULT_COMMISSION_RATE, "value": "10.00"},
        {"name": PAYOUT_HOLD_DAYS, "value": "7"},
        {"name": MINIMUM_PAYOUT_AMOUNT, "value": "100.00"},
        {"name": WITHHOLDING_TAX_PERCENT, "value": "3.00"},
        {"name": WAREHOUSE_SHIPPING_ZONES, "value": ""},
        {"name": NOTIFY_PRODUCERS, "value": True},
    ]
    CONFIG_STRUCTURE = {
        DEFAULT_COMMISSION_RATE: {
            "type": ConfigurationTypeField.STRING,
            "help_text": "Commission in percent (0-100, 2 decimals) given to a producer when it applies.",
            "label": "Default commission rate (%)",
        },
        PAYOUT_HOLD_DAYS: {
            "type": ConfigurationTypeField.STRING,
            "help_text": "Days a paid sale is held before a payout run may pay it out (0-365).",
            "label": "Payout hold (days)",
        },
        MINIMUM_PAYOUT_AMOUNT: {
            "type": ConfigurationTypeField.STRING,
            "help_text": "A producer is paid out only when at least this much (THB) is due.",
            "label": "Minimum payout amount",
        },
        WITHHOLDING_TAX_PERCENT: {
            "type": ConfigurationTypeField.STRING,
            "help_text": (
                "Income tax withheld (percent of the payout) from producers flagged for "
                "withholding tax; the rate depends on the producer's tax status: confirm it "
                "with the programme's accountant."
            ),
            "label": "Withholding tax (%)",
        },
        WAREHOUSE_SHIPPING_ZONES: {
            "type": ConfigurationTypeField.STRING,
            "help_text": (
                "Comma-separated names of the shipping zones an approved producer's warehouse "
                "serves; empty: every shipping zone."
            ),
            "label": "Shipping zones of producer warehouses",
        },
        NOTIFY_PRODUCERS: {
            "type": ConfigurationTypeField.BOOLEAN,
            "help_text": "E-mail each producer its sub-order when an order is placed.",
            "label": "Notify producers of new orders",
        },
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.config = configuration_from_items(self.configuration, active=self.active)

    @classmethod
    def validate_plugin_configuration(cls, plugin_configuration):
        values = {item["name"]: item.get("value") for item in plugin_configuration.configuration or []}
        errors = {}
        for name, parse in PARSERS.items():
            if name not in values:
                continue
            try:
                parse(values[name])
            except ValueError as error:
                errors[name] = ValidationError(str(error), code=PluginErrorCode.INVALID.value)
        if errors:
            raise ValidationError(errors)

    def order_created(self, order, previous_value: Any) -> Any:
        if not self.active:
            return previous_value
        from . import services

        services.order_split_by_producer(order=order, notify=self.config.notify_producers)
        if order.is_fully_paid():
            # Checkout captures the payment before the order exists, so Saleor never calls
            # order_fully_paid for such orders.
            services.ledger_record_sale(order=order, configuration=self.config)
        return previous_value

    def order_fully_paid(self, order, previous_value: Any) -> Any:
        if not self.active:
            return previous_value
        from . import services

        services.ledger_record_sale(order=order, configuration=self.config)
        return previous_value

    def order_cancelled(self, order, previous_value: Any) -> Any:
        if not self.active:
            return previous_value
        from . import services

        services.sub_orders_cancel(order=order, configuration=self.config)
        return previous_value

    def order_updated(self, order, previous_value: Any) -> Any:
        # Saleor 2.10 has no refund hook: orderRefund ends in order_updated, as do
        # fulfilments and their cancellation.
        if not self.active:
            return previous_value
        from . import services

        services.sub_orders_sync(order=order, configuration=self.config)
        return previous_value


def configuration_of(plugin: Optional[BasePlugin]) -> ProducerChannelsConfiguration:
    if isinstance(plugin, ProducerChannelsPlugin):
        return plugin.config
    return ProducerChannelsConfiguration()
