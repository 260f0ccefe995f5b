from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from saleor.order import OrderStatus
from saleor.plugins.models import PluginConfiguration

from plugins.curation import services
from plugins.curation.selectors import curation_configuration
from plugins.producer_channels.models import ProducerStatus
from tests.factories.curation import order_of, otop_product
from tests.factories.export_markets import MarketFactory
from tests.factories.places import PHON_KALASIN, SI_PHUM_CHIANG_MAI
from tests.factories.producer_channels import ProducerFactory

REPORT_PERMISSION = ["otop_curation.view_otop_programme_report"]

REPORT = """
query Report($period: DateRangeInput) {
  programmeReport(period: $period) {
    periodStart periodEnd
    targets { developedProducers developedPerProvince activeShops valueUpliftPercent }
    developedProducers {
      total target meetsTarget provincesMeetingMinimum provinceCount
      provinces { code region developedProducers meetsMinimum }
    }
    activeShops { producers target meetsTarget }
    highStarShare { publishedProducts highStarProducts minimumStars sharePercent }
    valueUplift {
      productsWithBaseline productsAtTarget averageUpliftPercent targetPercent
      products { product { slug } baselinePrice { amount } currentPrice { amount } upliftPercent meetsTarget }
    }
    salesByRegion { code orders units sales { amount currency } }
    salesByMarket { code name orders units sales { amount } }
  }
}
"""

IN_PERIOD = datetime(2026, 3, 15, 5, tzinfo=UTC)
BEFORE_PERIOD = datetime(2026, 2, 27, 5, tzinfo=UTC)
PERIOD = {"gte": "2026-03-01", "lte": "2026-03-31"}


@pytest.fixture
def programme(db):
    """Two developed producers in Kalasin, one shop below the star bar in Chiang Mai, one applicant."""
    japan = MarketFactory(country="JP", minimum_stars=1)
    kalasin_five = ProducerFactory(home_subdistrict_id=PHON_KALASIN)
    kalasin_four = ProducerFactory(home_subdistrict_id=PHON_KALASIN)
    chiang_mai = ProducerFactory(home_subdistrict_id=SI_PHUM_CHIANG_MAI)
    applicant = ProducerFactory(home_subdistrict_id=PHON_KALASIN, status=ProducerStatus.APPLIED)
    silk = otop_product(stars=5, producer=kalasin_five, price=Decimal("300.00"), slug="silk")
    cotton = otop_product(stars=4, producer=kalasin_four, price=Decimal("220.00"), slug="cotton")
    umbrella = otop_product(stars=3, producer=chiang_mai, subdistrict=SI_PHUM_CHIANG_MAI, slug="umbrella")
    otop_product(stars=5, producer=applicant, is_published=False)
    services.product_baseline_price_record(product=silk, amount=Decimal(250), recorded_on=date(2022, 1, 10))
    services.product_baseline_price_record(product=cotton, amount=Decimal(200), recorded_on=date(2022, 1, 10))
    order_of((silk, 2, Decimal("300.00")), country="TH", created=IN_PERIOD)
    order_of((silk, 1, Decimal("300.00")), (umbrella, 3, Decimal("100.00")), country="JP", created=IN_PERIOD)
    order_of((cotton, 5, Decimal("220.00")), country="JP", created=BEFORE_PERIOD)
    order_of((cotton, 5, Decimal("220.00")), country="JP", created=IN_PERIOD, status=OrderStatus.DRAFT)
    return {"japan": japan}


def report(client, period=PERIOD):
    return client.data(REPORT, {"period": period}, permissions=REPORT_PERMISSION)["programmeReport"]


def test_report_needs_its_permission(staff_api_client, programme):
    staff_api_client.assert_refused(REPORT)


def test_all_77_provinces_are_listed_with_developed_producers(staff_api_client, programme):
    developed = report(staff_api_client)["developedProducers"]

    assert developed["provinceCount"] == 77
    assert developed["total"] == 2
    by_code = {p["code"]: p for p in developed["provinces"]}
    assert by_code["46"] == {"code": "46", "region": "NORTHEAST", "developedProducers": 2, "meetsMinimum": True}
    assert by_code["50"]["developedProducers"] == 0
    assert developed["provincesMeetingMinimum"] == 1
    assert developed["target"] == 200 and developed["meetsTarget"] is False


