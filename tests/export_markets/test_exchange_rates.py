import json
import threading
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from saleor.plugins.models import PluginConfiguration

from plugins.export_markets.models import ExchangeRate
from plugins.export_markets.tasks import exchange_rates_refresh_task
from tests.factories.export_markets import MarketFactory
from tests.graphql_client import mutation_errors

MANAGE_EXPORT = ["otop_export.manage_otop_export"]
RATE_SET = """mutation ($currency: String!, $rate: Decimal!) {
  exchangeRateSet(currency: $currency, unitsPerThb: $rate) {
    exchangeRate { currency unitsPerThb source } exportErrors { field code message } } }"""


@pytest.fixture
def rate_source():
    """A rate source on loopback answering like public baht-based rate APIs."""
    payload = {"result": "success", "base_code": "THB", "rates": {"JPY": 4.31, "EUR": 0.026, "USD": 0.0285}}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            body = json.dumps(payload).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/latest/THB"
    server.shutdown()
    server.server_close()


def configure_source(url):
    PluginConfiguration.objects.update_or_create(
        identifier="otop.export_markets",
        defaults={"active": True, "configuration": [{"name": "exchange_rate_source_url", "value": url}]},
    )


def test_staff_sets_an_exchange_rate(staff_api_client):
    data = staff_api_client.data(RATE_SET, {"currency": "jpy", "rate": "4.3"}, permissions=MANAGE_EXPORT)
    assert data["exchangeRateSet"]["exchangeRate"] == {"currency": "JPY", "unitsPerThb": 4.3, "source": "manual"}


def test_exchange_rate_of_an_unknown_currency_is_refused(staff_api_client):
    data = staff_api_client.data(RATE_SET, {"currency": "XYZ", "rate": "4.3"}, permissions=MANAGE_EXPORT)
    assert mutation_errors(data, "exchangeRateSet", "exportErrors")[0]["code"] == "INVALID_CURRENCY"
    assert not ExchangeRate.objects.exists()


def test_shopper_cannot_set_exchange_rates(user_api_client):
    user_api_client.assert_refused(RATE_SET, {"currency": "JPY", "rate": "4.3"})


def test_periodic_task_stores_the_rates_of_market_currencies(db, rate_source):
    MarketFactory(country="JP")
    MarketFactory(country="DE", display_currency="EUR")
    configure_source(rate_source)
    assert exchange_rates_refresh_task() == 2
    assert dict(ExchangeRate.objects.values_list("currency", "units_per_thb")) == {
        "EUR": Decimal("0.0260000000"),
        "JPY": Decimal("4.3100000000"),
    }


def test_periodic_task_does_nothing_without_a_source(db):
    MarketFactory(country="JP")
    assert exchange_rates_refresh_task() == 0
    assert not ExchangeRate.objects.exists()


def test_periodic_task_is_scheduled():
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "plugins.export_markets.tasks.exchange_rates_refresh_task" in tasks


def test_rate_source_that_is_not_a_url_is_refused_by_the_plugin_configuration(staff_api_client):
    data = staff_api_client.data(
        """mutation { pluginUpdate(id: "otop.export_markets", input: {configuration: [
          {name: "exchange_rate_source_url", value: "ftp://rates"}]}) { pluginsErrors { field code } } }""",
        permissions=["plugins.manage_plugins"],
    )
    assert data["pluginUpdate"]["pluginsErrors"] == [{"field": "exchangeRateSourceUrl", "code": "INVALID"}]


def test_exchange_rate_wider_than_its_column_is_refused(staff_api_client):
    # was "numeric field overflow" from PostgreSQL
    data = staff_api_client.data(RATE_SET, {"currency": "JPY", "rate": "1e20"}, permissions=MANAGE_EXPORT)
    errors = mutation_errors(data, "exchangeRateSet", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("unitsPerThb", "OUT_OF_RANGE")]
    assert not ExchangeRate.objects.exists()
