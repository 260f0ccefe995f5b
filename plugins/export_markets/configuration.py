"""The plugin's typed configuration, read from Saleor's stored plugin configuration."""
from dataclasses import dataclass
from urllib.parse import urlparse

from django.conf import settings

from otop_kernel.plugin_settings import setting

DEFAULT_CUSTOMS_SENDER = "OTOP Market, Bangkok, Thailand"


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
    return (raw or "").strip() or DEFAULT_CUSTOMS_SENDER


@dataclass(frozen=True)
class ExportConfiguration:
    # Where the periodic task reads rates: JSON {"base"|"base_code": "THB", "rates": {"JPY": 4.3, ...}}.
    exchange_rate_source_url: str = setting(
        label="Exchange rate source",
        help_text=(
            "HTTP(S) address answering JSON baht rates: {\"base\": \"THB\", \"rates\": {\"JPY\": 4.3}}. "
            "The periodic task stores the markets' display currencies from it. Empty: rates are set by staff only."
        ),
        default="",
        parse=parse_source_url,
    )
    charge_currency: str = setting(
        label="Charge currency",
        help_text="Currency shoppers are charged in; one of Saleor's AVAILABLE_CURRENCIES (THB).",
        default="THB",
        parse=parse_charge_currency,
    )
    customs_sender: str = setting(
        label="Customs sender",
        help_text="Sender name and address printed on CN23 customs declarations.",
        default=DEFAULT_CUSTOMS_SENDER,
        parse=parse_sender,
    )
    active: bool = True


def export_configuration(*, plugins=None) -> ExportConfiguration:
    """The stored configuration; pass a request's plugins manager to reuse it."""
    from .plugin import ExportMarketsPlugin

    return ExportMarketsPlugin.settings_read(plugins=plugins)
