import pytest
from graphene import Node
from saleor.order.models import Order
from saleor.plugins.models import PluginConfiguration

from plugins.promptpay.models import PromptPayCharge
from tests.support.stripe_promptpay import stripe_promptpay  # noqa: F401 - a fixture
from tests.test_checkout import place_order, variant  # noqa: F401 - a fixture

PROGRAMME_PROMPTPAY_ID = "0812345678"
GATEWAY = "otop.promptpay"


@pytest.fixture
def direct_promptpay(db, settings):
    """Direct mode: no Stripe keys; staff configured the programme's PromptPay ID."""
    settings.STRIPE_PUBLIC_KEY = settings.STRIPE_SECRET_KEY = ""
    return PluginConfiguration.objects.create(
        identifier=GATEWAY, name="PromptPay", active=True,
        configuration=[{"name": "promptpay_id", "value": PROGRAMME_PROMPTPAY_ID},
                       {"name": "receiver_name", "value": "OTOP Market"},
                       {"name": "qr_expiry_minutes", "value": "15"}],
    )


def promptpay_order(api_client, variant) -> Order:  # noqa: F811 - a variant, not the fixture
    placed = place_order(api_client, variant, gateway=GATEWAY, token="promptpay")
    return Order.objects.get(pk=Node.from_global_id(placed["id"])[1])


def charge_of(order: Order) -> PromptPayCharge:
    return PromptPayCharge.objects.get(payment__order=order)
