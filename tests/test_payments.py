"""Saleor's Stripe gateway takes its keys from the environment (settings)."""
import pytest
from saleor.plugins.manager import get_plugins_manager
from saleor.plugins.models import PluginConfiguration

from saleor_otop.payments import OtopStripeGatewayPlugin

pytestmark = pytest.mark.django_db
STRIPE = "mirumee.payments.stripe"


@pytest.fixture
def stripe_keys(settings):
    settings.STRIPE_PUBLIC_KEY = "pk_live_from_environment"
    settings.STRIPE_SECRET_KEY = "sk_live_from_environment"


def stripe_plugin():
    return get_plugins_manager().get_plugin(STRIPE)


def test_stripe_gateway_is_active_with_keys_from_the_environment(stripe_keys):
    plugin = stripe_plugin()
    assert isinstance(plugin, OtopStripeGatewayPlugin) and plugin.active
    assert plugin.config.connection_params == {
        "public_key": "pk_live_from_environment", "private_key": "sk_live_from_environment",
    }


def test_storefront_gets_the_public_key_only(stripe_keys):
    (gateway,) = [gateway for gateway in get_plugins_manager().list_payment_gateways() if gateway["id"] == STRIPE]
    assert {"field": "api_key", "value": "pk_live_from_environment"} in gateway["config"]
    assert "sk_live_from_environment" not in str(gateway)


def test_stripe_gateway_is_off_without_keys(settings):
    settings.STRIPE_PUBLIC_KEY = settings.STRIPE_SECRET_KEY = ""
    assert not stripe_plugin().active


def test_environment_keys_win_over_stored_ones(stripe_keys):
    PluginConfiguration.objects.create(identifier=STRIPE, name="Stripe", active=True, configuration=[
        {"name": "Public API key", "value": "pk_test_stored"}, {"name": "Secret API key", "value": "sk_test_stored"},
    ])
    assert stripe_plugin().config.connection_params["private_key"] == "sk_live_from_environment"


def test_staff_switching_stripe_off_is_kept(stripe_keys):
    PluginConfiguration.objects.create(
        identifier=STRIPE, name="Stripe", active=False, configuration=OtopStripeGatewayPlugin.DEFAULT_CONFIGURATION
    )
    assert not stripe_plugin().active


def test_saving_the_configuration_stores_no_environment_key_and_keeps_defaults(stripe_keys):
    get_plugins_manager().save_plugin_configuration(
        STRIPE, {"configuration": [{"name": "Automatic payment capture", "value": "false"}]}
    )
    stored = {item["name"]: item["value"] for item in PluginConfiguration.objects.get(identifier=STRIPE).configuration}
    assert stored["Secret API key"] is None and stored["Automatic payment capture"] is False
    defaults = {item["name"]: item["value"] for item in OtopStripeGatewayPlugin.DEFAULT_CONFIGURATION}
    assert defaults["Automatic payment capture"] is True
