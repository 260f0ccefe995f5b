"""Export markets in the back office: read-only pages for MANAGE_OTOP_EXPORT only."""
import datetime

import pytest
from django.test import Client
from django.utils import timezone

from plugins.export_markets.models import ExchangeRate
from tests.factories import StaffFactory
from tests.factories.export_markets import MarketFactory, allow_service, duty_rate, set_rate
from tests.web.staff.conftest import sign_in

pytestmark = pytest.mark.django_db


def test_markets_and_rates_are_shown_to_export_staff_only():
    market = MarketFactory(country="JP")
    duty_rate(market, "19", "5.00", "10.00")
    allow_service(market, max_weight_grams=20_000)
    set_rate("JPY", "4.25")
    ExchangeRate.objects.filter(currency="JPY").update(source="Bank of Thailand", updated_at=timezone.now() - datetime.timedelta(hours=30))
    officer = sign_in(Client(), StaffFactory(email="officer@otop.example", permissions=["otop_producers.manage_otop_producers"]))
    assert officer.get("/staff/otop_export/market/").status_code == 403

    export = sign_in(Client(), StaffFactory(email="export@otop.example", permissions=["otop_export.manage_otop_export"]))
    market_page = export.get(f"/staff/otop_export/market/{market.pk}/change/").content.decode()
    assert "20000" in market_page and "19" in market_page
    rates = export.get("/staff/otop_export/exchangerate/").content.decode()
    assert "Bank of Thailand" in rates and ">30<" in rates
    assert export.post(f"/staff/otop_export/market/{market.pk}/change/", {"enabled": ""}).status_code == 403