def test_active_shops_count_approved_producers_with_published_products(staff_api_client, programme):
    assert report(staff_api_client)["activeShops"] == {"producers": 3, "target": 800, "meetsTarget": False}


def test_share_of_high_star_products(staff_api_client, programme):
    share = report(staff_api_client)["highStarShare"]

    assert share == {"publishedProducts": 3, "highStarProducts": 2, "minimumStars": 4, "sharePercent": 66.67}


def test_value_uplift_against_baselines(staff_api_client, programme):
    uplift = report(staff_api_client)["valueUplift"]

    assert uplift["productsWithBaseline"] == 2
    assert uplift["productsAtTarget"] == 1
    assert uplift["averageUpliftPercent"] == 15.56  # (520 - 450) / 450
    assert [(p["product"]["slug"], p["upliftPercent"], p["meetsTarget"]) for p in uplift["products"]] == [
        ("silk", 20.0, True),
        ("cotton", 10.0, False),
    ]


def test_sales_per_region_over_the_period(staff_api_client, programme):
    regions = {r["code"]: r for r in report(staff_api_client)["salesByRegion"]}

    assert len(regions) == 6
    assert regions["NORTHEAST"] == {"code": "NORTHEAST", "orders": 2, "units": 3, "sales": {"amount": 900.0, "currency": "THB"}}
    assert regions["NORTH"]["orders"] == 1 and regions["NORTH"]["sales"]["amount"] == 300.0
    assert regions["SOUTH"]["orders"] == 0


def test_sales_per_export_market_over_the_period(staff_api_client, programme):
    markets = report(staff_api_client)["salesByMarket"]

    assert markets == [{"code": "JP", "name": "Japan", "orders": 1, "units": 4, "sales": {"amount": 600.0}}]


def test_without_a_period_every_order_counts(staff_api_client, programme):
    markets = report(staff_api_client, period=None)["salesByMarket"]

    assert markets[0]["orders"] == 2


def test_period_ending_before_it_starts_is_refused(staff_api_client, programme):
    content = staff_api_client.post(
        REPORT, {"period": {"gte": "2026-03-31", "lte": "2026-03-01"}}, permissions=REPORT_PERMISSION
    )

    assert "period: lte (2026-03-01) is before gte (2026-03-31)" in content["errors"][0]["message"]


def test_targets_come_from_the_plugin_configuration(staff_api_client, programme):
    PluginConfiguration.objects.create(
        identifier="otop.curation",
        name="OTOP curation",
        active=True,
        configuration=[{"name": "developed_per_province_minimum", "value": "3"},
                       {"name": "value_uplift_target_percent", "value": "10"}],
    )

    data = report(staff_api_client)

    assert data["targets"]["developedPerProvince"] == 3
    assert data["developedProducers"]["provincesMeetingMinimum"] == 0
    assert data["valueUplift"]["productsAtTarget"] == 2


def _more_data(size):
    for index in range(size):
        producer = ProducerFactory(home_subdistrict_id=PHON_KALASIN)
        product = otop_product(stars=4 + index % 2, producer=producer, price=Decimal("150.00"))
        services.product_baseline_price_record(product=product, amount=Decimal(100), recorded_on=date(2023, 5, 1))
        order_of((product, 1, Decimal("150.00")), country="JP" if index % 2 else "TH", created=IN_PERIOD)


@pytest.mark.parametrize("size", [2, 12])
def test_report_query_count_does_not_grow_with_data(staff_api_client, programme, size):
    _more_data(size)
    staff_api_client.post("{ shop { name } }", permissions=REPORT_PERMISSION)
    with CaptureQueriesContext(connection) as queries:
        staff_api_client.data(REPORT, {"period": PERIOD})
    # the user with its token version (1), its permissions (3), the plugin configuration (1),
    # then one or two per figure
    assert len(queries) == 13, "\n".join(q["sql"][:120] for q in queries)


def test_configuration_defaults_are_the_programme_targets(db):
    config = curation_configuration()

    assert (config.developed_producers_target, config.active_shops_target, config.value_uplift_target_percent) == (
        200, 800, Decimal(20)
    )
