"""The demo offers PromptPay in direct mode (the demo has no Stripe keys), to an illustrative
PromptPay ID kept in the plugin's configuration. With DEBUG on (as `make demo` runs) the QR
page has a "simulate the bank's confirmation" button standing in for the bank."""
from saleor.plugins.models import PluginConfiguration

from ..plugin import PLUGIN_ID, PromptPayGatewayPlugin

# Illustrative: Thai mobile numbers starting 0800 00 are not in service.
DEMO_PROMPTPAY_ID = "0800000000"


def demo_load(*, catalogue, log) -> None:
    configuration = [
        {"name": "promptpay_id", "value": DEMO_PROMPTPAY_ID},
        {"name": "receiver_name", "value": "OTOP Market (demo)"},
        {"name": "qr_expiry_minutes", "value": "15"},
    ]
    stored = PluginConfiguration.objects.filter(identifier=PLUGIN_ID).first()
    if stored is None:
        PluginConfiguration.objects.create(
            identifier=PLUGIN_ID, name=PromptPayGatewayPlugin.PLUGIN_NAME, active=True, configuration=configuration
        )
    elif not stored.active or stored.configuration != configuration:
        stored.active, stored.configuration = True, configuration
        stored.save(update_fields=["active", "configuration"])
    log(f"PromptPay: direct mode to PromptPay ID {DEMO_PROMPTPAY_ID}; after checkoutComplete with gateway "
        f"{PLUGIN_ID} the QR is at /otop/promptpay/orders/<order token>/ (with DEBUG, a simulate button)")
