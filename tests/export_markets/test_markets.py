from plugins.export_markets.models import DutyRate, Market
from tests.factories.export_markets import MarketFactory, duty_rate
from tests.graphql_client import mutation_errors

MANAGE_EXPORT = ["otop_export.manage_otop_export"]

CREATE = """
mutation Create($country: String!, $input: ExportMarketInput!) {
  exportMarketCreate(country: $country, input: $input) {
    market {
      country { code country } enabled displayCurrency minimumStars allowedCategories dutyTerms
      deMinimisValue labelLanguages
      requirements { category kind }
      dutyRates { hsChapter dutyRate taxRate }
      shippingServices { service maxWeightGrams maxValue }
    }
    exportErrors { field code message }
  }
}
"""

UPDATE = """
mutation Update($country: String!, $input: ExportMarketInput!) {
  exportMarketUpdate(country: $country, input: $input) {
    market { minimumStars dutyRates { hsChapter dutyRate taxRate } }
    exportErrors { field code message }
  }
}
"""

JAPAN = {
    "enabled": True,
    "displayCurrency": "JPY",
    "allowedCategories": ["FOOD", "TEXTILE"],
    "requirements": [{"category": "FOOD", "kind": "THAI_FDA"}],
    "dutyTerms": "DDP",
    "deMinimisValue": 10000,
    "dutyRates": [{"hsChapter": "20", "dutyRate": 9, "taxRate": 8}],
    "shippingServices": [
        {"service": "EMS_WORLD", "maxWeightGrams": 30000},
        {"service": "EPACKET", "maxWeightGrams": 2000, "maxValue": 20000},
    ],
    "labelLanguages": ["ja", "en"],
}


def test_staff_creates_a_market_with_all_its_settings(staff_api_client):
    data = staff_api_client.data(CREATE, {"country": "jp", "input": JAPAN}, permissions=MANAGE_EXPORT)
    payload = data["exportMarketCreate"]
    assert payload["exportErrors"] == []
    market = payload["market"]
    assert market["country"] == {"code": "JP", "country": "Japan"}
    assert market["dutyTerms"] == "DDP"
    assert market["requirements"] == [{"category": "FOOD", "kind": "THAI_FDA"}]
    assert market["dutyRates"] == [{"hsChapter": "20", "dutyRate": 9.0, "taxRate": 8.0}]
    assert market["shippingServices"][1] == {"service": "EPACKET", "maxWeightGrams": 2000, "maxValue": 20000.0}
    assert market["labelLanguages"] == ["ja", "en"]


def test_minimum_stars_default_to_the_programmes_export_minimum(staff_api_client):
    data = staff_api_client.data(CREATE, {"country": "SG", "input": {"displayCurrency": "SGD"}}, permissions=MANAGE_EXPORT)
    assert data["exportMarketCreate"]["market"]["minimumStars"] == 4


def test_market_creation_needs_the_export_permission(staff_api_client):
    staff_api_client.assert_refused(CREATE, {"country": "JP", "input": JAPAN})
    assert not Market.objects.exists()


def test_country_code_that_does_not_exist_is_refused(staff_api_client):
    data = staff_api_client.data(CREATE, {"country": "XX", "input": JAPAN}, permissions=MANAGE_EXPORT)
    assert mutation_errors(data, "exportMarketCreate", "exportErrors") == [
        {"field": "country", "code": "INVALID_COUNTRY", "message": "'XX' is not an ISO 3166-1 country code."}
    ]
    assert not Market.objects.exists()


def test_duty_rate_above_100_percent_is_refused_and_nothing_written(staff_api_client):
    bad = {**JAPAN, "dutyRates": [{"hsChapter": "20", "dutyRate": 120, "taxRate": 8}]}
    data = staff_api_client.data(CREATE, {"country": "JP", "input": bad}, permissions=MANAGE_EXPORT)
    errors = mutation_errors(data, "exportMarketCreate", "exportErrors")
    assert [(error["field"], error["code"]) for error in errors] == [("dutyRates", "INVALID_RATE")]
    assert not Market.objects.exists()


def test_epacket_heavier_than_2_kg_is_refused(staff_api_client):
    bad = {**JAPAN, "shippingServices": [{"service": "EPACKET", "maxWeightGrams": 3000}]}
    data = staff_api_client.data(CREATE, {"country": "JP", "input": bad}, permissions=MANAGE_EXPORT)
    assert mutation_errors(data, "exportMarketCreate", "exportErrors")[0]["code"] == "INVALID_SERVICE_LIMIT"
    assert not Market.objects.exists()


def test_unknown_display_currency_is_refused(staff_api_client):
    data = staff_api_client.data(
        CREATE, {"country": "JP", "input": {**JAPAN, "displayCurrency": "ABC"}}, permissions=MANAGE_EXPORT
    )
    assert mutation_errors(data, "exportMarketCreate", "exportErrors")[0]["code"] == "INVALID_CURRENCY"


def test_second_market_for_a_country_is_refused(staff_api_client):
    MarketFactory(country="JP")
    data = staff_api_client.data(CREATE, {"country": "JP", "input": JAPAN}, permissions=MANAGE_EXPORT)
    assert mutation_errors(data, "exportMarketCreate", "exportErrors")[0]["code"] == "UNIQUE"


def test_update_replaces_duty_rates(staff_api_client):
    market = MarketFactory(country="JP")
    duty_rate(market, "09", 3, 10)
    data = staff_api_client.data(
        UPDATE,
        {"country": "JP", "input": {"dutyRates": [{"hsChapter": "20", "dutyRate": 9, "taxRate": 8}]}},
        permissions=MANAGE_EXPORT,
    )
    assert data["exportMarketUpdate"]["market"]["dutyRates"] == [{"hsChapter": "20", "dutyRate": 9.0, "taxRate": 8.0}]
    assert list(DutyRate.objects.values_list("hs_chapter", flat=True)) == ["20"]


def test_invalid_update_keeps_the_stored_settings(staff_api_client):
    market = MarketFactory(country="JP", minimum_stars=4)
    duty_rate(market, "09", 3, 10)
    data = staff_api_client.data(
        UPDATE,
        {"country": "JP", "input": {"minimumStars": 5, "dutyRates": [{"hsChapter": "9", "dutyRate": 1, "taxRate": 1}]}},
        permissions=MANAGE_EXPORT,
    )
    assert mutation_errors(data, "exportMarketUpdate", "exportErrors")[0]["code"] == "INVALID_HS_CHAPTER"
    market.refresh_from_db()
    assert market.minimum_stars == 4
    assert list(DutyRate.objects.values_list("hs_chapter", flat=True)) == ["09"]


def test_shoppers_see_only_enabled_markets(db, api_client):
    MarketFactory(country="JP")
    MarketFactory(country="CN", display_currency="CNY", enabled=False)
    data = api_client.data("{ exportMarkets { country { code } displayCurrency } }")
    assert data["exportMarkets"] == [{"country": {"code": "JP"}, "displayCurrency": "JPY"}]


def test_export_permission_is_known_to_saleor(staff_api_client):
    data = staff_api_client.data("{ me { userPermissions { code } } }", permissions=MANAGE_EXPORT)
    assert data["me"]["userPermissions"] == [{"code": "MANAGE_OTOP_EXPORT"}]
