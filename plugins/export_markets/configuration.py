"""The plugin's typed configuration, read from Saleor's stored plugin configuration."""
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings

EXCHANGE_RATE_SOURCE_URL = "exchange_rate_source_url"
CHARGE_CURRENCY = "charge_currency"
CUSTOMS_SENDER = "customs_sender"


@dataclass(frozen=True)
class ExportConfiguration:
    # Where the periodic task reads rates: JSON {"base"|"base_code": "THB", "rates": {"JPY": 4.3, ...}}.
    exchange_rate_source_url: str = ""
    charge_currency: str = "THB"
    customs_sender: str = "OTOP Market, Bangkok, Thailand"
    active: bool = True


def parse_source_url(raw) -> str:
    url = (raw or "").strip()
    if url and (urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc):
        raise ValueError(f"The exchange rate source must be an http(s) URL, got {url!r}.")
    return url


def parse_charge_currency(raw) -> str:
    currency = (raw or "").strip().upper() or "THB"
    if currency not in settings.AVAILABLE_CURRENCIES:
        raise ValueError(
            f"Saleor charges only in {', '.join(settings.AVAILABLE_CURRENCIES)}; {currency!r} is not available."
        )
    return currency


def parse_sender(raw) -> str:
    return (raw or "").strip() or ExportConfiguration.customs_sender


PARSERS = {
    EXCHANGE_RATE_SOURCE_URL: parse_source_url,
    CHARGE_CURRENCY: parse_charge_currency,
    CUSTOMS_SENDER: parse_sender,
}


def configuration_from_items(items, *, active: bool = True) -> ExportConfiguration:
    values = {item["name"]: item.get("value") for item in items or []}
    parsed = {}
    for name, parse in PARSERS.items():
        if values.get(name) is None:
            continue
        try:
            parsed[name] = parse(values[name])
        except ValueError:
            parsed[name] = getattr(ExportConfiguration, name)
    return ExportConfiguration(active=active, **parsed)


def export_configuration(*, plugins=None) -> ExportConfiguration:
    """The stored configuration; pass a request's plugins manager to reuse it."""
    from saleor.plugins.models import PluginConfiguration

    from .plugin import ExportMarketsPlugin

    plugin: ExportMarketsPlugin | None = plugins.get_plugin(ExportMarketsPlugin.PLUGIN_ID) if plugins else None
    if isinstance(plugin, ExportMarketsPlugin):
        return plugin.config
    stored = PluginConfiguration.objects.filter(identifier=ExportMarketsPlugin.PLUGIN_ID).first()
    if stored is None:
        return configuration_from_items(ExportMarketsPlugin.DEFAULT_CONFIGURATION, active=ExportMarketsPlugin.DEFAULT_ACTIVE)
    return configuration_from_items(stored.configuration, active=stored.active)
