import pytest
from saleor.plugins.manager import get_plugins_manager

from plugins.promptpay.devtools.demo import DEMO_PROMPTPAY_ID
from tests.test_demo import load_demo

pytestmark = pytest.mark.django_db


def test_demo_offers_promptpay_in_direct_mode(settings):
    settings.STRIPE_PUBLIC_KEY = settings.STRIPE_SECRET_KEY = ""
    load_demo()  # loading it twice is tests/test_demo.py's test, with every plugin
    gateways = {gateway["id"]: gateway for gateway in get_plugins_manager().list_payment_gateways()}
    assert {"field": "mode", "value": "direct"} in gateways["otop.promptpay"]["config"]
    plugin = get_plugins_manager().get_plugin("otop.promptpay")
    assert plugin.settings.promptpay_id == DEMO_PROMPTPAY_ID
