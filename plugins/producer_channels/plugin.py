"""Saleor plugin of the producer channels: thin hooks over services.py."""
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Tuple

from saleor.plugins.base_plugin import ConfigurationTypeField

from otop_kernel.plugin_settings import PluginSettings, SettingsPlugin, parse_boolean, setting

MAX_HOLD_DAYS = 365


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


@dataclass(frozen=True)
class ProducerChannelsConfiguration:
    default_commission_rate: Decimal = setting(
        label="Default commission rate (%)",
        help_text="Commission in percent (0-100, 2 decimals) given to a producer when it applies.",
        default="10.00",
        parse=lambda raw: parse_percent(raw, name="The default commission"),
    )
    payout_hold_days: int = setting(
        label="Payout hold (days)",
        help_text="Days a paid sale is held before a payout run may pay it out (0-365).",
        default="7",
        parse=parse_hold_days,
    )
    minimum_payout_amount: Decimal = setting(
        label="Minimum payout amount",
        help_text="A producer is paid out only when at least this much (THB) is due.",
        default="100.00",
        parse=parse_amount,
    )
    withholding_tax_percent: Decimal = setting(
        label="Withholding tax (%)",
        help_text=(
            "Income tax withheld (percent of the payout) from producers flagged for "
            "withholding tax; the rate depends on the producer's tax status: confirm it "
            "with the programme's accountant."
        ),
        default="3.00",
        parse=lambda raw: parse_percent(raw, name="The withholding tax"),
    )
    # Names of the shipping zones a new producer warehouse serves; empty: every zone.
    warehouse_shipping_zones: Tuple[str, ...] = setting(
        label="Shipping zones of producer warehouses",
        help_text=(
            "Comma-separated names of the shipping zones an approved producer's warehouse "
            "serves; empty: every shipping zone."
        ),
        default="",
        parse=parse_zone_names,
    )
    notify_producers: bool = setting(
        label="Notify producers of new orders",
        help_text="E-mail each producer its sub-order when an order is placed.",
        type=ConfigurationTypeField.BOOLEAN,
        default=True,
        parse=parse_boolean,
    )
    active: bool = True


class ProducerChannelsPlugin(SettingsPlugin):
    PLUGIN_ID = "otop.producer_channels"
    PLUGIN_NAME = "OTOP producer channels"
    PLUGIN_DESCRIPTION = (
        "Producers as vendors: own shop and warehouse, orders split per producer, "
        "commission ledger and payouts."
    )
    DEFAULT_ACTIVE = True
    SETTINGS = PluginSettings(ProducerChannelsConfiguration)

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
